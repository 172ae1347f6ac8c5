//! Turns specifications into plugin crates.
//!
//! The generator is a set of libraries with thin front ends:
//!
//! - **[`openapi`]**, the OpenAPI front end, reads OpenAPI 3.0 and 3.1
//!   (JSON or YAML, local `$ref`s resolved, remote ones refused) into a
//!   checked [`openapi::Spec`].
//! - **[`model`]**, the intermediate model, turns a spec into resources,
//!   operations and types with collision-free, readable Rust names,
//!   ordered so that output is deterministic. Every back end consumes it.
//! - **[`naming`]** holds the naming rules both use.
//! - **[`rust`]**, the Rust back end, writes a complete plugin crate from
//!   a model: one command per operation, serde types, a feature per
//!   resource, authentication from the host's credentials.
//!   [`generate_openapi`] does all three steps in one call
//!   (docs/generator.md).
//!
//! Still to come: JSON plugin specs and natural-language descriptions as
//! front ends, and `plugctl generate` over all of it.
//!
//! ```
//! use plugin_gen::{model::Model, openapi};
//!
//! let spec = openapi::parse(
//!     r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
//!        "paths": {"/v1/customers": {"get": {
//!            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
//!            "responses": {"200": {"description": "ok"}}}}}}"#,
//!     openapi::Format::Json,
//! )?;
//! let model = Model::from_spec(&spec)?;
//! assert!(model.resources["customers"].operations.contains_key("list"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod generate;
mod graph;
pub mod model;
pub mod naming;
pub mod openapi;
pub mod rust;
mod stack;

pub use generate::generate_openapi;
