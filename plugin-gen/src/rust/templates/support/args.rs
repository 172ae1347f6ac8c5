//! A command's input: one JSON object of the operation's parameters and
//! body fields by their wire names, and control keys starting with `$`.

use plugin_api::PluginError;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// The control key that makes a paged list return every item.
pub const ALL: &str = "$all";

/// The control key that holds a body that is not an object of fields.
pub const BODY: &str = "$body";

/// The input of one command, checked against the keys it takes.
#[derive(Debug)]
pub struct Args {
    command: &'static str,
    values: Map<String, Value>,
    all: bool,
}

impl Args {
    /// Reads `input` (a JSON object, or nothing) for `command`, which takes
    /// `keys` and, if `pages`, the control key `$all`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) for input that
    /// is not a JSON object, a key the command does not take (the message
    /// lists those it does), or a `$all` that is not a boolean or that a
    /// command without pages is given.
    pub fn parse(command: &'static str, input: &[u8], keys: &[&str], pages: bool) -> Result<Self, PluginError> {
        let value: Value = if input.iter().all(u8::is_ascii_whitespace) {
            Value::Object(Map::new())
        } else {
            serde_json::from_slice(input)
                .map_err(|e| PluginError::invalid_input(format!("the input of '{command}' is not valid JSON: {e}")))?
        };
        let mut values = match value {
            Value::Object(values) => values,
            Value::Null => Map::new(),
            other => {
                let found = kind(&other);
                return Err(PluginError::invalid_input(format!(
                    "the input of '{command}' must be a JSON object of its parameters and body fields by name, not {found}"
                )));
            }
        };
        let all = match values.remove(ALL) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(all)) if pages => all,
            Some(Value::Bool(_)) => {
                return Err(PluginError::invalid_input(format!(
                    "'{command}' does not page through a list, so it takes no '{ALL}'"
                )));
            }
            Some(other) => {
                let found = kind(&other);
                return Err(PluginError::invalid_input(format!(
                    "'{ALL}' of '{command}' must be true or false, not {found}"
                )));
            }
        };
        let unknown: Vec<&str> = values
            .keys()
            .map(String::as_str)
            .filter(|key| !keys.contains(key))
            .collect();
        if !unknown.is_empty() {
            let mut known: Vec<&str> = keys.to_vec();
            if pages {
                known.push(ALL);
            }
            let known = if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            };
            let quoted: Vec<String> = unknown.iter().map(|key| quote(key)).collect();
            let unknown = quoted.join(", ");
            return Err(PluginError::invalid_input(format!(
                "'{command}' does not take {unknown}; the keys it takes are: {known}"
            )));
        }
        Ok(Self { command, values, all })
    }

    /// Whether the input asks for every item of a paged list (`"$all": true`).
    pub fn all(&self) -> bool {
        self.all
    }

    /// Takes the value of `key`, which must be there.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when it is
    /// missing or does not fit the type.
    pub fn required<T: DeserializeOwned>(&mut self, key: &str) -> Result<T, PluginError> {
        match self.values.remove(key) {
            Some(value) => self.decode(value, Some(key)),
            None => Err(PluginError::invalid_input(format!(
                "'{}' needs '{key}'; add it to the input",
                self.command
            ))),
        }
    }

    /// Takes the value of `key`, if it is there and not `null`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when it does
    /// not fit the type.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &str) -> Result<Option<T>, PluginError> {
        match self.values.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => self.decode(value, Some(key)).map(Some),
        }
    }

    /// Takes the keys of `fields` (input key, wire name) that are there and
    /// reads them, by wire name, as one object of type `T` (the query
    /// parameters' struct).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when a value
    /// does not fit or a required one is missing.
    pub fn group<T: DeserializeOwned>(&mut self, fields: &[(&str, &str)]) -> Result<T, PluginError> {
        let mut group = Map::new();
        for (key, wire) in fields {
            if let Some(value) = self.values.remove(*key) {
                group.insert((*wire).to_owned(), value);
            }
        }
        self.decode(Value::Object(group), None)
    }

    /// Reads every key left as the body's fields, after renaming the
    /// input keys of `renames` (input key, wire name) to their wire names.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when a value
    /// does not fit or a required field is missing.
    pub fn rest<T: DeserializeOwned>(&mut self, renames: &[(&str, &str)]) -> Result<T, PluginError> {
        let mut rest = std::mem::take(&mut self.values);
        for (key, wire) in renames {
            if let Some(value) = rest.remove(*key) {
                rest.insert((*wire).to_owned(), value);
            }
        }
        self.decode(Value::Object(rest), None)
    }

    /// As [`rest`](Self::rest), but `None` when no key is left (an optional
    /// body that was not given).
    ///
    /// # Errors
    ///
    /// As [`rest`](Self::rest).
    pub fn rest_if_any<T: DeserializeOwned>(&mut self, renames: &[(&str, &str)]) -> Result<Option<T>, PluginError> {
        if self.values.is_empty() {
            return Ok(None);
        }
        self.rest(renames).map(Some)
    }

    fn decode<T: DeserializeOwned>(&self, value: Value, key: Option<&str>) -> Result<T, PluginError> {
        serde_json::from_value(value).map_err(|e| {
            let place = key.map(|k| format!(" in '{k}'")).unwrap_or_default();
            PluginError::invalid_input(format!("invalid input for '{}'{place}: {e}", self.command))
        })
    }
}

