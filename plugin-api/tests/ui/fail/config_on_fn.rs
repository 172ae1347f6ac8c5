use plugin_api::config;

#[config]
fn settings() {}

fn main() {}
