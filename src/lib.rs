//! crosscheck: reads the sources of a story and reports where they contradict
//! each other, every claim traced to its file, line and sentence.
//!
//! The engine is a one-way pipeline (see [`pipeline`]):
//! ingest → segment → extract → normalize → graph → rules → findings → report.
//! The engine never prints; report writers only read findings.

pub mod archive;
pub mod baseline;
pub mod calendar;
pub mod claim;
pub mod cli;
pub mod config;
pub mod error;
pub mod eval;
pub mod extract;
pub mod findings;
pub mod generate;
pub mod graph;
pub mod ingest;
pub mod knowledge;
pub mod location;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod segment;
pub mod shard;
pub mod sources;
pub mod span;
pub mod spool;
pub mod stories;
