//! Compact serde forms for the analysis' large (id, count) arrays in a store: the pairs as
//! LEB128 varints packed into byte chunks, so that a store decodes them in a tight loop over
//! each chunk instead of one serde call per number (on 100k news articles the analysis part
//! decoded in 0.93 s before, most of it in those calls).
//!
//! - [`pairs`]: a `Vec<(u32, u32)>`, as a sequence of chunks.
//! - [`lists`]: a `Vec<Vec<(u32, u32)>>` (postings), as the list lengths, then all pairs as in
//!   [`pairs`].
//! - [`bytes`]: a large `Vec<u8>` (the compressed term postings), as pieces of at most 1 MiB.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeTuple, Serializer};

/// Pairs per chunk: at most 640 KiB of varints, well within the decoder's scratch buffer.
const CHUNK: usize = 1 << 16;

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// One chunk's bytes, written as a serde byte string.
struct Bytes<'a>(&'a [u8]);

impl serde::Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// The pairs as two tuple elements: their count, then a sequence of chunks of varints.
fn pair_elements<T: SerializeTuple>(
    t: &mut T,
    count: usize,
    pairs: &mut dyn Iterator<Item = (u32, u32)>,
) -> Result<(), T::Error> {
    /// The chunks, written from the iterator as the serializer asks for them.
    struct Chunks<'a>(
        std::cell::RefCell<&'a mut dyn Iterator<Item = (u32, u32)>>,
        usize,
    );

    impl serde::Serialize for Chunks<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut guard = self.0.borrow_mut();
            let pairs: &mut dyn Iterator<Item = (u32, u32)> = &mut **guard;
            let mut seq = s.serialize_seq(Some(self.1.div_ceil(CHUNK)))?;
            let mut buf = Vec::with_capacity(CHUNK * 4);
            let mut left = self.1;
            while left > 0 {
                buf.clear();
                let n = left.min(CHUNK);
                for (a, b) in pairs.take(n) {
                    put_varint(&mut buf, a);
                    put_varint(&mut buf, b);
                }
                left -= n;
                seq.serialize_element(&Bytes(&buf))?;
            }
            seq.end()
        }
    }

    t.serialize_element(&(count as u64))?;
    t.serialize_element(&Chunks(std::cell::RefCell::new(pairs), count))
}

/// Where decoded pairs go.
trait Sink {
    /// The count of pairs that follow (told before the first).
    fn expect(&mut self, count: u64);
    /// One pair; `false` when it is one too many.
    fn push(&mut self, pair: (u32, u32)) -> bool;
}

/// Decodes one chunk into a sink.
struct Chunk<'a, S: Sink>(&'a mut S);

impl<'de, S: Sink> DeserializeSeed<'de> for Chunk<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_byte_buf(self)
    }
}

impl<S: Sink> Visitor<'_> for Chunk<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a chunk of varint pairs")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<(), E> {
        let mut at = 0;
        while at < bytes.len() {
            let pair = get_varint(bytes, &mut at).zip(get_varint(bytes, &mut at));
            let pair = pair.ok_or_else(|| E::custom("a broken varint pair"))?;
            if !self.0.push(pair) {
                return Err(E::custom("more pairs than counted"));
            }
        }
        Ok(())
    }

    fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<(), E> {
        self.visit_bytes(&bytes)
    }
}

/// The sequence of chunks, into a sink.
struct ChunkSeq<'a, S: Sink>(&'a mut S);

impl<'de, S: Sink> DeserializeSeed<'de> for ChunkSeq<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink> Visitor<'de> for ChunkSeq<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("chunks of varint pairs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Chunk(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// The count and chunks of [`pair_elements`] into `sink`; the count read.
fn read_pairs<'de, A: SeqAccess<'de>, S: Sink>(seq: &mut A, sink: &mut S) -> Result<u64, A::Error> {
    use serde::de::Error;
    let count: u64 = seq
        .next_element()?
        .ok_or_else(|| A::Error::custom("no pair count"))?;
    sink.expect(count);
    seq.next_element_seed(ChunkSeq(sink))?
        .ok_or_else(|| A::Error::custom("no pairs"))?;
    Ok(count)
}

