//! Writing the crate's files from a [`Plan`].

mod auth;
mod commands;
mod lib_rs;
mod manifest;
mod readme;
mod support;
mod syntax;
mod type_ref;
mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;

pub(crate) use manifest::Manifest;

use super::error::GenError;
use super::format::{format_source, format_tokens};
use super::plan::Plan;
use super::progress::Progress;

/// Every file of the crate, formatted, and its manifest.
pub(crate) fn emit(
    plan: &Plan<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(BTreeMap<PathBuf, String>, Manifest), GenError> {
    let total = plan.placement.modules.len() + plan.model.resources.len() + 5;
    let mut done = 0;
    let mut rust: Vec<(PathBuf, TokenStream)> = Vec::with_capacity(total);
    let mut step = |file: (PathBuf, TokenStream), progress: &mut dyn FnMut(Progress)| {
        rust.push(file);
        done += 1;
        progress(Progress::Emitting { done, total });
    };
    step(
        (PathBuf::from("src/lib.rs"), lib_rs::emit_lib(plan)),
        progress,
    );
    step(
        (PathBuf::from("src/auth.rs"), auth::emit_auth(plan)),
        progress,
    );
    let mut files = Vec::new();
    types::emit_types(plan, |file| files.push(file));
    commands::emit_commands(plan, |file| files.push(file))?;
    for file in files {
        step(file, progress);
    }
    let manifest = Manifest::new(plan);
    let mut out = BTreeMap::new();
    out.insert(PathBuf::from("Cargo.toml"), manifest.render(None));
    out.insert(PathBuf::from("README.md"), readme::emit_readme(plan));
    let sources: Vec<(PathBuf, &str)> = support::support_files().collect();
    let total = rust.len() + sources.len();
    let mut formatted = 0;
    for (path, source) in sources {
        out.insert(path.clone(), format_source(&path, source)?);
        formatted += 1;
        progress(Progress::Formatting {
            done: formatted,
            total,
        });
    }
    for (path, tokens) in rust {
        out.insert(path.clone(), format_tokens(&path, tokens)?);
        formatted += 1;
        progress(Progress::Formatting {
            done: formatted,
            total,
        });
    }
    Ok((out, manifest))
}
