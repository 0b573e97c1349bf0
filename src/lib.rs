//! Lexiscope: fast corpus analytics for folders of news articles.
//!
//! The core layers (`model`, `import`, `text`, `analysis`, `export`, `jobs`, `stage_clock`) have no UI
//! dependency and build with `--no-default-features`; the `cli` and (feature `gui`) `gui` modules
//! are thin front ends over them.

pub mod analysis;
pub mod bench;
pub mod cli;
pub mod export;
#[cfg(feature = "gui")]
pub mod gui;
pub mod import;
pub mod jobs;
pub mod model;
pub mod session;
pub mod stage_clock;
pub mod store;
pub mod text;
