use plugin_api::abi::{
    CallFn, ConfigChangedFn, CreateFn, DescribeConfigFn, EventFn, HookFn, HookPointFn,
    RestoreStateFn, SaveStateFn, ServeFn,
};

/// A vtable whose required entries have been checked to be present, so calls
/// need no further checks; the optional ones are `None` when the library
/// does not have them.
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
    pub(crate) save_state: Option<SaveStateFn>,
    pub(crate) restore_state: Option<RestoreStateFn>,
    pub(crate) on_event: Option<EventFn>,
    pub(crate) on_hook: Option<HookPointFn>,
    pub(crate) serve: Option<ServeFn>,
}
