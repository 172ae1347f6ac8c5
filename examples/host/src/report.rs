//! Prints what the host loaded and what it refused.

use std::fmt::Write as _;

use plugin_host::{Dependency, Host, LoadError, PluginInfo};

/// The report: every registered plugin, then every refusal with its reason.
pub(crate) fn render(host: &Host, refused: &[LoadError]) -> String {
    let mut out = String::new();
    let plugins: Vec<&PluginInfo> = host.plugins().collect();
    let _ = writeln!(out, "Loaded {}:", count(plugins.len(), "plugin", "plugins"));
    if plugins.is_empty() {
        out.push_str("  (none)\n");
    }
    for info in plugins {
        render_plugin(&mut out, host, info);
    }
    let _ = writeln!(
        out,
        "\nRefused {}:",
        count(refused.len(), "library", "libraries")
    );
    if refused.is_empty() {
        out.push_str("  (none)\n");
        return out;
    }
    for error in refused {
        let _ = writeln!(out, "  - {error}");
    }
    out.push_str(
        "  Each refused library was skipped as a whole; the host carried on without it.\n",
    );
    out
}

fn render_plugin(out: &mut String, host: &Host, info: &PluginInfo) {
    let _ = writeln!(out, "  - {} {}", info.name, info.version);
    let _ = writeln!(out, "      description:  {}", or_none(&info.description));
    let _ = writeln!(out, "      source:       {}", info.source);
    let _ = writeln!(
        out,
        "      dependencies: {}",
        dependencies(&info.dependencies)
    );
    let config = match host.config_schema(&info.name) {
        Ok(config) => format!("{} (defaults)", config.defaults),
        Err(error) => format!("unknown: {error}"),
    };
    let _ = writeln!(out, "      config:       {config}");
}

fn dependencies(dependencies: &[Dependency]) -> String {
    if dependencies.is_empty() {
        return "none".to_owned();
    }
    let listed: Vec<String> = dependencies
        .iter()
        .map(|d| {
            let optional = if d.optional { " (optional)" } else { "" };
            format!("{} {}{optional}", d.name, d.requirement)
        })
        .collect();
    listed.join(", ")
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "(none)" } else { text }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_static_plugins_and_refusals() {
        let mut host = Host::new("1.0.0".parse().unwrap());
        host.load_static().unwrap();
        let not_a_library = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let refused = [host.load_library(not_a_library).unwrap_err()];

        let text = render(&host, &refused);
        assert!(
            text.starts_with("Loaded 1 plugin:\n  - hello 0.1.0\n"),
            "{text}"
        );
        assert!(
            text.contains("description:  Greets people by name and counts the greetings."),
            "{text}"
        );
        assert!(
            text.contains("source:       the host binary (linked statically)"),
            "{text}"
        );
        assert!(text.contains("dependencies: none"), "{text}");
        assert!(
            text.contains(r#"config:       {"excitement":1,"greeting":"Hello"} (defaults)"#),
            "{text}"
        );
        let refusal =
            format!("Refused 1 library:\n  - '{not_a_library}' could not be opened as a library");
        assert!(text.contains(&refusal), "{text}");
    }

    #[test]
    fn says_none_when_nothing_was_loaded() {
        let host = Host::new("1.0.0".parse().unwrap());
        assert_eq!(
            render(&host, &[]),
            "Loaded 0 plugins:\n  (none)\n\nRefused 0 libraries:\n  (none)\n"
        );
    }
}
