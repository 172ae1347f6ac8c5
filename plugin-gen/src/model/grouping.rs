//! Which resource an operation belongs to, from its path.
//!
//! The rule, applied to the path's segments:
//!
//! 1. Leading version segments are dropped: `v1`, `v2beta`, and segments
//!    that start with a digit (`2010-04-01`).
//! 2. A static segment is named by its text up to the first `.`
//!    (`Calls.json` -> `Calls`); a segment with a `{param}` is an item.
//! 3. The last static segment is an *action* on the resource before it
//!    when the path has exactly one operation, the path without that
//!    segment is itself a path of the spec, and no path continues below
//!    it: `/v1/customers/search`, `/v1/payment_intents/{intent}/confirm`.
//! 4. The resource is named by the remaining static segments, in
//!    `snake_case`: `/v1/customers` and `/v1/customers/{customer}` are
//!    `customers`; `/v1/customers/{customer}/sources/{id}` is
//!    `customers sources`; `/v1/checkout/sessions` is `checkout sessions`.
//! 5. A path with no static segment left takes its operation's first tag,
//!    else `default`.

use std::collections::{BTreeMap, BTreeSet};

use crate::naming::snake_case;
use crate::openapi::Spec;

/// One segment of a path, for grouping.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    Static(String),
    Param,
}

/// Where an operation goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placement {
    /// The resource's segments, `snake_case`.
    pub(crate) resource: Vec<String>,
    /// The action's path segment, for action paths.
    pub(crate) action: Option<String>,
    /// The path ends in a parameter (an item rather than a collection).
    pub(crate) on_item: bool,
}

/// The placement of every operation of `spec`, in the same order.
pub(crate) fn place_operations(spec: &Spec) -> Vec<Placement> {
    let skeletons: BTreeMap<&str, Vec<Segment>> = spec
        .operations
        .iter()
        .map(|op| (op.path.as_str(), skeleton(&op.path)))
        .collect();
    let known: BTreeSet<&Vec<Segment>> = skeletons.values().collect();
    let mut operations_per_path: BTreeMap<&str, usize> = BTreeMap::new();
    for op in &spec.operations {
        *operations_per_path.entry(op.path.as_str()).or_default() += 1;
    }
    spec.operations
        .iter()
        .map(|op| {
            let segments = &skeletons[op.path.as_str()];
            let action = match segments.split_last() {
                Some((Segment::Static(last), prefix))
                    if !prefix.is_empty()
                        && operations_per_path[op.path.as_str()] == 1
                        && known.contains(&prefix.to_vec())
                        && !known.iter().any(|other| {
                            other.len() > segments.len() && other.starts_with(segments)
                        }) =>
                {
                    Some(last.clone())
                }
                _ => None,
            };
            let resource_segments = match action {
                Some(_) => &segments[..segments.len() - 1],
                None => &segments[..],
            };
            let mut resource: Vec<String> = resource_segments
                .iter()
                .filter_map(|segment| match segment {
                    Segment::Static(name) => snake_case(name),
                    Segment::Param => None,
                })
                .collect();
            if resource.is_empty() {
                let tag = op.tags.first().and_then(|tag| snake_case(tag));
                resource.push(tag.unwrap_or_else(|| "default".to_owned()));
            }
            Placement {
                resource,
                action,
                on_item: matches!(resource_segments.last(), Some(Segment::Param)),
            }
        })
        .collect()
}

fn skeleton(path: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            if segment.contains('{') {
                Segment::Param
            } else {
                let stem = segment.split('.').next().unwrap_or("");
                Segment::Static(if stem.is_empty() { segment } else { stem }.to_owned())
            }
        })
        .collect();
    while matches!(segments.first(), Some(Segment::Static(name)) if is_version(name)) {
        segments.remove(0);
    }
    segments
}

fn is_version(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    match bytes {
        [first, ..] if first.is_ascii_digit() => true,
        [b'v' | b'V', second, ..] => {
            second.is_ascii_digit() && bytes.iter().all(u8::is_ascii_alphanumeric)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_drop_versions_and_extensions() {
        let s = |name: &str| Segment::Static(name.into());
        assert_eq!(
            skeleton("/v1/customers/{customer}"),
            [s("customers"), Segment::Param]
        );
        assert_eq!(
            skeleton("/2010-04-01/Accounts/{AccountSid}/Calls.json"),
            [s("Accounts"), Segment::Param, s("Calls")]
        );
        assert_eq!(skeleton("/v2beta/vs/values"), [s("vs"), s("values")]);
        assert_eq!(skeleton("/"), []);
    }
}
