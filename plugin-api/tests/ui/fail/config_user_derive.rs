use plugin_api::config;
use serde::{Deserialize, Serialize};

#[config]
#[derive(Debug, Default, Serialize, Deserialize)]
struct HelloConfig {
    greeting: String,
}

#[config]
#[derive(Default, schemars::JsonSchema)]
struct OtherConfig {
    greeting: String,
}

fn main() {}
