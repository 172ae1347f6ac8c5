//! The command line, as clap structs; their doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use plugin_host::semver::Version;

/// Install, activate, configure and call plugins, and scaffold new ones.
///
/// plugctl manages a directory (`--dir`, default `.plugctl`) holding
/// `plugins/` (the libraries copied in by `install`), `state.json` (which
/// plugins are installed and active, and their configurations) and, if you
/// create it, `host.toml` (configurations to install plugins with, under
/// `[plugins.<name>]`). Each run loads every library in `plugins/`, restores
/// the saved state, then runs the command.
///
/// Exit status: 0 on success, 1 when the operation failed or was refused
/// (the reason is printed on stderr), 2 for a usage error. Plugin log
/// records go to stderr; set PLUGCTL_LOG (for example `PLUGCTL_LOG=info`)
/// to see more of them than warnings.
#[derive(Debug, Parser)]
#[command(name = "plugctl", version, max_term_width = 100)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,

    /// Options every command takes.
    #[command(flatten)]
    pub(crate) global: GlobalOptions,
}

/// Options every command takes, before or after its name.
#[derive(Debug, Args)]
pub(crate) struct GlobalOptions {
    /// The managed directory: plugins/, state.json and host.toml.
    #[arg(long, global = true, value_name = "DIR", default_value = ".plugctl")]
    pub(crate) dir: PathBuf,

    /// The host application version plugins' `requires` is checked against.
    #[arg(long, global = true, value_name = "SEMVER", default_value = env!("CARGO_PKG_VERSION"))]
    pub(crate) app_version: Version,

    /// Print one JSON document on stdout instead of text, failures included.
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// The package registry (a directory) that `install NAME[@REQ]`,
    /// `update`, `search` and `publish` use.
    #[arg(long, global = true, value_name = "DIR", env = "PLUGCTL_REGISTRY")]
    pub(crate) registry: Option<PathBuf>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List every plugin: name, version, state and library.
    List,

    /// Show everything known about a plugin: its descriptor, state,
    /// configuration and dependency tree.
    Info {
        /// The plugin's name.
        plugin: String,
    },

    /// Copy a plugin library into the managed directory and install every
    /// plugin it holds.
    ///
    /// The library comes from a library file, a package file (.tar.gz, made
    /// by `plugctl package`; its checksum and platform are checked before
    /// its library is extracted), or a registry: NAME or NAME@REQ (a semver
    /// requirement such as `^1.2`) installs the newest matching version from
    /// --registry. Plugins are installed with their entry in host.toml, or
    /// their defaults. If loading the library or installing any of its
    /// plugins fails, nothing is installed and the copy is removed again.
    Install {
        /// A library file (a .so, .dylib or .dll built as a cdylib), a
        /// package file, or `NAME[@REQ]` from the registry.
        #[arg(value_name = "LIBRARY | PACKAGE | NAME[@REQ]")]
        source: String,

        /// The configuration (JSON) for the library's plugin; only for a
        /// library that holds a single plugin.
        #[arg(long, value_name = "JSON")]
        config: Option<String>,
    },

    /// Uninstall a plugin, deactivating it first if it is active.
    ///
    /// A library none of whose plugins is installed any more is removed
    /// from the managed directory.
    Uninstall {
        /// The plugin's name.
        plugin: String,

        /// Also deactivate and uninstall the active plugins that need it.
        #[arg(long)]
        cascade: bool,
    },

    /// Activate a plugin, after the installed plugins it needs (in
    /// dependency order).
    ///
    /// If any activation fails, the plugins activated for it are
    /// deactivated again.
    Activate {
        /// The plugin's name.
        plugin: String,
    },

    /// Deactivate an active plugin.
    Deactivate {
        /// The plugin's name.
        plugin: String,

        /// Also deactivate the active plugins that need it (first).
        #[arg(long)]
        cascade: bool,
    },

    /// Print a plugin's dependency tree, as far as the installed plugins
    /// satisfy it.
    Deps {
        /// The plugin's name.
        plugin: String,
    },

    /// Read, change or check a plugin's configuration.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Run a command of an active plugin and print what it returns.
    Call {
        /// The plugin's name.
        plugin: String,

        /// The command's name.
        command: String,

        /// The command's input, as JSON.
        #[arg(value_name = "JSON", default_value = "null")]
        input: String,

        /// Follow a paginated list to its end and return every item: sets
        /// `"$all": true` in the input, which must then be a JSON object
        /// (or absent). Commands generated from API specs read it.
        #[arg(long)]
        all: bool,
    },

