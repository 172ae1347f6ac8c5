//! Turns specifications into plugin crates.
//!
//! This crate is the generator's home in the workspace; its front ends and
//! back end are not written yet, and it exports nothing so far. The design
//! it will follow:
//!
//! - **Front ends** read a specification into a checked document: OpenAPI
//!   3.0 and 3.1 (JSON or YAML, local `$ref`s resolved, remote ones refused),
//!   JSON plugin specs, and natural-language descriptions through an AI
//!   provider.
//! - **An intermediate model** of resources, operations and types, with
//!   collision-free, readable names, is what every back end consumes.
//! - **The Rust back end** writes a complete plugin crate (`Cargo.toml`,
//!   `#[plugin]` glue, serde types, one command per operation grouped by
//!   resource, authentication from the spec's security schemes), one module
//!   and one cargo feature per resource. Output is deterministic: ordered
//!   with `BTreeMap`, formatted with `prettyplease`, warning-free under
//!   clippy.
//! - **Thin front ends**: `plugctl generate` and a library call.
#![deny(missing_docs)]
