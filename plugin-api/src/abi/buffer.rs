/// An owned byte buffer crossing the boundary, carrying the function that frees it.
///
/// Whoever allocates, frees: the receiver of an `RBuf` never hands its memory to
/// its own allocator. Dropping an `RBuf` calls its free function
/// (if any) with the pointer, length and capacity it was created with.
///
/// An `RBuf` out-parameter always points to an initialized buffer, normally
/// an [`RBuf::empty`] the caller made; the callee assigns its result over it
/// (which frees the old value through its own function, a no-op for an empty
/// one), so the caller can always drop what it gets back. A buffer with no
/// free function must be empty or point to static data.
#[repr(C)]
pub struct RBuf {
    ptr: *mut u8,
    len: usize,
    capacity: usize,
    free: Option<unsafe extern "C" fn(ptr: *mut u8, len: usize, capacity: usize)>,
}

// SAFETY: an `RBuf` uniquely owns its bytes, like `Vec<u8>`, and its free function
// is a plain function that may run on any thread (the allocating side's global
// allocator).
unsafe impl Send for RBuf {}
// SAFETY: shared access only reads the bytes.
unsafe impl Sync for RBuf {}

impl RBuf {
    /// A buffer that holds nothing and frees nothing.
    pub const fn empty() -> Self {
        RBuf {
            ptr: std::ptr::null_mut(),
            len: 0,
            capacity: 0,
            free: None,
        }
    }

    /// Hands a `Vec` across the boundary; the buffer frees it with this side's
    /// allocator when dropped, wherever that happens.
    pub fn from_vec(bytes: Vec<u8>) -> Self {
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        RBuf {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            capacity: bytes.capacity(),
            free: Some(free_vec),
        }
    }

    /// Builds a buffer from raw parts, as a foreign library hands it over.
    ///
    /// # Safety
    ///
    /// Unless `len` is zero, `ptr` must point to `len` initialized bytes owned
    /// by the new buffer; `free`, if any, must accept exactly these
    /// `(ptr, len, capacity)` once, from any thread.
    pub const unsafe fn from_raw_parts(
        ptr: *mut u8,
        len: usize,
        capacity: usize,
        free: Option<unsafe extern "C" fn(*mut u8, usize, usize)>,
    ) -> Self {
        RBuf {
            ptr,
            len,
            capacity,
            free,
        }
    }

    /// The bytes, or `None` for a null pointer with a non-zero length (only a
    /// malformed foreign buffer can be like that).
    pub fn as_slice(&self) -> Option<&[u8]> {
        if self.len == 0 {
            return Some(&[]);
        }
        if self.ptr.is_null() {
            return None;
        }
        // SAFETY: non-null, and the constructor's contract says `len`
        // initialized bytes owned by `self`.
        Some(unsafe { std::slice::from_raw_parts(self.ptr, self.len) })
    }

    /// The bytes as UTF-8 text, replacing invalid sequences; empty for a
    /// malformed buffer.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(self.as_slice().unwrap_or_default()).into_owned()
    }

    /// The length in bytes.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer holds no bytes.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Default for RBuf {
    fn default() -> Self {
        RBuf::empty()
    }
}

impl Drop for RBuf {
    fn drop(&mut self) {
        if let Some(free) = self.free.take() {
            // SAFETY: the constructor's contract: `free` accepts exactly these
            // parts once, and `take` makes this the only call.
            unsafe { free(self.ptr, self.len, self.capacity) }
        }
    }
}

impl std::fmt::Debug for RBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RBuf({} bytes)", self.len)
    }
}

unsafe extern "C" fn free_vec(ptr: *mut u8, len: usize, capacity: usize) {
    // SAFETY: only `RBuf::from_vec` installs this function, with the parts of a
    // `Vec<u8>` it leaked from this same allocator.
    drop(unsafe { Vec::from_raw_parts(ptr, len, capacity) });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static FREED: AtomicUsize = AtomicUsize::new(0);

    unsafe extern "C" fn counting_free(ptr: *mut u8, len: usize, capacity: usize) {
        FREED.fetch_add(1, Ordering::SeqCst);
        // SAFETY: the test below builds the buffer from a leaked `Vec`.
        unsafe { free_vec(ptr, len, capacity) }
    }

    #[test]
    fn a_buffer_frees_once_with_its_own_function() {
        let mut v = std::mem::ManuallyDrop::new(b"abc".to_vec());
        // SAFETY: the parts of a leaked `Vec`, freed by `counting_free`.
        let buf = unsafe {
            RBuf::from_raw_parts(v.as_mut_ptr(), v.len(), v.capacity(), Some(counting_free))
        };
        assert_eq!(buf.as_slice(), Some(&b"abc"[..]));
        drop(buf);
        assert_eq!(FREED.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn from_vec_round_trips() {
        let buf = RBuf::from_vec(b"hello".to_vec());
        assert_eq!(buf.to_string_lossy(), "hello");
        assert!(RBuf::empty().is_empty());
    }
}
