use plugin_api::config;

#[config(allow_unknown_fields)]
#[derive(Default)]
enum Mode {
    #[default]
    Fast,
    Safe,
}

fn main() {}
