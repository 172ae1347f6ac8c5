use plugin_api::{Context, NoConfig, Plugin, PluginError, plugin};

/// Records who changed what.
#[plugin(
    name = "audit-log",
    version = "2.1.0-beta.1+build.5",
    description = "Records who changed what",
    authors = "Ann <ann@example.com>:Bob",
    license = "MIT OR Apache-2.0",
    requires = ">=1.4, <2",
    dependency(name = "storage", version = "^1.2"),
    dependency(optional, name = "metrics_v2", version = "~0.3"),
    dependency(name = "clock"),
    conflicts("legacy-audit", "audit_old"),
    provides("audit", "audit.query-v2"),
    subscribe("orders.created", "users.*", "*"),
    hook(name = "pre_parse", priority = -10),
    hook(priority = 2147483647, name = "workflow_step"),
    hook(name = "post_validate"),
    unload_safe
)]
pub struct AuditLog {
    _entries: Vec<String>,
}

impl Plugin for AuditLog {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(AuditLog {
            _entries: Vec::new(),
        })
    }
}

/// An enum works as a plugin type too, and raw identifiers are fine.
#[plugin(name = "mode", conflicts())]
enum r#Mode {
    Fast,
}

impl Plugin for Mode {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(Mode::Fast)
    }
}

fn main() {}
