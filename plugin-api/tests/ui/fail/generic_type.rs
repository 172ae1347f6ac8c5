use plugin_api::plugin;

#[plugin(name = "wrapper")]
struct Wrapper<'a, T: Send, const N: usize> {
    items: [&'a T; N],
}

fn main() {}
