//! The one integration-test binary: each module drives the library (or the built binary) on the
//! small fixture corpora under `tests/fixtures/`, with expected numbers checked by hand.

mod cli;
mod helpers;
mod import;
