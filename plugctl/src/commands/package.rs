//! `plugctl package <library>`: packs a library with a manifest read from
//! the library itself.

use std::path::Path;

use plugin_host::Package;
use serde_json::json;

use crate::error::CliError;
use crate::progress::Display;
use crate::report::{Report, list_or_none};

/// Packs `library` with `keywords` into `out` (a file, or a directory to
/// put the package in; the current directory by default).
pub(crate) fn run(
    library: &Path,
    keywords: &[String],
    out: Option<&Path>,
    display: &mut Display,
) -> Result<Report, CliError> {
    let package = Package::build(library, keywords, out.unwrap_or(Path::new(".")), display)?;
    let manifest = package.manifest();
    let plugins: Vec<String> = manifest.plugins.iter().map(|p| p.name.clone()).collect();
    let text = format!(
        "packed {} {} into {}\nplugins  {}\ntarget   {}\nsha256   {}\n",
        manifest.name,
        manifest.version,
        package.path().display(),
        list_or_none(&plugins),
        manifest.target,
        manifest.sha256
    );
    Ok(Report::new(
        text,
        json!({
            "package": package.path(),
            "name": manifest.name,
            "version": manifest.version.to_string(),
            "description": manifest.description,
            "keywords": manifest.keywords,
            "license": manifest.license,
            "library": manifest.library,
            "target": manifest.target,
            "sha256": manifest.sha256,
            "plugins": plugins,
        }),
    ))
}
