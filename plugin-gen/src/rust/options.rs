//! What the caller chooses about the crate to generate.

use std::path::PathBuf;

/// Where the generated crate takes the SDK crates it depends on
/// (`plugin-api` and `plugin-http`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SdkSource {
    /// Path dependencies on the SDK's source tree: the directory that holds
    /// `plugin-api/` and `plugin-http/` (the SDK's workspace root). When it
    /// and the output directory are both relative, or both absolute, the
    /// dependencies are written relative to the output directory, so the
    /// generated files do not depend on where the tree is checked out;
    /// otherwise the path is written as given.
    Path(PathBuf),
    /// Version dependencies from a registry (`"0.1"`, `"=0.1.0"`), written
    /// as given.
    Version(String),
}

/// Options of the Rust back end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The package's name in `Cargo.toml` (`stripe-plugin`): ASCII letters,
    /// digits, `-` and `_`, starting with a letter. The library's name is
    /// the same with `-` turned into `_`.
    pub crate_name: String,
    /// The name hosts know the plugin by (`stripe`): 1 to 64 lowercase ASCII
    /// letters, digits, `-` and `_`, starting with a letter. Credentials are
    /// stored under it (`STRIPE_API_KEY`).
    pub plugin_name: String,
    /// Where the SDK crates come from.
    pub sdk: SdkSource,
}

impl Options {
    /// Options for a crate and plugin of these names.
    pub fn new(
        crate_name: impl Into<String>,
        plugin_name: impl Into<String>,
        sdk: SdkSource,
    ) -> Self {
        Self {
            crate_name: crate_name.into(),
            plugin_name: plugin_name.into(),
            sdk,
        }
    }

    /// Checks the names; the message says what is wrong and what would do.
    pub(crate) fn check(&self) -> Result<(), String> {
        let name = &self.crate_name;
        let crate_ok = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !crate_ok {
            return Err(format!(
                "the crate name '{name}' is not valid: use up to 64 ASCII letters, digits, '-' and '_', starting with a letter"
            ));
        }
        let plugin = &self.plugin_name;
        let plugin_ok = plugin.starts_with(|c: char| c.is_ascii_lowercase())
            && plugin.len() <= 64
            && plugin
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !plugin_ok {
            return Err(format!(
                "the plugin name '{plugin}' is not valid: use 1 to 64 lowercase ASCII letters, digits, '-' and '_', starting with a letter"
            ));
        }
        match &self.sdk {
            SdkSource::Version(version)
                if version.trim().is_empty() || version.contains(['"', '\\', '\n']) =>
            {
                return Err(format!(
                    "the SDK version requirement '{version}' is not valid: give one such as \"0.1\" or \"=0.1.0\""
                ));
            }
            SdkSource::Path(path)
                if path.to_str().is_none_or(|p| p.contains(['"', '\\', '\n'])) =>
            {
                return Err(format!(
                    "the SDK path '{}' cannot be written into Cargo.toml: use a UTF-8 path with '/' separators and no quotes",
                    path.display()
                ));
            }
            SdkSource::Version(_) | SdkSource::Path(_) => {}
        }
        Ok(())
    }

    /// The library's name (`stripe_plugin`).
    pub(crate) fn lib_name(&self) -> String {
        self.crate_name.replace('-', "_")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        let ok = Options::new("stripe-plugin", "stripe", SdkSource::Version("0.1".into()));
        assert_eq!(ok.check(), Ok(()));
        assert_eq!(ok.lib_name(), "stripe_plugin");
        let bad_crate = Options::new("1stripe", "stripe", SdkSource::Version("0.1".into()));
        assert!(
            bad_crate
                .check()
                .unwrap_err()
                .contains("crate name '1stripe'")
        );
        let bad_plugin = Options::new("stripe", "Stripe", SdkSource::Version("0.1".into()));
        assert!(
            bad_plugin
                .check()
                .unwrap_err()
                .contains("plugin name 'Stripe'")
        );
        let bad_version = Options::new("stripe", "stripe", SdkSource::Version("\"".into()));
        assert!(bad_version.check().is_err());
    }
}
