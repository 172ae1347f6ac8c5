//! `plugctl generate openapi <spec> --name <name> --out <dir>`: a plugin
//! crate from an OpenAPI document.

use std::path::{Path, PathBuf};

use plugin_gen::rust::{Options, Progress, SdkSource, WriteMode};
use serde_json::json;

use crate::cli::GenerateCommand;
use crate::error::CliError;
use crate::names;
use crate::progress::Display;
use crate::report::Report;

/// The SDK source tree plugctl was built from.
const BUILT_SDK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Runs one `generate` subcommand, showing its progress on `display`.
pub(crate) fn run(command: GenerateCommand, display: &mut Display) -> Result<Report, CliError> {
    match command {
        GenerateCommand::Openapi {
            spec,
            name,
            out,
            crate_name,
            sdk,
            sdk_version,
            force,
        } => {
            plugin_host::check_plugin_name(&name)?;
            let sdk = match sdk_version {
                Some(version) => SdkSource::Version(version),
                None => SdkSource::Path(sdk_tree(sdk.as_deref())?),
            };
            let crate_name = crate_name.unwrap_or_else(|| format!("{name}-plugin"));
            let options = Options::new(crate_name, name, sdk);
            openapi(&spec, &out, &options, force, display)
        }
    }
}

fn openapi(
    spec: &Path,
    out: &Path,
    options: &Options,
    force: bool,
    display: &mut Display,
) -> Result<Report, CliError> {
    let generated = plugin_gen::generate_openapi(spec, options, &mut |step: Progress| {
        display.note(&step.to_string());
    })?;
    display.note("writing files");
    let mode = if force {
        WriteMode::Overwrite
    } else {
        WriteMode::Fresh
    };
    generated.write_to_with(out, mode)?;
    let dir = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    let files = generated.files().len();
    let library = names::library_file(&options.crate_name);
    let plugin = &options.plugin_name;
    let text = format!(
        "generated {crate_name} ({files} files) for plugin '{plugin}' in {dir}\n\n\
         next:\n  \
         cd {dir}\n  \
         cargo build                      # every resource; or --no-default-features --features <resource>\n  \
         plugctl install target/debug/{library}\n  \
         plugctl credentials set {plugin} <credential>   # see README.md for the names\n  \
         plugctl activate {plugin}\n",
        crate_name = options.crate_name,
        dir = dir.display(),
    );
    Ok(Report::new(
        text,
        json!({
            "plugin": plugin,
            "crate": options.crate_name,
            "path": dir,
            "files": generated.files().keys().collect::<Vec<&PathBuf>>(),
            "library": format!("target/debug/{library}"),
        }),
    ))
}

/// The SDK source tree at `path` (default [`BUILT_SDK`]), made absolute,
/// checked to hold the crates generated code depends on.
fn sdk_tree(path: Option<&Path>) -> Result<PathBuf, CliError> {
    let path = path.unwrap_or(Path::new(BUILT_SDK));
    let not_found = |reason: String| CliError::SdkTreeNotFound {
        path: path.to_path_buf(),
        reason,
    };
    let root = path
        .canonicalize()
        .map_err(|e| not_found(format!("it cannot be opened: {e}")))?;
    for krate in ["plugin-api", "plugin-http"] {
        if !root.join(krate).join("Cargo.toml").is_file() {
            return Err(not_found(format!(
                "it has no {krate}/Cargo.toml; pass the SDK checkout's root directory"
            )));
        }
    }
    Ok(root)
}
