//! Building operations: parameters, bodies and responses with their
//! types, named after the operation (`CustomerCreateParams`,
//! `CustomerListQuery`, `CustomerListResponse`).

use std::collections::BTreeMap;

use crate::naming::{UniqueNames, field_name, upper_camel_case};
use crate::openapi::{
    self, MediaType, ParameterLocation, SecurityRequirement, StatusKey, parse_template,
};

use super::build::TypeBuilder;
use super::error::ModelError;
use super::operation::{
    BodyContent, MediaKind, Operation, OperationKind, Param, PathTemplate, RequestBody,
    ResponseDef, ResponseHeader,
};
use super::types::{Field, StructDef, TypeDef, TypeKind};

/// What an operation's name is made of.
pub(crate) struct Naming<'a> {
    /// The command's name in its resource.
    pub(crate) command: String,
    /// What it does.
    pub(crate) kind: OperationKind,
    /// The prefix of its types' names (`CustomerCreate`).
    pub(crate) type_prefix: &'a str,
}

/// Builds the model of `op`.
pub(crate) fn build_operation(
    types: &mut TypeBuilder<'_>,
    op: &openapi::Operation,
    naming: Naming<'_>,
    document_security: &[SecurityRequirement],
) -> Result<Operation, ModelError> {
    let prefix = naming.type_prefix;
    let parts = parse_template(&op.path).map_err(|message| {
        ModelError::unsupported(
            &op.location,
            format!("the path template ({message})"),
            "fix the path",
        )
    })?;
    let mut param_names = UniqueNames::default();
    let mut path_params = Vec::new();
    for part in &parts {
        let openapi::TemplatePart::Param(name) = part else {
            continue;
        };
        if let Some(parameter) = op
            .parameters
            .iter()
            .find(|p| p.place == ParameterLocation::Path && &p.name == name)
        {
            path_params.push(param(types, parameter, prefix, &mut param_names)?);
        }
    }
    let mut header_params = Vec::new();
    let mut cookie_params = Vec::new();
    for parameter in &op.parameters {
        match parameter.place {
            ParameterLocation::Header => {
                header_params.push(param(types, parameter, prefix, &mut param_names)?)
            }
            ParameterLocation::Cookie => {
                cookie_params.push(param(types, parameter, prefix, &mut param_names)?)
            }
            ParameterLocation::Path | ParameterLocation::Query => {}
        }
    }
    let (query_params, query_type) = query(types, op, prefix)?;
    let request_body = match &op.request_body {
        Some(body) => Some(RequestBody {
            required: body.required,
            docs: body.description.clone(),
            contents: contents(types, &body.content, &format!("{prefix}Params"))?,
        }),
        None => None,
    };
    let first_success = op
        .responses
        .keys()
        .find(|status| status.is_success())
        .copied();
    let mut responses = BTreeMap::new();
    for (&status, response) in &op.responses {
        let base = if Some(status) == first_success {
            format!("{prefix}Response")
        } else {
            format!("{prefix}Response{}", status_suffix(status))
        };
        let mut header_names = UniqueNames::default();
        let mut headers = Vec::new();
        for (wire_name, header) in &response.headers {
            let context = format!("{base}{}", upper_camel_case(wire_name).unwrap_or_default());
            headers.push(ResponseHeader {
                name: header_names.claim_snake(&field_name(wire_name)),
                wire_name: wire_name.clone(),
                ty: types.type_of(header.schema, &context)?,
                required: header.required,
                docs: header.description.clone(),
            });
        }
        let contents = contents(types, &response.content, &base)?;
        responses.insert(
            status,
            ResponseDef {
                docs: response.description.clone(),
                contents,
                headers,
            },
        );
    }
    Ok(Operation {
        command: naming.command,
        kind: naming.kind,
        method: op.method,
        path: PathTemplate {
            template: op.path.clone(),
            parts,
        },
        operation_id: op.operation_id.clone(),
        summary: op.summary.clone(),
        description: op.description.clone(),
        tags: op.tags.clone(),
        deprecated: op.deprecated,
        location: op.location.clone(),
        path_params,
        query_params,
        query_type,
        header_params,
        cookie_params,
        request_body,
        responses,
        security: op
            .security
            .clone()
            .unwrap_or_else(|| document_security.to_vec()),
        servers: op.servers.clone(),
        pagination: None,
    })
}

