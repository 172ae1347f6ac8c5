//! `plugctl generate openapi`: a crate from a spec, written where asked,
//! brought up to date on a second run, and refusals that say what to do.

mod support;

use support::{Plugctl, scratch, workspace_root};

fn petstore() -> String {
    workspace_root()
        .join("plugin-gen/tests/specs/petstore/oai-petstore-3.0.json")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn generates_a_crate_and_regenerates_it_in_place() {
    let plugctl = Plugctl::new("generate");
    let out = scratch("generate-out").join("petstore");
    let out_arg = out.to_string_lossy().into_owned();
    let args = [
        "generate",
        "openapi",
        &petstore(),
        "--name",
        "petstore",
        "--out",
        &out_arg,
    ];
    let report = plugctl.json(&args);
    assert_eq!(report["plugin"], "petstore");
    assert_eq!(report["crate"], "petstore-plugin");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("name = \"petstore-plugin\""),
        "{manifest}"
    );
    assert!(
        manifest.contains("crate-type = [\"cdylib\", \"rlib\"]"),
        "{manifest}"
    );
    assert!(manifest.contains("plugin-http = { path = "), "{manifest}");
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("name = \"petstore\""), "{lib}");

    // A second run over its own output is allowed and changes nothing.
    let before = std::fs::read(out.join("src/lib.rs")).unwrap();
    let text = plugctl.run(&args).success();
    assert!(
        text.stdout.starts_with("generated petstore-plugin (")
            && text.stdout.contains("for plugin 'petstore' in "),
        "{}",
        text.stdout
    );
    assert_eq!(std::fs::read(out.join("src/lib.rs")).unwrap(), before);
}

#[test]
fn foreign_directories_bad_specs_and_bad_names_are_refused() {
    let plugctl = Plugctl::new("generate-refusals");
    let dir = scratch("generate-refusals-out");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let dir_arg = dir.to_string_lossy().into_owned();
    let spec = petstore();
    let refused = plugctl
        .run(&[
            "generate", "openapi", &spec, "--name", "petstore", "--out", &dir_arg,
        ])
        .failure();
    assert!(
        refused.stderr.contains("was not written by plugin-gen"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x\", \"version\": \"1\"}, \"paths\": {\"/x\": {\"get\": {\"responses\": {\"200\": {\"$ref\": \"#/nowhere\"}}}}}}").unwrap();
    let out = dir.join("bad-out").to_string_lossy().into_owned();
    let error = plugctl
        .run(&[
            "generate",
            "openapi",
            &bad.to_string_lossy(),
            "--name",
            "bad",
            "--out",
            &out,
        ])
        .failure();
    assert!(error.stderr.contains("#/nowhere"), "{}", error.stderr);

    let name = plugctl
        .run(&[
            "generate",
            "openapi",
            &spec,
            "--name",
            "Pet Store",
            "--out",
            &out,
        ])
        .failure();
    assert!(
        name.stderr
            .starts_with("error: invalid plugin name 'Pet Store'"),
        "{}",
        name.stderr
    );
}
