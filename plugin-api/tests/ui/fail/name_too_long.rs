use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

#[plugin(name = "a-name-that-goes-on-and-on-and-on-well-past-the-limit-of-sixty-four")]
struct Hello;

impl Plugin for Hello {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Hello)
    }
}

fn main() {}
