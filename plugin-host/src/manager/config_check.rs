//! Plugin configuration: completing a configuration with its schema's
//! defaults and checking it against the schema (with the `boon` JSON Schema
//! validator), and reading the host's TOML config file.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use boon::{
    CompileError, Compiler, Draft, ErrorKind, InstanceToken, SchemaIndex, Schemas, Type, UrlLoader,
    ValidationError,
};
use serde_json::{Map, Value};

/// The rule of the one violation that says the schema itself is broken.
const SCHEMA_RULE: &str = "schema";

/// Where the validator believes a plugin's schema lives. Nothing is ever
/// fetched from it: external references are refused by [`LocalSchemasOnly`].
const SCHEMA_LOCATION: &str = "https://plugin-host.invalid/config.schema.json";

/// How deep default-filling follows nested objects, so that a recursive
/// schema with recursive defaults cannot make it loop.
const MAX_DEFAULTS_DEPTH: usize = 64;

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

fn describe_compile_error(error: &CompileError, schema: &Value) -> String {
    if let CompileError::ValidationError { src, .. } = error {
        let mut violations = Vec::new();
        let checked = Checked {
            instance: schema,
            schema: None,
        };
        collect_violations(src, &checked, &mut violations);
        violations.sort_by(|a, b| compare_pointers(&a.path, &b.path));
        let details: Vec<String> = violations
            .iter()
            .map(|violation| {
                let at = if violation.path.is_empty() {
                    "the schema"
                } else {
                    &violation.path
                };
                format!("{at} {}", violation.message)
            })
            .collect();
        if !details.is_empty() {
            return format!("it is not a valid JSON Schema: {}", details.join("; "));
        }
    }
    format!(
        "it is not a valid JSON Schema: {}",
        one_line(&format!("{error:#}"))
    )
}

/// `text` with each run of whitespace, line breaks included, made one space,
/// for messages from other crates that span lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Completes the object `value` from `defaults` (an object of default
/// values, when there is one) and from each property schema's own
/// `"default"`, then completes nested objects the same way.
fn fill_defaults(
    root: &Value,
    schema: &Value,
    defaults: Option<&Value>,
    value: &mut Value,
    depth: usize,
) {
    if depth > MAX_DEFAULTS_DEPTH {
        return;
    }
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let Some(properties) = resolve_ref(root, schema)
        .get("properties")
        .and_then(Value::as_object)
    else {
        return;
    };
    let defaults = defaults.and_then(Value::as_object);
    for (name, property) in properties {
        let given_default = defaults.and_then(|defaults| defaults.get(name));
        let own_default = property
            .get("default")
            .or_else(|| resolve_ref(root, property).get("default"));
        if !object.contains_key(name) {
            let Some(default) = given_default.or(own_default) else {
                continue;
            };
            object.insert(name.clone(), default.clone());
        }
        let nested_defaults = given_default
            .filter(|default| default.is_object())
            .or(own_default);
        if let Some(nested) = object.get_mut(name) {
            fill_defaults(root, property, nested_defaults, nested, depth + 1);
        }
    }
}

/// Follows local `$ref`s (`#/$defs/Name`, or any `#`-pointer into the
/// schema document) to the schema they name; other schemas come back as
/// they are.
fn resolve_ref<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    // A chain longer than this is a cycle of references.
    for _ in 0..32 {
        let Some(target) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.strip_prefix('#'))
            .and_then(|fragment| root.pointer(&percent_decode(fragment)))
        else {
            break;
        };
        schema = target;
    }
    schema
}

/// What was validated against what.
struct Checked<'a> {
    /// The value validated.
    instance: &'a Value,
    /// The plugin's schema when the value was validated against it (used to
    /// list the known fields); `None` for a schema checked against its
    /// meta-schema.
    schema: Option<&'a Value>,
}

