//! The raw C ABI: every type here is `#[repr(C)]` (or a transparent wrapper of a
//! C integer) and is what actually crosses the boundary between a host and a
//! plugin library.
//!
//! Most users never touch this module: [`#[plugin]`](crate::plugin) generates the
//! plugin side and `plugin-host` reads it on the host side. It is public so that
//! both sides are built from one definition, and so that a plugin can be written
//! by hand (or in another language) from `docs/abi.md`.
//!
//! # The contract in short
//!
//! A plugin library exports one function, [`ROOT_SYMBOL`], of type [`RootFn`]. It
//! returns a pointer to a [`LibraryRoot`] whose first four fields are frozen
//! forever: [`MAGIC`], the [`ABI_VERSION`], the root's size and the plugin-api
//! version the library was built against. A host checks them before it reads
//! anything else, then calls [`LibraryRoot::describe`] to get the table of
//! [`PluginDescriptor`]s. Building that table runs no plugin code: what the
//! plugin's own code produces (its configuration schema and defaults) comes
//! from [`PluginVtable::describe_config`], called only when needed.

mod buffer;
mod descriptor;
mod ffi_str;
mod grown;
mod host;
mod root;
mod status;
mod vtable;

pub use buffer::RBuf;
pub use descriptor::{
    DEPENDENCY_OPTIONAL, DESCRIPTOR_V1_SIZE, DependencyDescriptor, HookDescriptor,
    PLUGIN_UNLOAD_SAFE, PluginDescriptor,
};
pub use ffi_str::{RBytes, RStr, RStrError};
pub use grown::{Grown, read_grown};
pub use host::{
    ENVIRONMENT_DEVELOPMENT, ENVIRONMENT_PRODUCTION, ENVIRONMENT_STAGING, HOST_API_V1_SIZE,
    HostApi, LogFn, PublishFn, ServiceFn,
};
pub use root::{DescribeFn, DescriptorTable, LibraryRoot, RootFn};
pub use status::Status;
pub use vtable::{
    CallFn, ConfigChangedFn, CreateFn, DescribeConfigFn, EventFn, HOOK_REPLACE, HOOK_STOP, HookFn,
    HookPointFn, PluginVtable, RestoreStateFn, SaveStateFn, ServeFn, VTABLE_V1_SIZE,
};

/// The value of [`LibraryRoot::magic`] in every plugin library: the bytes
/// `b"rsplugin"` read as a little-endian `u64`.
pub const MAGIC: u64 = u64::from_le_bytes(*b"rsplugin");

/// The layout generation of the ABI described in this module.
///
/// It changes only when a change cannot be made by growing a struct at its end;
/// a host refuses a library whose ABI version differs from its own.
pub const ABI_VERSION: u32 = 1;

/// The name of the one symbol a plugin library exports, a function of type
/// [`RootFn`]. The name never changes between ABI versions, so a host can always
/// tell "a plugin of another ABI version" from "not a plugin".
pub const ROOT_SYMBOL: &str = "plugin_sdk_root";

/// The plugin-api version this crate is, which a library built against it
/// records in [`LibraryRoot::api_version`].
pub const API_VERSION: &str = env!("CARGO_PKG_VERSION");
