//! `plugctl search <query>`: finds packages in the registry by name and
//! keyword.

use std::path::Path;

use serde_json::{Value, json};

use crate::error::CliError;
use crate::report::{Report, table};
use crate::source;

/// Lists the registry's packages whose name or keywords contain `query`.
pub(crate) fn run(query: &str, registry: Option<&Path>) -> Result<Report, CliError> {
    let registry = source::registry(registry)?;
    let hits = registry.search(query);
    let mut rows = vec![[
        "NAME".to_owned(),
        "VERSIONS".to_owned(),
        "DESCRIPTION".to_owned(),
    ]];
    let mut results = Vec::new();
    for hit in &hits {
        let versions: Vec<String> = hit.versions.iter().map(|v| v.version.to_string()).collect();
        let description = hit
            .newest()
            .map(|v| v.description.clone())
            .unwrap_or_default();
        rows.push([hit.name.clone(), versions.join(", "), description]);
        let versions: Vec<Value> = hit
            .versions
            .iter()
            .map(|v| {
                json!({
                    "version": v.version.to_string(),
                    "description": v.description,
                    "keywords": v.keywords,
                    "license": v.license,
                    "target": v.target,
                    "plugins": v.plugins,
                    "file": v.path,
                })
            })
            .collect();
        results.push(json!({ "name": hit.name, "versions": versions }));
    }
    let text = if hits.is_empty() {
        format!(
            "no package in {} matches '{query}'\n",
            registry.dir().display()
        )
    } else {
        table(&rows)
    };
    Ok(Report::new(
        text,
        json!({ "query": query, "results": results }),
    ))
}
