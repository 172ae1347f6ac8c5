use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

#[plugin(name = "first")]
struct First;

impl Plugin for First {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(First)
    }
}

#[plugin(name = "second", dependency(name = "first"))]
struct Second;

impl Plugin for Second {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Second)
    }
}

mod nested {
    use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

    /// The same type name in another module is a different plugin.
    #[plugin(name = "third")]
    pub(crate) struct First;

    impl Plugin for First {
        type Config = NoConfig;

        fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
            Ok(First)
        }
    }
}

fn main() {}
