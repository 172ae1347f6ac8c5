//! `src/resources/`: one module per resource, one function per operation,
//! and the table of commands the plugin dispatches on.

mod request;
mod response;

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::{ident, raw_docs, raw_inner_docs};
use crate::model::{Operation, Pagination, Resource};
use crate::rust::docs::doc_lines;
use crate::rust::emit::type_ref::{Renderer, Site};
use crate::rust::error::GenError;
use crate::rust::plan::Plan;
use crate::rust::plan::auth::OpSecurity;
use crate::rust::plan::inputs::{BodyInput, InputPlan};

/// The command's name as a user types it: the resource's words, then the
/// command (`customers sources list`).
pub(crate) fn command_name(resource: &Resource, op: &Operation) -> String {
    format!("{} {}", resource.name, op.command.trim_start_matches("r#"))
}

/// The file of resource `index`.
pub(crate) fn resource_file(plan: &Plan<'_>, index: usize) -> PathBuf {
    PathBuf::from(format!("src/resources/{}.rs", plan.resource_modules[index]))
}

/// The module of resource `index`: one function per operation.
pub(crate) fn emit_resource(plan: &Plan<'_>, index: usize) -> Result<TokenStream, GenError> {
    let Some(resource) = plan.model.resources.values().nth(index) else {
        return Ok(TokenStream::new());
    };
    let feature = &plan.features[index];
    let mut functions = Vec::new();
    for op in resource.operations.values() {
        functions.push(emit_command(plan, &command_name(resource, op), op)?);
    }
    let docs = raw_inner_docs(&[format!(
        "The commands of `{}` (feature `{feature}`): {}.",
        resource.name,
        resource
            .operations
            .values()
            .map(|op| format!("`{}`", command_name(resource, op)))
            .collect::<Vec<_>>()
            .join(", ")
    )]);
    Ok(quote! {
        #docs
        use crate::support::{Api, Args, Security};
        #(#functions)*
    })
}