    /// Generate a plugin crate from a specification.
    #[command(subcommand)]
    Generate(GenerateCommand),

    /// Store, list or remove the credentials plugins read through the
    /// host (API keys, tokens, passwords).
    ///
    /// A plugin asks the host for a credential by name; the host looks in
    /// the environment first (plugin `stripe`'s `api_key` is
    /// STRIPE_API_KEY), then in `credentials.toml` in the managed
    /// directory, a file only its owner may read (mode 600). Values are
    /// never printed.
    #[command(subcommand)]
    Credentials(CredentialsCommand),

    /// Update an installed plugin to a newer build, rolling back on failure.
    ///
    /// The new build comes from a library file, a package file, NAME@REQ
    /// from --registry, or, with no source, the newest version in the
    /// registry. Its configuration schema must accept the plugin's current
    /// configuration. The old version is deactivated, the new one takes its
    /// place with the same configuration and is activated again if the old
    /// was active. If any step fails, the old version is brought back as it
    /// was and nothing is changed.
    Update {
        /// The plugin's name.
        plugin: String,

        /// A library file, a package file, or `NAME[@REQ]` from the registry
        /// (default: the newest version of the plugin there).
        #[arg(value_name = "LIBRARY | PACKAGE | NAME[@REQ]")]
        source: Option<String>,

        /// Install the build even if its version is not newer.
        #[arg(long)]
        force: bool,

        /// Also deactivate the active plugins that need it, and activate
        /// them again afterwards.
        #[arg(long)]
        cascade: bool,
    },