fn param(
    types: &mut TypeBuilder<'_>,
    parameter: &openapi::Parameter,
    context: &str,
    names: &mut UniqueNames,
) -> Result<Param, ModelError> {
    let context = format!(
        "{context}{}",
        upper_camel_case(&parameter.name).unwrap_or_default()
    );
    Ok(Param {
        name: names.claim_snake(&field_name(&parameter.name)),
        wire_name: parameter.name.clone(),
        ty: types.type_of(parameter.schema, &context)?,
        required: parameter.required,
        style: parameter.style,
        explode: parameter.explode,
        allow_reserved: parameter.allow_reserved,
        content_type: parameter.content_type.clone(),
        docs: parameter.description.clone(),
        deprecated: parameter.deprecated,
    })
}

/// The query parameters, and the struct that holds them.
fn query(
    types: &mut TypeBuilder<'_>,
    op: &openapi::Operation,
    prefix: &str,
) -> Result<(Vec<Param>, Option<String>), ModelError> {
    let parameters: Vec<_> = op
        .parameters
        .iter()
        .filter(|p| p.place == ParameterLocation::Query)
        .collect();
    if parameters.is_empty() {
        return Ok((Vec::new(), None));
    }
    let name = types.claim_name(&format!("{prefix}Query"));
    let mut field_names = UniqueNames::default();
    let mut params = Vec::with_capacity(parameters.len());
    for parameter in parameters {
        params.push(param(types, parameter, &name, &mut field_names)?);
    }
    let fields = params
        .iter()
        .map(|p| Field {
            name: p.name.clone(),
            wire_name: p.wire_name.clone(),
            ty: p.ty.clone(),
            required: p.required,
            docs: p.docs.clone(),
            default: None,
            read_only: false,
            write_only: false,
            deprecated: p.deprecated,
            boxed: false,
        })
        .collect();
    types.insert(TypeDef {
        name: name.clone(),
        origin: op.location.clone(),
        component: None,
        docs: Some(format!(
            "The query parameters of {} {}.",
            op.method, op.path
        )),
        kind: TypeKind::Struct(StructDef {
            fields,
            additional: None,
            closed: true,
            discriminator: None,
        }),
    });
    Ok((params, Some(name)))
}

/// A `content` map as body contents, the preferred media type first; the
/// first inline type is named `base`, later ones `base` + the media kind.
fn contents(
    types: &mut TypeBuilder<'_>,
    content: &BTreeMap<String, MediaType>,
    base: &str,
) -> Result<Vec<BodyContent>, ModelError> {
    let mut entries: Vec<(&String, &MediaType)> = content.iter().collect();
    entries.sort_by_key(|(media_type, _)| {
        (preference(MediaKind::of(media_type)), media_type.as_str())
    });
    let mut contents = Vec::with_capacity(entries.len());
    for (i, (media_type, media)) in entries.into_iter().enumerate() {
        let kind = MediaKind::of(media_type);
        let context = if i == 0 {
            base.to_owned()
        } else {
            format!("{base}{}", kind_suffix(kind))
        };
        let ty = match media.schema {
            Some(schema) => Some(types.type_of(schema, &context)?),
            None => None,
        };
        contents.push(BodyContent {
            media_type: media_type.clone(),
            kind,
            ty,
            encoding: media.encoding.clone(),
        });
    }
    Ok(contents)
}

fn preference(kind: MediaKind) -> u8 {
    match kind {
        MediaKind::Json => 0,
        MediaKind::FormUrlEncoded => 1,
        MediaKind::Multipart => 2,
        MediaKind::Xml => 3,
        MediaKind::Text => 4,
        MediaKind::Binary => 5,
    }
}

fn kind_suffix(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Json => "Json",
        MediaKind::FormUrlEncoded => "Form",
        MediaKind::Multipart => "Multipart",
        MediaKind::Xml => "Xml",
        MediaKind::Text => "Text",
        MediaKind::Binary => "Binary",
    }
}

fn status_suffix(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => code.to_string(),
        StatusKey::Range(range) => format!("{range}xx"),
        StatusKey::Default => "Default".to_owned(),
    }
}
