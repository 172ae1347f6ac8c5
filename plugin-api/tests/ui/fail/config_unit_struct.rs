use plugin_api::config;

#[config]
#[derive(Default)]
struct Settings;

fn main() {}