    /// Pack a plugin library into a package (.tar.gz) with a manifest read
    /// from the library itself: plugin names, version, description,
    /// licence, platform and checksum.
    Package {
        /// The library file.
        library: PathBuf,

        /// A word to find the package by in a registry; repeat for more.
        #[arg(long = "keyword", value_name = "WORD")]
        keywords: Vec<String>,

        /// The package file to write, or a directory to write it in as
        /// NAME-VERSION-TARGET.tar.gz (default: the current directory). An
        /// existing file is never overwritten.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },

    /// Add a package to the registry (--registry, created if missing).
    ///
    /// A published name and version never changes: publishing one again is
    /// refused.
    Publish {
        /// The package file.
        package: PathBuf,
    },

    /// Search the registry's package names and keywords (ignoring case)
    /// and list every version of each package found.
    Search {
        /// Text to look for; empty lists every package.
        #[arg(default_value = "")]
        query: String,
    },

    /// Hot-reload a plugin's library from a new build, with every plugin in
    /// it.
    ///
    /// The new build is the file the library was installed from (plugctl
    /// records it), or the one given with --from. It is loaded and checked
    /// as `install` checks a library, must hold the same plugins and accept
    /// their configurations; then each installed plugin's old instance
    /// saves its state and is deactivated, and a new instance restores it
    /// and is activated if the old one was. The new build replaces the
    /// library in the managed directory. If any step fails, nothing is
    /// changed and the error says which step it was.
    Reload {
        /// The plugin's name.
        plugin: String,

        /// The new build (default: the file the library was installed
        /// from); remembered for later reloads.
        #[arg(long, value_name = "LIBRARY")]
        from: Option<PathBuf>,
    },

    /// Rebuild a plugin crate whenever its sources change and hot-reload it
    /// into a host that keeps running: the development loop.
    ///
    /// Builds the crate with `cargo build`, loads its library into a host of
    /// its own (configurations come from host.toml in the managed directory
    /// if there is one; nothing else there is read or written), installs
    /// and activates its plugins, then watches `src/` and `Cargo.toml`.
    /// After each change it builds again and reloads the library, handing
    /// each plugin's state to its new instance. A failed build or reload
    /// leaves the last good build running. Each step is printed on stderr.
    /// Runs until interrupted (Ctrl-C), or with --once until the first
    /// rebuild has been tried.
    Watch {
        /// The plugin crate's directory (holding Cargo.toml).
        #[arg(value_name = "CRATE_DIR")]
        crate_dir: PathBuf,

        /// Stop after the first change has been built and reloaded (exit
        /// status 1 if that failed).
        #[arg(long)]
        once: bool,

        /// Build in release mode.
        #[arg(long)]
        release: bool,

        /// How long the sources must stay unchanged before a build starts.
        #[arg(long, value_name = "MS", default_value_t = 300)]
        quiet_ms: u64,
    },

    /// Check a plugin library as `install` would, without installing
    /// anything, and print its plugins or why it is refused.
    ///
    /// Uses a fresh host: the managed directory is not read. Exits with
    /// status 1 when the library is refused.
    Validate {
        /// The library file.
        library: PathBuf,
    },

    /// Create a plugin crate that builds and loads as it is.
    ///
    /// The crate has a `#[plugin]` type with a configuration, lifecycle hooks
    /// that log, a `hello` command, a unit test and a README saying how to
    /// build it and load it with plugctl.
    New {
        /// The plugin's name: 1 to 64 characters, lowercase ASCII letters,
        /// digits, `-` and `_`, starting with a letter. Also the crate's name.
        name: String,

        /// Where to create the crate (default: `./<NAME>`); it must be missing
        /// or empty.
        #[arg(long, value_name = "DIR")]
        path: Option<PathBuf>,

        /// The plugin-api crate to depend on (default: the one in the SDK
        /// checkout plugctl was built from).
        #[arg(long, value_name = "PATH")]
        sdk: Option<PathBuf>,
    },
}

/// The `generate` subcommands: one per kind of specification.
#[derive(Debug, Subcommand)]
pub(crate) enum GenerateCommand {
    /// Generate a plugin crate from an OpenAPI 3.0 or 3.1 document (JSON or
    /// YAML): one command per operation, grouped by resource
    /// (`customers create`), typed requests and responses, authentication
    /// from the document's security schemes with credentials read through
    /// the host, and a cargo feature per resource.
    ///
    /// The output directory must be empty, missing, or an earlier
    /// generation's output (which is then brought up to date); --force
    /// writes into any directory, replacing files of the same names.
    Openapi {
        /// The OpenAPI document.
        spec: PathBuf,

        /// The plugin's name, as hosts know it (`stripe`): 1 to 64
        /// lowercase ASCII letters, digits, `-` and `_`, starting with a
        /// letter. Its credentials are stored under it (`STRIPE_API_KEY`).
        #[arg(long)]
        name: String,

        /// Where to write the crate.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,

        /// The crate's package name (default: `<NAME>-plugin`).
        #[arg(long, value_name = "NAME")]
        crate_name: Option<String>,

        /// Depend on the SDK crates in this source tree, the directory
        /// holding `plugin-api/` and `plugin-http/` (default: the tree
        /// plugctl was built from).
        #[arg(long, value_name = "DIR", conflicts_with = "sdk_version")]
        sdk: Option<PathBuf>,

        /// Depend on the SDK crates from a registry, at this version
        /// requirement (`0.1`), instead of a source tree.
        #[arg(long, value_name = "REQ")]
        sdk_version: Option<String>,

        /// Write into a directory that holds other files.
        #[arg(long)]
        force: bool,
    },
}

/// The `credentials` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum CredentialsCommand {
    /// Store a credential in the managed directory's credential file,
    /// reading its value from standard input (one line), so that it stays
    /// out of the shell's history and the process list.
    Set {
        /// The plugin that may read it.
        plugin: String,
        /// The credential's name, as the plugin asks for it (`api_key`).
        name: String,
    },

    /// List the names of a plugin's stored credentials and the environment
    /// variables that would override them; never their values.
    List {
        /// The plugin.
        plugin: String,
    },

    /// Remove a credential from the credential file.
    Remove {
        /// The plugin.
        plugin: String,
        /// The credential's name.
        name: String,
    },
}

/// The `config` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Print an installed plugin's configuration, completed with defaults.
    Get {
        /// The plugin's name.
        plugin: String,
    },

    /// Change an installed plugin's configuration.
    ///
    /// Give either one JSON document, which replaces the configuration
    /// (missing fields take their defaults), or KEY=VALUE pairs, merged into
    /// the current configuration. A VALUE is read as JSON when it parses
    /// (`level=5`, `tags=["a"]`), else as a string (`greeting=Hi`); a dotted
    /// KEY (`server.port=8080`) sets a field of a nested object. A
    /// configuration the schema or the plugin rejects changes nothing.
    Set {
        /// The plugin's name.
        plugin: String,

        /// A JSON document, or KEY=VALUE pairs.
        #[arg(required = true, value_name = "JSON | KEY=VALUE")]
        values: Vec<String>,
    },

    /// Check a configuration against a plugin's schema, changing nothing.
    ///
    /// Prints the configuration completed with defaults, or fails (exit
    /// status 1) listing every violation with its path and rule. The plugin
    /// need not be installed.
    Validate {
        /// The plugin's name.
        plugin: String,

        /// The configuration, as JSON.
        #[arg(value_name = "JSON")]
        config: String,
    },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
