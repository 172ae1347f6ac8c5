//! The Rust back end: a [`Model`] in, a complete plugin crate out.
//!
//! The crate is a library built as `cdylib` (hosts load it) and `rlib`
//! (hosts link it), with:
//!
//! - `src/lib.rs`: the plugin type with `#[plugin]`, its `#[config]`
//!   (`base_url`, timeouts), activation (credentials from the host) and the
//!   dispatch of commands;
//! - `src/types/`: serde types for every schema, grouped by the component
//!   they belong to;
//! - `src/resources/`: one module per resource, one function per operation
//!   (the command), and the table of commands;
//! - `src/auth.rs`: the security requirements and the credentials each
//!   reads; `src/support/`: helpers every generated crate shares;
//! - `Cargo.toml` with one feature per resource (`full`, the default,
//!   turns on every one) and `README.md`.
//!
//! Output is deterministic: the same model and options give the same
//! files, byte for byte. The Rust files are formatted with prettyplease
//! and compile without warnings under `clippy -D warnings`.
//!
//! ```no_run
//! use plugin_gen::rust::{Options, SdkSource};
//!
//! let options = Options::new("stripe-plugin", "stripe", SdkSource::Version("0.1".into()));
//! let generated = plugin_gen::generate_openapi(
//!     "spec3.json".as_ref(),
//!     &options,
//!     &mut |step| eprintln!("{step}"),
//! )?;
//! generated.write_to("stripe-plugin")?;
//! # Ok::<(), plugin_gen::rust::GenError>(())
//! ```
//!
//! [`Model`]: crate::model::Model

mod docs;
mod emit;
mod error;
mod format;
mod options;
mod output;
mod plan;
mod progress;

pub use error::GenError;
pub use options::{Options, SdkSource};
pub use output::{GeneratedCrate, MARKER_FILE, WriteMode};
pub use progress::Progress;

use crate::model::Model;

/// Generates the crate for `model`.
///
/// # Errors
///
/// [`GenError::Options`] for invalid names; [`GenError::Unsupported`] for
/// a construct the back end cannot turn into working code (a path
/// parameter in `matrix` style, an operation whose every security
/// requirement needs mutual TLS), naming where it is.
pub fn generate(
    model: &Model,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<GeneratedCrate, GenError> {
    options
        .check()
        .map_err(|message| GenError::Options { message })?;
    let plan = plan::Plan::new(model, options)?;
    progress(Progress::Planning {
        resources: model.resources.len(),
        types: model.types.len(),
    });
    let (files, manifest) = emit::emit(&plan, progress)?;
    let generated = GeneratedCrate::new(files, Some(manifest));
    progress(Progress::Finished {
        files: generated.files().len(),
    });
    Ok(generated)
}
