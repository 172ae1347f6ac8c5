use plugin_api::config;

#[config]
struct Settings {
    retries: u32,
}

fn main() {}
