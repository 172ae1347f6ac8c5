//! Writing the crate's files from a [`Plan`].
//!
//! Each Rust file is one piece of [`Work`]: emitted as tokens, then
//! formatted. Files do not depend on each other, so the work is shared
//! among the machine's cores; the result is the same whatever the order.

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
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

pub(crate) use manifest::Manifest;

use super::error::GenError;
use super::format::{format_source, format_tokens};
use super::plan::Plan;
use super::progress::Progress;
use types::TypesEmitter;

/// One Rust file to write.
#[derive(Clone, Copy, Debug)]
enum Work<'p> {
    Lib,
    Auth,
    TypesModule(&'p str),
    Links,
    TypesIndex,
    Resource(usize),
    ResourcesIndex,
    Support(&'static str),
}

/// What a worker reports.
enum Done {
    Emitted,
    Formatted,
}

/// Every file of the crate, formatted, and its manifest.
pub(crate) fn emit(
    plan: &Plan<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(BTreeMap<PathBuf, String>, Manifest), GenError> {
    let emitter = TypesEmitter::new(plan);
    let mut work: Vec<(PathBuf, Work<'_>)> = vec![
        (PathBuf::from("src/lib.rs"), Work::Lib),
        (PathBuf::from("src/auth.rs"), Work::Auth),
    ];
    work.extend(
        emitter
            .modules()
            .map(|(module, path)| (path, Work::TypesModule(module))),
    );
    work.push((PathBuf::from("src/types/link.rs"), Work::Links));
    work.push((PathBuf::from("src/types/mod.rs"), Work::TypesIndex));
    work.extend(
        (0..plan.features.len())
            .map(|index| (commands::resource_file(plan, index), Work::Resource(index))),
    );
    work.push((PathBuf::from("src/resources/mod.rs"), Work::ResourcesIndex));
    work.extend(support::support_files().map(|(path, source)| (path, Work::Support(source))));

    let total = work.len();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<String, GenError>>>> =
        Mutex::new((0..total).map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 8);
    let (sender, receiver) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (work, next, results, emitter) = (&work, &next, &results, &emitter);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, piece)) = work.get(index) else {
                        break;
                    };
                    let text = run(plan, emitter, path, *piece, &sender);
                    if let Ok(mut results) = results.lock() {
                        results[index] = Some(text);
                    }
                    let _ = sender.send(Done::Formatted);
                }
            });
        }
        drop(sender);
        let (mut emitted, mut formatted) = (0, 0);
        for done in receiver {
            match done {
                Done::Emitted => {
                    emitted += 1;
                    progress(Progress::Emitting {
                        done: emitted,
                        total,
                    });
                }
                Done::Formatted => {
                    formatted += 1;
                    progress(Progress::Formatting {
                        done: formatted,
                        total,
                    });
                }
            }
        }
    });
    let results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut out = BTreeMap::new();
    for ((path, _), text) in work.into_iter().zip(results) {
        let text = text.unwrap_or_else(|| {
            Err(GenError::Internal {
                file: path.clone(),
                message: "a worker stopped before writing it".to_owned(),
            })
        })?;
        out.insert(path, text);
    }
    let manifest = Manifest::new(plan);
    out.insert(PathBuf::from("Cargo.toml"), manifest.render(None));
    out.insert(PathBuf::from("README.md"), readme::emit_readme(plan));
    Ok((out, manifest))
}

/// Emits and formats one file.
fn run(
    plan: &Plan<'_>,
    emitter: &TypesEmitter<'_>,
    path: &std::path::Path,
    work: Work<'_>,
    sender: &mpsc::Sender<Done>,
) -> Result<String, GenError> {
    let tokens = match work {
        Work::Support(source) => {
            let _ = sender.send(Done::Emitted);
            return format_source(path, source);
        }
        Work::Lib => lib_rs::emit_lib(plan),
        Work::Auth => auth::emit_auth(plan),
        Work::TypesModule(module) => emitter.module(module),
        Work::Links => emitter.links(),
        Work::TypesIndex => emitter.index(),
        Work::Resource(index) => commands::emit_resource(plan, index)?,
        Work::ResourcesIndex => commands::emit_index(plan),
    };
    let _ = sender.send(Done::Emitted);
    format_tokens(path, tokens)
}
