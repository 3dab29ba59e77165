//! The library behind the `obs-codes` command: the command's stages as plain functions,
//! for its binary, its tests and its benchmarks. Not a stable API: the command line is
//! the interface (see the crate's README); this library may change in any release.
//!
//! Two halves: the [`commands`], each answering with an [`commands::Outcome`], over the
//! tables the generator reads ([`inputs`]); and the [`import`] pipeline, which turns the
//! vendor's pages into such a table.
//!
//! Every table read or written goes through `obs-codes-gen`, the generator behind the
//! macro: the same reader, checks, messages and writer.

pub mod commands;
pub mod diagnostic;
pub mod escape;
pub mod import;
pub mod inputs;
pub mod output;
#[cfg(test)]
mod proptests;
