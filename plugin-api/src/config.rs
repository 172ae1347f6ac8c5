use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A plugin's configuration type.
///
/// Implemented for every type that can be read from and written to JSON, has
/// a JSON Schema and a default. The easiest way to get all of that is the
/// [`#[config]`](crate::config) attribute, which needs no other dependency:
///
/// ```
/// /// How the greeter greets.
/// #[plugin_api::config]
/// pub struct GreeterConfig {
///     /// The word put before each name.
///     pub greeting: String,
///     /// How many exclamation marks follow.
///     pub excitement: u8,
/// }
///
/// impl Default for GreeterConfig {
///     fn default() -> Self {
///         GreeterConfig { greeting: "Hello".into(), excitement: 1 }
///     }
/// }
/// ```
///
/// Fields left out of a configuration take their values from `Default`.
pub trait PluginConfig:
    Serialize + DeserializeOwned + JsonSchema + Default + Send + 'static
{
}

impl<T> PluginConfig for T where
    T: Serialize + DeserializeOwned + JsonSchema + Default + Send + 'static
{
}

/// The configuration of a plugin that takes none: it accepts only an empty
/// JSON object (or `null`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}

/// The JSON Schema of a configuration type, as a JSON document whose
/// top-level `"default"` is the default configuration.
pub(crate) fn schema_json<C: PluginConfig>() -> Result<String, crate::PluginError> {
    let mut schema = schemars::schema_for!(C);
    schema.insert("default".to_owned(), defaults_value::<C>()?);
    Ok(schema.to_value().to_string())
}

/// The default configuration as a JSON document.
pub(crate) fn defaults_json<C: PluginConfig>() -> Result<String, crate::PluginError> {
    Ok(defaults_value::<C>()?.to_string())
}

fn defaults_value<C: PluginConfig>() -> Result<serde_json::Value, crate::PluginError> {
    serde_json::to_value(C::default()).map_err(|e| {
        crate::PluginError::invalid_config(format!(
            "the default configuration cannot be written as JSON: {e}"
        ))
    })
}

/// Reads a configuration from JSON; `null` and missing fields mean the defaults.
pub(crate) fn parse_config<C: PluginConfig>(json: &str) -> Result<C, crate::PluginError> {
    let trimmed = json.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return Ok(C::default());
    }
    serde_json::from_str(trimmed).map_err(|e| {
        crate::PluginError::invalid_config(format!(
            "invalid configuration: {e}; check it against the plugin's config schema"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_config_accepts_empty_and_null_and_rejects_fields() {
        assert_eq!(parse_config::<NoConfig>("{}").unwrap(), NoConfig {});
        assert_eq!(parse_config::<NoConfig>("null").unwrap(), NoConfig {});
        let err = parse_config::<NoConfig>(r#"{"x":1}"#).unwrap_err();
        assert!(err.message().contains("unknown field `x`"), "{err}");
    }

    #[test]
    fn schema_carries_defaults() {
        let schema: serde_json::Value =
            serde_json::from_str(&schema_json::<NoConfig>().unwrap()).unwrap();
        assert_eq!(schema["default"], serde_json::json!({}));
    }
}
