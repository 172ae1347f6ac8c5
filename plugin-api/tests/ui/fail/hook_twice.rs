use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

#[plugin(name = "hello", hook(name = "pre_parse"), hook(name = "pre_parse", priority = 1))]
struct Hello;

impl Plugin for Hello {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }
}

fn main() {}
