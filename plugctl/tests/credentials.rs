//! `plugctl credentials`: values go in through standard input, into a file
//! only its owner may read, and never come out.

mod support;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use support::{Plugctl, Run};

/// Runs `plugctl --dir <dir> <args>` with `input` on standard input.
fn run_with_input(plugctl: &Plugctl, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plugctl"))
        .arg("--dir")
        .arg(&plugctl.dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    Run {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn set_list_and_remove_without_ever_printing_a_value() {
    let plugctl = Plugctl::new("credentials");
    let secret = "sk_test_do_not_print_me";
    let set = run_with_input(
        &plugctl,
        &["credentials", "set", "stripe", "api_key"],
        &format!("{secret}\n"),
    )
    .success();
    assert!(
        set.stdout
            .starts_with("stored credential 'api_key' for plugin 'stripe' in "),
        "{}",
        set.stdout
    );

    let file = plugctl.dir.join("credentials.toml");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the credential file is private");
    assert!(std::fs::read_to_string(&file).unwrap().contains(secret));

    let list = plugctl.run(&["credentials", "list", "stripe"]).success();
    assert_eq!(
        list.stdout.trim(),
        "api_key  (overridden by $STRIPE_API_KEY when set)"
    );
    let listed = plugctl.json(&["credentials", "list", "stripe"]);
    assert_eq!(listed["credentials"][0]["variable"], "STRIPE_API_KEY");
    for run in [&set, &list] {
        assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
    }
    assert!(!listed.to_string().contains(secret));

    plugctl
        .run(&["credentials", "remove", "stripe", "api_key"])
        .success();
    let again = plugctl
        .run(&["credentials", "remove", "stripe", "api_key"])
        .failure();
    assert!(
        again
            .stderr
            .contains("plugin 'stripe' has no stored credential 'api_key'"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_empty_value_or_a_readable_file_is_refused() {
    let plugctl = Plugctl::new("credentials-refused");
    let empty =
        run_with_input(&plugctl, &["credentials", "set", "stripe", "api_key"], "").failure();
    assert!(
        empty
            .stderr
            .contains("no value on standard input for credential 'api_key'"),
        "{}",
        empty.stderr
    );

    run_with_input(
        &plugctl,
        &["credentials", "set", "stripe", "api_key"],
        "sk_test_1",
    )
    .success();
    let file = plugctl.dir.join("credentials.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let refused = plugctl.run(&["credentials", "list", "stripe"]).failure();
    assert!(refused.stderr.contains("chmod 600"), "{}", refused.stderr);
}
