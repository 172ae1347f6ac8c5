use crate::{Command, Context, Event, HookCall, HookFlow, PluginConfig, PluginError};

/// A plugin: a type the host creates, drives through its lifecycle and sends
/// commands to.
///
/// Implement this trait and put [`#[plugin]`](crate::plugin) on the type; the
/// attribute generates everything that lets a host find the plugin, whether
/// the crate is built as a `cdylib` and loaded at run time or linked
/// statically.
///
/// # Lifecycle
///
/// A host drives each instance through these phases, in this order:
///
/// 1. [`new`](Plugin::new): the instance is created with its configuration.
/// 2. [`install`](Plugin::install): one-time set-up (create tables, files).
/// 3. [`activate`](Plugin::activate): start working; commands may follow.
/// 4. [`call`](Plugin::call), any number of times, and
///    [`config_changed`](Plugin::config_changed) whenever the configuration
///    changes.
/// 5. [`deactivate`](Plugin::deactivate): stop working. Activation and
///    deactivation may alternate any number of times.
/// 6. [`uninstall`](Plugin::uninstall): undo what `install` did.
/// 7. The instance is dropped.
///
/// Hooks have default implementations that do nothing. The host never calls
/// two methods of one instance at the same time.
///
/// # Working with other plugins
///
/// While active, a plugin may also be asked to:
///
/// - answer calls to the services it declares with `#[plugin(provides(..))]`,
///   in [`serve`](Plugin::serve);
/// - receive the events it subscribes to with `#[plugin(subscribe(..))]`, in
///   [`on_event`](Plugin::on_event), after the call that published them has
///   returned;
/// - take part in the host hook points it names with `#[plugin(hook(..))]`,
///   in [`on_hook`](Plugin::on_hook), in priority order.
///
/// A call that would come back into a plugin already running on the same
/// thread (A calls B's service, which calls A's) is refused with
/// [`ErrorKind::Unavailable`](crate::ErrorKind::Unavailable) instead of
/// deadlocking.
///
/// # Hot reload
///
/// When the host swaps in a new build of the library, it calls
/// [`save_state`](Plugin::save_state) on the old instance, then
/// [`deactivate`](Plugin::deactivate) on it, creates the new instance with
/// the same configuration, and calls [`restore_state`](Plugin::restore_state)
/// and [`activate`](Plugin::activate) on it. `install` does not run again.
///
/// # Errors
///
/// A hook that returns an error leaves the instance in the phase it was in
/// (a failed `activate` means the plugin is not active), and the host reports
/// the error with the plugin's name. Messages should say what to do.
///
/// # Panics
///
/// A panic in any method is caught at the boundary and reaches the host as an
/// error carrying the panic message; the host marks the plugin failed and
/// calls it no more, but keeps running. This needs the plugin built with
/// `panic = "unwind"` (the default): with `panic = "abort"` a panic ends the
/// process.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has #[plugin] but does not implement `plugin_api::Plugin`",
    label = "this type needs an `impl plugin_api::Plugin for {Self}`",
    note = "#[plugin] registers a type; the `Plugin` impl gives it a configuration, hooks and commands"
)]
pub trait Plugin: Send + Sized + 'static {
    /// The configuration type; [`NoConfig`](crate::NoConfig) for none.
    type Config: PluginConfig;

    /// Creates an instance.
    ///
    /// # Errors
    ///
    /// Return an error if the plugin cannot start with this configuration.
    fn new(ctx: &Context<'_, Self::Config>) -> Result<Self, PluginError>;

    /// One-time set-up, before the first activation.
    ///
    /// # Errors
    ///
    /// An error aborts the installation.
    fn install(&mut self, ctx: &Context<'_, Self::Config>) -> Result<(), PluginError> {
        let _ = ctx;
        Ok(())
    }

    /// Starts the plugin's work.
    ///
    /// # Errors
    ///
    /// An error leaves the plugin inactive.
    fn activate(&mut self, ctx: &Context<'_, Self::Config>) -> Result<(), PluginError> {
        let _ = ctx;
        Ok(())
    }

    /// Stops the plugin's work.
    ///
    /// # Errors
    ///
    /// An error is reported; the host still treats the plugin as inactive.
    fn deactivate(&mut self, ctx: &Context<'_, Self::Config>) -> Result<(), PluginError> {
        let _ = ctx;
        Ok(())
    }

    /// Undoes what [`install`](Plugin::install) did.
    ///
    /// # Errors
    ///
    /// An error aborts the uninstallation.
    fn uninstall(&mut self, ctx: &Context<'_, Self::Config>) -> Result<(), PluginError> {
        let _ = ctx;
        Ok(())
    }

    /// The configuration changed: `ctx.config()` is the new one, `old` the one
    /// before.
    ///
    /// # Errors
    ///
    /// An error rejects the change and the old configuration stays.
    fn config_changed(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        old: &Self::Config,
    ) -> Result<(), PluginError> {
        let _ = (ctx, old);
        Ok(())
    }

    /// Runs a command. Match on [`Command::name`], read arguments with
    /// [`Command::args`] and return the result with [`to_json`](crate::to_json).
    ///
    /// ```
    /// # use plugin_api::{Command, Context, NoConfig, Plugin, PluginError};
    /// # struct Adder;
    /// # impl Plugin for Adder {
    /// #     type Config = NoConfig;
    /// #     fn new(_: &Context<'_, NoConfig>) -> Result<Self, PluginError> { Ok(Adder) }
    /// fn call(&mut self, _ctx: &Context<'_, NoConfig>, command: Command<'_>) -> Result<Vec<u8>, PluginError> {
    ///     match command.name() {
    ///         "add" => {
    ///             let (a, b): (i64, i64) = command.args()?;
    ///             plugin_api::to_json(&(a + b))
    ///         }
    ///         other => Err(PluginError::unknown_command(other, &["add"])),
    ///     }
    /// }
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Whatever the command fails with; by default every command is unknown.
    fn call(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        let _ = ctx;
        Err(PluginError::unknown_command(command.name(), &[]))
    }

    /// Answers a call to `service`, one of the services this plugin declares
    /// with `#[plugin(provides(..))]`; `request` carries the method name and
    /// the JSON input. Called only while the plugin is active.
    ///
    /// # Errors
    ///
    /// Whatever the service fails with; by default every service is
    /// unavailable.
    fn serve(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        service: &str,
        request: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        let _ = (ctx, request);
        Err(PluginError::unavailable(format!(
            "plugin '{}' declares service '{service}' but does not implement Plugin::serve",
            ctx.plugin_name()
        )))
    }

    /// Receives an event on a topic this plugin subscribes to with
    /// `#[plugin(subscribe(..))]`. Called only while the plugin is active.
    ///
    /// # Errors
    ///
    /// An error is reported to the host with the plugin's name; other
    /// subscribers still receive the event.
    fn on_event(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        event: Event<'_>,
    ) -> Result<(), PluginError> {
        let _ = (ctx, event);
        Ok(())
    }

    /// Runs this plugin's part of a host hook point it takes part in with
    /// `#[plugin(hook(..))]`: read the payload, and keep it, replace it or
    /// stop the chain. Called only while the plugin is active.
    ///
    /// # Errors
    ///
    /// An error stops the chain and reaches the host with the plugin's name.
    fn on_hook(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        hook: HookCall<'_>,
    ) -> Result<HookFlow, PluginError> {
        let _ = (ctx, hook);
        Ok(HookFlow::proceed())
    }

    /// Before a hot reload: returns the state the new instance should start
    /// from, in any format the plugin chooses (JSON through
    /// [`to_json`](crate::to_json) is usual); empty means none.
    ///
    /// # Errors
    ///
    /// An error cancels the reload; the old instance stays.
    fn save_state(&mut self, ctx: &Context<'_, Self::Config>) -> Result<Vec<u8>, PluginError> {
        let _ = ctx;
        Ok(Vec::new())
    }

    /// After a hot reload, before `activate`: takes the state the previous
    /// instance saved. Not called when it saved none.
    ///
    /// # Errors
    ///
    /// An error cancels the reload; the old instance stays.
    fn restore_state(
        &mut self,
        ctx: &Context<'_, Self::Config>,
        state: &[u8],
    ) -> Result<(), PluginError> {
        let _ = (ctx, state);
        Ok(())
    }
}
