//! How plugins are shown: their states, libraries and descriptors, in words
//! and as JSON.

use plugin_host::{PluginInfo, PluginState};
use serde_json::{Value, json};

/// The state in one word, as in the JSON output (`discovered`, `active`).
pub(crate) fn state_word(state: PluginState) -> String {
    match serde_json::to_value(state) {
        Ok(Value::String(word)) => word,
        _ => state.to_string(),
    }
}

/// The file name of the plugin's library, or where else it came from.
pub(crate) fn library_name(info: &PluginInfo) -> String {
    match info.source.path() {
        Some(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        None => "(linked statically)".to_owned(),
    }
}

/// The declared dependencies in words: `middle ^0.5, extra * (optional)`.
pub(crate) fn dependencies(info: &PluginInfo) -> String {
    let named: Vec<String> = info
        .dependencies
        .iter()
        .map(|dependency| {
            let optional = if dependency.optional {
                " (optional)"
            } else {
                ""
            };
            format!("{} {}{optional}", dependency.name, dependency.requirement)
        })
        .collect();
    crate::report::list_or_none(&named)
}

/// Everything in the descriptor, as JSON.
pub(crate) fn info_json(info: &PluginInfo) -> Value {
    let dependencies: Vec<Value> = info
        .dependencies
        .iter()
        .map(|dependency| {
            json!({
                "name": dependency.name,
                "requirement": dependency.requirement.to_string(),
                "optional": dependency.optional,
            })
        })
        .collect();
    json!({
        "name": info.name,
        "version": info.version.to_string(),
        "description": info.description,
        "authors": info.authors,
        "license": info.license,
        "requires": info.requires.to_string(),
        "dependencies": dependencies,
        "conflicts": info.conflicts,
        "library": info.source.path(),
    })
}
