//! What a command prints: text for people and a JSON document for programs,
//! and a helper for aligned columns.

use serde_json::{Map, Value};

use crate::error::CliError;

/// The result of a command, in both forms; `main` prints one of them.
#[derive(Debug)]
pub(crate) struct Report {
    /// For people; printed as it is (a final newline is added if missing).
    pub(crate) text: String,
    /// For `--json`: an object, to which `main` adds `warnings` (and
    /// `error` for a failed verdict).
    pub(crate) json: Map<String, Value>,
    /// A verdict that makes the command fail after the report is printed:
    /// a refused library, an invalid configuration.
    pub(crate) failure: Option<CliError>,
}

impl Report {
    /// A successful report.
    pub(crate) fn new(text: impl Into<String>, json: Value) -> Report {
        let json = match json {
            Value::Object(map) => map,
            other => Map::from_iter([("result".to_owned(), other)]),
        };
        Report {
            text: text.into(),
            json,
            failure: None,
        }
    }

    /// The same report, failing with `error` once printed.
    pub(crate) fn failing(mut self, error: CliError) -> Report {
        self.failure = Some(error);
        self
    }
}

/// Lays `rows` out in columns separated by two spaces, each as wide as its
/// widest cell; the last column is not padded.
pub(crate) fn table<const N: usize>(rows: &[[String; N]]) -> String {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    for row in rows {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
            if index + 1 == N {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `value` as indented JSON.
pub(crate) fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}

/// `names` joined with `", "`, or `"none"`.
pub(crate) fn list_or_none<S: AsRef<str>>(names: &[S]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell() {
        let rows = [
            ["NAME".to_owned(), "VERSION".to_owned(), "STATE".to_owned()],
            ["base".to_owned(), "1.2.0".to_owned(), "active".to_owned()],
            ["needs-ghost".to_owned(), "0.1.0".to_owned(), String::new()],
        ];
        assert_eq!(
            table(&rows),
            "NAME         VERSION  STATE\nbase         1.2.0    active\nneeds-ghost  0.1.0\n"
        );
    }

    #[test]
    fn a_value_that_is_not_an_object_is_wrapped() {
        let report = Report::new("", Value::from(3));
        assert_eq!(report.json["result"], 3);
    }
}
