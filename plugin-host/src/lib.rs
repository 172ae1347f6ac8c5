//! Loads plugin libraries built with `plugin-api`, checks them before calling
//! any plugin code, and drives plugin instances through their lifecycle.
//!
//! Loading a library checks, in order and before any plugin function runs:
//! that the file is a loadable library, that it exports the root symbol, its
//! magic value, its ABI version, that its plugin-api version is
//! semver-compatible with this host's, then every descriptor (well-formed
//! strings, semver versions and requirements, a complete vtable), that the
//! host application's version meets each plugin's `requires`, and that no two
//! plugins share a name. Each refusal is a [`LoadError`] saying what to do.
//!
//! A panic inside a plugin comes back as [`CallError::Panicked`]; the plugin
//! is marked failed and not called again, and the host and other plugins
//! carry on. Plugin log records arrive as `tracing` events with target
//! `plugin` and the plugin's name in the `plugin` field.
//!
//! Libraries stay mapped while any plugin, instance or call uses them, and by
//! default until the process ends; see [`UnloadPolicy`].
//!
//! [`PluginManager`] drives plugins as a whole on top of that: configuration
//! checked against each plugin's JSON Schema, activation in dependency order
//! with rollback, refusals for missing or mismatched dependencies, cycles and
//! conflicts, and the installed set persisted atomically; it also updates
//! an installed plugin to a newer library, rolling back on any failure. It
//! hot-reloads a library's new build while calls go on
//! ([`PluginManager::reload`]), handing each plugin's state over or changing
//! nothing; a [`Reloader`] does so whenever a library's file changes.
//!
//! [`package`] builds and checks plugin packages (a library and its manifest
//! in a `.tar.gz`), and [`registry`] keeps them in a local directory index.
//!
//! Active plugins work together through the [`Hub`]: services one plugin
//! provides and others (or the host) call, events published by topic, and
//! hook points the host declares and plugins join with a priority. A call
//! that would re-enter a plugin already running on the same thread is
//! refused instead of deadlocking.

#![deny(missing_docs)]

mod atomic_file;
mod channel_names;
mod compat;
mod credentials;
mod error;
mod handle;
mod host;
mod host_api;
mod hub;
mod info;
mod inspect;
mod instance;
mod library;
mod manager;
mod names;
mod operation;
mod output;
pub mod package;
mod phase;
mod progress;
mod registered;
pub mod registry;
mod services;
mod source;
mod vtable;
mod watch;

pub use channel_names::{InvalidChannelName, check_channel_name, check_subscription};
pub use credentials::{
    CREDENTIALS_SERVICE, ChainStore, CredentialError, CredentialStore, EnvStore, FileStore,
    GET_METHOD, Secret, check_credential_name, credential_service,
};
pub use error::{CallError, LoadError};
pub use handle::PluginHandle;
pub use host::{Host, HostBuilder, LoadReport};
pub use hub::{
    DeliveryError, DeliveryFailure, DeliveryReport, EventHandler, HookOutcome, Hub, HubError,
    Provider, Recipient, SubscriptionId,
};
pub use info::{ConfigSchema, Dependency, HookSubscription, PluginInfo};
pub use instance::Instance;
pub use library::UnloadPolicy;
pub use manager::{
    ConfigError, DependencyError, DependencyTree, HostConfig, HostConfigError, ManagerError,
    ManagerState, PluginManager, PluginRecord, PluginState, ReloadDependencyError, ReloadError,
    ReloadReport, ReloadStep, ReloadedPlugin, RestoreFailure, RestoreReport, STATE_FORMAT,
    StateError, StateFile, TreeStatus, UpdateError, UpdateOptions, UpdateReport, UpdateSource,
    Violation, checksum_file,
};
pub use names::{InvalidPluginName, check_plugin_name};
pub use operation::Operation;
pub use output::Output;
pub use package::{Package, PackageError};
pub use phase::Phase;
pub use plugin_api::{Environment, ErrorKind};
pub use progress::{Progress, Step};
pub use registry::{Registry, RegistryError};
/// The semver crate, for [`Version`](semver::Version) and
/// [`VersionReq`](semver::VersionReq) in this crate's API.
pub use semver;
pub use services::{ServiceHandler, Services};
pub use source::PluginSource;
pub use watch::{ReloadEvent, Reloader, WatchError, Watcher};
