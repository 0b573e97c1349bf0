//! Corpus analysis (being written).

pub mod entities;
