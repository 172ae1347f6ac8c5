use plugin_api::abi::{CallFn, ConfigChangedFn, CreateFn, DescribeConfigFn, HookFn};

/// A vtable whose required entries have been checked to be present, so calls
/// need no further checks.
#[derive(Clone, Copy)]
pub(crate) struct Vtable {
    pub(crate) create: CreateFn,
    pub(crate) destroy: HookFn,
    pub(crate) install: HookFn,
    pub(crate) activate: HookFn,
    pub(crate) deactivate: HookFn,
    pub(crate) uninstall: HookFn,
    pub(crate) config_changed: ConfigChangedFn,
    pub(crate) call: CallFn,
    pub(crate) describe_config: DescribeConfigFn,
}
