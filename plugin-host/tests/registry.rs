//! The local registry over packages of real fixture builds: publish,
//! search, versions and resolve, and its refusals.

mod support;

use std::path::{Path, PathBuf};

use plugin_host::package::Package;
use plugin_host::registry::{Registry, RegistryError};
use plugin_host::semver::{Version, VersionReq};

/// Packages of `versioned` 1.0.0 and 2.0.0 in a new directory.
fn packages(label: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = support::empty_dir(label);
    let build = |features: &[&str], out: &str| {
        let out = dir.join(out);
        let library = support::fixture("versioned", features);
        let keywords = ["Greeting".to_owned(), "demo".to_owned()];
        Package::build(&library, &keywords, &out, &mut ()).unwrap();
        out
    };
    let v1 = build(&[], "versioned-1.0.0.tar.gz");
    let v2 = build(&["v2"], "versioned-2.0.0.tar.gz");
    (dir, v1, v2)
}

fn versions(entries: &[plugin_host::registry::RegistryEntry]) -> Vec<String> {
    entries.iter().map(|e| e.version.to_string()).collect()
}

fn req(text: &str) -> VersionReq {
    VersionReq::parse(text).unwrap()
}

#[test]
fn publish_search_versions_and_resolve() {
    let (dir, v1, v2) = packages("registry");
    let root = dir.join("registry");
    assert!(matches!(
        Registry::open(&root),
        Err(RegistryError::Missing { .. })
    ));
    let mut registry = Registry::init(&root).unwrap();
    assert!(registry.search("").is_empty());

    // Published newest first, so the order of versions is the registry's.
    let published = registry.publish(&v2).unwrap();
    assert_eq!(published.version, Version::new(2, 0, 0));
    assert!(
        published
            .path
            .starts_with(root.join("packages/versioned/2.0.0"))
    );
    registry.publish(&v1).unwrap();
    let error = registry.publish(&v1).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the registry has package 'versioned' 1.0.0 already; a published version never changes, so publish a build with a new version"
    );

    for query in ["VERS", "greet", "DEMO", ""] {
        let hits = registry.search(query);
        assert_eq!(hits.len(), 1, "{query}");
        assert_eq!(hits[0].name, "versioned");
        assert_eq!(versions(&hits[0].versions), ["1.0.0", "2.0.0"], "{query}");
    }
    assert!(registry.search("nothing-like-it").is_empty());
    assert_eq!(
        versions(&registry.versions("versioned")),
        ["1.0.0", "2.0.0"]
    );
    assert!(registry.versions("ghost").is_empty());

    let newest_1 = registry.resolve("versioned", &req("^1")).unwrap();
    assert_eq!(newest_1.version, Version::new(1, 0, 0));
    assert!(newest_1.path.is_file());
    assert_eq!(
        registry.resolve("versioned", &req("*")).unwrap().version,
        Version::new(2, 0, 0)
    );
    assert_eq!(
        registry
            .resolve("versioned", &req(">=3"))
            .unwrap_err()
            .to_string(),
        "the registry has no version of 'versioned' that matches >=3; it has 1.0.0, 2.0.0"
    );
    assert!(matches!(
        registry.resolve("ghost", &req("*")),
        Err(RegistryError::NotFound { .. })
    ));

    let package = registry.open_package(&newest_1).unwrap();
    assert_eq!(package.manifest().version, Version::new(1, 0, 0));

    // The index is on disk: a registry opened again sees the same.
    let reopened = Registry::open(&root).unwrap();
    assert_eq!(reopened.search("versioned"), registry.search("versioned"));
}

#[test]
fn a_changed_package_file_or_a_corrupt_index_is_refused() {
    let (dir, v1, _) = packages("registry-refusals");
    let root = dir.join("registry");
    let mut registry = Registry::init(&root).unwrap();
    let entry = registry.publish(&v1).unwrap();

    let mut bytes = std::fs::read(&entry.path).unwrap();
    bytes.push(0);
    std::fs::write(&entry.path, &bytes).unwrap();
    assert!(matches!(
        registry.open_package(&entry),
        Err(RegistryError::PackageChanged { .. })
    ));

    let index = root.join("index.json");
    std::fs::write(&index, b"{ not json").unwrap();
    let error = Registry::open(&root).unwrap_err();
    assert!(
        matches!(error, RegistryError::CorruptIndex { .. }),
        "{error:?}"
    );
    assert_eq!(
        std::fs::read(&index).unwrap(),
        b"{ not json",
        "left as it is"
    );

    let escaping = r#"{"format": 1, "packages": {"versioned": {"1.0.0": {"file": "../outside.tar.gz", "sha256": "x", "description": "", "keywords": [], "license": "", "target": "", "plugins": []}}}}"#;
    std::fs::write(&index, escaping).unwrap();
    let error = Registry::open(&root).unwrap_err();
    assert!(
        error.to_string().contains("outside the registry"),
        "{error}"
    );
    assert!(!Path::new(&root).join("../outside.tar.gz").exists());
}
