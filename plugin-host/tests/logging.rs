//! Plugin log records reach the host's tracing subscriber, tagged with the
//! plugin's name. Alone in its test binary because it installs a global
//! subscriber.

mod support;

use support::{Captured, fixture};

#[test]
fn records_from_the_context_logger_and_the_log_facade_arrive_tagged() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .init();

    let mut host = plugin_host::Host::builder(support::APP_VERSION.parse().unwrap())
        .environment(plugin_host::Environment::Development)
        .build();
    host.load_library(fixture("pair", &[])).unwrap();
    let mut alpha = host.instantiate("alpha", None).unwrap();
    alpha.install().unwrap();
    alpha.activate().unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let context_line = text
        .lines()
        .find(|l| l.contains("alpha active in development with step 1"))
        .unwrap_or_else(|| panic!("no context-logger record in:\n{text}"));
    assert!(
        context_line.contains("INFO") && context_line.contains("plugin=\"alpha\""),
        "{context_line}"
    );
    let facade_line = text
        .lines()
        .find(|l| l.contains("alpha says hello through the log facade"))
        .unwrap_or_else(|| panic!("no log-facade record in:\n{text}"));
    assert!(
        facade_line.contains("WARN") && facade_line.contains("plugin=\"alpha\""),
        "{facade_line}"
    );
    assert!(
        facade_line.contains("source=\"alpha::facade\""),
        "{facade_line}"
    );
}
