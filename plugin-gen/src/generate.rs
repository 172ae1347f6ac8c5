//! The whole generator in one call: an OpenAPI file to a plugin crate.

use std::path::Path;

use crate::model::Model;
use crate::rust::{GenError, GeneratedCrate, Options, Progress};

/// Reads the OpenAPI document at `spec_path` (JSON or YAML, with the local
/// files it refers to), models it, and generates the plugin crate,
/// reporting each step to `progress`. Nothing is written; call
/// [`GeneratedCrate::write_to`] for that.
///
/// # Errors
///
/// Any [`GenError`]: a specification that cannot be read or modelled
/// (naming the file and JSON pointer), a construct the Rust back end does
/// not support, invalid options.
pub fn generate_openapi(
    spec_path: &Path,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<GeneratedCrate, GenError> {
    progress(Progress::Loading {
        path: spec_path.to_owned(),
    });
    let spec = crate::openapi::load(spec_path)?;
    progress(Progress::Modelling);
    let model = Model::from_spec(&spec)?;
    crate::rust::generate(&model, options, progress)
}
