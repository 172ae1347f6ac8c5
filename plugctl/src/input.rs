//! Reading JSON and `KEY=VALUE` arguments.

use serde_json::{Map, Value};

use crate::error::CliError;

/// `text` parsed as JSON; `what` names the argument in the error.
pub(crate) fn json(what: &str, text: &str) -> Result<Value, CliError> {
    serde_json::from_str(text).map_err(|source| CliError::Json {
        what: what.to_owned(),
        source,
    })
}

/// What `config set` was given.
#[derive(Debug, PartialEq)]
pub(crate) enum ConfigChange {
    /// A whole configuration.
    Replace(Value),
    /// Fields to set in the current configuration: dotted key, value.
    Merge(Vec<(String, Value)>),
}

impl ConfigChange {
    /// Reads `config set`'s arguments: one JSON document, or `KEY=VALUE`
    /// pairs whose values are JSON when they parse and strings otherwise.
    pub(crate) fn parse(arguments: &[String]) -> Result<ConfigChange, CliError> {
        if let [only] = arguments
            && let Ok(value) = serde_json::from_str::<Value>(only)
        {
            return Ok(ConfigChange::Replace(value));
        }
        let pairs = arguments
            .iter()
            .map(|argument| {
                let (key, value) = argument
                    .split_once('=')
                    .filter(|(key, _)| !key.is_empty() && key.split('.').all(|k| !k.is_empty()))
                    .ok_or_else(|| CliError::NotAPair {
                        argument: argument.clone(),
                    })?;
                let value =
                    serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
                Ok((key.to_owned(), value))
            })
            .collect::<Result<_, CliError>>()?;
        Ok(ConfigChange::Merge(pairs))
    }

    /// The configuration this change makes of `current`.
    pub(crate) fn apply(self, current: &Value) -> Result<Value, CliError> {
        let pairs = match self {
            ConfigChange::Replace(value) => return Ok(value),
            ConfigChange::Merge(pairs) => pairs,
        };
        let mut config = match current {
            Value::Null => Value::Object(Map::new()),
            other => other.clone(),
        };
        for (key, value) in pairs {
            set_dotted(&mut config, &key, value)?;
        }
        Ok(config)
    }
}

/// Sets the field at dotted `key` in `config`, creating missing objects on
/// the way.
fn set_dotted(config: &mut Value, key: &str, value: Value) -> Result<(), CliError> {
    let mut target = config;
    let mut walked: Vec<&str> = Vec::new();
    let mut parts = key.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(object) = target else {
            return Err(CliError::NotAnObject {
                key: key.to_owned(),
                parent: walked.join("."),
                found: describe(target),
            });
        };
        if parts.peek().is_none() {
            object.insert(part.to_owned(), value);
            return Ok(());
        }
        walked.push(part);
        target = object
            .entry(part)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    Ok(())
}

fn describe(value: &Value) -> &'static str {
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
    use serde_json::json;

    use super::*;

    fn parse(arguments: &[&str]) -> Result<ConfigChange, CliError> {
        let arguments: Vec<String> = arguments.iter().map(|&a| a.to_owned()).collect();
        ConfigChange::parse(&arguments)
    }

    #[test]
    fn one_json_document_replaces_the_configuration() {
        let change = parse(&[r#"{"greeting": "Hi"}"#]).unwrap();
        assert_eq!(change, ConfigChange::Replace(json!({"greeting": "Hi"})));
    }

    #[test]
    fn pairs_take_json_values_and_fall_back_to_strings() {
        let change = parse(&["greeting=Hi", "level=5", "tags=[\"a\"]", "quoted=\"5\""]).unwrap();
        let current = json!({"greeting": "Hello", "other": true});
        assert_eq!(
            change.apply(&current).unwrap(),
            json!({"greeting": "Hi", "level": 5, "tags": ["a"], "quoted": "5", "other": true})
        );
    }

    #[test]
    fn a_value_may_contain_equals_signs() {
        let change = parse(&["expr=a=b"]).unwrap();
        assert_eq!(change.apply(&Value::Null).unwrap(), json!({"expr": "a=b"}));
    }

    #[test]
    fn dotted_keys_set_nested_fields() {
        let change = parse(&["server.port=8080", "server.host=example.org"]).unwrap();
        let current = json!({"server": {"port": 80, "tls": false}});
        assert_eq!(
            change.apply(&current).unwrap(),
            json!({"server": {"port": 8080, "host": "example.org", "tls": false}})
        );
    }

    #[test]
    fn a_dotted_key_through_a_non_object_is_refused() {
        let change = parse(&["level.inner=1"]).unwrap();
        let error = change.apply(&json!({"level": 3})).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot set 'level.inner': 'level' holds a number, not an object; set 'level' itself, or give the whole configuration as JSON"
        );
    }

    #[test]
    fn an_argument_that_is_neither_is_refused() {
        for bad in [
            &["greeting"][..],
            &["=x"],
            &["a..b=1"],
            &["{\"a\": 1}", "b=2"],
        ] {
            assert!(
                matches!(parse(bad), Err(CliError::NotAPair { .. })),
                "{bad:?}"
            );
        }
    }
}
