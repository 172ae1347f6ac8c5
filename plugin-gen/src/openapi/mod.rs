//! The OpenAPI front end: documents in, a checked [`Spec`] out.
//!
//! It reads OpenAPI 3.0 and 3.1 from JSON or YAML, resolves every `$ref`
//! (inside the document, JSON pointer escapes and percent-encoding
//! included, and to other local files by relative path, cycles across
//! files included), and checks every construct the generator relies on.
//! Remote references (`http://`, `https://`) are never fetched: inside
//! examples they are never read, anywhere else they are an error.
//!
//! Every failure is a [`SpecError`] naming the file and JSON pointer where
//! it happened and saying what to do; nothing here panics on bad input.
//!
//! ```
//! use plugin_gen::openapi::{self, Format};
//!
//! let spec = openapi::parse(
//!     r##"
//! openapi: 3.0.3
//! info: { title: Pets, version: "1" }
//! paths:
//!   /pets/{id}:
//!     get:
//!       parameters:
//!         - { name: id, in: path, required: true, schema: { type: string } }
//!       responses:
//!         "200":
//!           description: a pet
//!           content:
//!             application/json:
//!               schema: { $ref: "#/components/schemas/Pet" }
//! components:
//!   schemas:
//!     Pet:
//!       type: object
//!       properties: { name: { type: string } }
//! "##,
//!     Format::Yaml,
//! )?;
//! assert_eq!(spec.operations.len(), 1);
//! assert!(spec.component_schemas.contains_key("Pet"));
//! # Ok::<(), openapi::SpecError>(())
//! ```

mod body;
mod documents;
mod error;
mod location;
mod node;
mod operation;
mod parameter;
mod pointer;
mod read;
mod reference;
mod response;
mod schema;
mod security;
mod server;
mod spec;
mod syntax;
mod template;

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

pub use body::{Encoding, MediaType, RequestBody};
pub use error::SpecError;
pub use location::Location;
pub use operation::{Method, Operation};
pub use parameter::{Parameter, ParameterLocation, Style};
pub use pointer::{JsonPointer, PointerError};
pub use response::{Header, Response, StatusKey};
pub use schema::{
    Additional, Discriminator, ObjectSchema, ScalarType, Schema, SchemaId, SchemaKind, Union,
};
pub use security::{ApiKeyLocation, OAuthFlow, OAuthFlows, SecurityRequirement, SecurityScheme};
pub use server::{Server, ServerVariable};
pub use spec::{Info, OpenApiVersion, Spec};
pub use syntax::Format;
pub use template::{TemplatePart, parse_template};

use documents::{Document, Documents};
use reference::ReadError;

/// The name documents given as text or values have in messages.
const TEXT_NAME: &str = "<input>";

/// How deep inline schemas may nest before reading stops with
/// [`SpecError::TooDeep`].
pub const MAX_SCHEMA_DEPTH: usize = read::MAX_DEPTH;

/// Loads the specification in the file at `path`, and every local file its
/// `$ref`s reach. The format comes from the extension (`.json`, `.yaml`,
/// `.yml`), or from the content for other names.
///
/// # Errors
///
/// Any [`SpecError`]: a file that cannot be read, invalid JSON or YAML,
/// a reference that does not resolve or is remote, an unsupported
/// construct, a value of the wrong type.
pub fn load(path: impl AsRef<Path>) -> Result<Spec, SpecError> {
    let path = path.as_ref();
    let io_error = |source| SpecError::Io {
        path: path.to_owned(),
        source,
    };
    let text = std::fs::read_to_string(path).map_err(io_error)?;
    let canonical = std::fs::canonicalize(path).map_err(io_error)?;
    let format = Format::from_path(path).unwrap_or_else(|| Format::sniff(&text));
    let name = path.display().to_string();
    let value = syntax::parse_text(&text, format, &name)?;
    read_all(Documents::new(Document {
        name: name.into(),
        path: Some(canonical),
        value,
    }))
}

/// Reads a specification from text. References to other files cannot be
/// followed from text (there is no folder to start from); use [`load`] for
/// a specification spread over files.
///
/// # Errors
///
/// As [`load`]; errors name the document `<input>`.
pub fn parse(text: &str, format: Format) -> Result<Spec, SpecError> {
    let value = syntax::parse_text(text, format, TEXT_NAME)?;
    from_value(value)
}

/// Reads a specification that is already a JSON value.
///
/// # Errors
///
/// As [`parse`].
pub fn from_value(value: Value) -> Result<Spec, SpecError> {
    read_all(Documents::new(Document {
        name: Arc::from(TEXT_NAME),
        path: None,
        value,
    }))
}

/// Reads the root document, and each time a `$ref` names a file not read
/// yet, reads that file and starts again; each file is read once, so this
/// ends, cycles between files included.
fn read_all(mut docs: Documents) -> Result<Spec, SpecError> {
    loop {
        match crate::stack::with_large_stack(|| read::read_spec(&docs)) {
            Ok(spec) => return Ok(spec),
            Err(ReadError::Spec(error)) => return Err(error),
            Err(ReadError::NeedFile {
                path,
                at,
                reference,
            }) => {
                let text =
                    std::fs::read_to_string(&path).map_err(|error| SpecError::UnresolvedRef {
                        at,
                        reference,
                        reason: format!("cannot read '{}': {error}", path.display()),
                    })?;
                let name = docs.display_name(&path);
                let format = Format::from_path(&path).unwrap_or_else(|| Format::sniff(&text));
                let value = syntax::parse_text(&text, format, &name)?;
                docs.add(Document {
                    name: name.into(),
                    path: Some(path),
                    value,
                });
            }
        }
    }
}
