#![deny(warnings)]

use plugin_api::{Context, Plugin, PluginError, config, plugin};

/// How the greeter greets.
#[config]
#[derive(Debug, Clone, PartialEq)]
pub struct GreeterConfig {
    /// The word put before each name.
    pub greeting: String,
    /// How many exclamation marks follow.
    #[serde(rename = "excitement-level")]
    pub excitement: u8,
    /// Where greetings go.
    pub sink: Sink,
}

impl Default for GreeterConfig {
    fn default() -> Self {
        GreeterConfig {
            greeting: "Hello".into(),
            excitement: 1,
            sink: Sink::Log,
        }
    }
}

/// An enum configuration, with the user's own derives and serde attributes.
#[derive(Debug, Clone, Default, PartialEq)]
#[config]
#[serde(rename_all = "lowercase")]
pub enum Sink {
    /// The host's log.
    #[default]
    Log,
    /// A file.
    File {
        /// The file's path.
        path: String,
    },
}

/// A configuration that tolerates settings from newer versions.
#[config(allow_unknown_fields)]
#[derive(Default)]
pub struct Tolerant {
    /// How often to retry.
    pub retries: u32,
}

/// A tuple struct works too.
#[config]
#[derive(Default)]
pub struct Port(pub u16);

/// Greets people.
#[plugin(name = "greeter")]
pub struct Greeter;

impl Plugin for Greeter {
    type Config = GreeterConfig;

    fn new(ctx: &Context<'_, GreeterConfig>) -> Result<Self, PluginError> {
        let _: &str = &ctx.config().greeting;
        Ok(Greeter)
    }
}

fn assert_config<C: plugin_api::PluginConfig>() {}

fn main() {
    assert_config::<Tolerant>();
    assert_config::<Port>();
}
