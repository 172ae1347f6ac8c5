//! Reading a document set into a [`Spec`].

mod body;
mod follow;
mod parameter;
mod paths;
mod response;
mod schema;
mod security;
mod server;

use std::collections::BTreeMap;

use crate::openapi::documents::Documents;
use crate::openapi::error::SpecError;
use crate::openapi::location::Location;
use crate::openapi::node::Node;
use crate::openapi::reference::ReadError;
use crate::openapi::security::SecurityScheme;
use crate::openapi::server::Server;
use crate::openapi::spec::{Info, OpenApiVersion, Spec};

pub(crate) use schema::MAX_DEPTH;
use schema::SchemaReader;

/// The state of one reading pass.
pub(crate) struct Reader<'a> {
    docs: &'a Documents,
    version: OpenApiVersion,
    schemas: SchemaReader<'a>,
    security_schemes: BTreeMap<String, SecurityScheme>,
}

/// Reads the root document of `docs` and everything it refers to.
pub(crate) fn read_spec(docs: &Documents) -> Result<Spec, ReadError> {
    let root = docs.root();
    root.object()?;
    let version = read_version(&root)?;
    let info = read_info(&root.require("info")?)?;
    let servers = match root.get("servers")? {
        Some(list) => server::read_servers(&list)?,
        None => Vec::new(),
    };
    let servers = if servers.is_empty() {
        vec![Server {
            url: "/".to_owned(),
            description: None,
            variables: BTreeMap::new(),
        }]
    } else {
        servers
    };
    let components = root.get("components")?;
    let security_schemes = match components
        .as_ref()
        .map(|c| c.get("securitySchemes"))
        .transpose()?
        .flatten()
    {
        Some(schemes) => security::read_schemes(docs, &schemes)?,
        None => BTreeMap::new(),
    };
    let security = match root.get("security")? {
        Some(list) => security::read_requirements(&list, &security_schemes)?,
        None => Vec::new(),
    };
    let mut reader = Reader {
        docs,
        version,
        schemas: SchemaReader::new(docs),
        security_schemes,
    };
    let mut component_schemas = BTreeMap::new();
    if let Some(schemas) = components
        .as_ref()
        .map(|c| c.get("schemas"))
        .transpose()?
        .flatten()
    {
        for (name, schema) in schemas.entries()? {
            component_schemas.insert(name.to_owned(), reader.schemas.read(&schema)?);
        }
    }
    let operations = match root.get("paths")? {
        Some(paths) => reader.paths(&paths)?,
        None if version == OpenApiVersion::V3_0 => {
            return Err(SpecError::Missing {
                at: root.loc.clone(),
                field: "paths",
            }
            .into());
        }
        None => Vec::new(),
    };
    let Reader {
        schemas,
        security_schemes,
        ..
    } = reader;
    Ok(Spec {
        version,
        info,
        servers,
        operations,
        schemas: schemas.finish()?,
        component_schemas,
        security_schemes,
        security,
    })
}

fn read_version(root: &Node<'_>) -> Result<OpenApiVersion, SpecError> {
    let Some(version) = root.get("openapi")? else {
        if let Some(swagger) = root.get("swagger")? {
            return Err(SpecError::UnsupportedVersion {
                at: swagger.loc.clone(),
                found: swagger.value.as_str().unwrap_or("2.0").to_owned(),
                hint: "this is a Swagger 2.0 document; convert it to OpenAPI 3.0 or 3.1 first",
            });
        }
        return Err(SpecError::Missing {
            at: Location::clone(&root.loc),
            field: "openapi",
        });
    };
    let text = version.as_str()?;
    if text.starts_with("3.0") {
        Ok(OpenApiVersion::V3_0)
    } else if text.starts_with("3.1") {
        Ok(OpenApiVersion::V3_1)
    } else {
        Err(SpecError::UnsupportedVersion {
            at: version.loc.clone(),
            found: text.to_owned(),
            hint: "this generator reads OpenAPI 3.0 and 3.1; write 'openapi: 3.0.3' or 'openapi: 3.1.0' if the document is one of those",
        })
    }
}

fn read_info(node: &Node<'_>) -> Result<Info, SpecError> {
    Ok(Info {
        title: node.req_str("title")?.to_owned(),
        version: node.req_str("version")?.to_owned(),
        description: node.opt_string("description")?,
    })
}
