use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

#[plugin(name = "hello", dependency(name = "storage", version = "1.2.x.4"))]
struct Hello;

impl Plugin for Hello {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }
}

fn main() {}
