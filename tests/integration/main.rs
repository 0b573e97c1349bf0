//! The one integration-test binary of the crate; each module tests one area.

mod entities;
