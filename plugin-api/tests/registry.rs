//! What `#[plugin]` registers: the descriptors a host reads, built from the
//! plugins linked into this test binary.

use plugin_api::abi::{DEPENDENCY_OPTIONAL, DependencyDescriptor, PluginDescriptor, RBuf, RStr};
use plugin_api::{Context, NoConfig, Plugin, PluginError, config, plugin};
use serde_json::{Value, json};

/// How the greeter greets.
///
/// This second paragraph is not part of any description.
#[config]
#[derive(Debug)]
pub struct GreeterConfig {
    /// The word put before each name.
    pub greeting: String,
    /// How many exclamation marks follow.
    pub excitement: u8,
}

impl Default for GreeterConfig {
    fn default() -> Self {
        GreeterConfig {
            greeting: "Hello".into(),
            excitement: 1,
        }
    }
}

/// Greets people
/// by name.
///
/// Details that stay out of the description.
#[plugin(
    name = "greeter",
    version = "1.4.0",
    authors = "Ann <ann@example.com>:Bob",
    license = "MIT",
    requires = ">=2.0, <3",
    dependency(name = "storage", version = "^1.2"),
    dependency(name = "metrics", optional),
    conflicts("legacy-greeter", "shouter")
)]
pub struct Greeter;

impl Plugin for Greeter {
    type Config = GreeterConfig;

    fn new(_ctx: &Context<'_, GreeterConfig>) -> Result<Self, PluginError> {
        Ok(Greeter)
    }
}

/// Settings a newer storage plugin may extend.
#[config(allow_unknown_fields)]
#[derive(Default)]
pub struct StorageConfig {
    /// Where data goes.
    pub path: String,
}

/// This doc comment loses to the explicit description.
#[plugin(name = "storage", version = "1.3.0", description = "Keeps data")]
pub enum Storage {
    /// The only variant.
    Ready,
}

impl Plugin for Storage {
    type Config = StorageConfig;

    fn new(_ctx: &Context<'_, StorageConfig>) -> Result<Self, PluginError> {
        Ok(Storage::Ready)
    }
}

#[plugin(name = "audit")]
struct Audit;

impl Plugin for Audit {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Audit)
    }
}

fn descriptors() -> Vec<&'static PluginDescriptor> {
    let table = plugin_api::__private::static_table();
    assert!(!table.plugins.is_null());
    // SAFETY: `static_table` returns a non-null array of `len` pointers that
    // live for the rest of the process.
    let pointers = unsafe { std::slice::from_raw_parts(table.plugins, table.len) };
    // SAFETY: each pointer leads to a leaked, immutable descriptor.
    pointers.iter().map(|&p| unsafe { &*p }).collect()
}

fn descriptor(name: &str) -> &'static PluginDescriptor {
    descriptors()
        .into_iter()
        .find(|d| text(d.name) == name)
        .unwrap_or_else(|| panic!("no plugin '{name}' registered"))
}

