use crate::{Command, Context, PluginConfig, PluginError};

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
}
