//! Drives `#[plugin]` vtables in-process exactly as a host drives a loaded
//! library: through the root symbol, the descriptor table and the raw `abi`
//! types, with a `HostApi` whose log, service and publish functions are this
//! test's.

use std::ffi::c_void;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use plugin_api::abi::{
    self, ENVIRONMENT_STAGING, HookFn, HostApi, PluginDescriptor, PluginVtable, RBuf, RBytes, RStr,
    Status,
};
use plugin_api::{
    Command, Context, Environment, Event, HookCall, HookFlow, Plugin, PluginError, config, plugin,
};

/// What the worker does.
#[config]
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Put before replies.
    pub greeting: String,
    /// At least 1.
    pub limit: u32,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            greeting: "hello".into(),
            limit: 3,
        }
    }
}

/// Records its lifecycle and answers commands.
#[plugin(name = "worker")]
pub struct Worker {
    events: Vec<String>,
}

const COMMANDS: &[&str] = &["config", "events", "echo", "panic", "host"];

impl Plugin for Worker {
    type Config = WorkerConfig;

    fn new(ctx: &Context<'_, WorkerConfig>) -> Result<Self, PluginError> {
        ctx.log()
            .debug(format!("created with limit {}", ctx.config().limit));
        Ok(Worker { events: Vec::new() })
    }

    fn install(&mut self, _ctx: &Context<'_, WorkerConfig>) -> Result<(), PluginError> {
        self.events.push("install".into());
        Ok(())
    }

    fn activate(&mut self, ctx: &Context<'_, WorkerConfig>) -> Result<(), PluginError> {
        let now: String = ctx.service("clock").call("now", "utc")?;
        ctx.log().info(format!("activated at {now}"));
        log::warn!("activated through the log crate");
        self.events.push(format!("activate at {now}"));
        Ok(())
    }

    fn deactivate(&mut self, ctx: &Context<'_, WorkerConfig>) -> Result<(), PluginError> {
        let missing = ctx.service("weather").call_raw("today", b"").unwrap_err();
        self.events.push(format!(
            "deactivate ({:?}: {})",
            missing.kind(),
            missing.message()
        ));
        Ok(())
    }

    fn uninstall(&mut self, _ctx: &Context<'_, WorkerConfig>) -> Result<(), PluginError> {
        self.events.push("uninstall".into());
        Ok(())
    }

    fn config_changed(
        &mut self,
        ctx: &Context<'_, WorkerConfig>,
        old: &WorkerConfig,
    ) -> Result<(), PluginError> {
        if ctx.config().limit == 0 {
            return Err(PluginError::invalid_config(format!(
                "limit must be at least 1 (it was {}); set a positive limit",
                old.limit
            )));
        }
        Ok(())
    }

    fn call(
        &mut self,
        ctx: &Context<'_, WorkerConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        match command.name() {
            "config" => plugin_api::to_json(ctx.config()),
            "events" => plugin_api::to_json(&self.events),
            "echo" => Ok([ctx.config().greeting.as_bytes(), b" ", command.input()].concat()),
            "panic" => panic!("command panicked with {}", command.input().len()),
            "host" => plugin_api::to_json(&(
                ctx.app_version(),
                ctx.host_api_version(),
                ctx.environment().as_str(),
            )),
            other => Err(PluginError::unknown_command(other, COMMANDS)),
        }
    }
}

/// Panics while installing.
#[plugin(name = "fragile")]
pub struct Fragile;

impl Plugin for Fragile {
    type Config = plugin_api::NoConfig;

    fn new(_ctx: &Context<'_, plugin_api::NoConfig>) -> Result<Self, PluginError> {
        Ok(Fragile)
    }

    fn install(&mut self, _ctx: &Context<'_, plugin_api::NoConfig>) -> Result<(), PluginError> {
        panic!("install exploded");
    }
}

/// Works with others: provides `tally`, subscribes to `counts.*`, takes part
/// in the hook point `normalize`, and hands its total over on a reload.
#[plugin(
    name = "teamwork",
    provides("tally"),
    subscribe("counts.*"),
    hook(name = "normalize", priority = 5)
)]
pub struct Teamwork {
    total: i64,
}

impl Plugin for Teamwork {
    type Config = plugin_api::NoConfig;

