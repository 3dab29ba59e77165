//! The library behind the `obs-codes` command: the command's stages as plain functions,
//! for its binary, its tests and its benchmarks. Not a stable API: the command line is
//! the interface (see the crate's README); this library may change in any release.
//!
//! Every table read or written goes through `obs-codes-gen`, the generator behind the
//! macro: the same reader, checks, messages and writer.

pub mod diagnostic;
pub mod diff;
pub mod explain;
pub mod fixes;
pub mod formats;
pub mod html;
pub mod inputs;
pub mod list;
pub mod list_table;
pub mod markup;
pub mod merge;
pub mod output;
pub mod page;
pub mod pipe_table;
pub mod rst;
pub mod simple_table;
