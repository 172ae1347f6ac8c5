//! `multipart/form-data` bodies (RFC 7578).

use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::brackets::BracketOptions;
use crate::{EncodeError, form};

/// A `multipart/form-data` body: text fields and files, in the order added.
///
/// ```
/// use plugin_http::Multipart;
///
/// let body = Multipart::with_boundary("BOUNDARY")
///     .unwrap()
///     .text("purpose", "dispute_evidence")
///     .file("file", "receipt.pdf", "application/pdf", b"%PDF-1.7".to_vec());
/// let (content_type, bytes) = body.encode().unwrap();
/// assert_eq!(content_type, "multipart/form-data; boundary=BOUNDARY");
/// assert_eq!(
///     String::from_utf8(bytes).unwrap(),
///     "--BOUNDARY\r\n\
///      Content-Disposition: form-data; name=\"purpose\"\r\n\r\n\
///      dispute_evidence\r\n\
///      --BOUNDARY\r\n\
///      Content-Disposition: form-data; name=\"file\"; filename=\"receipt.pdf\"\r\n\
///      Content-Type: application/pdf\r\n\r\n\
///      %PDF-1.7\r\n\
///      --BOUNDARY--\r\n"
/// );
/// ```
#[derive(Clone)]
pub struct Multipart {
    boundary: String,
    chosen: bool,
    parts: Vec<Part>,
}

#[derive(Clone)]
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

impl Multipart {
    /// An empty body with a random boundary. Should a part happen to
    /// contain the boundary, [`encode`](Self::encode) picks another.
    pub fn new() -> Multipart {
        Multipart {
            boundary: random_boundary(),
            chosen: false,
            parts: Vec::new(),
        }
    }

    /// An empty body with a fixed boundary, for byte-exact output.
    ///
    /// # Errors
    ///
    /// [`EncodeError::Boundary`] unless the boundary has 1 to 70 characters
    /// from RFC 2046's set (letters, digits and `'()+_,-./:=?`, no
    /// trailing space).
    pub fn with_boundary(boundary: impl Into<String>) -> Result<Multipart, EncodeError> {
        let boundary = boundary.into();
        let allowed = |c: char| c.is_ascii_alphanumeric() || "'()+_,-./:=? ".contains(c);
        if boundary.is_empty()
            || boundary.len() > 70
            || boundary.ends_with(' ')
            || !boundary.chars().all(allowed)
        {
            return Err(EncodeError::Boundary {
                boundary,
                problem: "is not valid: use 1 to 70 letters, digits or '()+_,-./:=? characters, not ending in a space".to_owned(),
            });
        }
        Ok(Multipart {
            boundary,
            chosen: true,
            parts: Vec::new(),
        })
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Multipart {
        self.parts.push(Part {
            name: name.into(),
            filename: None,
            content_type: None,
            data: value.into().into_bytes(),
        });
        self
    }

    /// Adds a file: its field name, file name, content type (such as
    /// `application/pdf`, or `application/octet-stream` when unknown) and
    /// bytes.
    pub fn file(
        mut self,
        name: impl Into<String>,
        filename: impl Into<String>,
        content_type: impl Into<String>,
        data: Vec<u8>,
    ) -> Multipart {
        self.parts.push(Part {
            name: name.into(),
            filename: Some(filename.into()),
            content_type: Some(content_type.into()),
            data,
        });
        self
    }

    /// Adds every field of `value` as text parts in bracket notation, as
    /// [`encode_form`](crate::encode_form) would name them
    /// (`file_link_data[create]` = `true`).
    ///
    /// # Errors
    ///
    /// As [`encode_form`](crate::encode_form).
    pub fn fields<T: Serialize + ?Sized>(mut self, value: &T) -> Result<Multipart, EncodeError> {
        for (name, value) in form::form_pairs(value, BracketOptions::BODY)? {
            self = self.text(name, value);
        }
        Ok(self)
    }

    /// The boundary.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The content type (with the boundary) and the encoded body.
    ///
    /// Field and file names have `"`, CR and LF percent-encoded, as browsers
    /// do; text parts carry no content type (so `text/plain`).
    ///
    /// # Errors
    ///
    /// [`EncodeError::Boundary`] if a boundary given to
    /// [`with_boundary`](Self::with_boundary) occurs inside a part.
    pub fn encode(&self) -> Result<(String, Vec<u8>), EncodeError> {
        let mut boundary = self.boundary.clone();
        while let Some(part) = self.part_containing(&boundary) {
            if self.chosen {
                return Err(EncodeError::Boundary {
                    boundary,
                    problem: format!(
                        "occurs inside part '{}'; choose another boundary",
                        part.name
                    ),
                });
            }
            boundary = random_boundary();
        }
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(escape(&part.name).as_bytes());
            out.push(b'"');
            if let Some(filename) = &part.filename {
                out.extend_from_slice(b"; filename=\"");
                out.extend_from_slice(escape(filename).as_bytes());
                out.push(b'"');
            }
            out.extend_from_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                out.extend_from_slice(b"Content-Type: ");
                out.extend_from_slice(escape(content_type).as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.data);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        Ok((format!("multipart/form-data; boundary={boundary}"), out))
    }

    fn part_containing(&self, boundary: &str) -> Option<&Part> {
        let delimiter = format!("--{boundary}");
        let needle = delimiter.as_bytes();
        self.parts
            .iter()
            .find(|p| p.data.windows(needle.len()).any(|w| w == needle))
    }
}

impl Default for Multipart {
    fn default() -> Self {
        Multipart::new()
    }
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|p| format!("{} ({} bytes)", p.name, p.data.len()))
            .collect();
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("parts", &parts)
            .finish()
    }
}

