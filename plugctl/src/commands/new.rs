//! `plugctl new <name>`: scaffolds a plugin crate that builds and loads as
//! it is.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::error::CliError;
use crate::names;
use crate::report::Report;

/// The SDK's plugin-api crate in the checkout plugctl was built from.
const BUILT_SDK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../plugin-api");

/// The files of a new crate: path inside it, template.
const FILES: [(&str, &str); 4] = [
    (
        "Cargo.toml",
        include_str!("../../templates/Cargo.toml.template"),
    ),
    (
        "src/lib.rs",
        include_str!("../../templates/lib.rs.template"),
    ),
    (
        "README.md",
        include_str!("../../templates/README.md.template"),
    ),
    (
        ".gitignore",
        include_str!("../../templates/gitignore.template"),
    ),
];

/// Creates the crate for plugin `name` at `path` (default `./<name>`),
/// depending on the plugin-api crate at `sdk` (default [`BUILT_SDK`]).
pub(crate) fn run(name: &str, path: Option<&Path>, sdk: Option<&Path>) -> Result<Report, CliError> {
    plugin_host::check_plugin_name(name)?;
    let dir = path.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    let existed = match fs::read_dir(&dir).map(|mut entries| entries.next().is_none()) {
        Ok(true) => true,
        Ok(false) => return Err(CliError::PathTaken { path: dir }),
        Err(_) if dir.exists() => return Err(CliError::PathTaken { path: dir }),
        Err(_) => false,
    };
    let sdk = find_sdk(sdk.unwrap_or(Path::new(BUILT_SDK)))?;
    let library = names::library_file(name);
    let sdk_text = sdk.to_str().ok_or_else(|| CliError::SdkNotFound {
        path: sdk.clone(),
        reason: "its path is not UTF-8, which Cargo.toml cannot hold".to_owned(),
    })?;
    let placeholders = [
        ("{{name}}", name.to_owned()),
        ("{{crate}}", name.replace('-', "_")),
        ("{{library}}", library.clone()),
        ("{{Plugin}}", names::type_name(name, "Plugin")),
        ("{{Config}}", names::type_name(name, "Config")),
        (
            "{{sdk}}",
            toml::Value::String(sdk_text.to_owned()).to_string(),
        ),
    ];

    let written = write_files(&dir, &placeholders);
    if written.is_err() {
        // Leave nothing half-made: the directory as it was found.
        if existed {
            for (file, _) in FILES {
                let _ = fs::remove_file(dir.join(file));
            }
            let _ = fs::remove_dir(dir.join("src"));
        } else {
            let _ = fs::remove_dir_all(&dir);
        }
    }
    written?;

    let dir = dir.canonicalize().unwrap_or(dir);
    let text = format!(
        "created plugin '{name}' in {dir}\n\nnext:\n  cd {dir}\n  cargo build\n  plugctl install target/debug/{library}\n  plugctl activate {name}\n  plugctl call {name} hello '{{\"name\": \"Ada\"}}'\n",
        dir = dir.display(),
    );
    let files: Vec<&str> = FILES.iter().map(|(file, _)| *file).collect();
    Ok(Report::new(
        text,
        json!({
            "plugin": name,
            "path": dir,
            "files": files,
            "library": format!("target/debug/{library}"),
            "sdk": sdk,
        }),
    ))
}

/// The plugin-api crate directory at `path`, made absolute.
fn find_sdk(path: &Path) -> Result<PathBuf, CliError> {
    let not_found = |reason: String| CliError::SdkNotFound {
        path: path.to_path_buf(),
        reason,
    };
    let sdk = path
        .canonicalize()
        .map_err(|e| not_found(format!("it cannot be opened: {e}")))?;
    let manifest = fs::read_to_string(sdk.join("Cargo.toml"))
        .map_err(|e| not_found(format!("its Cargo.toml cannot be read: {e}")))?;
    let package_name = manifest.parse::<toml::Table>().ok().and_then(|table| {
        table
            .get("package")?
            .get("name")?
            .as_str()
            .map(String::from)
    });
    match package_name.as_deref() {
        Some("plugin-api") => Ok(sdk),
        Some(other) => Err(not_found(format!(
            "its Cargo.toml is for package '{other}'"
        ))),
        None => Err(not_found("its Cargo.toml names no package".to_owned())),
    }
}

/// Writes every file of [`FILES`] under `dir` with `placeholders` filled in.
fn write_files(dir: &Path, placeholders: &[(&str, String)]) -> Result<(), CliError> {
    let src = dir.join("src");
    fs::create_dir_all(&src).map_err(CliError::io("create", &src))?;
    for (file, template) in FILES {
        let text = placeholders
            .iter()
            .fold(template.to_owned(), |text, (placeholder, value)| {
                text.replace(placeholder, value)
            });
        let path = dir.join(file);
        fs::write(&path, text).map_err(CliError::io("write", &path))?;
    }
    Ok(())
}