    fn new(_ctx: &Context<'_, plugin_api::NoConfig>) -> Result<Self, PluginError> {
        Ok(Teamwork { total: 0 })
    }

    fn serve(
        &mut self,
        ctx: &Context<'_, plugin_api::NoConfig>,
        service: &str,
        request: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        match request.name() {
            "add" => {
                self.total += request.args::<i64>()?;
                ctx.publish("counts.changed", &self.total)?;
                plugin_api::to_json(&(service, self.total))
            }
            other => Err(PluginError::unknown_command(other, &["add"])),
        }
    }

    fn on_event(
        &mut self,
        _ctx: &Context<'_, plugin_api::NoConfig>,
        event: Event<'_>,
    ) -> Result<(), PluginError> {
        if event.topic() == "counts.refused" {
            return Err(PluginError::failed("teamwork refuses counts.refused"));
        }
        self.total += event.payload::<i64>()?;
        Ok(())
    }

    fn on_hook(
        &mut self,
        _ctx: &Context<'_, plugin_api::NoConfig>,
        hook: HookCall<'_>,
    ) -> Result<HookFlow, PluginError> {
        let text: String = hook.payload()?;
        match text.as_str() {
            "keep" => Ok(HookFlow::proceed()),
            "halt" => Ok(HookFlow::proceed().stop()),
            "explode" => panic!("teamwork's hook exploded"),
            _ => Ok(HookFlow::replace(&format!("{}:{text}", hook.point()))?.stop()),
        }
    }

    fn save_state(
        &mut self,
        _ctx: &Context<'_, plugin_api::NoConfig>,
    ) -> Result<Vec<u8>, PluginError> {
        plugin_api::to_json(&self.total)
    }

    fn restore_state(
        &mut self,
        _ctx: &Context<'_, plugin_api::NoConfig>,
        state: &[u8],
    ) -> Result<(), PluginError> {
        self.total = serde_json::from_slice(state)
            .map_err(|e| PluginError::invalid_input(format!("saved state unreadable: {e}")))?;
        Ok(())
    }
}

/// One log record as the host received it: plugin, level, target, message.
type Record = (String, u32, String, String);

static LOG: Mutex<Vec<Record>> = Mutex::new(Vec::new());

/// The host data handed to `call_service` through `HostApi::context`.
struct Services {
    calls: AtomicUsize,
}

static SERVICES: Services = Services {
    calls: AtomicUsize::new(0),
};

static HOST: HostApi = HostApi {
    size: size_of::<HostApi>(),
    context: (&raw const SERVICES).cast(),
    app_version: RStr::from_str("2.1.0"),
    api_version: RStr::from_str(abi::API_VERSION),
    environment: ENVIRONMENT_STAGING,
    max_log_level: 5,
    log: Some(record_log),
    call_service: Some(call_service),
    publish: Some(record_publish),
};

/// The events plugins published: topic and payload.
static PUBLISHED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Records an event; refuses topics with capitals, as a host's name check
/// would.
unsafe extern "C" fn record_publish(
    _context: *const c_void,
    topic: RStr<'_>,
    payload: RBytes<'_>,
    error: *mut RBuf,
) -> Status {
    let topic = topic.to_str().unwrap_or("<unreadable>").to_owned();
    if topic.chars().any(|c| c.is_ascii_uppercase()) {
        // SAFETY: the ABI makes `error` a valid, initialized `RBuf`.
        unsafe { *error = RBuf::from_vec(b"no capitals in topics".to_vec()) };
        return Status::INVALID_INPUT;
    }
    let payload = String::from_utf8_lossy(payload.as_slice().unwrap_or_default()).into_owned();
    PUBLISHED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((topic, payload));
    Status::OK
}

unsafe extern "C" fn record_log(plugin: RStr<'_>, level: u32, target: RStr<'_>, message: RStr<'_>) {
    let text = |s: RStr<'_>| s.to_str().unwrap_or("<unreadable>").to_owned();
    let record = (text(plugin), level, text(target), text(message));
    // A poisoned lock only means another test failed; keep recording.
    LOG.lock().unwrap_or_else(|e| e.into_inner()).push(record);
}