/// A name inside a quoted header parameter: `"`, CR and LF percent-encoded.
fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// 32 hex digits from the standard library's randomly keyed hasher, fed a
/// counter and the time so that two bodies never share a boundary.
fn random_boundary() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut digits = String::from("plugin-http-");
    for _ in 0..2 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        if let Ok(elapsed) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            hasher.write_u128(elapsed.as_nanos());
        }
        digits.push_str(&format!("{:016x}", hasher.finish()));
    }
    digits
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn exact_bytes_with_fields_files_and_escaped_names() {
        let body = Multipart::with_boundary("b0")
            .unwrap()
            .fields(&json!({"purpose": "identity_document", "file_link_data": {"create": true}}))
            .unwrap()
            .file(
                "file",
                "a \"b\".png",
                "image/png",
                vec![0x89, b'P', 0, 0xff],
            );
        let (content_type, bytes) = body.encode().unwrap();
        assert_eq!(content_type, "multipart/form-data; boundary=b0");
        let mut expected = b"--b0\r\n\
            Content-Disposition: form-data; name=\"file_link_data[create]\"\r\n\r\n\
            true\r\n\
            --b0\r\n\
            Content-Disposition: form-data; name=\"purpose\"\r\n\r\n\
            identity_document\r\n\
            --b0\r\n\
            Content-Disposition: form-data; name=\"file\"; filename=\"a %22b%22.png\"\r\n\
            Content-Type: image/png\r\n\r\n"
            .to_vec();
        expected.extend_from_slice(&[0x89, b'P', 0, 0xff]);
        expected.extend_from_slice(b"\r\n--b0--\r\n");
        assert_eq!(bytes, expected);
    }

    #[test]
    fn an_empty_body_is_just_the_closing_delimiter() {
        let (_, bytes) = Multipart::with_boundary("x").unwrap().encode().unwrap();
        assert_eq!(bytes, b"--x--\r\n");
    }

    #[test]
    fn a_chosen_boundary_inside_a_part_is_refused_and_a_random_one_replaced() {
        let error = Multipart::with_boundary("abc")
            .unwrap()
            .text("note", "x --abc y")
            .encode()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the multipart boundary 'abc' occurs inside part 'note'; choose another boundary"
        );
        let random = Multipart::new();
        let inside = format!("--{}", random.boundary());
        let (content_type, bytes) = random
            .clone()
            .text("note", inside.clone())
            .encode()
            .unwrap();
        assert!(!content_type.ends_with(random.boundary()));
        assert!(String::from_utf8(bytes).unwrap().contains(&inside));
    }

    #[test]
    fn invalid_boundaries_are_refused() {
        for bad in ["", "a\"b", "ends ", &"x".repeat(71)] {
            assert!(Multipart::with_boundary(bad).is_err(), "{bad:?}");
        }
        assert_ne!(Multipart::new().boundary(), Multipart::new().boundary());
    }
}
