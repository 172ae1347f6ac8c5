//! `plugctl deps <plugin>`: the dependency tree of a plugin.

use serde_json::json;

use crate::error::CliError;
use crate::report::Report;
use crate::session::Session;

/// Prints plugin `name`'s dependency tree as far as the installed plugins
/// satisfy it.
pub(crate) fn run(session: &Session, name: &str) -> Result<Report, CliError> {
    let installed = session.state(name)?.is_installed();
    let tree = session.manager.dependency_tree(name);
    let mut text = tree.to_string();
    if !installed {
        text.push_str(&format!(
            "plugin '{name}' is not installed, so its dependencies are not resolved; install it first\n"
        ));
    }
    Ok(Report::new(
        text,
        json!({ "plugin": name, "installed": installed, "tree": tree }),
    ))
}
