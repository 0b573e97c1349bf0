//! The one integration-test binary: each module drives the library (or the built binary) on the
//! small fixture corpora under `tests/fixtures/` and the gold set under `tests/gold/`, with
//! expected numbers checked by hand.

mod analysis;
mod bench;
mod cleaning;
mod cli;
mod entities;
mod entity_rules;
mod fuzz;
mod helpers;
mod import;
mod languages;
mod links;
mod mail;
mod metadata;
mod parquet;
mod sessions;
mod store;
