//! `cargo xtask <task>`: the project's chores, written in Rust with the
//! standard library only. Run `cargo xtask --help` for the tasks.

mod bench;
mod bench_gen;
mod cargo;
mod ci;
mod demo;
mod e2e;

use std::ffi::OsString;
use std::process::ExitCode;

/// Every task with a one-line summary, as `--help` lists them.
const TASKS: &[(&str, &str)] = &[
    (
        "demo",
        "build the example plugin and a bad library, then run the example host on them",
    ),
    (
        "bench",
        "run plugin-host's benchmarks; extra arguments go to `cargo bench`",
    ),
    (
        "e2e",
        "generate the Stripe plugin, build it, and run its commands in a host against Prism",
    ),
    (
        "bench-gen",
        "measure generating Stripe's plugin: time, peak memory, cargo check with one and all features",
    ),
    (
        "ci",
        "run what CI runs: test, fmt --check, clippy, doc, demo, e2e",
    ),
];

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    Help,
    Demo,
    Bench(Vec<OsString>),
    BenchGen(Vec<OsString>),
    Ci,
    E2e,
}

fn main() -> ExitCode {
    let task = match parse(std::env::args_os().skip(1)) {
        Ok(task) => task,
        Err(message) => {
            eprintln!("xtask: {message}\n\n{}", help());
            return ExitCode::from(2);
        }
    };
    let outcome = match task {
        Task::Help => {
            println!("{}", help());
            Ok(())
        }
        Task::Demo => demo::run(),
        Task::Bench(args) => bench::run(&args),
        Task::BenchGen(args) => bench_gen::run(&args),
        Task::Ci => ci::run(),
        Task::E2e => e2e::run(),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Task, String> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err("no task given".to_owned());
    };
    let rest: Vec<OsString> = args.collect();
    let name = first.to_string_lossy();
    let no_arguments = |task: Task| {
        if rest.is_empty() {
            Ok(task)
        } else {
            Err(format!(
                "task '{name}' takes no arguments, but got {rest:?}"
            ))
        }
    };
    match name.as_ref() {
        "-h" | "--help" | "help" => Ok(Task::Help),
        "demo" => no_arguments(Task::Demo),
        "ci" => no_arguments(Task::Ci),
        "e2e" => no_arguments(Task::E2e),
        "bench" => Ok(Task::Bench(rest)),
        "bench-gen" => Ok(Task::BenchGen(rest)),
        other => Err(format!("unknown task '{other}'")),
    }
}

fn help() -> String {
    let mut text = String::from("Usage: cargo xtask <task> [arguments]\n\nTasks:\n");
    for (name, summary) in TASKS {
        text.push_str(&format!("  {name:<10}{summary}\n"));
    }
    text.push_str("\nExample: cargo xtask bench -- --quick");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Task, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn every_listed_task_parses() {
        for (name, _) in TASKS {
            assert!(
                parse_strs(&[name]).is_ok(),
                "task '{name}' is listed but does not parse"
            );
            assert!(
                help().contains(&format!("  {name} ")),
                "task '{name}' is missing from the help"
            );
        }
    }

    #[test]
    fn bench_passes_arguments_through() {
        assert_eq!(
            parse_strs(&["bench", "--bench", "load", "--", "--quick"]).unwrap(),
            Task::Bench(
                ["--bench", "load", "--", "--quick"]
                    .map(OsString::from)
                    .to_vec()
            )
        );
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(parse_strs(&[]).unwrap_err(), "no task given");
        assert_eq!(parse_strs(&["dmeo"]).unwrap_err(), "unknown task 'dmeo'");
        assert!(
            parse_strs(&["demo", "x"])
                .unwrap_err()
                .contains("takes no arguments")
        );
        assert_eq!(parse_strs(&["--help"]).unwrap(), Task::Help);
    }
}
