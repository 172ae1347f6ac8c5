//! `plugctl info <plugin>`: the descriptor, state, configuration and
//! dependency tree of one plugin.

use serde_json::{Value, json};

use crate::describe::{dependencies, info_json, state_word};
use crate::error::CliError;
use crate::report::{Report, list_or_none, pretty, table};
use crate::session::Session;

/// Shows everything known about plugin `name`.
pub(crate) fn run(session: &Session, name: &str) -> Result<Report, CliError> {
    let info = session.info(name)?;
    let state = session.state(name)?;
    let failure = session.manager.host().failure(name);
    let config = session.manager.config(name);
    let tree = state
        .is_installed()
        .then(|| session.manager.dependency_tree(name));

    let or_none = |text: &str| {
        if text.is_empty() {
            "none".to_owned()
        } else {
            text.to_owned()
        }
    };
    let mut rows = vec![
        ["name:".to_owned(), info.name.clone()],
        ["version:".to_owned(), info.version.to_string()],
        ["description:".to_owned(), or_none(&info.description)],
        ["authors:".to_owned(), list_or_none(&info.authors)],
        ["license:".to_owned(), or_none(&info.license)],
        [
            "requires:".to_owned(),
            format!("application {}", info.requires),
        ],
        ["dependencies:".to_owned(), dependencies(info)],
        ["conflicts:".to_owned(), list_or_none(&info.conflicts)],
        [
            "library:".to_owned(),
            info.source.path().map_or_else(
                || info.source.to_string(),
                |path| path.display().to_string(),
            ),
        ],
        ["state:".to_owned(), state_word(state)],
    ];
    if let Some(failure) = &failure {
        rows.push(["failure:".to_owned(), failure.clone()]);
    }
    if config.is_none() {
        rows.push(["config:".to_owned(), "none (not installed)".to_owned()]);
    }
    let mut text = table(&rows);
    if let Some(config) = config {
        text.push_str(&format!("config:\n{}\n", indent(&pretty(config))));
    }
    if let Some(tree) = &tree {
        text.push_str(&format!(
            "dependency tree:\n{}\n",
            indent(&tree.to_string())
        ));
    }

    let mut json = info_json(info);
    json["state"] = json!(state);
    json["failure"] = json!(failure);
    json["config"] = config.cloned().unwrap_or(Value::Null);
    json["dependency_tree"] = json!(tree);
    Ok(Report::new(text, json))
}

/// `text` with every line indented by two spaces.
fn indent(text: &str) -> String {
    let mut indented: String = text.lines().map(|line| format!("  {line}\n")).collect();
    indented.truncate(indented.trim_end().len());
    indented
}
