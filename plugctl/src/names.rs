//! The Rust names `new` derives from a plugin name (the name itself is
//! checked by `plugin_host::check_plugin_name`).

/// The Rust type name for a valid plugin name: its words (split at `-` and
/// `_`) capitalised and joined, then `suffix`, as in `my-cache` and
/// `"Plugin"` giving `MyCachePlugin`. The suffix keeps the name clear of
/// the names the generated code uses (`Plugin`, `Option`, `Self`, ...).
pub(crate) fn type_name(name: &str, suffix: &str) -> String {
    let mut type_name: String = name
        .split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect();
    type_name.push_str(suffix);
    type_name
}

/// The file cargo builds for the cdylib of crate `name` on this platform.
pub(crate) fn library_file(name: &str) -> String {
    format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        name.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_capitalise_each_word() {
        assert_eq!(type_name("demo", "Plugin"), "DemoPlugin");
        assert_eq!(type_name("my-cache_v2", "Config"), "MyCacheV2Config");
        assert_eq!(type_name("a__b", ""), "AB");
    }
}
