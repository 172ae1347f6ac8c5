//! One plugin crate, `fixture-pair`, linked statically into this test binary
//! and also built as a cdylib and loaded.

mod support;

use fixture_pair as _;
use plugin_host::{LoadError, PluginSource};
use support::{fixture, host};

#[test]
fn the_same_crate_works_statically_and_dynamically() {
    let mut static_host = host();
    let names = static_host.load_static().unwrap();
    assert_eq!(names, ["alpha", "beta"]);
    assert_eq!(
        static_host.plugin("alpha").unwrap().source,
        PluginSource::Static
    );
    let mut linked = static_host.instantiate("alpha", None).unwrap();
    linked.install().unwrap();
    linked.activate().unwrap();

    let mut dynamic_host = host();
    let path = fixture("pair", &[]);
    dynamic_host.load_library(&path).unwrap();
    assert_eq!(
        dynamic_host.plugin("alpha").unwrap().source,
        PluginSource::Library(path.clone())
    );
    let mut loaded = dynamic_host.instantiate("alpha", None).unwrap();
    loaded.install().unwrap();
    loaded.activate().unwrap();

    for expected in 1..=3_u64 {
        assert_eq!(linked.call_json::<_, u64>("count", &()).unwrap(), expected);
        assert_eq!(loaded.call_json::<_, u64>("count", &()).unwrap(), expected);
    }
    assert_eq!(
        static_host.plugin("beta").unwrap().dependencies,
        dynamic_host.plugin("beta").unwrap().dependencies
    );
}

#[test]
fn a_loaded_copy_of_a_static_plugin_is_a_duplicate() {
    let mut host = host();
    host.load_static().unwrap();
    let error = host.load_library(fixture("pair", &[])).unwrap_err();
    let LoadError::DuplicateName { name, first, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(name, "alpha");
    assert_eq!(*first, PluginSource::Static);
    assert!(
        error
            .to_string()
            .contains("the host binary (linked statically)"),
        "{error}"
    );
}
