//! Running the built `plugctl` against a managed directory of its own.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The workspace's root directory.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("plugctl lives in the workspace")
        .to_path_buf()
}

/// A new empty directory for one test, inside cargo's target directory.
pub(crate) fn scratch(label: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The file names in `dir`, sorted; none if it does not exist.
pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `plugctl` with a managed directory of its own.
pub(crate) struct Plugctl {
    /// The managed directory (`--dir`).
    pub(crate) dir: PathBuf,
}

impl Plugctl {
    /// A fresh managed directory for the test `label`.
    pub(crate) fn new(label: &str) -> Plugctl {
        Plugctl {
            dir: scratch(label).join("managed"),
        }
    }

    /// The managed directory's `plugins/`.
    pub(crate) fn plugins_dir(&self) -> PathBuf {
        self.dir.join("plugins")
    }

    /// Runs `plugctl --dir <dir> <args>`.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_plugctl"));
        command.arg("--dir").arg(&self.dir).args(args);
        Run::of(command)
    }

    /// Runs `plugctl --dir <dir> --json <args>`, checks that it succeeded and
    /// returns the document it printed.
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        self.run(&with_json).success().json()
    }
}

/// What one run of `plugctl` did.
#[derive(Debug)]
pub(crate) struct Run {
    /// The arguments, for messages.
    pub(crate) args: Vec<String>,
    /// The exit code.
    pub(crate) code: Option<i32>,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl Run {
    /// Runs `command` (with plugin logging at its default, so stderr holds
    /// only plugctl's own messages, and no registry from the environment).
    pub(crate) fn of(mut command: Command) -> Run {
        command.env_remove("PLUGCTL_LOG");
        command.env_remove("PLUGCTL_REGISTRY");
        let args = command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned())
            .collect();
        let output = command.output().expect("plugctl runs");
        Run {
            args,
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Checks that the run exited with `code`.
    pub(crate) fn exits_with(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "plugctl {:?} exited with {:?}, not {code}\nstdout:\n{}\nstderr:\n{}",
            self.args,
            self.code,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Checks that the run succeeded.
    pub(crate) fn success(self) -> Run {
        self.exits_with(0)
    }

    /// Checks that the run failed (exit code 1).
    pub(crate) fn failure(self) -> Run {
        self.exits_with(1)
    }

    /// Standard output parsed as JSON.
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "plugctl {:?} printed no JSON ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }
}

/// `states` of every plugin in a `--json list` document, as `name: state`.
pub(crate) fn states(list: &Value) -> Vec<String> {
    list["plugins"]
        .as_array()
        .expect("a list of plugins")
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p["name"].as_str().unwrap(),
                p["state"].as_str().unwrap()
            )
        })
        .collect()
}

/// The names of the active plugins, as `plugctl --json list` reports them.
pub(crate) fn active_plugins(plugctl: &Plugctl) -> Vec<String> {
    states(&plugctl.json(&["list"]))
        .into_iter()
        .filter_map(|s| s.strip_suffix(": active").map(str::to_owned))
        .collect()
}
