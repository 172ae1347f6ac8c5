//! `plugctl`: the plugin SDK's command-line front end. It installs,
//! activates, configures and calls plugins in a managed directory through
//! plugin-host's `PluginManager`, checks libraries, and scaffolds plugin
//! crates. Run `plugctl --help` for the commands.

mod cli;
mod commands;
mod describe;
mod error;
mod input;
mod names;
mod progress;
mod report;
mod session;
mod source;
mod sources;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use serde_json::{Map, Value};
use tracing_subscriber::EnvFilter;

use crate::cli::Cli;
use crate::report::Report;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let mut warnings = Vec::new();
    let result = commands::run(cli.command, &cli.global, &mut warnings);
    let (report, failure) = match result {
        Ok(mut report) => {
            let failure = report.failure.take().map(anyhow::Error::from);
            (Some(report), failure)
        }
        Err(error) => (None, Some(anyhow::Error::from(error))),
    };
    let failure = failure.as_ref().map(full_chain);
    let printed = if cli.global.json {
        print_json(report, &warnings, failure.as_deref())
    } else {
        print_text(report.as_ref(), &warnings)
    };
    if let Some(message) = &failure {
        eprintln!("error: {message}");
    }
    match (printed, failure) {
        (Err(error), _) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: could not write the output: {error}");
            ExitCode::FAILURE
        }
        (_, Some(_)) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

/// Sends plugin log records (and plugctl's own) to stderr: warnings and
/// errors by default, more with `PLUGCTL_LOG` (an `EnvFilter` directive such
/// as `info`). Every command restores the saved state first, which runs the
/// active plugins' activate hooks again, so info records would be noise.
fn init_logging() {
    let filter = EnvFilter::try_from_env("PLUGCTL_LOG").unwrap_or_else(|_| EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .with_target(false)
        .init();
}

/// The error and its causes joined with `": "`, leaving out a cause whose
/// message the text already holds (plugin-host's errors often quote their
/// source).
fn full_chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if text.contains(&message) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
    }
    text
}

/// Prints the warnings on stderr and the report's text on stdout.
fn print_text(report: Option<&Report>, warnings: &[String]) -> std::io::Result<()> {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let Some(report) = report.filter(|r| !r.text.is_empty()) else {
        return Ok(());
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(report.text.as_bytes())?;
    if !report.text.ends_with('\n') {
        stdout.write_all(b"\n")?;
    }
    stdout.flush()
}

/// Prints one JSON document on stdout: the report's, or an empty one for a
/// failed command, with `warnings` (always) and `error` (on failure) added.
fn print_json(
    report: Option<Report>,
    warnings: &[String],
    failure: Option<&str>,
) -> std::io::Result<()> {
    let mut document = report.map_or_else(Map::new, |r| r.json);
    document.insert("warnings".to_owned(), Value::from(warnings.to_vec()));
    if let Some(message) = failure {
        document.insert("error".to_owned(), Value::from(message));
    }
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &document).map_err(std::io::Error::from)?;
    stdout.write_all(b"\n")?;
    stdout.flush()
}
