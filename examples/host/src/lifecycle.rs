//! Drives one instance of the `hello` plugin through its whole lifecycle.

use plugin_host::{CallError, Host};
use serde_json::{Value, json};

/// The configuration the instance is created with: `excitement` is set, and
/// `greeting` is left out to take its default.
fn config() -> Value {
    json!({ "excitement": 3 })
}

/// Creates an instance of `plugin`, installs and activates it, greets twice,
/// asks for the count, then deactivates and uninstalls it, printing each step.
pub(crate) fn run(host: &Host, plugin: &str) -> Result<(), CallError> {
    let config = config();
    println!("  create      with config {config} (other fields take their defaults)");
    let mut instance = host.instantiate(plugin, Some(&config))?;
    instance.install()?;
    println!("  install     ok");
    instance.activate()?;
    println!("  activate    ok");
    for name in ["Ada", "Grace"] {
        let args = json!({ "name": name });
        let reply: Value = instance.call_json("greet", &args)?;
        println!("  greet       {args} -> {reply}");
    }
    let count: Value = instance.call_json("count", &())?;
    println!("  count       -> {count}");
    instance.deactivate()?;
    println!("  deactivate  ok");
    instance.uninstall()?;
    println!("  uninstall   ok");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_static_hello_plugin_runs_start_to_end() {
        let mut host = Host::new("1.0.0".parse().unwrap());
        host.load_static().unwrap();
        run(&host, "hello").unwrap();
        assert!(host.failure("hello").is_none());
    }

    #[test]
    fn each_greeting_is_published_as_an_event() {
        let mut host = Host::new("1.0.0".parse().unwrap());
        host.load_static().unwrap();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorded = std::sync::Arc::clone(&seen);
        host.hub()
            .subscribe("greetings.*", move |event| {
                let greeting: Value = event.payload()?;
                recorded
                    .lock()
                    .unwrap()
                    .push((event.topic().to_owned(), greeting));
                Ok(())
            })
            .unwrap();
        run(&host, "hello").unwrap();
        assert_eq!(
            *seen.lock().unwrap(),
            [
                (
                    "greetings.sent".to_owned(),
                    json!({ "message": "Hello, Ada!!!" })
                ),
                (
                    "greetings.sent".to_owned(),
                    json!({ "message": "Hello, Grace!!!" })
                ),
            ]
        );
    }

    #[test]
    fn a_missing_plugin_is_an_error() {
        let host = Host::new("1.0.0".parse().unwrap());
        let error = run(&host, "hello").unwrap_err();
        assert!(
            matches!(error, CallError::UnknownPlugin { .. }),
            "{error:?}"
        );
    }
}
