//! Which cargo features compile which types.
//!
//! Every resource has a feature. A type is compiled when a feature is on
//! whose resource reaches it: the resource's operations name it (as a
//! parameter, body, response or list item), or a type compiled for it
//! holds it. The set of those features is the type's [`Gate`].
//!
//! A *resource object*, a type some operation answers with on success
//! (Stripe's `Customer`, `Price`), is never held by another type directly:
//! other types hold a *link* to it (`types::link::Customer`), an alias that
//! is `Box<Customer>` when one of the object's own features is on and
//! `serde_json::Value` otherwise. So the gate of a resource object is the
//! set of resources whose operations name it, and following a reference
//! from one object to another (Stripe's expandable fields, a customer's
//! list of subscriptions) never pulls a second resource's types into a
//! build. Without links, one Stripe resource reaches, through its default
//! error type and expandable fields, hundreds of types of other resources.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{MediaKind, Model, Operation, Pagination, TypeDef, TypeKind, TypeRef};

/// The features (by resource index) that compile something.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Gate(BTreeSet<usize>);

impl Gate {
    /// The resources, in order.
    pub(crate) fn resources(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().copied()
    }

    /// No feature compiles it.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every feature of a crate with `total` resources compiles it.
    pub(crate) fn is_all(&self, total: usize) -> bool {
        self.0.len() == total
    }

    /// Whenever `other` is on, `self` is: inside something gated by
    /// `other`, `self` needs no `cfg` of its own.
    pub(crate) fn covers(&self, other: &Gate) -> bool {
        other.0.is_subset(&self.0)
    }

    /// Adds every resource of `other`.
    pub(crate) fn extend(&mut self, other: &Gate) {
        self.0.extend(other.0.iter().copied());
    }
}

/// The gates of every type, and which types are resource objects.
#[derive(Debug)]
pub(crate) struct Gating {
    /// Each type's gate, by name.
    pub(crate) types: BTreeMap<String, Gate>,
    /// The resource objects, which other types hold through links.
    pub(crate) objects: BTreeSet<String>,
}

impl Gating {
    /// Computes the gates of `model`'s types.
    pub(crate) fn compute(model: &Model) -> Self {
        let objects: BTreeSet<String> = resource_objects(model);
        let hard: BTreeMap<&str, Vec<&str>> = model
            .types
            .iter()
            .map(|(name, def)| (name.as_str(), hard_references(def, &objects)))
            .collect();
        let mut types: BTreeMap<String, Gate> = model
            .types
            .keys()
            .map(|n| (n.clone(), Gate::default()))
            .collect();
        for (index, resource) in model.resources.values().enumerate() {
            let mut stack: Vec<&str> = resource
                .operations
                .values()
                .flat_map(operation_roots)
                .collect();
            let mut seen = BTreeSet::new();
            while let Some(name) = stack.pop() {
                if !seen.insert(name) {
                    continue;
                }
                if let Some(gate) = types.get_mut(name) {
                    gate.0.insert(index);
                }
                if let Some(targets) = hard.get(name) {
                    stack.extend(targets.iter().copied());
                }
            }
        }
        // A type no operation reaches is compiled always (it is part of
        // the API's vocabulary for the crate's Rust users), and so is
        // everything it holds.
        let all = Gate((0..model.resources.len()).collect());
        let mut stack: Vec<&str> = types
            .iter()
            .filter(|(_, gate)| gate.is_empty())
            .map(|(name, _)| name.as_str())
            .collect();
        let mut always = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if always.insert(name.to_owned()) {
                stack.extend(hard.get(name).into_iter().flatten().copied());
            }
        }
        for name in always {
            types.insert(name, all.clone());
        }
        Self { types, objects }
    }

    /// The gate of type `name` (empty for a name the model does not have).
    pub(crate) fn of(&self, name: &str) -> Gate {
        self.types.get(name).cloned().unwrap_or_default()
    }

    /// Whether `name` is a resource object, held by other types through
    /// a link.
    pub(crate) fn is_object(&self, name: &str) -> bool {
        self.objects.contains(name)
    }
}

/// The types operations answer with on success: the objects a resource
/// is about.
fn resource_objects(model: &Model) -> BTreeSet<String> {
    model
        .operations()
        .flat_map(|(_, op)| op.responses.iter())
        .filter(|(status, _)| status.is_success())
        .filter_map(|(_, response)| response.contents.first())
        .filter(|content| content.kind == MediaKind::Json)
        .filter_map(|content| content.ty.as_ref()?.named_by_value())
        .filter(|name| model.types.contains_key(*name))
        .map(str::to_owned)
        .collect()
}

/// The types an operation names directly: its parameters, the body it
/// sends (the preferred media type), what each response decodes into, and
/// the items of a paged list.
pub(crate) fn operation_roots(op: &Operation) -> Vec<&str> {
    let mut roots = Vec::new();
    for param in op
        .path_params
        .iter()
        .chain(&op.header_params)
        .chain(&op.cookie_params)
    {
        roots.extend(param.ty.names());
    }
    roots.extend(op.query_type.as_deref());
    if let Some(content) = op
        .request_body
        .as_ref()
        .and_then(|body| body.contents.first())
    {
        roots.extend(content.ty.iter().flat_map(TypeRef::names));
    }
    for response in op.responses.values() {
        if let Some(content) = response
            .contents
            .first()
            .filter(|c| c.kind == MediaKind::Json)
        {
            roots.extend(content.ty.iter().flat_map(TypeRef::names));
        }
    }
    if let Some(Pagination::Cursor { item, .. } | Pagination::PageToken { item, .. }) =
        &op.pagination
    {
        roots.extend(item.names());
    }
    roots
}

/// The types `def` holds directly (links to resource objects left out).
fn hard_references<'m>(def: &'m TypeDef, objects: &BTreeSet<String>) -> Vec<&'m str> {
    let mut names: Vec<&str> = match &def.kind {
        TypeKind::Struct(fields) => fields
            .fields
            .iter()
            .flat_map(|f| f.ty.names())
            .chain(fields.additional.iter().flat_map(TypeRef::names))
            .collect(),
        TypeKind::Union(union) => union.variants.iter().flat_map(|v| v.ty.names()).collect(),
        TypeKind::Alias(alias) => alias.ty.names(),
        TypeKind::Enum(_) => Vec::new(),
    };
    names.retain(|name| !objects.contains(*name));
    names
}
