use plugin_api::plugin;

#[plugin(name = "hello")]
fn hello() {}

fn main() {}
