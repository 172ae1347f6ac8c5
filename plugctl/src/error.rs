//! Why a command failed. Each message says what happened, to what, and what
//! to do; errors from plugin-host are passed on as they are.

use std::path::PathBuf;

use plugin_host::{
    HostConfigError, LoadError, ManagerError, PackageError, RegistryError, ReloadError, WatchError,
};

/// A failed or refused command.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The plugin manager refused or failed the operation.
    #[error(transparent)]
    Manager(#[from] ManagerError),

    /// A library was refused.
    #[error(transparent)]
    Load(#[from] LoadError),

    /// A package was refused.
    #[error(transparent)]
    Package(#[from] PackageError),

    /// The registry refused or failed the operation.
    #[error(transparent)]
    Registry(#[from] RegistryError),

    /// A command needs a registry and none was given.
    #[error(
        "no package registry was given; pass --registry DIR or set PLUGCTL_REGISTRY to the registry's directory"
    )]
    NoRegistry,

    /// An argument that is neither an existing file nor a package name.
    #[error(
        "'{argument}' is neither an existing file nor a package name (NAME or NAME@REQ); check the path, or give a package name from the registry"
    )]
    NoSuchSource {
        /// The argument.
        argument: String,
    },

    /// A NAME@REQ argument whose requirement is not semver.
    #[error(
        "'{argument}' has an invalid version requirement ({source}); write it as NAME@REQ with a semver requirement, such as greeter@^1.2"
    )]
    BadRequirement {
        /// The argument.
        argument: String,
        /// The parse error.
        source: plugin_host::semver::Error,
    },

    /// `host.toml` could not be read.
    #[error(transparent)]
    HostConfig(#[from] HostConfigError),

    /// A file operation failed.
    #[error("could not {action} '{}'", path.display())]
    Io {
        /// What was being done, as a verb phrase ("read", "copy ... to").
        action: String,
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The state saved by an earlier run could not be brought back.
    #[error("could not restore the plugins saved in '{}'", state_file.display())]
    Restore {
        /// The state file.
        state_file: PathBuf,
        /// What went wrong.
        source: Box<ManagerError>,
    },

    /// A command-line argument that should be JSON is not.
    #[error(
        "{what} is not valid JSON ({source}); quote strings inside JSON, as in '\"text\"', and the whole argument for the shell"
    )]
    Json {
        /// Which argument.
        what: String,
        /// The parse error.
        source: serde_json::Error,
    },

    /// A `config set` argument that is neither JSON nor `KEY=VALUE`.
    #[error(
        "'{argument}' is neither a JSON document nor a KEY=VALUE pair; give one JSON document, or pairs such as greeting=Hi level=5"
    )]
    NotAPair {
        /// The argument.
        argument: String,
    },

    /// A `KEY=VALUE` pair sets a field inside a value that is not an object.
    #[error(
        "cannot set '{key}': '{parent}' holds {found}, not an object; set '{parent}' itself, or give the whole configuration as JSON"
    )]
    NotAnObject {
        /// The dotted key given.
        key: String,
        /// The part of it that is not an object.
        parent: String,
        /// What it holds instead, described.
        found: &'static str,
    },

    /// No plugin has the name given.
    #[error("no plugin named '{name}' is loaded; {known}")]
    UnknownPlugin {
        /// The name given.
        name: String,
        /// The loaded plugins, as a sentence saying what to do.
        known: String,
    },

    /// A command that needs an installed plugin was given one that is not.
    #[error("plugin '{plugin}' is not installed, so it has no configuration; install it first")]
    NotInstalled {
        /// The plugin.
        plugin: String,
    },

    /// `install` was given a file plugctl would never load again.
    #[error(
        "'{}' does not end in .{extension}, and plugctl loads only files with this platform's library extension; give the library cargo built (a cdylib)",
        path.display()
    )]
    NotALibraryFile {
        /// The file.
        path: PathBuf,
        /// The platform's library extension.
        extension: &'static str,
    },

    /// `install` would overwrite a different library.
    #[error(
        "a different library named '{file_name}' is already in '{}'; uninstall its plugins first (which removes it), or rename the new library",
        plugins_dir.display()
    )]
    LibraryExists {
        /// The library's file name.
        file_name: String,
        /// The managed plugin directory.
        plugins_dir: PathBuf,
    },

    /// `install` was given a library whose plugins are all installed.
    #[error("every plugin of '{}' is installed already: {plugins}", library.display())]
    AlreadyInstalled {
        /// The library.
        library: PathBuf,
        /// Its plugins, comma-separated.
        plugins: String,
    },

    /// `install --config` was given for a library with several plugins.
    #[error(
        "--config applies to a library with one plugin, but '{}' holds {count}: {plugins}; install without --config, then use `plugctl config set`",
        library.display()
    )]
    ConfigForMany {
        /// The library.
        library: PathBuf,
        /// How many plugins it holds.
        count: usize,
        /// Their names, comma-separated.
        plugins: String,
    },

    /// `install` failed and was undone.
    #[error("could not install '{}', so nothing was changed", library.display())]
    InstallFailed {
        /// The library the user gave.
        library: PathBuf,
        /// Why.
        source: Box<CliError>,
    },

    /// `sources.json` is not what plugctl writes.
    #[error(
        "'{}' is not a valid sources file ({source}); repair it or remove it (then `plugctl reload` needs --from)",
        file.display()
    )]
    CorruptSources {
        /// The file.
        file: PathBuf,
        /// What is wrong with it.
        source: serde_json::Error,
    },

    /// `reload` does not know where the plugin's new build is.
    #[error(
        "plugctl does not know where the new build of plugin '{plugin}' is: '{}' was installed by a plugctl that did not record sources; give the new build with --from <LIBRARY>",
        library.display()
    )]
    NoSource {
        /// The plugin.
        plugin: String,
        /// Its library in the managed directory.
        library: PathBuf,
    },

    /// `reload` was given a plugin plugctl did not install.
    #[error(
        "plugin '{plugin}' is not loaded from a library in the managed directory, so plugctl cannot reload it; install it with `plugctl install`"
    )]
    NotManaged {
        /// The plugin.
        plugin: String,
    },

    /// A hot reload failed and was undone.
    #[error(
        "could not reload '{}', so the library in the managed directory was left as it was",
        library.display()
    )]
    ReloadFailed {
        /// The library in the managed directory.
        library: PathBuf,
        /// Why.
        source: Box<ReloadError>,
    },

    /// A hot reload in `watch` failed.
    #[error(transparent)]
    Reload(#[from] ReloadError),

    /// `watch` could not watch the crate.
    #[error(transparent)]
    Watch(#[from] WatchError),

    /// `cargo build` failed or could not run.
    #[error(
        "building '{}' failed ({reason}); cargo's messages are above",
        crate_dir.display()
    )]
    BuildFailed {
        /// The crate.
        crate_dir: PathBuf,
        /// What went wrong: cargo's exit status, or why it did not run.
        reason: String,
    },

    /// `cargo build` built no plugin library.
    #[error(
        "building '{}' produced no .{extension} library; give the crate `crate-type = [\"cdylib\"]` under [lib], as `plugctl new` does",
        crate_dir.display()
    )]
    NoLibraryBuilt {
        /// The crate.
        crate_dir: PathBuf,
        /// The platform's library extension.
        extension: &'static str,
    },

    /// `new` was given an invalid plugin name.
    #[error(transparent)]
    InvalidName(#[from] plugin_host::InvalidPluginName),

    /// `new` would write into a directory that has files.
    #[error(
        "'{}' exists and is not an empty directory; choose another --path, or remove it first",
        path.display()
    )]
    PathTaken {
        /// The directory.
        path: PathBuf,
    },

    /// Reading or writing the credential file failed, or a name was invalid.
    #[error(transparent)]
    Credential(#[from] plugin_host::CredentialError),

    /// `credentials set` read no value.
    #[error(
        "no value on standard input for credential '{name}'; pipe it in, as in `printf '%s' \"$KEY\" | plugctl credentials set {plugin} {name}`"
    )]
    NoCredentialValue {
        /// The plugin.
        plugin: String,
        /// The credential.
        name: String,
    },

    /// `credentials remove` found nothing to remove.
    #[error(
        "plugin '{plugin}' has no stored credential '{name}'; `plugctl credentials list {plugin}` shows what it has"
    )]
    NoSuchCredential {
        /// The plugin.
        plugin: String,
        /// The credential.
        name: String,
    },

    /// `call --all` was given input that is not an object.
    #[error("--all needs the command's input to be a JSON object (or absent), not {found}")]
    AllNeedsObject {
        /// What the input was.
        found: String,
    },

    /// `generate` failed: a bad specification (with its JSON pointer), an
    /// unsupported construct, or an output directory it may not write.
    #[error(transparent)]
    Generate(#[from] plugin_gen::rust::GenError),

    /// `generate` could not find the SDK source tree to depend on.
    #[error(
        "no SDK source tree at '{}' ({reason}); pass --sdk with the SDK checkout's root directory, or --sdk-version to depend on published crates",
        path.display()
    )]
    SdkTreeNotFound {
        /// Where it was looked for.
        path: PathBuf,
        /// What is wrong there.
        reason: String,
    },

    /// `new` could not find the plugin-api crate to depend on.
    #[error(
        "no plugin-api crate at '{}' ({reason}); pass --sdk with the path of the SDK checkout's plugin-api directory",
        path.display()
    )]
    SdkNotFound {
        /// Where it was looked for.
        path: PathBuf,
        /// What is wrong there.
        reason: String,
    },
}

impl CliError {
    /// Makes a [`CliError::Io`] for `action` on `path` out of an I/O error,
    /// for `map_err`.
    pub(crate) fn io(
        action: impl Into<String>,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> CliError {
        let (action, path) = (action.into(), path.into());
        move |source| CliError::Io {
            action,
            path,
            source,
        }
    }
}
