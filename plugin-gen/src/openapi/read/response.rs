//! Reading responses.

use std::collections::BTreeMap;

use crate::openapi::node::Node;
use crate::openapi::reference::ReadError;
use crate::openapi::response::{Header, Response, StatusKey};

use super::Reader;
use super::follow::follow;

impl<'a> Reader<'a> {
    /// Reads `responses`.
    pub(crate) fn responses(
        &mut self,
        node: &Node<'a>,
    ) -> Result<BTreeMap<StatusKey, Response>, ReadError> {
        let mut responses = BTreeMap::new();
        for (key, response) in node.entries()? {
            if key.starts_with("x-") {
                continue;
            }
            let Some(status) = StatusKey::parse(key) else {
                return Err(response
                    .invalid(format!(
                        "'{key}' is not a response key; use a status code (200), a range (4XX) or default"
                    ))
                    .into());
            };
            if responses.insert(status, self.response(response)?).is_some() {
                return Err(node
                    .invalid(format!("the status {status} is listed twice; keep one"))
                    .into());
            }
        }
        Ok(responses)
    }

    fn response(&mut self, node: Node<'a>) -> Result<Response, ReadError> {
        let node = follow(self.docs, node)?;
        let content = match node.get("content")? {
            Some(content) => self.content(&content)?,
            None => BTreeMap::new(),
        };
        let mut headers = BTreeMap::new();
        if let Some(entries) = node.get("headers")? {
            for (name, header) in entries.entries()? {
                if name.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                headers.insert(name.to_owned(), self.header(header)?);
            }
        }
        Ok(Response {
            location: node.loc.clone(),
            description: node.opt_string("description")?,
            content,
            headers,
        })
    }

    fn header(&mut self, node: Node<'a>) -> Result<Header, ReadError> {
        let node = follow(self.docs, node)?;
        let schema = match (node.get("schema")?, node.get("content")?) {
            (Some(schema), _) => schema,
            (None, Some(content)) => {
                let entries = content.entries()?;
                let [(_, media)] = entries.as_slice() else {
                    return Err(content
                        .invalid("a header's 'content' must have exactly one media type; keep one")
                        .into());
                };
                media.require("schema")?
            }
            (None, None) => {
                return Err(node
                    .invalid("a header needs 'schema' (or 'content'); add a schema for its value")
                    .into());
            }
        };
        Ok(Header {
            description: node.opt_string("description")?,
            required: node.flag("required")?,
            deprecated: node.flag("deprecated")?,
            schema: self.schemas.read(&schema)?,
        })
    }
}