/// `'key'`, for messages.
fn quote(key: &str) -> String {
    format!("'{key}'")
}

/// How a JSON value's kind reads in a message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Body {
        customer: String,
        email: Option<String>,
    }

    fn parse(input: &str, keys: &[&str], pages: bool) -> Result<Args, PluginError> {
        Args::parse("things create", input.as_bytes(), keys, pages)
    }

    #[test]
    fn keys_are_checked_and_listed() {
        let error = parse(r#"{"emial": "a@b.c"}"#, &["email", "name"], false).unwrap_err();
        let message = error.message();
        assert_eq!(message, "'things create' does not take 'emial'; the keys it takes are: email, name");
        let error = parse("[1]", &[], false).unwrap_err();
        let message = error.message();
        assert!(message.contains("not an array"), "{message}");
        let empty = parse("", &[], false);
        assert!(empty.is_ok());
        let null = parse("null", &[], false);
        assert!(null.is_ok());
    }

    #[test]
    fn all_only_for_lists() {
        let all = parse(r#"{"$all": true}"#, &[], true).unwrap().all();
        assert!(all);
        let all = parse(r#"{"$all": false}"#, &[], true).unwrap().all();
        assert!(!all);
        let error = parse(r#"{"$all": true}"#, &[], false).unwrap_err();
        let message = error.message();
        assert!(message.contains("does not page"), "{message}");
        let error = parse(r#"{"$all": "yes"}"#, &[], true).unwrap_err();
        let message = error.message();
        assert!(message.contains("true or false"), "{message}");
    }

    #[test]
    fn parameters_groups_and_the_body_with_renamed_keys() {
        let mut args = parse(
            r#"{"id": "x_1", "limit": 3, "customer": "c_path", "body:customer": "c_body"}"#,
            &["id", "limit", "customer", "body:customer"],
            false,
        )
        .unwrap();
        let id: String = args.required("id").unwrap();
        assert_eq!(id, "x_1");
        let missing = args.required::<String>("id").unwrap_err();
        let message = missing.message();
        assert!(message.contains("needs 'id'"), "{message}");
        let query: serde_json::Value = args.group(&[("limit", "limit")]).unwrap();
        let expected = json!({"limit": 3});
        assert_eq!(query, expected);
        let path: Option<String> = args.optional("customer").unwrap();
        let expected = Some("c_path".to_owned());
        assert_eq!(path, expected);
        let body: Body = args.rest(&[("body:customer", "customer")]).unwrap();
        let expected = Body {
            customer: "c_body".into(),
            email: None,
        };
        assert_eq!(body, expected);
    }

    #[test]
    fn an_optional_body_that_is_not_given_is_none() {
        let mut args = parse("{}", &["email"], false).unwrap();
        let body: Option<serde_json::Value> = args.rest_if_any(&[]).unwrap();
        assert_eq!(body, None);
        let mut args = parse(r#"{"email": 5}"#, &["email"], false).unwrap();
        let error = args.rest_if_any::<Body>(&[]).unwrap_err();
        let message = error.message();
        assert!(message.starts_with("invalid input for 'things create'"), "{message}");
    }
}
