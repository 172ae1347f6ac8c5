use std::marker::PhantomData;
use std::str::Utf8Error;

/// A borrowed UTF-8 string crossing the boundary: a pointer and a length in bytes.
///
/// The pointer may be null only when the length is zero. The side that receives
/// an `RStr` from a foreign library must not trust it to be UTF-8; use
/// [`RStr::to_str`], which checks.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RStr<'a> {
    ptr: *const u8,
    len: usize,
    _borrow: PhantomData<&'a str>,
}

// SAFETY: an `RStr` is a shared borrow of immutable bytes, exactly like `&str`.
unsafe impl Send for RStr<'_> {}
// SAFETY: as above; nothing is ever written through the pointer.
unsafe impl Sync for RStr<'_> {}

impl<'a> RStr<'a> {
    /// The empty string.
    pub const EMPTY: RStr<'static> = RStr::from_str("");

    /// Borrows a Rust string.
    pub const fn from_str(s: &'a str) -> Self {
        RStr {
            ptr: s.as_ptr(),
            len: s.len(),
            _borrow: PhantomData,
        }
    }

    /// Builds an `RStr` from raw parts, as a foreign library hands it over.
    ///
    /// # Safety
    ///
    /// Unless `len` is zero, `ptr` must point to `len` readable bytes that stay
    /// valid and unchanged for `'a`.
    pub const unsafe fn from_raw_parts(ptr: *const u8, len: usize) -> Self {
        RStr {
            ptr,
            len,
            _borrow: PhantomData,
        }
    }

    /// The length in bytes.
    pub const fn len(&self) -> usize {
        self.len
    }

    /// Whether the string is empty.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the pointer is null although the length is not zero, which makes
    /// the string unreadable.
    pub fn is_dangling(&self) -> bool {
        self.ptr.is_null() && self.len != 0
    }

    /// The raw bytes, or `None` if [`is_dangling`](Self::is_dangling).
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        if self.len == 0 {
            return Some(&[]);
        }
        if self.ptr.is_null() {
            return None;
        }
        // SAFETY: non-null and, by the constructor's contract, `len` readable
        // bytes valid for `'a`.
        Some(unsafe { std::slice::from_raw_parts(self.ptr, self.len) })
    }

    /// The string, checked to be UTF-8.
    ///
    /// # Errors
    ///
    /// [`RStrError::Null`] for a null pointer with a non-zero length,
    /// [`RStrError::NotUtf8`] for bytes that are not UTF-8.
    pub fn to_str(&self) -> Result<&'a str, RStrError> {
        let bytes = self.as_bytes().ok_or(RStrError::Null)?;
        std::str::from_utf8(bytes).map_err(RStrError::NotUtf8)
    }
}

impl<'a> From<&'a str> for RStr<'a> {
    fn from(s: &'a str) -> Self {
        RStr::from_str(s)
    }
}

impl std::fmt::Debug for RStr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.to_str() {
            Ok(s) => s.fmt(f),
            Err(e) => write!(f, "<{e}>"),
        }
    }
}

/// Why an [`RStr`] could not be read as a Rust string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RStrError {
    /// The pointer is null but the length is not zero.
    Null,
    /// The bytes are not valid UTF-8.
    NotUtf8(Utf8Error),
}

impl std::fmt::Display for RStrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RStrError::Null => f.write_str("null pointer with a non-zero length"),
            RStrError::NotUtf8(e) => write!(f, "not UTF-8 ({e})"),
        }
    }
}

impl std::error::Error for RStrError {}

/// A borrowed byte slice crossing the boundary: a pointer and a length.
///
/// The pointer may be null only when the length is zero.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RBytes<'a> {
    ptr: *const u8,
    len: usize,
    _borrow: PhantomData<&'a [u8]>,
}

// SAFETY: an `RBytes` is a shared borrow of immutable bytes, exactly like `&[u8]`.
unsafe impl Send for RBytes<'_> {}
// SAFETY: as above; nothing is ever written through the pointer.
unsafe impl Sync for RBytes<'_> {}

impl<'a> RBytes<'a> {
    /// Borrows a Rust byte slice.
    pub const fn from_slice(bytes: &'a [u8]) -> Self {
        RBytes {
            ptr: bytes.as_ptr(),
            len: bytes.len(),
            _borrow: PhantomData,
        }
    }

    /// Builds an `RBytes` from raw parts.
    ///
    /// # Safety
    ///
    /// Unless `len` is zero, `ptr` must point to `len` readable bytes that stay
    /// valid and unchanged for `'a`.
    pub const unsafe fn from_raw_parts(ptr: *const u8, len: usize) -> Self {
        RBytes {
            ptr,
            len,
            _borrow: PhantomData,
        }
    }

    /// The bytes, or `None` for a null pointer with a non-zero length.
    pub fn as_slice(&self) -> Option<&'a [u8]> {
        if self.len == 0 {
            return Some(&[]);
        }
        if self.ptr.is_null() {
            return None;
        }
        // SAFETY: non-null and, by the constructor's contract, `len` readable
        // bytes valid for `'a`.
        Some(unsafe { std::slice::from_raw_parts(self.ptr, self.len) })
    }
}

impl<'a> From<&'a [u8]> for RBytes<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        RBytes::from_slice(bytes)
    }
}

impl std::fmt::Debug for RBytes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RBytes({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rstr_round_trips_and_rejects_bad_input() {
        assert_eq!(RStr::from_str("héllo").to_str(), Ok("héllo"));
        // SAFETY: a zero length never reads the pointer.
        let empty = unsafe { RStr::from_raw_parts(std::ptr::null(), 0) };
        assert_eq!(empty.to_str(), Ok(""));
        // SAFETY: the pointer is null, which `to_str` reports without reading.
        let null = unsafe { RStr::from_raw_parts(std::ptr::null(), 3) };
        assert_eq!(null.to_str(), Err(RStrError::Null));
        let bad = [0xff_u8, 0xfe];
        // SAFETY: `bad` outlives the borrow.
        let bad = unsafe { RStr::from_raw_parts(bad.as_ptr(), bad.len()) };
        assert!(matches!(bad.to_str(), Err(RStrError::NotUtf8(_))));
    }

    #[test]
    fn rbytes_rejects_null_with_length() {
        // SAFETY: the pointer is null, which `as_slice` reports without reading.
        let null = unsafe { RBytes::from_raw_parts(std::ptr::null(), 1) };
        assert_eq!(null.as_slice(), None);
        assert_eq!(RBytes::from_slice(b"ab").as_slice(), Some(&b"ab"[..]));
    }
}
