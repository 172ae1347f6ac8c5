use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::PluginError;
use crate::abi::{RBuf, Status};

/// Runs `f`, turning its error or its panic into a status plus a message
/// written to `error`. Nothing unwinds out of this function.
pub(crate) fn guard(error: *mut RBuf, f: impl FnOnce() -> Result<(), PluginError>) -> Status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => Status::OK,
        Ok(Err(e)) => {
            write_message(error, e.message());
            e.kind().status()
        }
        Err(payload) => {
            write_message(error, &panic_message(payload));
            Status::PANICKED
        }
    }
}

/// Writes `message` into the caller's buffer, if the caller gave one.
pub(crate) fn write_message(error: *mut RBuf, message: &str) {
    write_buf(error, RBuf::from_vec(message.as_bytes().to_vec()));
}

/// Writes `buf` into the caller's out-parameter, dropping what was there.
pub(crate) fn write_buf(out: *mut RBuf, buf: RBuf) {
    if out.is_null() {
        return;
    }
    // SAFETY: the ABI requires out-parameters to point to an initialized
    // `RBuf` (normally `RBuf::empty()`) owned by the caller; replacing it
    // drops the old value through its own free function.
    unsafe { *out = buf };
}

/// The message of a panic payload. A payload that panics while being dropped
/// is leaked rather than allowed to unwind.
fn panic_message(payload: Box<dyn Any + Send>) -> String {
    let message = if let Some(s) = payload.downcast_ref::<&str>() {
        format!("panicked: {s}")
    } else if let Some(s) = payload.downcast_ref::<String>() {
        format!("panicked: {s}")
    } else {
        "panicked with a non-string payload".to_owned()
    };
    let mut payload = Some(payload);
    if catch_unwind(AssertUnwindSafe(|| drop(payload.take()))).is_err() {
        std::mem::forget(payload);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_and_errors_become_statuses_with_messages() {
        let mut buf = RBuf::empty();
        let status = guard(&mut buf, || panic!("boom {}", 42));
        assert_eq!(status, Status::PANICKED);
        assert_eq!(buf.to_string_lossy(), "panicked: boom 42");

        let status = guard(&mut buf, || Err(PluginError::invalid_config("bad port")));
        assert_eq!(status, Status::INVALID_CONFIG);
        assert_eq!(buf.to_string_lossy(), "bad port");

        assert_eq!(guard(std::ptr::null_mut(), || Ok(())), Status::OK);
    }
}
