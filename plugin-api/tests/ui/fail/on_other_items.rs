use plugin_api::plugin;

#[plugin(name = "a")]
trait Hello {}

struct Greeter;

#[plugin(name = "b")]
impl Greeter {}

#[plugin(name = "c")]
union Bits {
    int: u32,
    float: f32,
}

#[plugin(name = "d")]
mod plugins {}

fn main() {}
