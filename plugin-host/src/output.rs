use plugin_api::abi::RBuf;
use serde::de::DeserializeOwned;

/// The bytes a command returned, still in the plugin's buffer (freed by the
/// plugin's allocator when dropped).
#[derive(Debug)]
pub struct Output(RBuf);

impl Output {
    /// Wraps a buffer whose bytes were checked to be readable.
    pub(crate) fn new(buf: RBuf) -> Option<Self> {
        buf.as_slice().is_some().then_some(Output(buf))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_slice().unwrap_or_default()
    }

    /// The bytes read as JSON.
    ///
    /// # Errors
    ///
    /// If they are not JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(self.as_bytes())
    }
}

impl std::ops::Deref for Output {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl AsRef<[u8]> for Output {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}
