//! Unit tests of metadata tables.
