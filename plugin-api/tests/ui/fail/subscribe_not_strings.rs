use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

const TOPIC: &str = "orders.created";

#[plugin(name = "hello", subscribe(TOPIC))]
struct Hello;

impl Plugin for Hello {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }
}

fn main() {}
