/// The longest credential name, in characters.
const MAX_LEN: usize = 64;

/// Checks a credential name: 1 to 64 ASCII letters, digits, `_` and `-`,
/// starting with a letter (`api_key`, `client-secret`).
///
/// ```
/// assert!(plugin_host::check_credential_name("api_key").is_ok());
/// assert!(plugin_host::check_credential_name("../other").is_err());
/// ```
///
/// # Errors
///
/// A message saying which rule the name breaks.
pub fn check_credential_name(name: &str) -> Result<(), String> {
    let rules = "a credential name has 1 to 64 characters: ASCII letters, digits, `_` and `-`, starting with a letter";
    let problem = if name.is_empty() {
        "it is empty".to_owned()
    } else if name.len() > MAX_LEN {
        format!("it has {} characters", name.chars().count())
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "it does not start with a letter".to_owned()
    } else if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    {
        format!("it contains {bad:?}")
    } else {
        return Ok(());
    };
    Err(format!(
        "invalid credential name '{name}': {problem}; {rules}"
    ))
}