/// `#[serde(with = "crate::store::packed::pairs")]` for a `Vec<(u32, u32)>`.
pub mod pairs {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[(u32, u32)], s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(2)?;
        pair_elements(&mut t, v.len(), &mut v.iter().copied())?;
        t.end()
    }

    /// One vector, allocated once at the count (the store's checksum was verified before
    /// decoding, so the count is the writer's).
    struct Flat(Vec<(u32, u32)>, u64);

    impl Sink for Flat {
        fn expect(&mut self, count: u64) {
            self.1 = count;
            self.0.reserve_exact(usize::try_from(count).unwrap_or(0));
        }

        fn push(&mut self, pair: (u32, u32)) -> bool {
            let room = (self.0.len() as u64) < self.1;
            if room {
                self.0.push(pair);
            }
            room
        }
    }

    struct Pairs;

    impl<'de> Visitor<'de> for Pairs {
        type Value = Vec<(u32, u32)>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a pair count and its pairs")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut flat = Flat(Vec::new(), 0);
            let count = read_pairs(&mut seq, &mut flat)?;
            if flat.0.len() as u64 != count {
                return Err(serde::de::Error::custom("fewer pairs than counted"));
            }
            Ok(flat.0)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(u32, u32)>, D::Error> {
        d.deserialize_tuple(2, Pairs)
    }
}

/// `#[serde(with = "crate::store::packed::lists")]` for a `Vec<Vec<(u32, u32)>>`: the list
/// lengths, then all pairs as [`pairs`] writes them.
pub mod lists {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[Vec<(u32, u32)>], s: S) -> Result<S::Ok, S::Error> {
        let lens: Vec<u32> = v
            .iter()
            .map(|l| u32::try_from(l.len()).map_err(serde::ser::Error::custom))
            .collect::<Result<_, _>>()?;
        let count = v.iter().map(Vec::len).sum();
        let mut t = s.serialize_tuple(3)?;
        t.serialize_element(&lens)?;
        pair_elements(&mut t, count, &mut v.iter().flatten().copied())?;
        t.end()
    }

    /// The lists, each allocated at its length, filled in order.
    struct Fill {
        lists: Vec<Vec<(u32, u32)>>,
        lens: Vec<u32>,
        at: usize,
    }

    impl Sink for Fill {
        fn expect(&mut self, _count: u64) {}

        fn push(&mut self, pair: (u32, u32)) -> bool {
            while self.at < self.lens.len()
                && self.lists[self.at].len() == self.lens[self.at] as usize
            {
                self.at += 1;
            }
            match self.lists.get_mut(self.at) {
                Some(list) => {
                    list.push(pair);
                    true
                }
                None => false,
            }
        }
    }

    struct Lists;

    impl<'de> Visitor<'de> for Lists {
        type Value = Vec<Vec<(u32, u32)>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("list lengths and their pairs")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            use serde::de::Error;
            let lens: Vec<u32> = seq
                .next_element()?
                .ok_or_else(|| A::Error::custom("no list lengths"))?;
            let lists = lens
                .iter()
                .map(|&n| Vec::with_capacity(n as usize))
                .collect();
            let mut fill = Fill { lists, lens, at: 0 };
            let count = read_pairs(&mut seq, &mut fill)?;
            let total: u64 = fill.lens.iter().map(|&n| u64::from(n)).sum();
            let filled = fill
                .lists
                .iter()
                .zip(&fill.lens)
                .all(|(l, &n)| l.len() == n as usize);
            if total != count || !filled {
                return Err(A::Error::custom("list lengths do not add up"));
            }
            Ok(fill.lists)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<(u32, u32)>>, D::Error> {
        d.deserialize_tuple(3, Lists)
    }
}

