//! A plugin's configuration checked against its JSON Schema: the validator and its errors.

mod defaults;
mod host_config;
mod messages;
mod pointers;
#[cfg(test)]
mod tests;

use std::fmt;

use boon::{CompileError, Compiler, Draft, SchemaIndex, Schemas, UrlLoader};
use serde_json::{Map, Value};

use defaults::fill_defaults;
pub use host_config::{HostConfig, HostConfigError};
use messages::{Checked, collect_violations, describe_compile_error, one_line, rule_of};
use pointers::{compare_pointers, pointer};

/// The rule of the one violation that says the schema itself is broken.
const SCHEMA_RULE: &str = "schema";

/// Where the validator believes a plugin's schema lives. Nothing is ever
/// fetched from it: external references are refused by [`LocalSchemasOnly`].
const SCHEMA_LOCATION: &str = "https://plugin-host.invalid/config.schema.json";

/// A configuration that breaks its plugin's schema: every violation, each
/// with the field's path and the rule it broke.
///
/// When the plugin's schema is itself not a valid JSON Schema, there is one
/// violation with path `""` and rule `"schema"`, and the message says so.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub struct ConfigError {
    /// The plugin whose configuration was checked.
    pub plugin: String,
    /// Every broken rule, ordered by path.
    pub violations: Vec<Violation>,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Violation {
    /// The JSON pointer of the field, such as `/server/port`; `""` for the
    /// whole configuration. For an unknown or missing field it is that
    /// field's own path.
    pub path: String,
    /// The schema keyword broken, such as `"minimum"`, `"type"`,
    /// `"additionalProperties"` or `"required"`.
    pub rule: String,
    /// What is wrong, in words, without the path.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.violations.as_slice() {
            [] => write!(f, "invalid configuration for plugin '{}'", self.plugin),
            [broken] if broken.rule == SCHEMA_RULE && broken.path.is_empty() => write!(
                f,
                "plugin '{}' has an invalid configuration schema: {}; the plugin is at fault, so report this to its authors",
                self.plugin, broken.message
            ),
            [one] => write!(
                f,
                "invalid configuration for plugin '{}': {} {} (rule: {}); fix the field and try again",
                self.plugin,
                shown_path(&one.path),
                one.message,
                one.rule
            ),
            many => {
                write!(
                    f,
                    "invalid configuration for plugin '{}': {} problems:",
                    self.plugin,
                    many.len()
                )?;
                for violation in many {
                    write!(
                        f,
                        "\n  {}: {} (rule: {})",
                        shown_path(&violation.path),
                        violation.message,
                        violation.rule
                    )?;
                }
                f.write_str("\nfix the fields and try again")
            }
        }
    }
}

fn shown_path(path: &str) -> &str {
    if path.is_empty() {
        "(the whole configuration)"
    } else {
        path
    }
}

/// A plugin's configuration schema, compiled once and used to complete and
/// check each configuration given to the plugin.
pub(crate) struct ConfigValidator {
    plugin: String,
    schema: Value,
    schemas: Schemas,
    index: SchemaIndex,
}

impl fmt::Debug for ConfigValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigValidator")
            .field("plugin", &self.plugin)
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl ConfigValidator {
    /// Compiles `schema`; a schema that is not a valid JSON Schema is a
    /// [`ConfigError`] with one violation at path `""` rule `"schema"`.
    ///
    /// A schema without `$schema` is read as draft 2020-12. References must
    /// stay inside the schema (`#/$defs/...`); nothing is loaded from files
    /// or the network.
    pub(crate) fn new(plugin: &str, schema: &Value) -> Result<Self, ConfigError> {
        let mut compiler = Compiler::new();
        compiler.set_default_draft(Draft::V2020_12);
        compiler.use_loader(Box::new(LocalSchemasOnly));
        let mut schemas = Schemas::new();
        let broken = |error: CompileError| ConfigError {
            plugin: plugin.to_owned(),
            violations: vec![Violation {
                path: String::new(),
                rule: SCHEMA_RULE.to_owned(),
                message: describe_compile_error(&error, schema),
            }],
        };
        compiler
            .add_resource(SCHEMA_LOCATION, schema.clone())
            .map_err(broken)?;
        let index = compiler
            .compile(SCHEMA_LOCATION, &mut schemas)
            .map_err(broken)?;
        Ok(ConfigValidator {
            plugin: plugin.to_owned(),
            schema: schema.clone(),
            schemas,
            index,
        })
    }

    /// Completes `config` with defaults, then validates it; returns the
    /// completed config.
    ///
    /// Defaults: `null` means `{}`; for an object config, every property
    /// missing from it takes the value from the schema's top-level
    /// `"default"` object if present there, else the property schema's own
    /// `"default"`; nested objects are completed the same way when their
    /// property's schema (after following a local `$ref`) has `properties`.
    /// A value the user gave is never replaced.
    ///
    /// # Errors
    ///
    /// Every violation of the schema by the completed config, ordered by
    /// path.
    pub(crate) fn check(&self, config: &Value) -> Result<Value, ConfigError> {
        let mut completed = match config {
            Value::Null => Value::Object(Map::new()),
            given => given.clone(),
        };
        fill_defaults(
            &self.schema,
            &self.schema,
            self.schema.get("default"),
            &mut completed,
            0,
        );
        let Err(error) = self.schemas.validate(&completed, self.index) else {
            return Ok(completed);
        };
        let mut violations = Vec::new();
        let checked = Checked {
            instance: &completed,
            schema: Some(&self.schema),
        };
        collect_violations(&error, &checked, &mut violations);
        if violations.is_empty() {
            violations.push(Violation {
                path: pointer(&error.instance_location.tokens),
                rule: rule_of(&error),
                message: one_line(&error.kind.to_string()),
            });
        }
        violations.sort_by(|a, b| compare_pointers(&a.path, &b.path));
        Err(ConfigError {
            plugin: self.plugin.clone(),
            violations,
        })
    }
}

/// Refuses every schema that is not the plugin's own, so that a schema can
/// make the host read neither files nor URLs.
struct LocalSchemasOnly;

impl UrlLoader for LocalSchemasOnly {
    fn load(&self, url: &str) -> Result<Value, Box<dyn std::error::Error>> {
        Err(format!(
            "the schema refers to '{url}', but a plugin's configuration schema must be self-contained; put the referenced schema under \"$defs\""
        )
        .into())
    }
}
