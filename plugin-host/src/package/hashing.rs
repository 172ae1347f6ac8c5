//! SHA-256 over bytes as they stream past, in the `"sha256:<hex>"` form
//! that [`checksum_file`](crate::checksum_file) gives, reporting progress.

use std::io::{self, Read, Write};

use sha2::{Digest, Sha256};

use crate::Progress;

/// Copies `from` into `to` (if any) while hashing, and returns the checksum
/// and the number of bytes.
pub(crate) fn copy_hashing(
    from: &mut impl Read,
    mut to: Option<&mut dyn Write>,
    progress: &mut dyn Progress,
) -> io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut chunk = vec![0; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&chunk[..n]);
        if let Some(to) = to.as_mut() {
            to.write_all(&chunk[..n])?;
        }
        total += n as u64;
        progress.advance(n as u64);
    }
    Ok((format!("sha256:{:x}", hasher.finalize()), total))
}

/// Whether `text` is a checksum in the `"sha256:<64 lowercase hex>"` form.
pub(crate) fn is_checksum(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// A reader that hashes what passes through it, for the tar builder.
pub(crate) struct HashingReader<'p, R> {
    inner: R,
    hasher: Sha256,
    progress: &'p mut dyn Progress,
}

impl<'p, R: Read> HashingReader<'p, R> {
    pub(crate) fn new(inner: R, progress: &'p mut dyn Progress) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
            progress,
        }
    }

    /// The checksum of everything read.
    pub(crate) fn checksum(self) -> String {
        format!("sha256:{:x}", self.hasher.finalize())
    }
}

impl<R: Read> Read for HashingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.progress.advance(n as u64);
        Ok(n)
    }
}
