//! The rules for the names plugins meet each other by, services, event topics
//! and hook points, as `#[plugin]` enforces them at compile time; the host
//! checks them on every descriptor it reads and on the names it is given.

/// The longest name allowed, in characters.
const MAX_LEN: usize = 128;

/// The rules in one sentence, for messages.
const RULES: &str = "service, topic and hook point names have 1 to 128 characters: segments of lowercase ASCII \
                     letters, digits, `-` and `_`, separated by single dots";

/// A service, topic or hook point name that breaks the naming rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid name '{name}': {problem}; {RULES}")]
#[non_exhaustive]
pub struct InvalidChannelName {
    /// The name.
    pub name: String,
    /// Which rule it breaks.
    pub problem: String,
}

/// Checks a service name, an event topic or a hook point name.
///
/// ```
/// assert!(plugin_host::check_channel_name("orders.created").is_ok());
/// assert!(plugin_host::check_channel_name("Orders").is_err());
/// ```
///
/// # Errors
///
/// [`InvalidChannelName`] saying which rule the name breaks.
pub fn check_channel_name(name: &str) -> Result<(), InvalidChannelName> {
    check(name, name)
}

/// Checks an event subscription: a topic, `*` (every topic), or a topic
/// followed by `.*` (every topic below it).
///
/// # Errors
///
/// [`InvalidChannelName`] saying which rule the subscription breaks.
pub fn check_subscription(subscription: &str) -> Result<(), InvalidChannelName> {
    if subscription == "*" {
        return Ok(());
    }
    check(
        subscription,
        subscription.strip_suffix(".*").unwrap_or(subscription),
    )
}

fn check(name: &str, body: &str) -> Result<(), InvalidChannelName> {
    let allowed =
        |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.');
    let problem = if body.is_empty() {
        "it is empty".to_owned()
    } else if name.chars().count() > MAX_LEN {
        format!("it has {} characters", name.chars().count())
    } else if let Some(bad) = body.chars().find(|&c| !allowed(c)) {
        format!("it contains {bad:?}")
    } else if body.split('.').any(str::is_empty) {
        "it has an empty segment (a leading, trailing or double dot)".to_owned()
    } else {
        return Ok(());
    };
    Err(InvalidChannelName {
        name: name.to_owned(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_subscriptions_follow_the_rule() {
        assert!(check_channel_name("billing.invoices-v2").is_ok());
        assert!(check_subscription("orders.*").is_ok());
        assert!(check_subscription("*").is_ok());
        assert_eq!(
            check_channel_name("orders.*").unwrap_err().problem,
            "it contains '*'"
        );
        assert_eq!(
            check_channel_name(".x").unwrap_err().problem,
            "it has an empty segment (a leading, trailing or double dot)"
        );
        assert_eq!(check_subscription("").unwrap_err().problem, "it is empty");
        assert!(check_channel_name(&"a".repeat(129)).is_err());
    }
}
