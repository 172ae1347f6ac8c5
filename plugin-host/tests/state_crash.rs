//! A host killed with SIGKILL while it saves its plugin state always comes
//! back to a valid state, never older than the last one it had.
//!
//! The test binary runs itself again as the writer: [`writer_child`] does
//! nothing unless [`STATE_ENV`] names a state file, and then saves
//! ever-changing states in a loop until it is killed. Each state is a pure
//! function of a counter, so a state that loads can also be checked whole.
//!
//! A killed writer may leave at most its own temp files
//! (`.state.json.<pid>-<n>.tmp`) next to the state; `load` never reads them
//! and the next save by another process removes them, which the test checks.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use plugin_host::{ManagerState, PluginRecord, STATE_FORMAT, StateFile};
use serde_json::json;

/// Names the state file the writer saves to; without it the writer is a
/// no-op, as in ordinary test runs.
const STATE_ENV: &str = "PLUGIN_HOST_STATE_CRASH_FILE";

/// What the writer prints once it has loaded the state and starts saving.
const READY: &str = "state-crash writer: saving";

const ITERATIONS: u32 = 150;

const PLUGINS: u64 = 6;

const SETTINGS: u64 = 60;

/// The state with this counter. Every plugin record depends on it, so a
/// state mixing two saves would not equal any `state_for(n)`.
fn state_for(counter: u64) -> ManagerState {
    let mut plugins = BTreeMap::new();
    for i in 0..PLUGINS {
        let settings: Vec<_> = (0..SETTINGS)
            .map(|j| {
                json!({
                    "name": format!("setting-{j}"),
                    "value": counter.wrapping_mul(31).wrapping_add(j),
                    "note": "padding so that a save takes a while to write",
                })
            })
            .collect();
        plugins.insert(
            format!("plugin-{i}"),
            PluginRecord {
                version: format!("1.{i}.{counter}"),
                library: i
                    .is_multiple_of(2)
                    .then(|| PathBuf::from(format!("/opt/plugins/lib{i}.so"))),
                checksum: i
                    .is_multiple_of(2)
                    .then(|| format!("sha256:{:064x}", counter * PLUGINS + i)),
                active: !(counter + i).is_multiple_of(3),
                inactive: false,
                config: json!({ "counter": counter, "settings": settings }),
            },
        );
    }
    ManagerState {
        format: STATE_FORMAT,
        plugins,
    }
}

fn counter_of(state: &ManagerState) -> u64 {
    state.plugins["plugin-0"].config["counter"]
        .as_u64()
        .expect("every state has a counter")
}

/// Loads a state that must be there and must be one the writer made.
fn load_valid(file: &StateFile, what: &str) -> ManagerState {
    let state = file
        .load()
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .unwrap_or_else(|| panic!("{what}: '{}' is missing", file.path().display()));
    let counter = counter_of(&state);
    assert!(
        state == state_for(counter),
        "{what}: the state with counter {counter} is not the one saved"
    );
    state
}

/// Saves ever-changing states until killed, when run by the crash test.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(STATE_ENV) else {
        return;
    };
    let file = StateFile::new(path);
    let mut counter = counter_of(&load_valid(&file, "the writer's start"));
    println!("{READY}");
    loop {
        counter += 1;
        file.save(&state_for(counter)).unwrap();
    }
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The process id in a temp file name of `state.json`.
fn temp_owner(name: &str) -> Option<u32> {
    let middle = name.strip_prefix(".state.json.")?.strip_suffix(".tmp")?;
    let (pid, n) = middle.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

#[test]
fn sigkill_during_saves_always_leaves_a_valid_state() {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("state-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = StateFile::new(dir.join("state.json"));
    let backup = StateFile::new(file.backup_path());

    let started = Instant::now();
    for counter in 0..5 {
        file.save(&state_for(counter)).unwrap();
    }
    let save_time = started.elapsed() / 5;
    let size = std::fs::metadata(file.path()).unwrap().len();

    let exe = std::env::current_exe().unwrap();
    let mut writers = Vec::new();
    let mut last = counter_of(&load_valid(&file, "the first state"));
    let mut advanced = 0;
    let mut with_leftovers = 0;
    let started = Instant::now();
    for i in 0..ITERATIONS {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(STATE_ENV, file.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        writers.push(child.id());

        let stdout = child.stdout.take().unwrap();
        let (ready_tx, ready) = mpsc::channel();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                // libtest may have begun the line with the test's name.
                if line.is_ok_and(|line| line.ends_with(READY)) {
                    let _ = ready_tx.send(());
                }
            }
        });
        if let Err(e) = ready.recv_timeout(Duration::from_secs(30)) {
            let _ = child.kill();
            panic!("iteration {i}: the writer did not start saving ({e})");
        }

        // From 1 to 20 ms, in a spread-out order.
        let delay = Duration::from_micros(1_000 + u64::from(i) * 7_919 % 19_001);
        thread::sleep(delay);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        reader.join().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "iteration {i}: the writer ended by itself ({status}) before it was killed"
            );
        }
        #[cfg(not(unix))]
        let _ = status;

        let what = format!("iteration {i}, killed after {delay:?}");
        let counter = counter_of(&load_valid(&file, &what));
        assert!(
            counter >= last,
            "{what}: the state went back from counter {last} to {counter}"
        );
        if counter > last {
            advanced += 1;
        }
        last = counter;
        let backed_up = counter_of(&load_valid(&backup, &format!("{what}, backup")));
        assert!(
            backed_up <= counter,
            "{what}: the backup ({backed_up}) is newer than the state ({counter})"
        );

        let mut leftovers = false;
        for name in listing(&dir) {
            if name == "state.json" || name == "state.json.bak" {
                continue;
            }
            let owner = temp_owner(&name);
            assert!(
                owner.is_some_and(|pid| writers.contains(&pid)),
                "{what}: stray file '{name}'"
            );
            leftovers = true;
        }
        with_leftovers += u32::from(leftovers);
    }
    let elapsed = started.elapsed();

    // A save by a process other than the killed writers removes their leftovers.
    file.save(&state_for(last + 1)).unwrap();
    assert_eq!(listing(&dir), ["state.json", "state.json.bak"]);
    assert_eq!(counter_of(&load_valid(&file, "the last save")), last + 1);

    eprintln!(
        "{ITERATIONS} writers killed in {elapsed:?}; a save of {size} bytes takes about {save_time:?}; \
         the state advanced in {advanced} iterations, to counter {last}; \
         {with_leftovers} kills left temp files behind"
    );
    assert!(advanced > 0, "no writer ever completed a save");
    let _ = std::fs::remove_dir_all(&dir);
}
