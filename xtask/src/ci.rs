//! `cargo xtask ci`: every check CI makes (`.ci/run`), in CI's order,
//! stopping at the first failure.

use crate::{cargo, demo, e2e};

/// One cargo invocation of the pipeline.
struct Step {
    name: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

/// The cargo checks of `.ci/run`, as it spells them; the demo and the
/// end-to-end suite run after them.
const STEPS: &[Step] = &[
    Step {
        name: "tests",
        args: &["test", "--workspace"],
        env: &[],
    },
    Step {
        name: "formatting",
        args: &["fmt", "--all", "--", "--check"],
        env: &[],
    },
    Step {
        name: "clippy",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        env: &[],
    },
    Step {
        name: "docs",
        args: &["doc", "--workspace", "--no-deps"],
        env: &[("RUSTDOCFLAGS", "-D warnings")],
    },
];

/// Runs every step, then the demo and the end-to-end suite.
pub(crate) fn run() -> Result<(), String> {
    for step in STEPS {
        let mut command = cargo::command(step.args);
        command.envs(step.env.iter().copied());
        cargo::run(step.name, &mut command)?;
    }
    demo::run()?;
    e2e::run()?;
    println!("\nci: every step passed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_one_that_ci_runs() {
        let script = cargo::workspace_root().join(".ci").join("run");
        let script = std::fs::read_to_string(&script)
            .unwrap_or_else(|e| panic!("reading {}: {e}", script.display()));
        for step in STEPS {
            let line = format!("cargo {}", step.args.join(" "));
            assert!(
                script.contains(&line),
                "`{line}` is not in .ci/run; keep xtask ci and .ci/run in step"
            );
        }
        assert!(
            script.contains("cargo xtask demo"),
            ".ci/run no longer runs the demo"
        );
        assert!(
            script.contains("cargo xtask e2e"),
            ".ci/run no longer runs the end-to-end suite"
        );
    }

    #[test]
    fn warnings_are_errors_in_clippy_and_docs() {
        let clippy = STEPS.iter().find(|s| s.name == "clippy").unwrap();
        assert!(clippy.args.ends_with(&["-D", "warnings"]));
        let docs = STEPS.iter().find(|s| s.name == "docs").unwrap();
        assert!(docs.env.contains(&("RUSTDOCFLAGS", "-D warnings")));
    }
}
