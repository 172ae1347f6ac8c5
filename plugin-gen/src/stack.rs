//! Running the recursive passes on a stack of known size.
//!
//! Reading schemas and building types recurse once per level of inline
//! nesting (bounded by [`MAX_SCHEMA_DEPTH`](crate::openapi::MAX_SCHEMA_DEPTH));
//! unoptimized builds use large frames, and the caller's thread may have a
//! small stack (2 MiB for test threads), so the passes run on a thread of
//! their own with room to spare. Only the pages actually touched are used.

use std::sync::Mutex;

/// The stack for the recursive passes.
const STACK_SIZE: usize = 256 * 1024 * 1024;

/// Runs `work` on a thread with a [`STACK_SIZE`] stack and returns its
/// result; a panic in `work` resumes in the caller. If no thread can be
/// started, `work` runs on the caller's thread.
pub(crate) fn with_large_stack<T, F>(work: F) -> T
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    let slot = Mutex::new(Some(work));
    let take = || slot.lock().ok().and_then(|mut guard| guard.take());
    let outcome = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("plugin-gen".to_owned())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || take().map(|work| work()));
        spawned.ok().map(|handle| handle.join())
    });
    match outcome {
        Some(Ok(Some(result))) => result,
        Some(Err(payload)) => std::panic::resume_unwind(payload),
        Some(Ok(None)) | None => match take() {
            Some(work) => work(),
            None => unreachable!("the work is taken exactly once"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_results_and_resumes_panics() {
        assert_eq!(with_large_stack(|| 6 * 7), 42);
        let caught = std::panic::catch_unwind(|| with_large_stack(|| panic!("boom")));
        let payload = caught.unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
    }
}
