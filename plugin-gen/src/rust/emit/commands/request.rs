//! The request a command sends: its input read into typed values, then
//! put where the operation says.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::{
    BodyContent, MediaKind, Operation, Param, Primitive, StringFormat, TypeKind, TypeRef,
};
use crate::naming::UniqueNames;
use crate::openapi::{Method, Style};
use crate::rust::emit::syntax::ident;
use crate::rust::emit::type_ref::{Renderer, Site};
use crate::rust::error::GenError;
use crate::rust::plan::Plan;
use crate::rust::plan::inputs::{BODY_KEY, BodyInput, InputPlan, Key, ParamInput};

/// Names the generated function uses itself; parameters get others.
const LOCALS: [&str; 8] = [
    "args", "query", "body", "request", "client", "response", "api", "input",
];

/// The statements that read the input and build `request`.
pub(crate) struct RequestCode {
    /// Statements, ending with `let request = ...;`.
    pub(crate) statements: TokenStream,
    /// Whether values are taken out of `args` (so it is bound `mut`).
    pub(crate) reads_args: bool,
}

/// Reads the input of `op` and builds its request.
pub(crate) fn request_code(
    plan: &Plan<'_>,
    op: &Operation,
    input: &InputPlan<'_>,
) -> Result<RequestCode, GenError> {
    let render = Renderer::new(plan, Site::Commands);
    let mut locals = UniqueNames::with_reserved(LOCALS);
    let mut statements = Vec::new();
    let mut chain = Vec::new();
    for path in &input.path {
        if path.param.style != Style::Simple {
            return Err(GenError::unsupported(
                &op.location.push("parameters"),
                format!(
                    "the path parameter style '{}' of '{}'",
                    path.param.style.as_str(),
                    path.param.wire_name
                ),
                "use style simple (the default) for path parameters",
            ));
        }
        let var = param_local(&mut locals, path.param);
        let ty = render.render(&path.param.ty, false);
        let key = &path.key.key;
        let wire = &path.key.wire;
        statements.push(quote!(let #var: #ty = args.required(#key)?;));
        chain.push(quote!(.path_param(#wire, &#var)));
    }
    if let Some(query_type) = &op.query_type {
        let pairs = input.query.iter().map(|q| key_pair(&q.key));
        let ty = ident(query_type);
        statements.push(quote!(let query: crate::types::#ty = args.group(&[#(#pairs),*])?;));
        for query in &input.query {
            chain.push(query_call(query)?);
        }
    }
    for (place, list) in [("header", &input.header), ("cookie", &input.cookie)] {
        for item in list {
            let var = param_local(&mut locals, item.param);
            statements.push(read_param(&render, &var, item));
            let wire = &item.key.wire;
            let value = match &item.param.content_type {
                Some(_) => quote!(&crate::support::json_text(&#var)?),
                None => quote!(&#var),
            };
            chain.push(match place {
                "header" => quote!(.header(#wire, #value)),
                _ => quote!(.cookie(#wire, #value)),
            });
        }
    }
    let method = method(op.method);
    let template = &op.path.template;
    statements.push(quote! {
        let request = ::plugin_http::Request::new(#method, #template) #(#chain)*;
    });
    let body = body_code(plan, &render, input)?;
    let reads_args = !input.path.is_empty()
        || op.query_type.is_some()
        || !input.header.is_empty()
        || !input.cookie.is_empty()
        || body.is_some();
    if let Some((read, encode)) = body {
        statements.insert(statements.len() - 1, read);
        statements.push(encode);
    }
    if let Some(server) = op.servers.as_ref().and_then(|servers| servers.first()) {
        let url = server.default_url();
        statements.push(quote!(let request = api.at_server(request, #url);));
    }
    Ok(RequestCode {
        statements: quote!(#(#statements)*),
        reads_args,
    })
}

fn param_local(locals: &mut UniqueNames, param: &Param) -> Ident {
    let base = param.name.trim_start_matches("r#");
    let name = if crate::naming::is_keyword(base) {
        format!("{base}_")
    } else {
        base.to_owned()
    };
    ident(&locals.claim_snake(&name))
}

fn key_pair(key: &Key) -> TokenStream {
    let (k, w) = (&key.key, &key.wire);
    quote!((#k, #w))
}

/// `let var: T = args.required(key)?;` or `Option<T>` with `optional`.
fn read_param(render: &Renderer<'_>, var: &Ident, item: &ParamInput<'_>) -> TokenStream {
    let key = &item.key.key;
    if item.param.required {
        let ty = render.render(&item.param.ty, false);
        quote!(let #var: #ty = args.required(#key)?;)
    } else {
        let inner = match &item.param.ty {
            TypeRef::Nullable(inner) => inner.as_ref(),
            other => other,
        };
        let ty = render.render(inner, false);
        quote!(let #var: Option<#ty> = args.optional(#key)?;)
    }
}

/// `.query(wire, &query.field, style)`.
fn query_call(query: &ParamInput<'_>) -> Result<TokenStream, GenError> {
    let field = ident(&query.param.name);
    let wire = &query.key.wire;
    if query.param.content_type.is_some() {
        return Ok(
            quote!(.query(#wire, &crate::support::json_text(&query.#field)?, ::plugin_http::QueryStyle::FORM)),
        );
    }
    let style = query_style(query.param.style, query.param.explode);
    Ok(quote!(.query(#wire, &query.#field, #style)))
}

/// A parameter style as plugin-http's `QueryStyle`.
fn query_style(style: Style, explode: bool) -> TokenStream {
    match (style, explode) {
        (Style::DeepObject, _) => quote!(::plugin_http::QueryStyle::DeepObject),
        (Style::SpaceDelimited, _) => quote!(::plugin_http::QueryStyle::SpaceDelimited),
        (Style::PipeDelimited, _) => quote!(::plugin_http::QueryStyle::PipeDelimited),
        (_, true) => quote!(::plugin_http::QueryStyle::FORM),
        (_, false) => quote!(::plugin_http::QueryStyle::Form { explode: false }),
    }
}

fn method(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(::plugin_http::Method::Get),
        Method::Put => quote!(::plugin_http::Method::Put),
        Method::Post => quote!(::plugin_http::Method::Post),
        Method::Delete => quote!(::plugin_http::Method::Delete),
        Method::Options => quote!(::plugin_http::Method::Options),
        Method::Head => quote!(::plugin_http::Method::Head),
        Method::Patch => quote!(::plugin_http::Method::Patch),
        Method::Trace => quote!(::plugin_http::Method::Trace),
    }
}

/// Reading the body from the input, and putting it on the request.
fn body_code(
    plan: &Plan<'_>,
    render: &Renderer<'_>,
    input: &InputPlan<'_>,
) -> Result<Option<(TokenStream, TokenStream)>, GenError> {
    let (content, required, read) = match &input.body {
        BodyInput::None => return Ok(None),
        BodyInput::Fields {
            content,
            type_name,
            keys,
            required,
        } => {
            let ty = ident(type_name);
            let renames = keys.iter().filter(|k| k.key != k.wire).map(key_pair);
            let read = if *required {
                quote!(let body: crate::types::#ty = args.rest(&[#(#renames),*])?;)
            } else {
                quote!(let body: Option<crate::types::#ty> = args.rest_if_any(&[#(#renames),*])?;)
            };
            (*content, *required, read)
        }
        BodyInput::Whole { content, required } => {
            let ty = match &content.ty {
                Some(TypeRef::Nullable(inner)) => render.render(inner, false),
                Some(ty) => render.render(ty, false),
                None => match content.kind {
                    MediaKind::Json | MediaKind::FormUrlEncoded | MediaKind::Multipart => {
                        quote!(::serde_json::Value)
                    }
                    MediaKind::Text | MediaKind::Xml => quote!(String),
                    MediaKind::Binary => quote!(crate::support::FileContent),
                },
            };
            let read = if *required {
                quote!(let body: #ty = args.required(#BODY_KEY)?;)
            } else {
                quote!(let body: Option<#ty> = args.optional(#BODY_KEY)?;)
            };
            (*content, *required, read)
        }
    };
    let encode = encode_body(plan, content)?;
    let put = if required {
        quote! {
            let body = &body;
            let request = #encode;
        }
    } else {
        quote! {
            let request = match &body {
                Some(body) => #encode,
                None => request,
            };
        }
    };
    Ok(Some((read, put)))
}

/// The expression that puts `body` (a reference) on `request`.
fn encode_body(plan: &Plan<'_>, content: &BodyContent) -> Result<TokenStream, GenError> {
    let media_type = &content.media_type;
    Ok(match content.kind {
        MediaKind::Json => quote!(request.json_body(body)),
        MediaKind::FormUrlEncoded => {
            let styles = field_styles(content);
            quote!(crate::support::form_body(request, body, &[#(#styles),*])?)
        }
        MediaKind::Multipart => {
            let styles = field_styles(content);
            let files = file_fields(plan, content)
                .into_iter()
                .map(|(wire, content_type)| quote!((#wire, #content_type)));
            quote!(crate::support::multipart_body(request, body, &[#(#files),*], &[#(#styles),*])?)
        }
        MediaKind::Text | MediaKind::Xml => {
            quote!(request.raw_body(#media_type, body.as_bytes().to_vec()))
        }
        MediaKind::Binary => quote! {{
            let (_, content_type, bytes) = body.clone().load(#BODY_KEY, #media_type)?;
            request.raw_body(content_type, bytes)
        }},
    })
}

/// The fields of a form or multipart body whose `encoding` gives a style
/// other than `form` with `explode`.
fn field_styles(content: &BodyContent) -> Vec<TokenStream> {
    content
        .encoding
        .iter()
        .filter_map(|(wire, encoding)| {
            let style = encoding.style.unwrap_or(Style::Form);
            let explode = encoding.explode.unwrap_or(style == Style::Form);
            if style == Style::Form && explode {
                return None;
            }
            let style = query_style(style, explode);
            Some(quote!((#wire, #style)))
        })
        .collect()
}

/// The top-level fields of a multipart body that are files (binary
/// strings), with their declared content types.
fn file_fields(plan: &Plan<'_>, content: &BodyContent) -> Vec<(String, String)> {
    let Some(TypeRef::Named(name)) = &content.ty else {
        return Vec::new();
    };
    let Some(TypeKind::Struct(fields)) = plan.model.types.get(name).map(|d| &d.kind) else {
        return Vec::new();
    };
    fields
        .fields
        .iter()
        .filter(|field| {
            let ty = match &field.ty {
                TypeRef::Nullable(inner) => inner.as_ref(),
                other => other,
            };
            *ty == TypeRef::Primitive(Primitive::String(StringFormat::Binary))
        })
        .map(|field| {
            let declared = content
                .encoding
                .get(&field.wire_name)
                .and_then(|e| e.content_type.clone())
                .unwrap_or_default();
            (field.wire_name.clone(), declared)
        })
        .collect()
}
