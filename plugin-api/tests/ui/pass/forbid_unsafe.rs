#![forbid(unsafe_code)]
//! A plugin crate that forbids unsafe code still compiles: the expansion
//! itself contains none.

use plugin_api::{Context, NoConfig, Plugin, PluginError, config, plugin};

/// Settings.
#[config]
#[derive(Default)]
struct Settings {
    /// A flag.
    verbose: bool,
}

#[plugin(name = "careful")]
struct Careful;

impl Plugin for Careful {
    type Config = Settings;

    fn new(ctx: &Context<'_, Settings>) -> Result<Self, PluginError> {
        let _ = ctx.config().verbose;
        Ok(Careful)
    }
}

#[plugin(name = "careful-too")]
struct CarefulToo;

impl Plugin for CarefulToo {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(CarefulToo)
    }
}

fn main() {}
