//! The ABI specification is complete enough to write a plugin in C: the
//! header and the example plugin are taken verbatim from `docs/abi.md`,
//! compiled with the system C compiler and loaded like any other plugin.

mod support;

use std::path::Path;
use std::process::Command;

/// The fenced C block of `doc` whose first line starts with `first_line`.
fn c_block(doc: &str, first_line: &str) -> String {
    let mut blocks = doc
        .split("```c\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().unwrap_or_default());
    blocks
        .find(|block| block.starts_with(first_line))
        .unwrap_or_else(|| panic!("docs/abi.md has no C block starting with {first_line:?}"))
        .to_owned()
}

#[test]
fn the_c_example_from_the_abi_document_loads_and_runs() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/abi.md"))
        .unwrap();
    let dir = support::empty_dir("c-plugin");
    std::fs::write(dir.join("plugin_sdk.h"), c_block(&doc, "/* plugin_sdk.h")).unwrap();
    std::fs::write(dir.join("c_echo.c"), c_block(&doc, "/* c_echo.c")).unwrap();
    let library = dir.join(format!("libc_echo.{}", std::env::consts::DLL_EXTENSION));

    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let output = Command::new(&compiler)
        .args([
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-fPIC",
            "-shared",
            "-fvisibility=hidden",
            "-o",
        ])
        .arg(&library)
        .arg(dir.join("c_echo.c"))
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("the C compiler '{compiler}' could not run ({e}); set CC to a C compiler")
        });
    assert!(
        output.status.success(),
        "compiling the C example failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let mut host = support::host();
    assert_eq!(host.load_library(&library).unwrap(), ["c-echo"]);
    let config = host.config_schema("c-echo").unwrap();
    assert_eq!(config.defaults, serde_json::json!({}));
    assert_eq!(config.schema["default"], serde_json::json!({}));
    let mut echo = host.instantiate("c-echo", None).unwrap();
    echo.install().unwrap();
    echo.activate().unwrap();
    assert_eq!(
        &*echo.call("echo", br#"{"from":"C"}"#).unwrap(),
        br#"{"from":"C"}"#
    );
    assert_eq!(&*echo.call("echo", b"").unwrap(), b"");
    let error = echo.call("shout", b"x").unwrap_err();
    assert!(
        matches!(
            error,
            plugin_host::CallError::Plugin {
                kind: plugin_host::ErrorKind::UnknownCommand,
                ..
            }
        ),
        "{error:?}"
    );
    echo.deactivate().unwrap();
    echo.uninstall().unwrap();
    drop(echo);

    assert_eq!(host.plugin("c-echo").unwrap().services, ["echo"]);
    let mut manager = plugin_host::PluginManager::new(host);
    manager.install("c-echo", None).unwrap();
    manager.activate("c-echo").unwrap();
    assert_eq!(
        manager
            .hub()
            .call_service_raw("echo", "any", br#"{"via":"serve"}"#)
            .unwrap(),
        br#"{"via":"serve"}"#
    );
}
