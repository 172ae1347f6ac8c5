use plugin_api::config;

#[config]
#[derive(Default)]
#[serde(default, rename_all = "kebab-case")]
#[serde(deny_unknown_fields)]
struct Settings {
    max_retries: u32,
}

fn main() {}
