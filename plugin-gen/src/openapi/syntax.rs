//! Reading JSON or YAML text into a JSON value.
//!
//! YAML is read with `serde_norway`, the maintained fork of the deprecated
//! `serde_yaml`: it deserializes straight into `serde_json::Value`, reports
//! line and column, and bounds both nesting depth and alias expansion, so a
//! hostile document gives an error rather than a stack overflow or a memory
//! blow-up. `serde_yml` is not an option (flagged unsound and unmaintained),
//! and `yaml-rust2`/`saphyr` would need a hand-written conversion with the
//! same guards.

use std::fmt;
use std::path::Path;

use serde_json::Value;

use super::error::SpecError;

/// The syntax of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML (1.2 core schema as far as OpenAPI needs it).
    Yaml,
}

impl Format {
    /// The format a file name's extension says: `.json` is JSON, `.yaml`
    /// and `.yml` are YAML; `None` for anything else.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Self::Json),
            "yaml" | "yml" => Some(Self::Yaml),
            _ => None,
        }
    }

    /// Guesses the format of text: JSON if it starts with `{` or `[`
    /// (after white space), otherwise YAML.
    pub fn sniff(text: &str) -> Self {
        match text.trim_start().chars().next() {
            Some('{' | '[') => Self::Json,
            _ => Self::Yaml,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Json => "JSON",
            Self::Yaml => "YAML",
        })
    }
}

/// Parses `text` as `format`; errors name `file` with line and column.
pub(crate) fn parse_text(text: &str, format: Format, file: &str) -> Result<Value, SpecError> {
    match format {
        Format::Json => serde_json::from_str(text).map_err(|error| SpecError::Syntax {
            file: file.to_owned(),
            format,
            line: error.line(),
            column: error.column(),
            message: without_position(&error.to_string()),
        }),
        Format::Yaml => serde_norway::from_str(text).map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((0, 0), |at| (at.line(), at.column()));
            SpecError::Syntax {
                file: file.to_owned(),
                format,
                line,
                column,
                message: without_position(&error.to_string()),
            }
        }),
    }
}

/// Drops the " at line L column C" that both parsers append, since the
/// error already says where.
fn without_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(end) => message[..end].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extension_and_content() {
        assert_eq!(
            Format::from_path(Path::new("a/spec.JSON")),
            Some(Format::Json)
        );
        assert_eq!(Format::from_path(Path::new("spec.yml")), Some(Format::Yaml));
        assert_eq!(Format::from_path(Path::new("spec")), None);
        assert_eq!(Format::sniff("  {\"a\": 1}"), Format::Json);
        assert_eq!(Format::sniff("openapi: 3.0.0"), Format::Yaml);
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let error = parse_text("{\n  \"a\": 1 2\n}", Format::Json, "x.json").unwrap_err();
        let error_text = error.to_string();
        match error {
            SpecError::Syntax { line, column, .. } => {
                assert_eq!((line, column), (2, 10), "{error_text}")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn yaml_errors_have_line_and_column() {
        let error = parse_text("a: 1\nb: [1, 2\n", Format::Yaml, "x.yaml").unwrap_err();
        let SpecError::Syntax { line, .. } = &error else {
            panic!("unexpected {error:?}")
        };
        assert!(*line >= 2, "{error}");
        assert!(error.to_string().starts_with("x.yaml:"), "{error}");
    }

    #[test]
    fn yaml_numeric_keys_become_strings() {
        let value = parse_text(
            "responses:\n  200:\n    description: ok\n",
            Format::Yaml,
            "x",
        )
        .unwrap();
        assert_eq!(value["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let error = parse_text(&yaml, Format::Yaml, "bomb.yaml").unwrap_err();
        assert!(error.to_string().contains("repetition limit"), "{error}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let json = "[".repeat(100_000);
        assert!(matches!(
            parse_text(&json, Format::Json, "x"),
            Err(SpecError::Syntax { .. })
        ));
        let yaml = "[".repeat(100_000);
        assert!(matches!(
            parse_text(&yaml, Format::Yaml, "x"),
            Err(SpecError::Syntax { .. })
        ));
    }
}
