//! Values some fields take that are neither JSON types nor API types.

use plugin_api::PluginError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The empty string and nothing else: what an API takes to clear a field
/// (Stripe's `enum: [""]`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EmptyString;

impl Serialize for EmptyString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("")
    }
}

impl<'de> Deserialize<'de> for EmptyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            Ok(Self)
        } else {
            Err(serde::de::Error::custom(format!("expected the empty string, found {text:?}")))
        }
    }
}

/// The content of a binary field (a file upload): a file to read, or the
/// content itself as a string.
///
/// As input: `{"path": "/tmp/receipt.pdf"}`, optionally with `filename`
/// (default: the path's last component) and `content_type` (default: the
/// one the operation declares, else `application/octet-stream`); or a
/// string, sent as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FileContent {
    /// A file to read when the request is sent.
    File {
        /// Where the file is.
        path: String,
        /// The file name to send.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
        /// The content type to send.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
    },
    /// The content itself.
    Text(String),
}

impl FileContent {
    /// The file name, content type and bytes to send for field `field`,
    /// whose declared content type is `declared` (empty if none).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](plugin_api::ErrorKind::InvalidInput) when the file
    /// cannot be read.
    pub fn load(self, field: &str, declared: &str) -> Result<(String, String, Vec<u8>), PluginError> {
        let default_type = || {
            if declared.is_empty() || declared.contains('*') || declared.contains(',') {
                "application/octet-stream".to_owned()
            } else {
                declared.to_owned()
            }
        };
        match self {
            Self::File {
                path,
                filename,
                content_type,
            } => {
                let bytes = std::fs::read(&path)
                    .map_err(|e| PluginError::invalid_input(format!("cannot read the file '{path}' for '{field}': {e}")))?;
                let filename = filename.unwrap_or_else(|| {
                    std::path::Path::new(&path)
                        .file_name()
                        .map_or_else(|| field.to_owned(), |name| name.to_string_lossy().into_owned())
                });
                Ok((filename, content_type.unwrap_or_else(default_type), bytes))
            }
            Self::Text(text) => Ok((field.to_owned(), default_type(), text.into_bytes())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_string_only() {
        let written = serde_json::to_string(&EmptyString).unwrap();
        assert_eq!(written, "\"\"");
        let read: EmptyString = serde_json::from_str("\"\"").unwrap();
        assert_eq!(read, EmptyString);
        let other = serde_json::from_str::<EmptyString>("\"x\"");
        assert!(other.is_err());
    }

    #[test]
    fn file_content_from_a_path_or_text() {
        let text: FileContent = serde_json::from_str("\"abc\"").unwrap();
        let loaded = text.load("doc", "text/csv").unwrap();
        let expected = ("doc".to_owned(), "text/csv".to_owned(), b"abc".to_vec());
        assert_eq!(loaded, expected);
        let path = std::env::temp_dir().join(format!("plugin-gen-support-{}.txt", std::process::id()));
        std::fs::write(&path, b"file bytes").unwrap();
        let input = serde_json::json!({"path": path.to_str().unwrap()});
        let file: FileContent = serde_json::from_value(input).unwrap();
        let (name, content_type, bytes) = file.load("upload", "*/*").unwrap();
        std::fs::remove_file(&path).unwrap();
        let named = name.starts_with("plugin-gen-support-");
        assert!(named, "{name}");
        assert_eq!(content_type, "application/octet-stream");
        assert_eq!(bytes, b"file bytes");
    }
}