/// Turns the validator's tree of errors into violations at the leaves,
/// looking through the nodes that only group errors or follow a `$ref`.
fn collect_violations(
    error: &ValidationError<'_, '_>,
    checked: &Checked<'_>,
    out: &mut Vec<Violation>,
) {
    let path = pointer(&error.instance_location.tokens);
    let found = checked.instance.pointer(&path);
    match &error.kind {
        ErrorKind::Group
        | ErrorKind::Schema { .. }
        | ErrorKind::Reference { .. }
        | ErrorKind::AllOf => {
            for cause in &error.causes {
                collect_violations(cause, checked, out);
            }
        }
        ErrorKind::AnyOf | ErrorKind::OneOf(None) => {
            let depth = error.instance_location.tokens.len();
            let fitting: Vec<&ValidationError<'_, '_>> = error
                .causes
                .iter()
                .filter(|branch| wrong_types(branch, depth).is_none())
                .collect();
            // The one alternative of the right type is the one the user meant,
            // so its own complaints are the useful ones.
            if let [meant] = fitting.as_slice() {
                collect_violations(meant, checked, out);
            } else {
                out.push(Violation {
                    path,
                    rule: rule_of(error),
                    message: describe_alternatives(error, depth, checked, found),
                });
            }
        }
        ErrorKind::AdditionalProperties { got } => {
            let known = checked
                .schema
                .and_then(|schema| known_fields(schema, error.schema_url));
            for name in got {
                let message = match &known {
                    Some(known) if known.is_empty() => {
                        "is not a known field; this object takes no fields".to_owned()
                    }
                    Some(known) => format!("is not a known field; the known fields are: {known}"),
                    None => "is not a known field".to_owned(),
                };
                out.push(Violation {
                    path: child_pointer(&path, name),
                    rule: "additionalProperties".to_owned(),
                    message,
                });
            }
        }
        ErrorKind::Required { want } => {
            for name in want {
                out.push(Violation {
                    path: child_pointer(&path, name),
                    rule: "required".to_owned(),
                    message: "is missing, and this field is required".to_owned(),
                });
            }
        }
        ErrorKind::PropertyName { prop } => {
            let reasons: Vec<String> = error
                .causes
                .iter()
                .map(|cause| one_line(&cause.kind.to_string()))
                .collect();
            out.push(Violation {
                path: child_pointer(&path, prop),
                rule: "propertyNames".to_owned(),
                message: format!("is not an allowed field name: {}", reasons.join("; ")),
            });
        }
        kind => out.push(Violation {
            path,
            rule: rule_of(error),
            message: describe(kind, error.schema_url, found),
        }),
    }
}

/// The types an alternative wanted, when it failed only because the value
/// at `depth` has another type; `None` when it failed for other reasons.
fn wrong_types(error: &ValidationError<'_, '_>, depth: usize) -> Option<Vec<Type>> {
    match &error.kind {
        ErrorKind::Type { want, .. } if error.instance_location.tokens.len() == depth => {
            Some(want.iter().collect())
        }
        ErrorKind::Group | ErrorKind::Schema { .. } | ErrorKind::Reference { .. } => {
            match error.causes.as_slice() {
                [only] => wrong_types(only, depth),
                _ => None,
            }
        }
        _ => None,
    }
}

fn describe_alternatives(
    error: &ValidationError<'_, '_>,
    depth: usize,
    checked: &Checked<'_>,
    found: Option<&Value>,
) -> String {
    let wanted: Option<Vec<Vec<Type>>> = error
        .causes
        .iter()
        .map(|branch| wrong_types(branch, depth))
        .collect();
    match (wanted, found) {
        (Some(wanted), Some(found)) => {
            let mut names: Vec<&str> = Vec::new();
            for name in wanted.into_iter().flatten().map(type_name) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            format!("must be {}, not {}", either(&names), kind_of(found))
        }
        _ => {
            let mut reasons = Vec::new();
            for branch in &error.causes {
                let mut violations = Vec::new();
                collect_violations(branch, checked, &mut violations);
                let parts: Vec<String> = violations
                    .iter()
                    .map(|violation| {
                        let inner = violation
                            .path
                            .get(pointer_len(&error.instance_location.tokens)..);
                        match inner {
                            Some(inner) if !inner.is_empty() => {
                                format!("{inner} {}", violation.message)
                            }
                            _ => violation.message.clone(),
                        }
                    })
                    .collect();
                reasons.push(parts.join(", "));
            }
            format!(
                "matches none of the allowed forms: {}",
                reasons.join("; or ")
            )
        }
    }
}

