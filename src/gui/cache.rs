//! The one small cache type of the panels: a key that says what a panel's derived rows were last
//! computed for (scope, search text, sort, …), so they are recomputed only when it changes, never
//! per frame.

/// The key the cached values of a panel were computed for.
#[derive(Clone, Debug)]
pub struct CacheKey<K>(Option<K>);

impl<K> Default for CacheKey<K> {
    fn default() -> Self {
        Self(None)
    }
}

impl<K: PartialEq> CacheKey<K> {
    /// Whether the values must be recomputed for `key`; when they must, `key` is remembered (the
    /// caller recomputes right away).
    pub fn changed(&mut self, key: K) -> bool {
        if self.0.as_ref() == Some(&key) {
            return false;
        }
        self.0 = Some(key);
        true
    }

    /// Remember that the values are now computed for `key`.
    pub fn set(&mut self, key: K) {
        self.0 = Some(key);
    }

    /// Whether the values were computed for `key`.
    pub fn is(&self, key: &K) -> bool {
        self.0.as_ref() == Some(key)
    }

    /// The key the values were computed for.
    pub fn get(&self) -> Option<&K> {
        self.0.as_ref()
    }

    /// Forget the key: the next [`CacheKey::changed`] is true.
    pub fn clear(&mut self) {
        self.0 = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recomputes_only_when_the_key_changes() {
        let mut key: CacheKey<(u64, String)> = CacheKey::default();
        assert!(key.changed((1, "war".into())));
        assert!(!key.changed((1, "war".into())));
        assert!(key.is(&(1, "war".into())));
        assert!(key.changed((2, "war".into())));
        key.clear();
        assert_eq!(key.get(), None);
        assert!(key.changed((2, "war".into())));
    }
}
