//! Tests of configuration checking and of reading the host's TOML config file.

use std::path::Path;

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
            message: "matches none of the allowed forms: must be at least 10; or must be at most 0"
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