/// What kind of value `value` is, in words.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_i64() || number.is_u64() => "an integer",
        Value::Number(_) => "a fractional number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The message for a leaf error, in our words where the validator's are
/// terse, else in its own.
fn describe(kind: &ErrorKind<'_, '_>, schema_url: &str, found: Option<&Value>) -> String {
    match kind {
        ErrorKind::Type { got, want } => {
            let names: Vec<&str> = want.iter().map(type_name).collect();
            let got = found.map_or_else(|| type_name(*got), kind_of);
            format!("must be {}, not {}", either(&names), got)
        }
        ErrorKind::Enum { want } => match want.as_slice() {
            [only] => format!("must be {only}"),
            many => format!("must be one of {}", join_values(many)),
        },
        ErrorKind::Const { want } => format!("must be {want}"),
        ErrorKind::Minimum { want, .. } => format!("must be at least {want}"),
        ErrorKind::Maximum { want, .. } => format!("must be at most {want}"),
        ErrorKind::ExclusiveMinimum { want, .. } => format!("must be greater than {want}"),
        ErrorKind::ExclusiveMaximum { want, .. } => format!("must be less than {want}"),
        ErrorKind::MultipleOf { want, .. } => format!("must be a multiple of {want}"),
        ErrorKind::MinLength { want, got } => {
            format!("must be at least {want} characters long, but has {got}")
        }
        ErrorKind::MaxLength { want, got } => {
            format!("must be at most {want} characters long, but has {got}")
        }
        ErrorKind::Pattern { want, .. } => format!("must match the pattern `{want}`"),
        ErrorKind::MinItems { want, got } => {
            format!("must have at least {want} items, but has {got}")
        }
        ErrorKind::MaxItems { want, got } => {
            format!("must have at most {want} items, but has {got}")
        }
        ErrorKind::UniqueItems {
            got: [first, second],
        } => {
            format!("must not repeat items, but items {first} and {second} are equal")
        }
        ErrorKind::MinProperties { want, got } => {
            format!("must have at least {want} fields, but has {got}")
        }
        ErrorKind::MaxProperties { want, got } => {
            format!("must have at most {want} fields, but has {got}")
        }
        ErrorKind::DependentRequired { prop, missing }
        | ErrorKind::Dependency { prop, missing } => {
            let missing: Vec<String> = missing.iter().map(|name| format!("'{name}'")).collect();
            format!(
                "needs the fields {} when '{prop}' is set",
                missing.join(", ")
            )
        }
        ErrorKind::Not => "must not match the schema under \"not\"".to_owned(),
        ErrorKind::FalseSchema => match last_schema_token(schema_url).as_deref() {
            Some("unevaluatedProperties") => "is not a known field".to_owned(),
            _ => "is not allowed here".to_owned(),
        },
        ErrorKind::OneOf(Some((first, second))) => format!(
            "matches more than one of the allowed forms (numbers {first} and {second}), but must match exactly one"
        ),
        other => one_line(&other.to_string()),
    }
}

fn rule_of(error: &ValidationError<'_, '_>) -> String {
    match &error.kind {
        ErrorKind::AdditionalProperties { .. } => "additionalProperties".to_owned(),
        ErrorKind::FalseSchema => match last_schema_token(error.schema_url) {
            Some(keyword) if keyword.starts_with(|c: char| c.is_ascii_lowercase()) => keyword,
            _ => "false".to_owned(),
        },
        kind => kind
            .keyword_path()
            .map_or_else(|| SCHEMA_RULE.to_owned(), |path| path.keyword.to_owned()),
    }
}

