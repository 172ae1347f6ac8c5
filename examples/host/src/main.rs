//! An example plugin host.
//!
//! `example-host [--plugins DIR] [--static]` loads plugin libraries from a
//! directory and/or registers the plugins linked into this binary, prints a
//! report of what it loaded and refused, then runs the `hello` plugin from
//! `install` to `uninstall`, printing the events it publishes as they arrive.
//! Logs, the plugins' included, go to stderr.

mod cli;
mod lifecycle;
mod report;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use plugin_api::{Command, PluginError};
use plugin_host::{Environment, Host, LoadError};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::LevelFilter;

// Nothing in this binary names an item of the plugin crate, and a crate that
// is never referred to is not linked at all; this line links it, so that
// `--static` finds its plugins.
use hello_plugin as _;

/// The plugin this example runs after loading.
const DEMO_PLUGIN: &str = "hello";

fn main() -> ExitCode {
    let options = match cli::parse(std::env::args_os().skip(1)) {
        Ok(cli::Invocation::Run(options)) => options,
        Ok(cli::Invocation::Help) => {
            println!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("example-host: {message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    init_logging();
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("example-host: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Sends logs to stderr, filtered by `RUST_LOG` (default: info).
fn init_logging() {
    let filter = EnvFilter::builder()
        .with_default_directive(LevelFilter::INFO.into())
        .from_env_lossy();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

fn run(options: &cli::Options) -> Result<(), String> {
    let app_version = env!("CARGO_PKG_VERSION")
        .parse()
        .map_err(|e| format!("bad package version: {e}"))?;
    let mut host = Host::builder(app_version)
        .environment(Environment::Development)
        .service("clock", clock)
        .build();
    println!(
        "example-host {} (plugin API {}, {} environment)\n",
        host.app_version(),
        plugin_api::abi::API_VERSION,
        Environment::Development
    );

    let mut refused: Vec<LoadError> = Vec::new();
    if options.load_static
        && let Err(error) = host.load_static()
    {
        refused.push(error);
    }
    if let Some(dir) = &options.plugin_dir {
        // An unreadable directory is the user's mistake, not a plugin's, so
        // it ends the run instead of joining the refusals.
        let report = host.load_dir(dir).map_err(|e| e.to_string())?;
        refused.extend(report.refused);
    }
    print!("{}", report::render(&host, &refused));
    host.hub()
        .subscribe("greetings.*", |event| {
            let payload = String::from_utf8_lossy(event.payload_bytes());
            println!("  event       {} {payload}", event.topic());
            Ok(())
        })
        .map_err(|e| e.to_string())?;

    let Some(info) = host.plugin(DEMO_PLUGIN) else {
        let hint = if refused.is_empty() {
            format!(
                "was a library with it in the plugin directory (files ending in .{})?",
                std::env::consts::DLL_EXTENSION
            )
        } else {
            "see the refusals above".to_owned()
        };
        return Err(format!(
            "no plugin named '{DEMO_PLUGIN}' was loaded, so there is nothing to run; {hint}"
        ));
    };
    println!("\nRunning plugin '{DEMO_PLUGIN}' from {}:", info.source);
    lifecycle::run(&host, DEMO_PLUGIN).map_err(|e| e.to_string())?;
    println!("\nDone.");
    Ok(())
}

/// The `clock` service: method `now` replies with the time in seconds since
/// the Unix epoch.
fn clock(_caller: &str, command: Command<'_>) -> Result<Vec<u8>, PluginError> {
    match command.name() {
        "now" => {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|e| {
                PluginError::failed(format!("the system clock is set before 1970: {e}"))
            })?;
            plugin_api::to_json(&now.as_secs())
        }
        other => Err(PluginError::unknown_command(other, &["now"])),
    }
}
