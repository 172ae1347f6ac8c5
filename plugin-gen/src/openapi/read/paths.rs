//! Reading `paths`: path items and their operations.

use std::collections::BTreeMap;

use crate::openapi::error::SpecError;
use crate::openapi::node::Node;
use crate::openapi::operation::{Method, Operation};
use crate::openapi::parameter::{Parameter, ParameterLocation};
use crate::openapi::reference::ReadError;
use crate::openapi::server::Server;
use crate::openapi::spec::OpenApiVersion;
use crate::openapi::template::{parse_template, placeholder_names};

use super::Reader;
use super::follow::follow;
use super::security::read_requirements;
use super::server::read_servers;

/// Header parameters OpenAPI says are ignored.
const IGNORED_HEADERS: [&str; 3] = ["accept", "content-type", "authorization"];

/// What a path item passes on to its operations.
struct Inherited {
    parameters: Vec<Parameter>,
    servers: Option<Vec<Server>>,
}

impl<'a> Reader<'a> {
    /// Reads `paths` into operations, ordered by path and method.
    pub(crate) fn paths(&mut self, node: &Node<'a>) -> Result<Vec<Operation>, ReadError> {
        let mut operations = Vec::new();
        for (path, item) in node.entries()? {
            if path.starts_with("x-") {
                continue;
            }
            if !path.starts_with('/') {
                return Err(item
                    .invalid(format!(
                        "the path '{path}' does not start with '/'; write '/{path}'"
                    ))
                    .into());
            }
            let parts = parse_template(path).map_err(|message| item.invalid(message))?;
            let template_params: Vec<&str> = placeholder_names(&parts).collect();
            let item = follow(self.docs, item)?;
            let inherited = Inherited {
                parameters: match item.get("parameters")? {
                    Some(list) => self.parameters(&list)?,
                    None => Vec::new(),
                },
                servers: item.get("servers")?.map(|s| read_servers(&s)).transpose()?,
            };
            for method in Method::ALL {
                if let Some(operation) = item.get(method.key())? {
                    operations.push(self.operation(
                        path,
                        &template_params,
                        method,
                        &operation,
                        &inherited,
                    )?);
                }
            }
        }
        Ok(operations)
    }

    fn operation(
        &mut self,
        path: &str,
        template_params: &[&str],
        method: Method,
        node: &Node<'a>,
        inherited: &Inherited,
    ) -> Result<Operation, ReadError> {
        node.object()?;
        let own = match node.get("parameters")? {
            Some(list) => self.parameters(&list)?,
            None => Vec::new(),
        };
        let parameters = merge_parameters(&inherited.parameters, own);
        check_path_parameters(node, path, template_params, &parameters)?;
        let request_body = match node.get("requestBody")? {
            Some(body) => Some(self.request_body(body)?),
            None => None,
        };
        let responses = match node.get("responses")? {
            Some(responses) => self.responses(&responses)?,
            None if self.version == OpenApiVersion::V3_0 => {
                return Err(SpecError::Missing {
                    at: node.loc.clone(),
                    field: "responses",
                }
                .into());
            }
            None => BTreeMap::new(),
        };
        let security = match node.get("security")? {
            Some(list) => Some(read_requirements(&list, &self.security_schemes)?),
            None => None,
        };
        let servers = match node.get("servers")? {
            Some(list) => Some(read_servers(&list)?),
            None => inherited.servers.clone(),
        };
        Ok(Operation {
            location: node.loc.clone(),
            path: path.to_owned(),
            method,
            operation_id: node.opt_string("operationId")?,
            summary: node.opt_string("summary")?,
            description: node.opt_string("description")?,
            tags: node.string_list("tags")?,
            deprecated: node.flag("deprecated")?,
            parameters,
            request_body,
            responses,
            security,
            servers,
        })
    }
}

/// The path item's parameters overridden by the operation's, without the
/// ignored headers, ordered by location and name.
fn merge_parameters(inherited: &[Parameter], own: Vec<Parameter>) -> Vec<Parameter> {
    let mut merged: BTreeMap<(ParameterLocation, String), Parameter> = BTreeMap::new();
    for parameter in inherited.iter().cloned().chain(own) {
        let ignored = parameter.place == ParameterLocation::Header
            && IGNORED_HEADERS.contains(&parameter.name.to_ascii_lowercase().as_str());
        if !ignored {
            merged.insert((parameter.place, parameter.name.clone()), parameter);
        }
    }
    merged.into_values().collect()
}

/// Every placeholder of the path has a path parameter, and every path
/// parameter has a placeholder.
fn check_path_parameters(
    node: &Node<'_>,
    path: &str,
    template_params: &[&str],
    parameters: &[Parameter],
) -> Result<(), SpecError> {
    let declared: Vec<&str> = parameters
        .iter()
        .filter(|p| p.place == ParameterLocation::Path)
        .map(|p| p.name.as_str())
        .collect();
    if let Some(missing) = template_params.iter().find(|name| !declared.contains(name)) {
        return Err(node.invalid(format!(
            "the path '{path}' names '{{{missing}}}' but the operation declares no path parameter '{missing}'; add one to its parameters"
        )));
    }
    if let Some(extra) = declared.iter().find(|name| !template_params.contains(name)) {
        return Err(node.invalid(format!(
            "the path parameter '{extra}' does not appear in the path '{path}'; remove it or add '{{{extra}}}' to the path"
        )));
    }
    Ok(())
}
