//! Reading `servers`.

use std::collections::BTreeMap;

use crate::openapi::error::SpecError;
use crate::openapi::node::Node;
use crate::openapi::server::{Server, ServerVariable};
use crate::openapi::template::{parse_template, placeholder_names};

/// Reads the `servers` list at `node`.
pub(crate) fn read_servers(node: &Node<'_>) -> Result<Vec<Server>, SpecError> {
    node.items()?.iter().map(read_server).collect()
}

fn read_server(node: &Node<'_>) -> Result<Server, SpecError> {
    let url_node = node.require("url")?;
    let url = url_node.as_str()?.to_owned();
    let mut variables = BTreeMap::new();
    if let Some(entries) = node.get("variables")? {
        for (name, variable) in entries.entries()? {
            let values = variable.string_list("enum")?;
            let default = variable.req_str("default")?.to_owned();
            if !values.is_empty() && !values.contains(&default) {
                return Err(variable.invalid(format!(
                    "the default '{default}' is not among the allowed values {values:?}; make it one of them"
                )));
            }
            variables.insert(
                name.to_owned(),
                ServerVariable {
                    default,
                    values,
                    description: variable.opt_string("description")?,
                },
            );
        }
    }
    let parts = parse_template(&url).map_err(|message| url_node.invalid(message))?;
    if let Some(missing) = placeholder_names(&parts).find(|name| !variables.contains_key(*name)) {
        return Err(url_node.invalid(format!(
            "the URL names '{{{missing}}}' but 'variables' does not define it; add it under variables"
        )));
    }
    Ok(Server {
        url,
        description: node.opt_string("description")?,
        variables,
    })
}
