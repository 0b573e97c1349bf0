//! Sets of articles as sorted, duplicate-free lists of article ids: the one home of the set
//! operations that filters, queries, concordances and comparisons combine selections with
//! (`AND` is [`intersect`], `OR` is [`union`], `NOT` and "the rest of the corpus" are
//! [`complement`]).

/// Sorted intersection of two ascending lists.
pub fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Sorted union of two ascending lists.
pub fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The ids in `0..n` that are not in the ascending list `a`: the rest of a corpus of `n`
/// articles.
pub fn complement(a: &[u32], n: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(n as usize - a.len().min(n as usize));
    let mut it = a.iter().peekable();
    for d in 0..n {
        while it.peek().is_some_and(|&&x| x < d) {
            it.next();
        }
        if it.peek() == Some(&&d) {
            it.next();
        } else {
            out.push(d);
        }
    }
    out
}

/// Every id of a corpus of `n` articles.
pub fn all(n: usize) -> Vec<u32> {
    (0..n as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[3, 4, 5]), vec![3, 5]);
        assert_eq!(union(&[1, 5], &[2, 5]), vec![1, 2, 5]);
        assert_eq!(complement(&[0, 2], 4), vec![1, 3]);
        assert_eq!(complement(&[], 3), vec![0, 1, 2]);
        assert_eq!(complement(&[0, 1, 2], 3), Vec::<u32>::new());
        assert_eq!(all(3), vec![0, 1, 2]);
    }

    #[test]
    fn complement_ignores_ids_past_the_corpus() {
        assert_eq!(complement(&[1, 9], 3), vec![0, 2]);
    }
}
