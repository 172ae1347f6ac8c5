use std::sync::Arc;

use plugin_api::abi::RBuf;
use serde::de::DeserializeOwned;

use crate::registered::RegisteredPlugin;

/// The bytes a command returned, still in the plugin's buffer (freed by the
/// plugin's allocator when dropped). It keeps the plugin's library mapped
/// until then, even when a hot reload has replaced the library meanwhile.
pub struct Output {
    // Declared first so it is freed while `_plugin` still holds the library.
    buf: RBuf,
    _plugin: Arc<RegisteredPlugin>,
}

impl Output {
    /// Wraps a buffer of `plugin`'s whose bytes were checked to be readable.
    pub(crate) fn new(buf: RBuf, plugin: &Arc<RegisteredPlugin>) -> Option<Self> {
        buf.as_slice().is_some().then(|| Output {
            buf,
            _plugin: Arc::clone(plugin),
        })
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.as_slice().unwrap_or_default()
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

// An output may go to another thread, as it could before it kept its
// library mapped.
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Output>();
};

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Output").field(&self.buf).finish()
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