/// Offers one service, `clock`, whose method `now` takes a time zone as JSON.
unsafe extern "C" fn call_service(
    context: *const c_void,
    service: RStr<'_>,
    method: RStr<'_>,
    input: RBytes<'_>,
    output: *mut RBuf,
) -> Status {
    // SAFETY: `HOST.context` points to `SERVICES`, a static.
    let services = unsafe { &*context.cast::<Services>() };
    services.calls.fetch_add(1, Ordering::SeqCst);
    let zone: Option<String> = input
        .as_slice()
        .and_then(|i| serde_json::from_slice(i).ok());
    let (status, reply) = match (service.to_str(), method.to_str(), zone) {
        (Ok("clock"), Ok("now"), Some(zone)) => (Status::OK, format!("\"12:00 {zone}\"")),
        (Ok("clock"), _, _) => (
            Status::INVALID_INPUT,
            "clock offers `now`, taking a time zone".to_owned(),
        ),
        _ => (Status::UNAVAILABLE, "no such service".to_owned()),
    };
    // SAFETY: the ABI makes `output` a valid, initialized `RBuf` owned by the
    // caller; assigning drops the empty buffer that was there.
    unsafe { *output = RBuf::from_vec(reply.into_bytes()) };
    status
}

/// The descriptor of `name`, found through the root symbol as a host finds it.
fn descriptor(name: &str) -> &'static PluginDescriptor {
    let root_fn: abi::RootFn = plugin_api::__private::plugin_sdk_root;
    // SAFETY: the root function only returns a pointer to static data.
    let root = unsafe { root_fn() };
    // SAFETY: the root function never returns null, and the root is static.
    let root = unsafe { &*root };
    assert_eq!(root.magic, abi::MAGIC);
    assert_eq!(root.abi_version, abi::ABI_VERSION);
    assert_eq!(root.api_version.to_str(), Ok(abi::API_VERSION));
    let describe = root.describe.expect("a root has a describe function");
    let mut table = abi::DescriptorTable::empty();
    let mut error = RBuf::empty();
    // SAFETY: both out-parameters are valid and initialized.
    let status = unsafe { describe(&mut table, &mut error) };
    assert_eq!(status, Status::OK, "{}", error.to_string_lossy());
    assert!(!table.plugins.is_null());
    // SAFETY: a successful `describe` leaves a non-null array of `len`
    // descriptor pointers, valid while the library (here, this binary) is
    // mapped.
    let plugins = unsafe { std::slice::from_raw_parts(table.plugins, table.len) };
    // SAFETY: each pointer leads to an immutable descriptor that lives as long.
    let mut descriptors = plugins.iter().map(|&p| unsafe { &*p });
    descriptors
        .find(|d| d.name.to_str() == Ok(name))
        .unwrap_or_else(|| panic!("no plugin '{name}'"))
}

/// One plugin instance, driven through its vtable.
struct Instance {
    vtable: &'static PluginVtable,
    ptr: *mut c_void,
}

/// A failed call: its status and message.
type Failure = (Status, String);

fn outcome(status: Status, buf: &RBuf) -> Result<(), Failure> {
    if status.is_ok() {
        Ok(())
    } else {
        Err((status, buf.to_string_lossy()))
    }
}

impl Instance {
    fn create(plugin: &str, config: &str) -> Result<Instance, Failure> {
        let descriptor = descriptor(plugin);
        // SAFETY: a descriptor's vtable pointer is non-null and static.
        let vtable = unsafe { &*descriptor.vtable };
        assert!(
            vtable.size >= size_of::<PluginVtable>(),
            "every entry this test uses exists"
        );
        let create = vtable.create.expect("create is required");
        let mut ptr = std::ptr::null_mut();
        let mut error = RBuf::empty();
        // SAFETY: `HOST` is static, so it outlives the instance; `config`
        // outlives the call; the out-parameters are valid and initialized.
        let status = unsafe { create(&HOST, RStr::from_str(config), &mut ptr, &mut error) };
        outcome(status, &error)?;
        assert!(!ptr.is_null());
        Ok(Instance { vtable, ptr })
    }

    fn hook(&self, hook: Option<HookFn>) -> Result<(), Failure> {
        let hook = hook.expect("every hook is required");
        let mut error = RBuf::empty();
        // SAFETY: `ptr` is a live instance of this vtable, used by one call at
        // a time; the error buffer is valid and initialized.
        let status = unsafe { hook(self.ptr, &mut error) };
        outcome(status, &error)
    }

