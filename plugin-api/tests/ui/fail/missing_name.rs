use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

#[plugin(version = "1.0.0")]
struct HelloWorld;

impl Plugin for HelloWorld {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(HelloWorld)
    }
}

fn main() {}
