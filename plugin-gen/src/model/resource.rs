//! Resources: groups of operations on the same thing.

use std::collections::BTreeMap;

use super::operation::Operation;

/// A resource and its operations.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// The words of its name, `snake_case`, outermost first
    /// (`["customers", "sources"]`).
    pub segments: Vec<String>,
    /// The name as a user types it: the segments joined by spaces
    /// (`customers sources`).
    pub name: String,
    /// A module name: the segments joined by `_` (`customers_sources`),
    /// unique in the model; also its key in
    /// [`Model::resources`](super::Model::resources).
    pub module: String,
    /// The prefix of the names of its operations' types: each segment
    /// singular, `UpperCamelCase` (`CustomerSource`).
    pub type_prefix: String,
    /// Its operations, by command.
    pub operations: BTreeMap<String, Operation>,
}
