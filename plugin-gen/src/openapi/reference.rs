//! `$ref`: reading references and finding what they point at.

use std::path::PathBuf;

use super::documents::Documents;
use super::error::SpecError;
use super::location::Location;
use super::node::Node;
use super::pointer::{JsonPointer, percent_decode};

/// What a `$ref` points at, before it is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Reference {
    /// A pointer into the same document (`#/components/schemas/Pet`).
    Local(JsonPointer),
    /// A pointer into another local file (`common.yaml#/Pet`), the path
    /// relative to the referring document's folder.
    File { path: String, pointer: JsonPointer },
}

/// Why reading stopped: an error, or a file that must be read first.
#[derive(Debug)]
pub(crate) enum ReadError {
    Spec(SpecError),
    /// A `$ref` names a file that has not been read yet; the caller reads
    /// it and starts again.
    NeedFile {
        path: PathBuf,
        at: Location,
        reference: String,
    },
}

impl From<SpecError> for ReadError {
    fn from(error: SpecError) -> Self {
        Self::Spec(error)
    }
}

/// Parses the text of a `$ref` found at `at`.
pub(crate) fn parse_reference(text: &str, at: &Location) -> Result<Reference, SpecError> {
    let unresolved = |reason: String| SpecError::UnresolvedRef {
        at: at.clone(),
        reference: text.to_owned(),
        reason,
    };
    let (document, fragment) = match text.split_once('#') {
        Some((document, fragment)) => (document, Some(fragment)),
        None => (text, None),
    };
    if let Some(scheme) = uri_scheme(document) {
        return Err(match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => SpecError::RemoteRef {
                at: at.clone(),
                reference: text.to_owned(),
            },
            _ => unresolved(format!(
                "the '{scheme}:' scheme is not supported, only references within the document or to local files by relative path"
            )),
        });
    }
    if document.starts_with("//") {
        return Err(SpecError::RemoteRef {
            at: at.clone(),
            reference: text.to_owned(),
        });
    }
    let pointer = match fragment {
        None | Some("") => JsonPointer::root(),
        Some(fragment) if !fragment.starts_with('/') => {
            return Err(unresolved(format!(
                "the fragment '#{fragment}' is not a JSON pointer (write '#/components/schemas/Name')"
            )));
        }
        Some(fragment) => {
            JsonPointer::from_fragment(fragment).map_err(|error| unresolved(error.to_string()))?
        }
    };
    if document.is_empty() {
        if fragment.is_none() {
            return Err(unresolved("the reference is empty".to_owned()));
        }
        return Ok(Reference::Local(pointer));
    }
    let path = percent_decode(document).map_err(|error| unresolved(error.to_string()))?;
    Ok(Reference::File { path, pointer })
}

/// The scheme of an absolute URI (`https` in `https://x`); single letters
/// are not schemes, so `C:/specs/a.yaml` reads as a path.
fn uri_scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() > 1;
    valid.then_some(scheme)
}

/// Follows the `$ref` at `node` (whose text is `text`) to the node it
/// names.
pub(crate) fn resolve<'a>(
    docs: &'a Documents,
    node: &Node<'a>,
    text: &str,
) -> Result<Node<'a>, ReadError> {
    let at = &node.loc;
    let unresolved = |reason: String| SpecError::UnresolvedRef {
        at: at.clone(),
        reference: text.to_owned(),
        reason,
    };
    let (doc, pointer) = match parse_reference(text, at)? {
        Reference::Local(pointer) => (node.doc, pointer),
        Reference::File { path, pointer } => {
            let Some(base) = docs.get(node.doc).path.as_deref().and_then(|p| p.parent()) else {
                return Err(unresolved(
                    "the document was given as text, so a file reference has no folder to start from; load the document from its file with openapi::load".to_owned(),
                )
                .into());
            };
            let joined = base.join(&path);
            let canonical = std::fs::canonicalize(&joined).map_err(|error| {
                unresolved(format!("cannot open '{}': {error}", joined.display()))
            })?;
            match docs.find(&canonical) {
                Some(doc) => (doc, pointer),
                None => {
                    return Err(ReadError::NeedFile {
                        path: canonical,
                        at: at.clone(),
                        reference: text.to_owned(),
                    });
                }
            }
        }
    };
    docs.node(doc, pointer.clone())
        .ok_or_else(|| unresolved(format!("nothing is defined at '{pointer}'")).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("spec.yaml", JsonPointer::root().push("x"))
    }

    #[test]
    fn local_and_file_references() {
        assert_eq!(
            parse_reference("#/components/schemas/a~1b", &at()).unwrap(),
            Reference::Local(JsonPointer::parse("/components/schemas/a~1b").unwrap())
        );
        assert_eq!(
            parse_reference("common%20types.yaml#/Pet", &at()).unwrap(),
            Reference::File {
                path: "common types.yaml".into(),
                pointer: JsonPointer::parse("/Pet").unwrap()
            }
        );
        assert_eq!(
            parse_reference("pet.yaml", &at()).unwrap(),
            Reference::File {
                path: "pet.yaml".into(),
                pointer: JsonPointer::root()
            }
        );
    }

    #[test]
    fn remote_references_are_refused() {
        for text in [
            "https://example.com/a.yaml#/X",
            "HTTP://example.com/a",
            "//example.com/a.yaml",
        ] {
            let error = parse_reference(text, &at()).unwrap_err();
            assert!(
                matches!(error, SpecError::RemoteRef { .. }),
                "{text}: {error}"
            );
            assert!(error.to_string().contains("spec.yaml#/x"), "{error}");
        }
        assert!(matches!(
            parse_reference("urn:x:y", &at()),
            Err(SpecError::UnresolvedRef { .. })
        ));
    }

    #[test]
    fn bad_fragments_are_refused() {
        assert!(parse_reference("#Pet", &at()).is_err());
        assert!(parse_reference("#/a~2", &at()).is_err());
        assert!(parse_reference("", &at()).is_err());
    }
}
