use plugin_api::plugin;

/// Forgot to implement `Plugin`.
#[plugin(name = "hello")]
struct Hello;

fn main() {}
