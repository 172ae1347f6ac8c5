#![deny(warnings, missing_docs)]
//! A plugin with no configuration, checked under `deny(warnings)` so that the
//! expansion itself raises no lint.

use plugin_api::{Command, Context, NoConfig, Plugin, PluginError, plugin};

/// Says hello.
#[plugin(name = "hello")]
pub struct Hello;

impl Plugin for Hello {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }

    fn call(
        &mut self,
        _ctx: &Context<'_, NoConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        match command.name() {
            "hello" => plugin_api::to_json("hello"),
            other => Err(PluginError::unknown_command(other, &["hello"])),
        }
    }
}

fn main() {}
