//! The plugins running on the current thread, innermost last. It refuses a
//! call that would enter a plugin already running here (which would
//! deadlock on that plugin's lock), and its emptying marks the moment when
//! events published during the calls are delivered.

use std::cell::RefCell;
use std::sync::Arc;

use crate::CallError;

thread_local! {
    static STACK: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

/// One call into a plugin on this thread. Dropping it leaves the call; when
/// the last call on the thread is left, the events queued during the calls
/// are delivered (see [`queue`](super::queue)).
#[must_use = "the call lasts as long as the frame"]
pub(crate) struct Frame {
    pushed: bool,
}

/// Enters a call into `plugin`, refusing it with [`CallError::Reentrant`] if
/// the plugin is already running on this thread.
pub(crate) fn enter(plugin: &Arc<str>) -> Result<Frame, CallError> {
    STACK
        .try_with(|stack| {
            let mut stack = stack.borrow_mut();
            if let Some(cycle) = cycle(&stack, plugin) {
                return Err(CallError::Reentrant {
                    plugin: plugin.to_string(),
                    cycle,
                });
            }
            stack.push(Arc::clone(plugin));
            Ok(Frame { pushed: true })
        })
        // Only while the thread is being torn down is the stack gone; there
        // is nothing left to refuse or deliver then.
        .unwrap_or(Ok(Frame { pushed: false }))
}

/// Enters a call into an instance of `plugin` without refusing anything: a
/// call made through a [`PluginHandle`](crate::PluginHandle) entered (and
/// checked) already, so this pushes only when the innermost call is not
/// `plugin`'s, as for an [`Instance`](crate::Instance) used directly.
pub(crate) fn enter_instance(plugin: &Arc<str>) -> Frame {
    let pushed = STACK
        .try_with(|stack| {
            let mut stack = stack.borrow_mut();
            if stack.last().is_some_and(|top| top == plugin) {
                return false;
            }
            stack.push(Arc::clone(plugin));
            true
        })
        .unwrap_or(false);
    Frame { pushed }
}

/// The cycle a call into `plugin` would close: the calls on this thread from
/// the plugin's first entry on, then the plugin again.
pub(crate) fn cycle_to(plugin: &str) -> Option<Vec<String>> {
    STACK
        .try_with(|stack| cycle(&stack.borrow(), plugin))
        .ok()
        .flatten()
}

/// Whether no plugin call is running on this thread.
pub(crate) fn is_empty() -> bool {
    STACK
        .try_with(|stack| stack.borrow().is_empty())
        .unwrap_or(true)
}

fn cycle(stack: &[Arc<str>], plugin: &str) -> Option<Vec<String>> {
    let start = stack.iter().position(|running| &**running == plugin)?;
    Some(
        stack[start..]
            .iter()
            .map(|running| running.to_string())
            .chain([plugin.to_owned()])
            .collect(),
    )
}

impl Drop for Frame {
    fn drop(&mut self) {
        if !self.pushed {
            return;
        }
        let outermost = STACK
            .try_with(|stack| {
                let mut stack = stack.borrow_mut();
                stack.pop();
                stack.is_empty()
            })
            .unwrap_or(false);
        if outermost {
            super::queue::deliver_pending();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn a_plugin_entered_twice_is_refused_with_the_cycle() {
        let a = enter(&name("a")).unwrap();
        let b = enter(&name("b")).unwrap();
        let error = enter(&name("a")).err().unwrap();
        assert!(
            matches!(&error, CallError::Reentrant { plugin, cycle } if plugin == "a" && cycle == &["a", "b", "a"]),
            "{error:?}"
        );
        assert!(error.to_string().contains("the call a → b → a was refused"));
        assert_eq!(cycle_to("b").unwrap(), ["b", "b"]);
        drop(b);
        assert!(cycle_to("b").is_none());
        drop(a);
        assert!(is_empty());
        drop(enter(&name("a")).unwrap());
    }

    #[test]
    fn an_instance_frame_under_its_own_handle_frame_pushes_nothing() {
        let outer = enter(&name("a")).unwrap();
        let inner = enter_instance(&name("a"));
        assert!(!inner.pushed);
        let other = enter_instance(&name("b"));
        assert!(other.pushed);
        assert_eq!(cycle_to("a").unwrap(), ["a", "b", "a"]);
        drop(other);
        drop(inner);
        assert!(!is_empty());
        drop(outer);
        assert!(is_empty());
    }
}