/// `#[serde(with = "crate::store::packed::bytes")]` for a large `Vec<u8>`: its length, then
/// byte strings of at most 1 MiB (each fits the decoder's scratch buffer).
pub mod bytes {
    use super::*;

    const PIECE: usize = 1 << 20;

    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        struct Pieces<'a>(&'a [u8]);

        impl serde::Serialize for Pieces<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len().div_ceil(PIECE)))?;
                for piece in self.0.chunks(PIECE) {
                    seq.serialize_element(&Bytes(piece))?;
                }
                seq.end()
            }
        }

        let mut t = s.serialize_tuple(2)?;
        t.serialize_element(&(v.len() as u64))?;
        t.serialize_element(&Pieces(v))?;
        t.end()
    }

    /// One piece, appended.
    struct Piece<'a>(&'a mut Vec<u8>);

    impl<'de> DeserializeSeed<'de> for Piece<'_> {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_byte_buf(self)
        }
    }

    impl Visitor<'_> for Piece<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a piece of bytes")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<(), E> {
            self.0.extend_from_slice(bytes);
            Ok(())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<(), E> {
            self.visit_bytes(&bytes)
        }
    }

    /// The pieces, appended in order.
    struct PieceSeq<'a>(&'a mut Vec<u8>);

    impl<'de> DeserializeSeed<'de> for PieceSeq<'_> {
        type Value = ();

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for PieceSeq<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("pieces of bytes")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(Piece(&mut *self.0))?.is_some() {}
            Ok(())
        }
    }

    struct All;

    impl<'de> Visitor<'de> for All {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a length and pieces of bytes")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
            use serde::de::Error;
            let len: u64 = seq
                .next_element()?
                .ok_or_else(|| A::Error::custom("no length"))?;
            // The store's checksum was verified before decoding: the length is the writer's.
            let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
            seq.next_element_seed(PieceSeq(&mut out))?
                .ok_or_else(|| A::Error::custom("no pieces"))?;
            if out.len() as u64 != len {
                return Err(A::Error::custom("fewer bytes than counted"));
            }
            Ok(out)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        d.deserialize_tuple(2, All)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Both {
        #[serde(with = "super::pairs")]
        pairs: Vec<(u32, u32)>,
        #[serde(with = "super::lists")]
        lists: Vec<Vec<(u32, u32)>>,
        after: String,
    }

    #[test]
    fn pairs_and_lists_round_trip_across_chunks() {
        // More pairs than one chunk, with ids at the varint boundaries.
        let pairs: Vec<(u32, u32)> = (0..super::CHUNK as u32 + 5)
            .map(|i| (i.wrapping_mul(2_654_435_761), i % 130))
            .chain([(0, 0), (127, 128), (u32::MAX, 16_383), (16_384, u32::MAX)])
            .collect();
        let lists = vec![vec![], vec![(1, 2)], pairs[..1000].to_vec(), vec![]];
        let both = Both {
            pairs,
            lists,
            after: "end".into(),
        };
        let bytes = postcard::to_stdvec(&both).expect("serialises");
        assert_eq!(postcard::from_bytes::<Both>(&bytes).expect("reads"), both);
        let mut scratch = vec![0u8; 1 << 20];
        let (read, _) =
            postcard::from_io::<Both, _>((bytes.as_slice(), &mut scratch)).expect("streams");
        assert_eq!(read, both);
    }

    #[test]
    fn a_cut_varint_is_an_error_not_a_panic() {
        let mut at = 0;
        assert_eq!(super::get_varint(&[0x80, 0x80], &mut at), None);
        let mut at = 0;
        assert_eq!(super::get_varint(&[0xff; 6], &mut at), None);
        let mut at = 0;
        assert_eq!(super::get_varint(&[0xac, 0x02], &mut at), Some(300));
    }
}
