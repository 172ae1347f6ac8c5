//! `src/support/`: the helpers every generated crate carries, the same
//! for every specification.

use std::path::PathBuf;

/// The files, as written in `templates/support/`.
const FILES: [(&str, &str); 6] = [
    ("mod.rs", include_str!("../templates/support/mod.rs")),
    ("answer.rs", include_str!("../templates/support/answer.rs")),
    ("api.rs", include_str!("../templates/support/api.rs")),
    ("args.rs", include_str!("../templates/support/args.rs")),
    ("encode.rs", include_str!("../templates/support/encode.rs")),
    ("values.rs", include_str!("../templates/support/values.rs")),
];

/// The support files by path, as Rust source to format.
pub(crate) fn support_files() -> impl Iterator<Item = (PathBuf, &'static str)> {
    FILES
        .into_iter()
        .map(|(name, text)| (PathBuf::from("src/support").join(name), text))
}