/// The names of the fields the object schema at `schema_url` allows, comma
/// separated; `None` when that schema cannot be found in `schema`.
fn known_fields(schema: &Value, schema_url: &str) -> Option<String> {
    let (location, fragment) = schema_url.split_once('#')?;
    if location != SCHEMA_LOCATION {
        return None;
    }
    let object_schema = schema.pointer(&percent_decode(fragment))?;
    let names: Vec<&str> = object_schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| properties.keys().map(String::as_str).collect())
        .unwrap_or_default();
    Some(names.join(", "))
}

fn last_schema_token(schema_url: &str) -> Option<String> {
    let (_, fragment) = schema_url.split_once('#')?;
    let fragment = percent_decode(fragment);
    let last = fragment.rsplit('/').next()?;
    Some(last.replace("~1", "/").replace("~0", "~"))
}

/// Decodes the `%XX` escapes of a URI fragment.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn pointer(tokens: &[InstanceToken<'_>]) -> String {
    let mut path = String::new();
    for token in tokens {
        match token {
            InstanceToken::Prop(name) => path = child_pointer(&path, name),
            InstanceToken::Item(index) => path = format!("{path}/{index}"),
        }
    }
    path
}

fn pointer_len(tokens: &[InstanceToken<'_>]) -> usize {
    pointer(tokens).len()
}

/// The JSON pointer of field `name` of the object at `parent`.
fn child_pointer(parent: &str, name: &str) -> String {
    format!("{parent}/{}", name.replace('~', "~0").replace('/', "~1"))
}

/// Orders JSON pointers field by field, so that a field's children come
/// right after it and array items in numeric order.
fn compare_pointers(a: &str, b: &str) -> Ordering {
    let tokens = |path: &'_ str| -> Vec<String> {
        path.split('/')
            .skip(1)
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect()
    };
    let (a, b) = (tokens(a), tokens(b));
    for (x, y) in a.iter().zip(&b) {
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

fn type_name(kind: Type) -> &'static str {
    match kind {
        Type::Null => "null",
        Type::Boolean => "a boolean",
        Type::Number => "a number",
        Type::Integer => "an integer",
        Type::String => "a string",
        Type::Array => "an array",
        Type::Object => "an object",
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn join_values(values: &[Value]) -> String {
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Alpha's schema as schemars 1 emits it for a `#[config]` struct, with
    /// the top-level default the plugin adds, and a minimum for `step`.
    fn alpha_schema() -> Value {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "AlphaConfig",
            "description": "How alpha counts.",
            "type": "object",
            "properties": {
                "step": {
                    "description": "Added on every `count` command.",
                    "type": "integer",
                    "format": "uint32",
                    "default": 1,
                    "minimum": 1
                },
                "name": { "type": "string", "default": "alpha" }
            },
            "additionalProperties": false,
            "default": { "step": 1, "name": "alpha" }
        })
    }

    /// A schemars-1-shaped schema with a nested struct behind `$ref`, an
    /// optional nested struct (`anyOf` with null), an enum and an array.
    fn server_schema() -> Value {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "ServiceConfig",
            "type": "object",
            "properties": {
                "server": {
                    "$ref": "#/$defs/Server",
                    "default": { "host": "localhost", "port": 8080 }
                },
                "backup": {
                    "anyOf": [{ "$ref": "#/$defs/Server" }, { "type": "null" }],
                    "default": null
                },
                "mode": { "$ref": "#/$defs/Mode", "default": "fast" },
                "limit": {
                    "type": ["integer", "null"],
                    "format": "uint16",
                    "default": null,
                    "maximum": 65535,
                    "minimum": 0
                },
                "tags": { "type": "array", "default": [], "items": { "type": "string" } }
            },
            "additionalProperties": false,
            "$defs": {
                "Mode": { "type": "string", "enum": ["fast", "slow"] },
                "Server": {
                    "description": "Where to listen.",
                    "type": "object",
                    "properties": {
                        "host": { "type": "string", "default": "localhost" },
                        "port": {
                            "type": "integer",
                            "format": "uint16",
                            "default": 8080,
                            "maximum": 65535,
                            "minimum": 1
                        }
                    },
                    "additionalProperties": false
                }
            },
            "default": {
                "server": { "host": "localhost", "port": 8080 },
                "backup": null,
                "mode": "fast",
                "limit": null,
                "tags": []
            }
        })
    }

    fn validator(schema: &Value) -> ConfigValidator {
        ConfigValidator::new("alpha", schema).unwrap()
    }

    fn violations(schema: &Value, config: Value) -> Vec<(String, String)> {
        validator(schema)
            .check(&config)
            .unwrap_err()
            .violations
            .into_iter()
            .map(|violation| (violation.path, violation.rule))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(path, rule)| ((*path).to_owned(), (*rule).to_owned()))
            .collect()
    }

    #[test]
    fn fills_top_level_defaults_from_the_default_object() {
        let checked = validator(&alpha_schema()).check(&json!({})).unwrap();
        assert_eq!(checked, json!({ "step": 1, "name": "alpha" }));
    }

    #[test]
    fn prefers_the_top_level_default_to_the_property_default() {
        let mut schema = alpha_schema();
        schema["default"] = json!({ "step": 5 });
        let checked = validator(&schema).check(&json!({})).unwrap();
        assert_eq!(checked, json!({ "step": 5, "name": "alpha" }));
    }

    #[test]
    fn fills_property_defaults_without_a_top_level_default() {
        let mut schema = alpha_schema();
        schema.as_object_mut().unwrap().remove("default");
        let checked = validator(&schema).check(&json!({ "name": "a" })).unwrap();
        assert_eq!(checked, json!({ "step": 1, "name": "a" }));
    }

    #[test]
    fn fills_nested_defaults_behind_a_ref() {
        let checked = validator(&server_schema())
            .check(&json!({ "server": { "host": "example.org" } }))
            .unwrap();
        assert_eq!(
            checked["server"],
            json!({ "host": "example.org", "port": 8080 })
        );
        assert_eq!(checked["mode"], json!("fast"));
        assert_eq!(checked["tags"], json!([]));
    }

    #[test]
    fn fills_nested_defaults_from_the_def_without_any_parent_default() {
        let mut schema = server_schema();
        schema.as_object_mut().unwrap().remove("default");
        schema["properties"]["server"]
            .as_object_mut()
            .unwrap()
            .remove("default");
        let checked = validator(&schema)
            .check(&json!({ "server": { "port": 9000 } }))
            .unwrap();
        assert_eq!(
            checked["server"],
            json!({ "host": "localhost", "port": 9000 })
        );
    }

    #[test]
    fn keeps_every_value_the_user_gave() {
        let given = json!({
            "server": { "host": "", "port": 1 },
            "backup": { "host": "b", "port": 2 },
            "mode": "slow",
            "limit": 0,
            "tags": ["x"]
        });
        let checked = validator(&server_schema()).check(&given).unwrap();
        assert_eq!(checked, given);
    }

    #[test]
    fn a_user_null_is_kept_and_checked() {
        let checked = validator(&server_schema())
            .check(&json!({ "limit": null }))
            .unwrap();
        assert_eq!(checked["limit"], Value::Null);
        let err = validator(&alpha_schema())
            .check(&json!({ "step": null }))
            .unwrap_err();
        assert_eq!(err.violations[0].path, "/step");
        assert_eq!(err.violations[0].rule, "type");
    }

    #[test]
    fn null_means_all_the_defaults() {
        let checked = validator(&server_schema()).check(&Value::Null).unwrap();
        assert_eq!(checked, server_schema()["default"]);
    }

    #[test]
    fn wrong_type_names_both_types() {
        let err = validator(&alpha_schema())
            .check(&json!({ "step": "two" }))
            .unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "/step".into(),
                rule: "type".into(),
                message: "must be an integer, not a string".into(),
            }]
        );
    }

    #[test]
    fn a_config_that_is_not_an_object_is_about_the_whole_configuration() {
        let err = validator(&alpha_schema()).check(&json!(3)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration for plugin 'alpha': (the whole configuration) must be an object, not an integer (rule: type); fix the field and try again"
        );
    }

    #[test]
    fn below_minimum_displays_as_one_problem() {
        let err = validator(&alpha_schema())
            .check(&json!({ "step": 0 }))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration for plugin 'alpha': /step must be at least 1 (rule: minimum); fix the field and try again"
        );
    }

    #[test]
    fn unknown_field_reports_its_own_path_and_the_known_fields() {
        let err = validator(&alpha_schema())
            .check(&json!({ "stp": 2 }))
            .unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "/stp".into(),
                rule: "additionalProperties".into(),
                message: "is not a known field; the known fields are: name, step".into(),
            }]
        );
    }

    #[test]
    fn nested_unknown_field_lists_the_nested_fields() {
        let err = validator(&server_schema())
            .check(&json!({ "server": { "prt": 1 } }))
            .unwrap_err();
        assert_eq!(err.violations.len(), 1, "{err}");
        assert_eq!(err.violations[0].path, "/server/prt");
        assert_eq!(err.violations[0].rule, "additionalProperties");
        assert!(err.violations[0].message.ends_with("host, port"), "{err}");
    }

    #[test]
    fn paths_are_escaped_json_pointers() {
        let err = validator(&alpha_schema())
            .check(&json!({ "a/b~c": 1 }))
            .unwrap_err();
        assert_eq!(err.violations[0].path, "/a~1b~0c");
    }

    #[test]
    fn missing_required_field_reports_the_field() {
        let schema = json!({
            "type": "object",
            "properties": { "token": { "type": "string" }, "step": { "type": "integer" } },
            "required": ["token"]
        });
        let err = validator(&schema).check(&json!({ "step": 1 })).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration for plugin 'alpha': /token is missing, and this field is required (rule: required); fix the field and try again"
        );
    }

    #[test]
    fn several_violations_are_all_reported_in_path_order() {
        let err = validator(&alpha_schema())
            .check(&json!({ "step": 0, "name": 7 }))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration for plugin 'alpha': 2 problems:\n  /name: must be a string, not an integer (rule: type)\n  /step: must be at least 1 (rule: minimum)\nfix the fields and try again"
        );
    }

    #[test]
    fn nested_violations_sort_after_their_parent_and_items_numerically() {
        let found = violations(
            &server_schema(),
            json!({
                "tags": [1, "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", 2],
                "server": { "port": 0, "host": false },
                "mode": "medium",
                "extra": true
            }),
        );
        assert_eq!(
            found,
            pairs(&[
                ("/extra", "additionalProperties"),
                ("/mode", "enum"),
                ("/server/host", "type"),
                ("/server/port", "minimum"),
                ("/tags/0", "type"),
                ("/tags/10", "type"),
            ])
        );
    }

    #[test]
    fn an_optional_struct_reports_inside_the_struct() {
        let err = validator(&server_schema())
            .check(&json!({ "backup": { "port": "x" } }))
            .unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "/backup/port".into(),
                rule: "type".into(),
                message: "must be an integer, not a string".into(),
            }]
        );
    }

    #[test]
    fn an_optional_struct_of_the_wrong_type_names_the_allowed_types() {
        let err = validator(&server_schema())
            .check(&json!({ "backup": 3 }))
            .unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "/backup".into(),
                rule: "anyOf".into(),
                message: "must be an object or null, not an integer".into(),
            }]
        );
    }

    #[test]
    fn a_fraction_where_an_integer_belongs_says_so() {
        let err = validator(&server_schema())
            .check(&json!({ "limit": 2.5 }))
            .unwrap_err();
        assert_eq!(
            err.violations[0].message,
            "must be null or an integer, not a fractional number"
        );
    }

    #[test]
    fn one_of_reports_every_alternative_or_the_double_match() {
        let schema = json!({
            "oneOf": [
                { "type": "integer", "minimum": 10 },
                { "type": "integer", "maximum": 0 }
            ]
        });
        let err = validator(&schema).check(&json!(5)).unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "".into(),
                rule: "oneOf".into(),
                message:
                    "matches none of the allowed forms: must be at least 10; or must be at most 0"
                        .into(),
            }]
        );
        let schema = json!({ "oneOf": [{ "type": "integer" }, { "minimum": 0 }] });
        let err = validator(&schema).check(&json!(5)).unwrap_err();
        assert_eq!(err.violations[0].rule, "oneOf");
        assert_eq!(
            err.violations[0].message,
            "matches more than one of the allowed forms (numbers 0 and 1), but must match exactly one"
        );
    }

    #[test]
    fn enum_lists_the_allowed_values() {
        let err = validator(&server_schema())
            .check(&json!({ "mode": "medium" }))
            .unwrap_err();
        assert_eq!(
            err.violations[0].message,
            r#"must be one of "fast", "slow""#
        );
    }

    #[test]
    fn a_schema_that_is_not_json_schema_is_one_schema_violation() {
        let err = ConfigValidator::new("alpha", &json!({ "type": "objekt" })).unwrap_err();
        assert_eq!(err.plugin, "alpha");
        assert_eq!(err.violations.len(), 1);
        assert_eq!(err.violations[0].path, "");
        assert_eq!(err.violations[0].rule, "schema");
        assert!(
            err.violations[0].message.contains("/type must be one of"),
            "{err}"
        );
        assert!(
            err.to_string().starts_with("plugin 'alpha' has an invalid configuration schema: it is not a valid JSON Schema: /type must be one of"),
            "{err}"
        );
        assert!(
            err.to_string().ends_with("report this to its authors"),
            "{err}"
        );
    }

    #[test]
    fn a_schema_that_refers_outside_itself_is_refused() {
        let schema = json!({ "$ref": "file:///etc/other.schema.json" });
        let err = ConfigValidator::new("alpha", &schema).unwrap_err();
        assert_eq!(err.violations[0].rule, "schema");
        assert!(
            err.violations[0].message.contains("self-contained"),
            "{err}"
        );
    }

    #[test]
    fn boolean_schemas_and_empty_schemas_work() {
        assert_eq!(
            validator(&json!(true)).check(&json!({ "a": 1 })).unwrap(),
            json!({ "a": 1 })
        );
        assert_eq!(
            validator(&json!({})).check(&Value::Null).unwrap(),
            json!({})
        );
        let err = validator(&json!(false)).check(&json!({})).unwrap_err();
        assert_eq!(err.violations[0].path, "");
    }

    #[test]
    fn unevaluated_properties_report_the_unknown_field() {
        let schema = json!({
            "type": "object",
            "properties": { "a": { "type": "integer" } },
            "unevaluatedProperties": false
        });
        let err = validator(&schema).check(&json!({ "b": 1 })).unwrap_err();
        assert_eq!(
            err.violations,
            [Violation {
                path: "/b".into(),
                rule: "unevaluatedProperties".into(),
                message: "is not a known field".into(),
            }]
        );
    }

    #[test]
    fn violations_serialize_for_tools() {
        let violation = Violation {
            path: "/step".into(),
            rule: "minimum".into(),
            message: "must be at least 1".into(),
        };
        assert_eq!(
            serde_json::to_value(&violation).unwrap(),
            json!({ "path": "/step", "rule": "minimum", "message": "must be at least 1" })
        );
    }

    fn parse(text: &str) -> Result<HostConfig, HostConfigError> {
        HostConfig::parse(text, Path::new("host.toml"))
    }

    #[test]
    fn toml_plugin_tables_become_json() {
        let config = parse(
            r#"
            name = "my app"

            [plugins.alpha]
            step = 2
            ratio = 0.5
            verbose = true
            started = 1979-05-27T07:32:00Z
            tags = ["a", "b"]
            servers = [{ host = "a", port = 1 }]

            [plugins.alpha.server]
            host = "example.org"
            port = 8080

            [plugins.beta]
            "#,
        )
        .unwrap();
        assert_eq!(config.plugins.len(), 2);
        assert_eq!(
            config.plugins["alpha"],
            json!({
                "step": 2,
                "ratio": 0.5,
                "verbose": true,
                "started": "1979-05-27T07:32:00Z",
                "tags": ["a", "b"],
                "servers": [{ "host": "a", "port": 1 }],
                "server": { "host": "example.org", "port": 8080 }
            })
        );
        assert_eq!(config.plugins["beta"], json!({}));
    }

    #[test]
    fn local_dates_and_times_become_strings() {
        let config = parse("[plugins.x]\nday = 2024-02-29\nat = 07:32:00\n").unwrap();
        assert_eq!(
            config.plugins["x"],
            json!({ "day": "2024-02-29", "at": "07:32:00" })
        );
    }

    #[test]
    fn a_file_without_plugins_has_none() {
        assert_eq!(parse("").unwrap(), HostConfig::default());
        assert_eq!(
            parse("[server]\nport = 1\n").unwrap(),
            HostConfig::default()
        );
    }

    #[test]
    fn a_parse_error_names_the_file_and_line() {
        let err = parse("[plugins.alpha]\nstep = 1\nname = \n").unwrap_err();
        let HostConfigError::Parse { line, message, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(*line, Some(3));
        assert!(!message.is_empty());
        let shown = err.to_string();
        assert!(
            shown.starts_with("the host config file 'host.toml' is not valid at line 3: "),
            "{shown}"
        );
        assert!(shown.ends_with("; fix the file and try again"), "{shown}");
    }

    #[test]
    fn a_plugin_entry_that_is_not_a_table_is_refused() {
        let err = parse("plugins.x = 3\n").unwrap_err();
        assert!(
            matches!(&err, HostConfigError::NotATable { key, .. } if key == "plugins.x"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "in the host config file 'host.toml', `plugins.x` is not a table; put its settings under a `[plugins.x]` header"
        );
    }

    #[test]
    fn plugins_that_is_not_a_table_is_refused() {
        let err = parse("plugins = [1]\n").unwrap_err();
        assert!(
            matches!(&err, HostConfigError::NotATable { key, .. } if key == "plugins"),
            "{err:?}"
        );
    }

    #[test]
    fn odd_plugin_names_are_quoted_in_errors() {
        let err = parse("[plugins]\n\"my.plugin\" = 1\n").unwrap_err();
        assert!(
            matches!(&err, HostConfigError::NotATable { key, .. } if key == r#"plugins."my.plugin""#),
            "{err:?}"
        );
    }

    #[test]
    fn a_nan_in_a_plugin_table_is_refused() {
        let err = parse("[plugins.x.limits]\nratio = nan\n").unwrap_err();
        assert!(
            matches!(&err, HostConfigError::Parse { line: None, message, .. } if message.contains("`plugins.x.limits.ratio`")),
            "{err:?}"
        );
    }

    #[test]
    fn read_names_a_missing_file() {
        let path = std::env::temp_dir().join(format!(
            "plugin-host-config-check-missing-{}.toml",
            std::process::id()
        ));
        let err = HostConfig::read(&path).unwrap_err();
        assert!(matches!(&err, HostConfigError::Io { path: p, .. } if *p == path));
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }

    #[test]
    fn read_parses_the_file() {
        let path = std::env::temp_dir().join(format!(
            "plugin-host-config-check-read-{}.toml",
            std::process::id()
        ));
        std::fs::write(&path, "[plugins.alpha]\nstep = 3\n").unwrap();
        let config = HostConfig::read(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(config.unwrap().plugins["alpha"], json!({ "step": 3 }));
    }

    #[test]
    fn a_toml_config_checks_against_its_schema() {
        let config = parse("[plugins.alpha]\nstep = 0\n").unwrap();
        let err = validator(&alpha_schema())
            .check(&config.plugins["alpha"])
            .unwrap_err();
        assert_eq!(err.violations[0].path, "/step");
    }
}
