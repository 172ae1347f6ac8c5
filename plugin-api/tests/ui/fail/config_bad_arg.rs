use plugin_api::{Context, Plugin, PluginError, config, plugin};

#[config(deny_unknown_fields, rename_all = "camelCase")]
#[derive(Default)]
struct HelloConfig {
    greeting: String,
}

#[plugin(name = "hello")]
struct Hello;

impl Plugin for Hello {
    type Config = HelloConfig;

    fn new(_ctx: &Context<'_, HelloConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }
}

fn main() {}
