//! `plugctl call <plugin> <command> [JSON] [--all]`: runs a command of an
//! active plugin.

use serde_json::{Value, json};

use crate::error::CliError;
use crate::input;
use crate::report::{Report, pretty};
use crate::session::Session;

/// The input key that asks a paginated command for every page.
const ALL_KEY: &str = "$all";

/// Runs `command` of plugin `name` with `input` (JSON), with `"$all": true`
/// added when `all` is set, and reports its output: as JSON when it is
/// JSON, else as text.
pub(crate) fn run(
    session: &mut Session,
    name: &str,
    command: &str,
    input: &str,
    all: bool,
) -> Result<Report, CliError> {
    let parsed = input::json("the command's input", input)?;
    let input = if all {
        with_all(parsed)?.to_string()
    } else {
        input.to_owned()
    };
    session.state(name)?;
    let output = session.manager.call(name, command, input.as_bytes())?;
    let report = match serde_json::from_slice::<Value>(&output) {
        Ok(value) => Report::new(
            pretty(&value),
            json!({ "plugin": name, "command": command, "output": value }),
        ),
        Err(_) => {
            let text = String::from_utf8_lossy(&output).into_owned();
            Report::new(
                text.clone(),
                json!({ "plugin": name, "command": command, "output_text": text }),
            )
        }
    };
    Ok(report)
}

/// `input` with `"$all": true` set; `null` counts as an empty object.
fn with_all(input: Value) -> Result<Value, CliError> {
    let mut object = match input {
        Value::Null => serde_json::Map::new(),
        Value::Object(object) => object,
        other => {
            return Err(CliError::AllNeedsObject {
                found: other.to_string(),
            });
        }
    };
    object.insert(ALL_KEY.to_owned(), Value::Bool(true));
    Ok(Value::Object(object))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::with_all;

    #[test]
    fn all_is_added_to_an_object_or_to_nothing_and_refused_otherwise() {
        assert_eq!(
            with_all(json!({"limit": 3})).unwrap(),
            json!({"limit": 3, "$all": true})
        );
        assert_eq!(with_all(json!(null)).unwrap(), json!({"$all": true}));
        let error = with_all(json!([1])).unwrap_err().to_string();
        assert!(error.contains("not [1]"), "{error}");
    }
}
