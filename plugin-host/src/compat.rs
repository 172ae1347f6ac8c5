//! The version rules that decide whether a library may be used.

use std::sync::LazyLock;

use semver::{Comparator, Op, Version, VersionReq};

/// Whether a host with plugin-api `host` can use a library built against
/// plugin-api `library`: the caret rule, so the host must be at least as new
/// and within the same major version (the same minor version for `0.x`, the
/// same patch version for `0.0.x`).
pub(crate) fn api_compatible(library: &Version, host: &Version) -> bool {
    if !library.pre.is_empty() || !host.pre.is_empty() {
        // Pre-releases follow semver's own, subtler matching rules.
        return caret(library).matches(host);
    }
    let same_series = match (library.major, library.minor) {
        (0, 0) => host.major == 0 && host.minor == 0 && host.patch == library.patch,
        (0, minor) => host.major == 0 && host.minor == minor,
        (major, _) => host.major == major,
    };
    same_series && host >= library
}

fn caret(version: &Version) -> VersionReq {
    VersionReq {
        comparators: vec![Comparator {
            op: Op::Caret,
            major: version.major,
            minor: Some(version.minor),
            patch: Some(version.patch),
            pre: version.pre.clone(),
        }],
    }
}

/// The plugin-api version of this host.
pub(crate) fn host_api_version() -> &'static Version {
    static VERSION: LazyLock<Version> = LazyLock::new(|| {
        Version::parse(plugin_api::abi::API_VERSION).expect("plugin-api's own version is semver")
    });
    &VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(library: &str, host: &str) -> bool {
        let (library, host) = (
            Version::parse(library).unwrap(),
            Version::parse(host).unwrap(),
        );
        let fast = api_compatible(&library, &host);
        assert_eq!(
            fast,
            caret(&library).matches(&host),
            "{library} vs {host}: agrees with semver's caret"
        );
        fast
    }

    #[test]
    fn caret_rules_including_zero_x() {
        assert!(ok("0.1.0", "0.1.3"));
        assert!(
            !ok("0.1.3", "0.1.0"),
            "a host older than the library lacks what it was built against"
        );
        assert!(!ok("0.1.0", "0.2.0"));
        assert!(ok("0.0.1", "0.0.1"));
        assert!(
            !ok("0.0.1", "0.0.2"),
            "0.0.x versions are each their own series"
        );
        assert!(ok("1.2.0", "1.5.0"));
        assert!(ok("1.2.3", "1.2.3"));
        assert!(!ok("1.2.0", "2.0.0"));
        assert!(!ok("2.0.0", "1.9.9"));
        assert!(ok("1.2.0-alpha.1", "1.2.0"));
        assert!(!ok("1.2.0", "1.3.0-beta"));
    }
}