    fn install(&self) -> Result<(), Failure> {
        self.hook(self.vtable.install)
    }

    fn activate(&self) -> Result<(), Failure> {
        self.hook(self.vtable.activate)
    }

    fn deactivate(&self) -> Result<(), Failure> {
        self.hook(self.vtable.deactivate)
    }

    fn uninstall(&self) -> Result<(), Failure> {
        self.hook(self.vtable.uninstall)
    }

    fn config_changed(&self, config: &str) -> Result<(), Failure> {
        let config_changed = self
            .vtable
            .config_changed
            .expect("config_changed is required");
        let mut error = RBuf::empty();
        // SAFETY: as in `hook`; `config` outlives the call.
        let status = unsafe { config_changed(self.ptr, RStr::from_str(config), &mut error) };
        outcome(status, &error)
    }

    fn call(&self, command: &str, input: &[u8]) -> Result<Vec<u8>, Failure> {
        let call = self.vtable.call.expect("call is required");
        let mut output = RBuf::empty();
        // SAFETY: as in `hook`; the command and input outlive the call.
        let status = unsafe {
            call(
                self.ptr,
                RStr::from_str(command),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        outcome(status, &output)?;
        Ok(output.as_slice().expect("a well-formed buffer").to_vec())
    }

    fn call_json(&self, command: &str) -> serde_json::Value {
        let output = self
            .call(command, b"")
            .unwrap_or_else(|e| panic!("command '{command}' failed: {e:?}"));
        serde_json::from_slice(&output).expect("JSON output")
    }

    fn serve(&self, service: &str, method: &str, input: &[u8]) -> Result<Vec<u8>, Failure> {
        let serve = self.vtable.serve.expect("a grown vtable has serve");
        let mut output = RBuf::empty();
        // SAFETY: as in `hook`; the strings and input outlive the call.
        let status = unsafe {
            serve(
                self.ptr,
                RStr::from_str(service),
                RStr::from_str(method),
                RBytes::from_slice(input),
                &mut output,
            )
        };
        outcome(status, &output)?;
        Ok(output.as_slice().expect("a well-formed buffer").to_vec())
    }

    fn on_event(&self, topic: &str, payload: &[u8]) -> Result<(), Failure> {
        let on_event = self.vtable.on_event.expect("a grown vtable has on_event");
        let mut error = RBuf::empty();
        // SAFETY: as in `hook`; topic and payload outlive the call.
        let status = unsafe {
            on_event(
                self.ptr,
                RStr::from_str(topic),
                RBytes::from_slice(payload),
                &mut error,
            )
        };
        outcome(status, &error)
    }

    /// Runs the hook; returns the flow bits and the output bytes.
    fn on_hook(&self, point: &str, payload: &[u8]) -> Result<(u32, Vec<u8>), Failure> {
        let on_hook = self.vtable.on_hook.expect("a grown vtable has on_hook");
        let mut output = RBuf::empty();
        let mut flow = 0u32;
        // SAFETY: as in `hook`; point and payload outlive the call; `flow`
        // is a valid, zeroed word.
        let status = unsafe {
            on_hook(
                self.ptr,
                RStr::from_str(point),
                RBytes::from_slice(payload),
                &mut output,
                &mut flow,
            )
        };
        outcome(status, &output)?;
        Ok((flow, output.as_slice().unwrap_or_default().to_vec()))
    }

    fn save_state(&self) -> Result<Vec<u8>, Failure> {
        let save = self
            .vtable
            .save_state
            .expect("a grown vtable has save_state");
        let mut state = RBuf::empty();
        // SAFETY: as in `hook`.
        let status = unsafe { save(self.ptr, &mut state) };
        outcome(status, &state)?;
        Ok(state.as_slice().unwrap_or_default().to_vec())
    }

    fn restore_state(&self, state: &[u8]) -> Result<(), Failure> {
        let restore = self
            .vtable
            .restore_state
            .expect("a grown vtable has restore_state");
        let mut error = RBuf::empty();
        // SAFETY: as in `hook`; `state` outlives the call.
        let status = unsafe { restore(self.ptr, RBytes::from_slice(state), &mut error) };
        outcome(status, &error)
    }

    fn destroy(self) -> Result<(), Failure> {
        self.hook(self.vtable.destroy)
    }
}

fn records_of(plugin: &str) -> Vec<Record> {
    LOG.lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|r| r.0 == plugin)
        .cloned()
        .collect()
}

#[test]
fn lifecycle_runs_in_order_with_config_defaults_applied() {
    let worker = Instance::create("worker", r#"{"greeting":"hi"}"#).unwrap();
    assert_eq!(
        worker.call_json("config"),
        serde_json::json!({ "greeting": "hi", "limit": 3 })
    );
    worker.install().unwrap();
    worker.activate().unwrap();
    worker.deactivate().unwrap();
    worker.uninstall().unwrap();
    assert_eq!(
        worker.call_json("events"),
        serde_json::json!([
            "install",
            "activate at 12:00 utc",
            "deactivate (Unavailable: no such service)",
            "uninstall"
        ])
    );
    worker.destroy().unwrap();
}

#[test]
fn null_and_empty_configs_mean_the_defaults() {
    for config in ["", "null", "{}"] {
        let worker = Instance::create("worker", config).unwrap();
        assert_eq!(
            worker.call_json("config"),
            serde_json::json!({ "greeting": "hello", "limit": 3 }),
            "{config:?}"
        );
        worker.destroy().unwrap();
    }
}

#[test]
fn an_unknown_config_field_is_rejected_by_name() {
    let (status, message) = Instance::create("worker", r#"{"greting":"hi"}"#)
        .err()
        .expect("creation fails");
    assert_eq!(status, Status::INVALID_CONFIG);
    assert!(message.contains("unknown field `greting`"), "{message}");
    assert!(
        message.contains("expected `greeting` or `limit`"),
        "{message}"
    );
}

#[test]
fn a_config_of_the_wrong_type_is_rejected() {
    let (status, message) = Instance::create("worker", r#"{"limit":"many"}"#)
        .err()
        .expect("creation fails");
    assert_eq!(status, Status::INVALID_CONFIG);
    assert!(
        message.contains("invalid type: string \"many\", expected u32"),
        "{message}"
    );
}

#[test]
fn commands_return_bytes_and_unknown_commands_are_reported() {
    let worker = Instance::create("worker", "{}").unwrap();
    assert_eq!(
        worker.call("echo", b"\x00raw\xff").unwrap(),
        b"hello \x00raw\xff"
    );
    assert_eq!(
        worker.call_json("host"),
        serde_json::json!(["2.1.0", abi::API_VERSION, "staging"])
    );
    assert_eq!(
        Environment::from_code(HOST.environment),
        Environment::Staging
    );
    let (status, message) = worker.call("nope", b"").unwrap_err();
    assert_eq!(status, Status::UNKNOWN_COMMAND);
    assert_eq!(
        message,
        "unknown command 'nope'; the commands are: config, events, echo, panic, host"
    );
    worker.destroy().unwrap();
}

#[test]
fn a_panic_becomes_a_status_and_never_unwinds() {
    let fragile = Instance::create("fragile", "{}").unwrap();
    assert_eq!(
        fragile.install(),
        Err((Status::PANICKED, "panicked: install exploded".to_owned()))
    );
    fragile.destroy().unwrap();

    let worker = Instance::create("worker", "{}").unwrap();
    assert_eq!(
        worker.call("panic", b"abc"),
        Err((
            Status::PANICKED,
            "panicked: command panicked with 3".to_owned()
        ))
    );
    assert_eq!(
        worker.call_json("events"),
        serde_json::json!([]),
        "the instance still answers"
    );
    worker.destroy().unwrap();
}

#[test]
fn a_config_change_is_accepted_or_rejected_keeping_the_old_config() {
    let worker = Instance::create("worker", "{}").unwrap();
    worker.config_changed(r#"{"limit":5}"#).unwrap();
    assert_eq!(
        worker.call_json("config"),
        serde_json::json!({ "greeting": "hello", "limit": 5 })
    );

    let rejected = worker.config_changed(r#"{"greeting":"yo","limit":0}"#);
    assert_eq!(
        rejected,
        Err((
            Status::INVALID_CONFIG,
            "limit must be at least 1 (it was 5); set a positive limit".into()
        ))
    );
    assert_eq!(
        worker.call_json("config"),
        serde_json::json!({ "greeting": "hello", "limit": 5 })
    );

    let (status, message) = worker.config_changed(r#"{"limt":1}"#).unwrap_err();
    assert_eq!(status, Status::INVALID_CONFIG);
    assert!(message.contains("unknown field `limt`"), "{message}");
    assert_eq!(
        worker.call_json("config"),
        serde_json::json!({ "greeting": "hello", "limit": 5 })
    );
    worker.destroy().unwrap();
}

#[test]
fn hooks_call_host_services_with_the_host_context() {
    let before = SERVICES.calls.load(Ordering::SeqCst);
    let worker = Instance::create("worker", "{}").unwrap();
    worker.activate().unwrap();
    assert!(SERVICES.calls.load(Ordering::SeqCst) > before);
    assert_eq!(
        worker.call_json("events"),
        serde_json::json!(["activate at 12:00 utc"])
    );
    worker.destroy().unwrap();
}

#[test]
fn log_records_reach_the_host_tagged_with_the_plugin() {
    let worker = Instance::create("worker", r#"{"limit":7}"#).unwrap();
    worker.activate().unwrap();
    worker.destroy().unwrap();
    let records = records_of("worker");
    let expect = |level: u32, target: &str, message: &str| {
        let record = (
            "worker".to_owned(),
            level,
            target.to_owned(),
            message.to_owned(),
        );
        assert!(records.contains(&record), "{record:?} not in {records:#?}");
    };
    expect(4, "worker", "created with limit 7");
    expect(3, "worker", "activated at 12:00 utc");
    // The `log` crate's records arrive through the bridge a loaded library
    // installs, attributed to the plugin whose call is running.
    expect(2, "vtable", "activated through the log crate");
}

#[test]
fn the_descriptor_lists_services_subscriptions_and_hooks() {
    let teamwork = descriptor("teamwork");
    assert_eq!(teamwork.size, size_of::<PluginDescriptor>());
    let strings = |ptr: *const RStr<'static>, len: usize| -> Vec<&str> {
        // SAFETY: a descriptor's lists hold `len` static strings.
        unsafe { std::slice::from_raw_parts(ptr, len) }
            .iter()
            .map(|s| s.to_str().unwrap())
            .collect()
    };
    assert_eq!(
        strings(teamwork.services, teamwork.service_count),
        ["tally"]
    );
    assert_eq!(
        strings(teamwork.subscriptions, teamwork.subscription_count),
        ["counts.*"]
    );
    // SAFETY: `hook_count` hook descriptors, static.
    let hooks = unsafe { std::slice::from_raw_parts(teamwork.hooks, teamwork.hook_count) };
    assert_eq!(hooks.len(), 1);
    assert_eq!(
        (hooks[0].name.to_str(), hooks[0].priority, hooks[0].flags),
        (Ok("normalize"), 5, 0)
    );
    assert_eq!(teamwork.flags, 0);
    assert_eq!(descriptor("worker").service_count, 0);
}

#[test]
fn serve_answers_and_publishes_through_the_host() {
    let teamwork = Instance::create("teamwork", "null").unwrap();
    assert_eq!(
        teamwork.serve("tally", "add", b"5").unwrap(),
        br#"["tally",5]"#
    );
    assert_eq!(
        teamwork.serve("tally", "add", b"-2").unwrap(),
        br#"["tally",3]"#
    );
    let published: Vec<(String, String)> = PUBLISHED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
        .filter(|(topic, _)| topic == "counts.changed")
        .cloned()
        .collect();
    // Other tests publish too, concurrently: look for these two, in order.
    let five = published
        .iter()
        .rposition(|(_, payload)| payload == "5")
        .expect("5 was published");
    assert!(
        published[five..].iter().any(|(_, payload)| payload == "3"),
        "{published:?}"
    );
    let (status, message) = teamwork.serve("tally", "subtract", b"1").unwrap_err();
    assert_eq!(status, Status::UNKNOWN_COMMAND);
    assert_eq!(message, "unknown command 'subtract'; the commands are: add");
    let (status, message) = teamwork.serve("tally", "add", b"\"x\"").unwrap_err();
    assert_eq!(status, Status::INVALID_INPUT, "{message}");
    teamwork.destroy().unwrap();

    let worker = Instance::create("worker", "{}").unwrap();
    let (status, message) = worker.serve("tally", "add", b"1").unwrap_err();
    assert_eq!(status, Status::UNAVAILABLE);
    assert_eq!(
        message,
        "plugin 'worker' declares service 'tally' but does not implement Plugin::serve"
    );
    worker.destroy().unwrap();
}

#[test]
fn events_arrive_with_their_payload_and_errors_come_back() {
    let teamwork = Instance::create("teamwork", "null").unwrap();
    teamwork.on_event("counts.added", b"4").unwrap();
    teamwork.on_event("counts.added", b"6").unwrap();
    assert_eq!(teamwork.save_state().unwrap(), b"10");
    let (status, message) = teamwork.on_event("counts.refused", b"1").unwrap_err();
    assert_eq!(status, Status::FAILED);
    assert_eq!(message, "teamwork refuses counts.refused");
    let (status, message) = teamwork.on_event("counts.added", b"{").unwrap_err();
    assert_eq!(status, Status::INVALID_INPUT);
    assert!(
        message.starts_with("invalid payload for event 'counts.added'"),
        "{message}"
    );
    teamwork.destroy().unwrap();
}

#[test]
fn hooks_report_replacement_and_stop_in_the_flow_bits() {
    let teamwork = Instance::create("teamwork", "null").unwrap();
    assert_eq!(
        teamwork.on_hook("normalize", b"\"keep\"").unwrap(),
        (0, vec![])
    );
    assert_eq!(
        teamwork.on_hook("normalize", b"\"halt\"").unwrap(),
        (abi::HOOK_STOP, vec![])
    );
    assert_eq!(
        teamwork.on_hook("normalize", b"\"text\"").unwrap(),
        (
            abi::HOOK_REPLACE | abi::HOOK_STOP,
            b"\"normalize:text\"".to_vec()
        )
    );
    assert_eq!(
        teamwork.on_hook("normalize", b"\"explode\""),
        Err((
            Status::PANICKED,
            "panicked: teamwork's hook exploded".to_owned()
        ))
    );
    let (status, _) = teamwork.on_hook("normalize", b"42").unwrap_err();
    assert_eq!(status, Status::INVALID_INPUT);
    teamwork.destroy().unwrap();

    let worker = Instance::create("worker", "{}").unwrap();
    assert_eq!(
        worker.on_hook("anything", b"1").unwrap(),
        (0, vec![]),
        "by default a plugin lets the payload through"
    );
    worker.destroy().unwrap();
}

#[test]
fn state_saved_by_one_instance_is_restored_in_another() {
    let old = Instance::create("teamwork", "null").unwrap();
    old.serve("tally", "add", b"42").unwrap();
    let state = old.save_state().unwrap();
    old.destroy().unwrap();
    assert_eq!(state, b"42");

    let new = Instance::create("teamwork", "null").unwrap();
    new.restore_state(&state).unwrap();
    assert_eq!(new.save_state().unwrap(), b"42");
    let (status, message) = new.restore_state(b"not json").unwrap_err();
    assert_eq!(status, Status::INVALID_INPUT);
    assert!(message.starts_with("saved state unreadable"), "{message}");
    new.destroy().unwrap();

    let worker = Instance::create("worker", "{}").unwrap();
    assert_eq!(worker.save_state().unwrap(), b"", "no state by default");
    worker.destroy().unwrap();
}

#[test]
fn a_refused_publication_reaches_the_plugin_as_an_error() {
    let host_api = HostApi {
        publish: Some(record_publish),
        ..HostApi::detached("1.0.0")
    };
    let ctx = Context::new(&plugin_api::NoConfig {}, &host_api, "teamwork");
    let error = ctx.publish("Counts", &1).unwrap_err();
    assert_eq!(error.kind(), plugin_api::ErrorKind::InvalidInput);
    assert_eq!(error.message(), "no capitals in topics");
    let detached = HostApi::detached("1.0.0");
    let ctx = Context::new(&plugin_api::NoConfig {}, &detached, "teamwork");
    let error = ctx.publish("counts", &1).unwrap_err();
    assert_eq!(error.kind(), plugin_api::ErrorKind::Unavailable);
}
