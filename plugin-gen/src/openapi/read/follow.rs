//! Following `$ref`s to reusable objects (parameters, bodies, responses,
//! headers, security schemes, path items).

use std::collections::BTreeSet;

use crate::openapi::documents::Documents;
use crate::openapi::error::SpecError;
use crate::openapi::node::Node;
use crate::openapi::reference::{ReadError, resolve};

/// Follows `$ref`s from `node` to the first object without one. Other
/// members next to a `$ref` are ignored, as OpenAPI says.
pub(crate) fn follow<'a>(docs: &'a Documents, node: Node<'a>) -> Result<Node<'a>, ReadError> {
    let start = node.loc.clone();
    let mut seen = BTreeSet::new();
    let mut current = node;
    loop {
        let Some(reference) = current.get("$ref")? else {
            return Ok(current);
        };
        let text = reference.as_str()?;
        if !seen.insert(current.loc.clone()) {
            return Err(SpecError::RefCycle {
                at: start,
                reference: text.to_owned(),
            }
            .into());
        }
        current = resolve(docs, &reference, text)?;
    }
}