/// `src/resources/mod.rs`: the modules and the table of commands.
pub(crate) fn emit_index(plan: &Plan<'_>) -> TokenStream {
    let mut declarations = Vec::new();
    let mut table = Vec::new();
    for (index, resource) in plan.model.resources.values().enumerate() {
        let module = ident(&plan.resource_modules[index]);
        let feature = &plan.features[index];
        for op in resource.operations.values() {
            let name = command_name(resource, op);
            let function = ident(&op.command);
            table.push(quote! {
                #[cfg(feature = #feature)]
                (#name, #module::#function),
            });
        }
        declarations.push(quote! {
            #[cfg(feature = #feature)]
            pub mod #module;
        });
    }
    let docs = raw_inner_docs(&[
        "The plugin's commands, one module per resource, each behind its resource's feature."
            .to_owned(),
    ]);
    quote! {
        #docs
        use ::plugin_api::PluginError;
        use crate::support::Api;

        #(#declarations)*

        /// A command: it reads its input, calls the API and answers with JSON.
        pub type Run = fn(&Api, &[u8]) -> Result<Vec<u8>, PluginError>;

        /// Every command whose resource's feature is on, by name.
        pub const COMMANDS: &[(&str, Run)] = &[
            #(#table)*
        ];

        /// Runs the command `name` with `input`.
        ///
        /// # Errors
        ///
        /// The command's error, or an unknown command's (listing the
        /// commands of the same resource, or all of them).
        pub fn run(api: &Api, name: &str, input: &[u8]) -> Result<Vec<u8>, PluginError> {
            if let Some((_, run)) = COMMANDS.iter().find(|(command, _)| *command == name) {
                return run(api, input);
            }
            let first_word = name.split(' ').next().unwrap_or(name);
            let related: Vec<&str> = COMMANDS
                .iter()
                .map(|(command, _)| *command)
                .filter(|command| command.split(' ').next() == Some(first_word))
                .collect();
            if related.is_empty() {
                let all: Vec<&str> = COMMANDS.iter().map(|(command, _)| *command).collect();
                Err(PluginError::unknown_command(name, &all))
            } else {
                Err(PluginError::unknown_command(name, &related))
            }
        }
    }
}

/// The function of one command.
fn emit_command(plan: &Plan<'_>, name: &str, op: &Operation) -> Result<TokenStream, GenError> {
    let function = ident(&op.command);
    let input = InputPlan::of(plan, op);
    let keys = input.keys();
    let pagination = op.pagination.as_ref();
    let pages = pagination.is_some();
    let request = request::request_code(plan, op, &input)?;
    let statements = &request.statements;
    let parse = quote!(Args::parse(#name, input, &[#(#keys),*], #pages)?);
    let bind = match (request.reads_args, pages) {
        (true, _) => quote!(let mut args = #parse;),
        (false, true) => quote!(let args = #parse;),
        (false, false) => quote!(#parse;),
    };
    let security = match plan.auth.of(op)? {
        OpSecurity::Anonymous => quote!(Security::Anonymous),
        OpSecurity::Required(indices) => {
            let indices = indices
                .iter()
                .map(|i| proc_macro2::Literal::usize_unsuffixed(*i));
            quote!(Security::Required(&[#(#indices),*]))
        }
        OpSecurity::Optional(indices) => {
            let indices = indices
                .iter()
                .map(|i| proc_macro2::Literal::usize_unsuffixed(*i));
            quote!(Security::Optional(&[#(#indices),*]))
        }
    };
    let all = pagination.map(|pagination| {
        let render = Renderer::new(plan, Site::Commands);
        let (item, cursor) = match pagination {
            Pagination::Cursor {
                starting_after,
                data_field,
                has_more_field,
                item,
                ..
            } => (
                render.render(item, false),
                quote! {
                    ::plugin_http::CursorPagination::new(#data_field, #starting_after, ::plugin_http::CursorSource::LastItem("id".to_owned()))
                        .has_more_field(Some(#has_more_field))
                },
            ),
            Pagination::PageToken {
                page_param,
                next_page_field,
                data_field,
                has_more_field,
                item,
                ..
            } => (
                render.render(item, false),
                quote! {
                    ::plugin_http::CursorPagination::new(#data_field, #page_param, ::plugin_http::CursorSource::Response(#next_page_field.to_owned()))
                        .has_more_field(Some(#has_more_field))
                },
            ),
        };
        quote! {
            if args.all() {
                return crate::support::pages::<#item>(client, request, &#cursor);
            }
        }
    });
    let answer = response::response_code(plan, op);
    let docs = command_docs(name, op, &input);
    Ok(quote! {
        #docs
        pub fn #function(api: &Api, input: &[u8]) -> Result<Vec<u8>, ::plugin_api::PluginError> {
            #bind
            #statements
            let client = api.client(#security)?;
            #all
            let response = client.send(&request)?;
            #answer
        }
    })
}

/// The command's documentation: what it is, its input keys, its answers.
fn command_docs(name: &str, op: &Operation, input: &InputPlan<'_>) -> TokenStream {
    let mut lines = vec![format!(
        "`{name}`: `{} {}`.",
        op.method,
        op.path.template.replace('`', "'")
    )];
    let mut described = vec![
        op.summary.clone().unwrap_or_default(),
        op.description.clone().unwrap_or_default(),
    ];
    if op.deprecated {
        described.push("Deprecated.".to_owned());
    }
    for part in &described {
        let paragraph = doc_lines(part);
        if !paragraph.is_empty() {
            lines.push(String::new());
            lines.extend(paragraph);
        }
    }
    let header = lines.len();
    lines.extend([String::new(), "Input keys:".to_owned(), String::new()]);
    let place = |list: &[crate::rust::plan::inputs::ParamInput<'_>],
                 where_: &str,
                 lines: &mut Vec<String>| {
        for item in list {
            let required = if item.param.required {
                ", required"
            } else {
                ""
            };
            lines.push(format!(
                "- `{}` ({where_}{required})",
                item.key.key.replace('`', "'")
            ));
        }
    };
    place(&input.path, "path", &mut lines);
    place(&input.query, "query", &mut lines);
    place(&input.header, "header", &mut lines);
    place(&input.cookie, "cookie", &mut lines);
    match &input.body {
        BodyInput::None => {}
        BodyInput::Fields { keys, content, .. } => {
            for key in keys {
                lines.push(format!(
                    "- `{}` (body, {})",
                    key.key.replace('`', "'"),
                    content.media_type
                ));
            }
        }
        BodyInput::Whole { content, .. } => {
            lines.push(format!(
                "- `$body`: the whole body ({})",
                content.media_type
            ));
        }
    }
    if op.pagination.is_some() {
        lines.push(
            "- `$all`: `true` to follow the list's pages and answer with every item".to_owned(),
        );
    }
    if lines.len() == header + 3 {
        lines.truncate(header + 1);
        lines.push("Input: none (`{}`).".to_owned());
    }
    lines.push(String::new());
    lines.push("Answers:".to_owned());
    lines.push(String::new());
    for (status, what) in response::answer_types(op) {
        lines.push(format!("- `{status}`: {what}"));
    }
    raw_docs(&lines)
}
