//! Compressed postings: for each term, the (article, count) pairs of the articles it occurs in,
//! ascending article, stored as varints of the article gaps and the counts, all lists back to
//! back in one byte buffer. On 100k news articles this holds the term index in 33 MB instead of
//! 122 MB of `(u32, u32)` pairs; a list is decoded as it is walked.

use serde::{Deserialize, Serialize};

/// Every term's postings, compressed (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Postings {
    /// Byte offset of each list in `bytes`, and the end (one more than the lists).
    starts: Vec<u64>,
    /// Pairs in each list (the term's document frequency).
    lens: Vec<u32>,
    #[serde(with = "crate::store::packed::bytes")]
    bytes: Vec<u8>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Postings {
    /// Compress lists of (article, count) pairs, each in ascending article order.
    pub fn from_lists(lists: &[Vec<(u32, u32)>]) -> Self {
        let mut p = Postings {
            starts: Vec::with_capacity(lists.len() + 1),
            lens: Vec::with_capacity(lists.len()),
            bytes: Vec::new(),
        };
        for list in lists {
            p.push(list);
        }
        p.starts.push(p.bytes.len() as u64);
        p.bytes.shrink_to_fit();
        p
    }

    fn push(&mut self, list: &[(u32, u32)]) {
        self.starts.push(self.bytes.len() as u64);
        self.lens.push(list.len() as u32);
        let mut prev = 0u32;
        for &(doc, count) in list {
            put_varint(&mut self.bytes, doc.wrapping_sub(prev));
            put_varint(&mut self.bytes, count);
            prev = doc;
        }
    }

    /// How many lists (terms).
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// List `i`: its pairs as an iterator (empty when out of range).
    pub fn get(&self, i: usize) -> List<'_> {
        let (Some(&a), Some(&b), Some(&n)) =
            (self.starts.get(i), self.starts.get(i + 1), self.lens.get(i))
        else {
            return List::default();
        };
        let bytes = self.bytes.get(a as usize..b as usize).unwrap_or_default();
        List {
            bytes,
            left: n as usize,
            doc: 0,
        }
    }

    /// The number of pairs in list `i` (a term's document frequency).
    pub fn list_len(&self, i: usize) -> usize {
        self.lens.get(i).map_or(0, |&n| n as usize)
    }

    /// List `i`, decoded.
    pub fn to_vec(&self, i: usize) -> Vec<(u32, u32)> {
        self.get(i).collect()
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 8 + self.lens.capacity() * 4 + self.bytes.capacity()
    }
}

/// One list's pairs, decoded as they are walked.
#[derive(Clone, Debug, Default)]
pub struct List<'a> {
    bytes: &'a [u8],
    left: usize,
    doc: u32,
}

impl List<'_> {
    fn varint(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

impl Iterator for List<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        if self.left == 0 {
            return None;
        }
        let gap = self.varint()?;
        let count = self.varint()?;
        self.left -= 1;
        self.doc = self.doc.wrapping_add(gap);
        Some((self.doc, count))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_with_large_gaps_and_counts() {
        let lists = vec![
            vec![(0, 1), (1, 300), (200_000, 2), (u32::MAX, u32::MAX)],
            vec![],
            vec![(7, 127), (8, 128), (16_391, 16_384)],
        ];
        let p = Postings::from_lists(&lists);
        assert_eq!(p.len(), 3);
        for (i, l) in lists.iter().enumerate() {
            assert_eq!(&p.to_vec(i), l);
            assert_eq!(p.list_len(i), l.len());
        }
        assert_eq!(p.get(3).count(), 0, "out of range is empty");
        // Small gaps and counts take two bytes a pair.
        let dense = Postings::from_lists(&[(0..1000).map(|d| (d, 1)).collect()]);
        assert_eq!(dense.bytes.len(), 2000);
        let bytes = postcard::to_stdvec(&p).expect("serialises");
        assert_eq!(postcard::from_bytes::<Postings>(&bytes).expect("reads"), p);
    }
}
