//! Reading request bodies and `content` maps.

use std::collections::BTreeMap;

use crate::openapi::body::{Encoding, MediaType, RequestBody};
use crate::openapi::node::Node;
use crate::openapi::parameter::Style;
use crate::openapi::reference::ReadError;

use super::Reader;
use super::follow::follow;

/// The styles a form body's property may use.
const BODY_STYLES: [Style; 4] = [
    Style::Form,
    Style::SpaceDelimited,
    Style::PipeDelimited,
    Style::DeepObject,
];

impl<'a> Reader<'a> {
    /// Reads a `requestBody`.
    pub(crate) fn request_body(&mut self, node: Node<'a>) -> Result<RequestBody, ReadError> {
        let node = follow(self.docs, node)?;
        let content = self.content(&node.require("content")?)?;
        Ok(RequestBody {
            location: node.loc.clone(),
            description: node.opt_string("description")?,
            required: node.flag("required")?,
            content,
        })
    }

    /// Reads a `content` map.
    pub(crate) fn content(
        &mut self,
        node: &Node<'a>,
    ) -> Result<BTreeMap<String, MediaType>, ReadError> {
        let mut content = BTreeMap::new();
        for (media_type, media) in node.entries()? {
            let schema = match media.get("schema")? {
                Some(schema) => Some(self.schemas.read(&schema)?),
                None => None,
            };
            let mut encoding = BTreeMap::new();
            if let Some(entries) = media.get("encoding")? {
                for (property, entry) in entries.entries()? {
                    encoding.insert(property.to_owned(), read_encoding(&entry)?);
                }
            }
            content.insert(media_type.to_owned(), MediaType { schema, encoding });
        }
        Ok(content)
    }
}

fn read_encoding(node: &Node<'_>) -> Result<Encoding, ReadError> {
    let style = match node.get("style")? {
        None => None,
        Some(style_node) => {
            let text = style_node.as_str()?;
            match Style::from_name(text).filter(|style| BODY_STYLES.contains(style)) {
                Some(style) => Some(style),
                None => {
                    return Err(style_node
                        .invalid(format!(
                            "the style '{text}' is not allowed for a body property; use form, spaceDelimited, pipeDelimited or deepObject"
                        ))
                        .into());
                }
            }
        }
    };
    Ok(Encoding {
        content_type: node.opt_string("contentType")?,
        style,
        explode: node.opt_bool("explode")?,
        allow_reserved: node.flag("allowReserved")?,
    })
}
