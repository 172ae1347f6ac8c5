//! A value inside a document together with where it is, with typed
//! accessors that turn every mismatch into an error naming the place.

use serde_json::{Map, Value};

use super::documents::DocId;
use super::error::SpecError;
use super::location::Location;

/// A JSON value read at a known location.
#[derive(Clone, Debug)]
pub(crate) struct Node<'a> {
    pub(crate) value: &'a Value,
    pub(crate) doc: DocId,
    pub(crate) loc: Location,
}

/// The JSON type of a value, as error messages name it.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    /// The node at `key` below this one, holding `value`.
    pub(crate) fn below(&self, key: &str, value: &'a Value) -> Node<'a> {
        Node {
            value,
            doc: self.doc,
            loc: self.loc.push(key),
        }
    }

    pub(crate) fn wrong_type(&self, expected: &'static str) -> SpecError {
        SpecError::WrongType {
            at: self.loc.clone(),
            expected,
            found: json_type(self.value),
        }
    }

    pub(crate) fn invalid(&self, message: impl Into<String>) -> SpecError {
        SpecError::Invalid {
            at: self.loc.clone(),
            message: message.into(),
        }
    }

    pub(crate) fn unsupported(
        &self,
        construct: impl Into<String>,
        hint: impl Into<String>,
    ) -> SpecError {
        SpecError::Unsupported {
            at: self.loc.clone(),
            construct: construct.into(),
            hint: hint.into(),
        }
    }

    pub(crate) fn object(&self) -> Result<&'a Map<String, Value>, SpecError> {
        self.value
            .as_object()
            .ok_or_else(|| self.wrong_type("an object"))
    }

    pub(crate) fn as_str(&self) -> Result<&'a str, SpecError> {
        self.value
            .as_str()
            .ok_or_else(|| self.wrong_type("a string"))
    }

    pub(crate) fn as_bool(&self) -> Result<bool, SpecError> {
        self.value
            .as_bool()
            .ok_or_else(|| self.wrong_type("a boolean"))
    }

    /// The elements of an array.
    pub(crate) fn items(&self) -> Result<Vec<Node<'a>>, SpecError> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.wrong_type("an array"))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| self.below(&i.to_string(), item))
            .collect())
    }

    /// The members of an object, sorted by key.
    pub(crate) fn entries(&self) -> Result<Vec<(&'a str, Node<'a>)>, SpecError> {
        let mut entries: Vec<_> = self
            .object()?
            .iter()
            .map(|(key, value)| (key.as_str(), self.below(key, value)))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        Ok(entries)
    }

    /// The member `key` of this object, if present.
    pub(crate) fn get(&self, key: &str) -> Result<Option<Node<'a>>, SpecError> {
        Ok(self.object()?.get(key).map(|value| self.below(key, value)))
    }

    /// Whether this is an object with a member `key`.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.value
            .as_object()
            .is_some_and(|map| map.contains_key(key))
    }

    /// The member `key`, which must be present.
    pub(crate) fn require(&self, key: &'static str) -> Result<Node<'a>, SpecError> {
        self.get(key)?.ok_or_else(|| SpecError::Missing {
            at: self.loc.clone(),
            field: key,
        })
    }

    pub(crate) fn opt_str(&self, key: &str) -> Result<Option<&'a str>, SpecError> {
        self.get(key)?.map(|node| node.as_str()).transpose()
    }

    pub(crate) fn opt_string(&self, key: &str) -> Result<Option<String>, SpecError> {
        Ok(self.opt_str(key)?.map(str::to_owned))
    }

    pub(crate) fn opt_bool(&self, key: &str) -> Result<Option<bool>, SpecError> {
        self.get(key)?.map(|node| node.as_bool()).transpose()
    }

    pub(crate) fn flag(&self, key: &str) -> Result<bool, SpecError> {
        Ok(self.opt_bool(key)?.unwrap_or(false))
    }

    pub(crate) fn req_str(&self, key: &'static str) -> Result<&'a str, SpecError> {
        self.require(key)?.as_str()
    }

    /// An array of strings at `key`, empty when absent.
    pub(crate) fn string_list(&self, key: &str) -> Result<Vec<String>, SpecError> {
        let Some(list) = self.get(key)? else {
            return Ok(Vec::new());
        };
        list.items()?
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect()
    }
}
