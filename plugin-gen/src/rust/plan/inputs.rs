//! The keys of a command's input.
//!
//! A command takes one JSON object holding the operation's parameters and
//! body fields by their wire names, flat: path, query, header and cookie
//! parameters, then the body's fields when the body is an object with
//! known fields. A body of any other shape (a list, a map, a union, a
//! string) is given whole under `$body`.
//!
//! When two of them share a wire name, the first in that order keeps it
//! and the later one is given as `<place>:<wire name>` (`body:customer`,
//! `header:id`); a wire name that starts with `$` is always given that
//! way, since `$` starts the control keys.

use crate::model::{BodyContent, MediaKind, Operation, Param, TypeKind, TypeRef};
use crate::naming::UniqueNames;
use crate::rust::plan::Plan;

/// The control key holding a body that is not an object of fields.
pub(crate) const BODY_KEY: &str = "$body";

/// One input key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    /// The key in the input.
    pub(crate) key: String,
    /// The wire name it stands for.
    pub(crate) wire: String,
}

/// A parameter and its input key.
#[derive(Clone, Debug)]
pub(crate) struct ParamInput<'m> {
    /// The key.
    pub(crate) key: Key,
    /// The parameter.
    pub(crate) param: &'m Param,
}

/// The body and how the input holds it.
#[derive(Clone, Debug)]
pub(crate) enum BodyInput<'m> {
    /// The operation has no body.
    None,
    /// An object whose fields are input keys.
    Fields {
        /// The media type sent.
        content: &'m BodyContent,
        /// The struct's name.
        type_name: &'m str,
        /// The fields' keys.
        keys: Vec<Key>,
        /// Whether the body must be sent.
        required: bool,
    },
    /// A body under `$body`.
    Whole {
        /// The media type sent.
        content: &'m BodyContent,
        /// Whether the body must be sent.
        required: bool,
    },
}

/// The input of one command.
#[derive(Clone, Debug)]
pub(crate) struct InputPlan<'m> {
    /// Path parameters.
    pub(crate) path: Vec<ParamInput<'m>>,
    /// Query parameters.
    pub(crate) query: Vec<ParamInput<'m>>,
    /// Header parameters.
    pub(crate) header: Vec<ParamInput<'m>>,
    /// Cookie parameters.
    pub(crate) cookie: Vec<ParamInput<'m>>,
    /// The body.
    pub(crate) body: BodyInput<'m>,
}

impl<'m> InputPlan<'m> {
    /// The input of `op`.
    pub(crate) fn of(plan: &Plan<'m>, op: &'m Operation) -> Self {
        let mut taken = UniqueNames::default();
        let mut claim = |place: &str, wire: &str| {
            let wanted = if wire.starts_with('$') || taken.is_taken(wire) {
                format!("{place}:{wire}")
            } else {
                wire.to_owned()
            };
            Key {
                key: taken.claim_type(&wanted),
                wire: wire.to_owned(),
            }
        };
        let mut params = |place: &str, list: &'m [Param]| -> Vec<ParamInput<'m>> {
            list.iter()
                .map(|param| ParamInput {
                    key: claim(place, &param.wire_name),
                    param,
                })
                .collect()
        };
        let path = params("path", &op.path_params);
        let query = params("query", &op.query_params);
        let header = params("header", &op.header_params);
        let cookie = params("cookie", &op.cookie_params);
        let body = match op.request_body.as_ref() {
            None => BodyInput::None,
            Some(body) => match body.contents.first() {
                None => BodyInput::None,
                Some(content) => match flat_struct(plan, content) {
                    Some((type_name, wires)) => BodyInput::Fields {
                        content,
                        type_name,
                        keys: wires.iter().map(|wire| claim("body", wire)).collect(),
                        required: body.required,
                    },
                    None => {
                        claim("body", BODY_KEY);
                        BodyInput::Whole {
                            content,
                            required: body.required,
                        }
                    }
                },
            },
        };
        Self {
            path,
            query,
            header,
            cookie,
            body,
        }
    }

    /// Every key, in order.
    pub(crate) fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .path
            .iter()
            .chain(&self.query)
            .chain(&self.header)
            .chain(&self.cookie)
            .map(|p| p.key.key.as_str())
            .collect();
        match &self.body {
            BodyInput::None => {}
            BodyInput::Fields { keys: fields, .. } => {
                keys.extend(fields.iter().map(|k| k.key.as_str()))
            }
            BodyInput::Whole { .. } => keys.push(BODY_KEY),
        }
        keys
    }
}

/// The struct and its fields' wire names, when `content` is an object with
/// known fields and nothing else.
fn flat_struct<'m>(plan: &Plan<'m>, content: &'m BodyContent) -> Option<(&'m str, Vec<String>)> {
    if !matches!(
        content.kind,
        MediaKind::Json | MediaKind::FormUrlEncoded | MediaKind::Multipart
    ) {
        return None;
    }
    let Some(TypeRef::Named(name)) = &content.ty else {
        return None;
    };
    let def = plan.model.types.get(name)?;
    match &def.kind {
        TypeKind::Struct(fields) if fields.additional.is_none() => Some((
            name.as_str(),
            fields.fields.iter().map(|f| f.wire_name.clone()).collect(),
        )),
        _ => None,
    }
}