fn text(s: RStr<'static>) -> &'static str {
    s.to_str().expect("descriptor strings are UTF-8")
}

fn dependencies(d: &PluginDescriptor) -> Vec<(&'static str, &'static str, u32)> {
    // SAFETY: the descriptor's `dependencies` points to `dependency_count`
    // leaked, immutable entries.
    let slice: &[DependencyDescriptor] =
        unsafe { std::slice::from_raw_parts(d.dependencies, d.dependency_count) };
    slice
        .iter()
        .map(|dep| (text(dep.name), text(dep.requirement), dep.flags))
        .collect()
}

fn conflicts(d: &PluginDescriptor) -> Vec<&'static str> {
    // SAFETY: the descriptor's `conflicts` points to `conflict_count` leaked,
    // immutable names.
    let slice: &[RStr<'static>] =
        unsafe { std::slice::from_raw_parts(d.conflicts, d.conflict_count) };
    slice.iter().map(|c| text(*c)).collect()
}

fn json(buf: &RBuf) -> Value {
    serde_json::from_slice(buf.as_slice().expect("a readable buffer")).expect("valid JSON")
}

/// The plugin's configuration schema and defaults, asked through its vtable
/// as a host asks.
fn config_of(d: &PluginDescriptor) -> (Value, Value) {
    // SAFETY: descriptors point to their plugin's static vtable.
    let vtable = unsafe { &*d.vtable };
    let describe_config = vtable.describe_config.expect("describe_config is present");
    let (mut schema, mut defaults) = (RBuf::empty(), RBuf::empty());
    // SAFETY: both out-parameters are valid, initialized buffers.
    let status = unsafe { describe_config(&mut schema, &mut defaults) };
    assert!(status.is_ok(), "{status:?}: {}", schema.to_string_lossy());
    (json(&schema), json(&defaults))
}

#[test]
fn every_plugin_is_registered_once_sorted_by_name() {
    let names: Vec<&str> = descriptors().iter().map(|d| text(d.name)).collect();
    assert_eq!(names, ["audit", "greeter", "storage"]);
    for d in descriptors() {
        assert_eq!(d.size, size_of::<PluginDescriptor>());
        assert!(!d.vtable.is_null());
    }
}

#[test]
fn explicit_arguments_are_recorded() {
    let greeter = descriptor("greeter");
    assert_eq!(text(greeter.version), "1.4.0");
    assert_eq!(text(greeter.description), "Greets people by name.");
    assert_eq!(text(greeter.authors), "Ann <ann@example.com>:Bob");
    assert_eq!(text(greeter.license), "MIT");
    assert_eq!(text(greeter.requires), ">=2.0, <3");
    assert_eq!(
        dependencies(greeter),
        [
            ("storage", "^1.2", 0),
            ("metrics", "*", DEPENDENCY_OPTIONAL)
        ]
    );
    assert_eq!(conflicts(greeter), ["legacy-greeter", "shouter"]);
    assert_eq!(text(descriptor("storage").description), "Keeps data");
}

#[test]
fn missing_arguments_come_from_the_package() {
    let audit = descriptor("audit");
    assert_eq!(text(audit.version), env!("CARGO_PKG_VERSION"));
    assert_eq!(text(audit.description), env!("CARGO_PKG_DESCRIPTION"));
    assert_eq!(text(audit.authors), env!("CARGO_PKG_AUTHORS"));
    assert_eq!(text(audit.license), env!("CARGO_PKG_LICENSE"));
    assert_eq!(text(audit.requires), "*");
    assert!(dependencies(audit).is_empty());
    assert!(conflicts(audit).is_empty());
}

#[test]
fn config_schema_carries_docs_defaults_and_strictness() {
    let (schema, defaults) = config_of(descriptor("greeter"));
    assert_eq!(
        schema["description"],
        "How the greeter greets.\n\nThis second paragraph is not part of any description."
    );
    assert_eq!(
        schema["properties"]["greeting"]["description"],
        "The word put before each name."
    );
    assert_eq!(
        schema["properties"]["excitement"]["description"],
        "How many exclamation marks follow."
    );
    assert_eq!(schema["properties"]["greeting"]["default"], "Hello");
    assert_eq!(
        schema["default"],
        json!({ "greeting": "Hello", "excitement": 1 })
    );
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are rejected: {schema}"
    );
    assert_eq!(
        schema.get("required"),
        None,
        "every field has a default: {schema}"
    );
    assert_eq!(defaults, json!({ "greeting": "Hello", "excitement": 1 }));

    let (storage, _) = config_of(descriptor("storage"));
    assert_eq!(
        storage.get("additionalProperties"),
        None,
        "allow_unknown_fields: {storage}"
    );
    assert_eq!(
        storage["properties"]["path"]["description"],
        "Where data goes."
    );
}

#[test]
fn a_plugin_without_config_takes_an_empty_object() {
    let (schema, defaults) = config_of(descriptor("audit"));
    assert_eq!(defaults, json!({}));
    assert_eq!(schema["default"], json!({}));
}
