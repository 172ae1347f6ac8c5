//! Compile-time behaviour of `#[plugin]` and `#[config]`: what compiles, and
//! the exact diagnostics for what does not.
//!
//! After changing a diagnostic, regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p plugin-api --test ui` and read every
//! changed `.stderr` file before committing it.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
