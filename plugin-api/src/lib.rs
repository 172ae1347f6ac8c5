//! The stable ABI shared by plugin hosts and plugins.
//!
//! A plugin is a type that implements [`Plugin`] and carries
//! [`#[plugin]`](plugin). One source serves two uses:
//!
//! - built as a `cdylib`, the library exports one root symbol that describes
//!   every plugin in it, and a host loads it at run time after checking that it
//!   is compatible (see `plugin-host`);
//! - linked statically, the host finds the plugin with no loading at all.
//!
//! ```
//! use plugin_api::{plugin, Command, Context, Plugin, PluginError};
//!
//! /// Greets people.
//! #[plugin_api::config]
//! pub struct GreeterConfig {
//!     /// The word put before each name.
//!     pub greeting: String,
//! }
//!
//! impl Default for GreeterConfig {
//!     fn default() -> Self {
//!         GreeterConfig { greeting: "Hello".into() }
//!     }
//! }
//!
//! /// Greets people by name.
//! #[plugin(name = "greeter")]
//! pub struct Greeter;
//!
//! impl Plugin for Greeter {
//!     type Config = GreeterConfig;
//!
//!     fn new(_ctx: &Context<'_, GreeterConfig>) -> Result<Self, PluginError> {
//!         Ok(Greeter)
//!     }
//!
//!     fn call(&mut self, ctx: &Context<'_, GreeterConfig>, command: Command<'_>) -> Result<Vec<u8>, PluginError> {
//!         match command.name() {
//!             "greet" => {
//!                 let name: String = command.args()?;
//!                 plugin_api::to_json(&format!("{}, {name}!", ctx.config().greeting))
//!             }
//!             other => Err(PluginError::unknown_command(other, &["greet"])),
//!         }
//!     }
//! }
//! ```
//!
//! Only `#[repr(C)]` data and `extern "C"` functions cross the boundary; the
//! raw types are in [`abi`], specified in `docs/abi.md`.

#![deny(missing_docs)]

pub mod abi;
mod command;
mod config;
mod context;
mod error;
mod event;
mod hook;
mod plugin;

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;

pub use command::{Command, to_json};
pub use config::{NoConfig, PluginConfig};
pub use context::{Context, Environment, Level, Logger, Service};
pub use error::{ErrorKind, PluginError};
pub use event::{Event, topic_matches};
pub use hook::{HookCall, HookFlow};
pub use plugin::Plugin;
pub use plugin_macros::{config, plugin};
