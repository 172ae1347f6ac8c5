//! Reading parameters.

use crate::openapi::node::Node;
use crate::openapi::parameter::{Parameter, ParameterLocation, Style};
use crate::openapi::reference::ReadError;

use super::Reader;
use super::follow::follow;

impl<'a> Reader<'a> {
    /// Reads a `parameters` list.
    pub(crate) fn parameters(&mut self, node: &Node<'a>) -> Result<Vec<Parameter>, ReadError> {
        let mut parameters: Vec<Parameter> = Vec::new();
        for item in node.items()? {
            let parameter = self.parameter(item)?;
            if let Some(twin) = parameters
                .iter()
                .find(|p| p.name == parameter.name && p.place == parameter.place)
            {
                return Err(node
                    .invalid(format!(
                        "the {} parameter '{}' is listed twice (at {} and {}); remove one",
                        twin.place, twin.name, twin.location, parameter.location
                    ))
                    .into());
            }
            parameters.push(parameter);
        }
        Ok(parameters)
    }

    fn parameter(&mut self, node: Node<'a>) -> Result<Parameter, ReadError> {
        let node = follow(self.docs, node)?;
        let name = node.req_str("name")?.to_owned();
        let place_node = node.require("in")?;
        let place = match place_node.as_str()? {
            "path" => ParameterLocation::Path,
            "query" => ParameterLocation::Query,
            "header" => ParameterLocation::Header,
            "cookie" => ParameterLocation::Cookie,
            other => {
                return Err(place_node
                    .invalid(format!(
                        "'{other}' is not a parameter location; use path, query, header or cookie"
                    ))
                    .into());
            }
        };
        let style = match node.get("style")? {
            None => Style::default_for(place),
            Some(style_node) => {
                let text = style_node.as_str()?;
                let allowed = Style::allowed_in(place);
                match Style::from_name(text) {
                    Some(style) if allowed.contains(&style) => style,
                    _ => {
                        let names: Vec<_> = allowed.iter().map(|s| s.as_str()).collect();
                        return Err(style_node
                            .invalid(format!(
                                "the style '{text}' is not allowed for a {place} parameter; use one of {}",
                                names.join(", ")
                            ))
                            .into());
                    }
                }
            }
        };
        let (schema, content_type) = match (node.get("schema")?, node.get("content")?) {
            (Some(schema), None) => (self.schemas.read(&schema)?, None),
            (None, Some(content)) => {
                let entries = content.entries()?;
                let [(media_type, media)] = entries.as_slice() else {
                    return Err(content
                        .invalid(
                            "a parameter's 'content' must have exactly one media type; keep one",
                        )
                        .into());
                };
                let schema = media.require("schema")?;
                (self.schemas.read(&schema)?, Some((*media_type).to_owned()))
            }
            (Some(_), Some(_)) => {
                return Err(node
                    .invalid("a parameter has both 'schema' and 'content'; keep one of them")
                    .into());
            }
            (None, None) => {
                return Err(node
                    .invalid(
                        "a parameter needs 'schema' (or 'content'); add a schema for its value",
                    )
                    .into());
            }
        };
        Ok(Parameter {
            location: node.loc.clone(),
            name,
            place,
            description: node.opt_string("description")?,
            required: place == ParameterLocation::Path || node.flag("required")?,
            deprecated: node.flag("deprecated")?,
            style,
            explode: node.opt_bool("explode")?.unwrap_or(style == Style::Form),
            allow_reserved: node.flag("allowReserved")?,
            schema,
            content_type,
        })
    }
}
