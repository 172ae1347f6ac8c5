//! Records the target triple this crate is built for, so a plugin package
//! can say which platform its library was built for and a host can refuse
//! one made for another.

fn main() {
    let target = std::env::var("TARGET").expect("cargo sets TARGET for build scripts");
    println!("cargo::rustc-env=PLUGIN_HOST_TARGET={target}");
    println!("cargo::rerun-if-changed=build.rs");
}
