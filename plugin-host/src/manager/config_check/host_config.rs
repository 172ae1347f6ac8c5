//! The host's TOML config file, read into each plugin's JSON configuration.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// What the host's TOML config file says: each `[plugins.<name>]` table is
/// that plugin's configuration.
///
/// Other top-level keys are ignored for now, so the file may hold the host
/// application's own settings beside the plugins'. TOML values become JSON
/// values; dates and times become their RFC 3339 strings.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct HostConfig {
    /// Each plugin's configuration (a JSON object), by plugin name.
    pub plugins: BTreeMap<String, Value>,
}

/// Why the host's TOML config file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HostConfigError {
    /// The file could not be read.
    #[error(
        "could not read the host config file '{}' ({source}); check that it exists and is readable",
        path.display()
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The file is not valid TOML, or holds a value no plugin configuration
    /// can (a NaN or infinite float).
    #[error(
        "the host config file '{}' is not valid{}: {message}; fix the file and try again",
        path.display(),
        line.map(|line| format!(" at line {line}")).unwrap_or_default()
    )]
    Parse {
        /// The file.
        path: PathBuf,
        /// The line of the problem, counting from 1, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },

    /// `plugins`, or a plugin's entry in it, is not a table.
    #[error(
        "in the host config file '{}', `{key}` is not a table; put its settings under a `[{key}]` header",
        path.display()
    )]
    NotATable {
        /// The file.
        path: PathBuf,
        /// The dotted TOML key, such as `plugins.alpha`.
        key: String,
    },
}

impl HostConfig {
    /// Reads and parses the host's TOML config file at `path`.
    ///
    /// # Errors
    ///
    /// [`HostConfigError::Io`] when the file cannot be read, else whatever
    /// [`HostConfig::parse`] returns.
    pub fn read(path: &Path) -> Result<Self, HostConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| HostConfigError::Io {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Parses `text`, the contents of the host's TOML config file at `path`
    /// (used in errors only).
    ///
    /// # Errors
    ///
    /// [`HostConfigError::Parse`] when `text` is not TOML or holds a NaN or
    /// infinite float in a plugin's table, and
    /// [`HostConfigError::NotATable`] when `plugins` or one of its entries is
    /// not a table.
    pub fn parse(text: &str, path: &Path) -> Result<Self, HostConfigError> {
        let document: toml::Table =
            text.parse()
                .map_err(|error: toml::de::Error| HostConfigError::Parse {
                    path: path.to_owned(),
                    line: error.span().map(|span| line_of(text, span.start)),
                    message: error.message().trim_end().to_owned(),
                })?;
        let mut config = HostConfig::default();
        let Some(plugins) = document.get("plugins") else {
            return Ok(config);
        };
        let not_a_table = |keys: &[&str]| HostConfigError::NotATable {
            path: path.to_owned(),
            key: toml_key(keys),
        };
        let plugins = plugins
            .as_table()
            .ok_or_else(|| not_a_table(&["plugins"]))?;
        for (name, settings) in plugins {
            if !settings.is_table() {
                return Err(not_a_table(&["plugins", name]));
            }
            let json = toml_to_json(settings, &mut vec!["plugins", name]).map_err(|key| {
                HostConfigError::Parse {
                    path: path.to_owned(),
                    line: None,
                    message: format!(
                        "`{key}` is not a finite number, which a plugin configuration cannot hold; use a finite number"
                    ),
                }
            })?;
            config.plugins.insert(name.clone(), json);
        }
        Ok(config)
    }
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|&&byte| byte == b'\n').count() + 1
}

/// Converts a TOML value to JSON; a NaN or infinite float fails with the
/// dotted key of where it is. `keys` is the path to `value`.
fn toml_to_json<'a>(value: &'a toml::Value, keys: &mut Vec<&'a str>) -> Result<Value, String> {
    Ok(match value {
        toml::Value::String(text) => Value::String(text.clone()),
        toml::Value::Integer(number) => Value::from(*number),
        toml::Value::Float(number) => serde_json::Number::from_f64(*number)
            .map(Value::Number)
            .ok_or_else(|| toml_key(keys))?,
        toml::Value::Boolean(flag) => Value::Bool(*flag),
        toml::Value::Datetime(datetime) => Value::String(datetime.to_string()),
        toml::Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| toml_to_json(item, keys))
                .collect::<Result<_, _>>()?,
        ),
        toml::Value::Table(table) => {
            let mut object = Map::new();
            for (key, item) in table {
                keys.push(key);
                let converted = toml_to_json(item, keys);
                keys.pop();
                object.insert(key.clone(), converted?);
            }
            Value::Object(object)
        }
    })
}

/// A dotted TOML key, quoting the parts that are not bare keys.
fn toml_key(keys: &[&str]) -> String {
    let part = |key: &&str| {
        let bare = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if bare {
            (*key).to_owned()
        } else {
            Value::String((*key).to_owned()).to_string()
        }
    };
    keys.iter().map(part).collect::<Vec<_>>().join(".")
}
