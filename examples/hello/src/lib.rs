//! An example plugin, `hello`: it greets people by name and counts the
//! greetings.
//!
//! One source serves both ways of using a plugin: built as a `cdylib`, a host
//! loads it at run time (`example-host --plugins DIR`); linked as an `rlib`, a
//! host that refers to the crate finds it with no loading at all
//! (`example-host --static`).
//!
//! # Commands
//!
//! | command | arguments          | reply                  |
//! |---------|--------------------|------------------------|
//! | `greet` | `{"name": "Ada"}`  | `{"message": "Hello, Ada!"}` |
//! | `count` | none               | the number of greetings so far, e.g. `2` |
//!
//! # Events
//!
//! Each greeting is also published on the host's event bus under the topic
//! `greetings.sent`, with the reply of `greet` as its payload; subscribers
//! receive it once the `greet` call has returned. A host without an event bus
//! just gets no events.
//!
//! # Configuration
//!
//! See [`HelloConfig`]; every field is optional and defaults as documented.

use plugin_api::{Command, Context, Plugin, PluginError, plugin};
use serde::{Deserialize, Serialize};

/// The arguments of `greet`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GreetArgs {
    /// Who to greet.
    pub name: String,
}

/// The reply of `greet`.
#[derive(Debug, Serialize)]
pub struct Greeting {
    /// The greeting.
    pub message: String,
}

/// How the `hello` plugin greets.
#[plugin_api::config]
pub struct HelloConfig {
    /// The word put before each name (default "Hello").
    pub greeting: String,
    /// How many exclamation marks end each greeting, 0 to 10 (default 1).
    pub excitement: u8,
}

impl Default for HelloConfig {
    fn default() -> Self {
        HelloConfig {
            greeting: "Hello".to_owned(),
            excitement: 1,
        }
    }
}

/// The most exclamation marks a greeting may end with.
const MAX_EXCITEMENT: u8 = 10;

/// The topic each greeting is published under.
pub const GREETING_TOPIC: &str = "greetings.sent";

/// The commands this plugin answers, listed in "unknown command" errors.
const COMMANDS: &[&str] = &["greet", "count"];

/// Greets people by name and counts the greetings.
#[plugin(name = "hello")]
pub struct Hello {
    greetings: u64,
}

impl Plugin for Hello {
    type Config = HelloConfig;

    /// Creates an instance, refusing a configuration it cannot honour.
    fn new(ctx: &Context<'_, HelloConfig>) -> Result<Self, PluginError> {
        check_config(ctx.config())?;
        Ok(Hello { greetings: 0 })
    }

    /// Nothing to set up; logs that the plugin was installed.
    fn install(&mut self, ctx: &Context<'_, HelloConfig>) -> Result<(), PluginError> {
        ctx.log().info(format_args!(
            "installed in a {} host, application version {}",
            ctx.environment(),
            ctx.app_version()
        ));
        Ok(())
    }

    /// Logs through the `log` facade, and asks the host's `clock` service for
    /// the time if the host offers one.
    fn activate(&mut self, ctx: &Context<'_, HelloConfig>) -> Result<(), PluginError> {
        match ctx.service("clock").call::<_, u64>("now", &()) {
            Ok(now) => log::info!("active since unix time {now}"),
            Err(e) => log::info!("active (no clock: {e})"),
        }
        Ok(())
    }

    /// Logs how many greetings were made while active.
    fn deactivate(&mut self, ctx: &Context<'_, HelloConfig>) -> Result<(), PluginError> {
        ctx.log().info(format_args!(
            "deactivated after {} greeting(s)",
            self.greetings
        ));
        Ok(())
    }

    /// Nothing to undo; logs that the plugin was uninstalled.
    fn uninstall(&mut self, ctx: &Context<'_, HelloConfig>) -> Result<(), PluginError> {
        ctx.log().info("uninstalled");
        Ok(())
    }

    /// Accepts a new configuration on the same terms as `new`.
    fn config_changed(
        &mut self,
        ctx: &Context<'_, HelloConfig>,
        _old: &HelloConfig,
    ) -> Result<(), PluginError> {
        check_config(ctx.config())
    }

    /// Runs `greet` or `count`; see the crate docs for their arguments and
    /// replies.
    fn call(
        &mut self,
        ctx: &Context<'_, HelloConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        match command.name() {
            "greet" => {
                let GreetArgs { name } = command.args()?;
                if name.trim().is_empty() {
                    return Err(PluginError::invalid_input(
                        r#"command 'greet' needs a non-empty name: send {"name": "..."}"#,
                    ));
                }
                let config = ctx.config();
                let marks = "!".repeat(usize::from(config.excitement));
                let message = format!("{}, {name}{marks}", config.greeting);
                self.greetings += 1;
                ctx.log()
                    .debug(format_args!("greeting number {}", self.greetings));
                let greeting = Greeting { message };
                // The greeting is the reply; the event is a courtesy, so a
                // host without an event bus still gets its greeting.
                if let Err(e) = ctx.publish(GREETING_TOPIC, &greeting) {
                    ctx.log().debug(format_args!("greeting not published: {e}"));
                }
                plugin_api::to_json(&greeting)
            }
            "count" => plugin_api::to_json(&self.greetings),
            other => Err(PluginError::unknown_command(other, COMMANDS)),
        }
    }
}

fn check_config(config: &HelloConfig) -> Result<(), PluginError> {
    if config.excitement > MAX_EXCITEMENT {
        return Err(PluginError::invalid_config(format!(
            "excitement is {} but at most {MAX_EXCITEMENT} exclamation marks are allowed; lower it",
            config.excitement
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The plugin driven in-process, exactly as the generated glue drives it
    //! for a host, but with no host and no library loading.

    use plugin_api::abi::HostApi;
    use plugin_api::{ErrorKind, Plugin};

    use super::*;

    /// A host that offers no logger and no services.
    fn bare_host() -> HostApi {
        HostApi::detached("1.0.0")
    }

    fn greet(
        hello: &mut Hello,
        ctx: &Context<'_, HelloConfig>,
        args: &str,
    ) -> Result<String, PluginError> {
        let reply = hello.call(ctx, Command::new("greet", args.as_bytes()))?;
        Ok(String::from_utf8(reply).expect("replies are JSON text"))
    }

    #[test]
    fn greets_with_the_configuration_and_counts() {
        let host = bare_host();
        let config = HelloConfig {
            greeting: "Hi".to_owned(),
            excitement: 3,
        };
        let ctx = Context::new(&config, &host, "hello");
        let mut hello = Hello::new(&ctx).unwrap();
        hello.install(&ctx).unwrap();
        hello.activate(&ctx).unwrap();

        assert_eq!(
            greet(&mut hello, &ctx, r#"{"name": "Ada"}"#).unwrap(),
            r#"{"message":"Hi, Ada!!!"}"#
        );
        assert_eq!(
            greet(&mut hello, &ctx, r#"{"name": "Grace"}"#).unwrap(),
            r#"{"message":"Hi, Grace!!!"}"#
        );
        assert_eq!(hello.call(&ctx, Command::new("count", b"")).unwrap(), b"2");

        hello.deactivate(&ctx).unwrap();
        hello.uninstall(&ctx).unwrap();
    }

    #[test]
    fn defaults_say_hello_once_excitedly() {
        let host = bare_host();
        let config = HelloConfig::default();
        let ctx = Context::new(&config, &host, "hello");
        let mut hello = Hello::new(&ctx).unwrap();
        assert_eq!(
            greet(&mut hello, &ctx, r#"{"name": "Ada"}"#).unwrap(),
            r#"{"message":"Hello, Ada!"}"#
        );
    }

    #[test]
    fn bad_arguments_and_commands_are_typed_errors() {
        let host = bare_host();
        let config = HelloConfig::default();
        let ctx = Context::new(&config, &host, "hello");
        let mut hello = Hello::new(&ctx).unwrap();

        let error = greet(&mut hello, &ctx, r#"{"nmae": "Ada"}"#).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(
            error
                .message()
                .contains("unknown field `nmae`, expected `name`"),
            "{error}"
        );

        let error = greet(&mut hello, &ctx, r#"{"name": " "}"#).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(
            error.message().contains("needs a non-empty name"),
            "{error}"
        );

        let error = greet(&mut hello, &ctx, "not json").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);

        let error = hello.call(&ctx, Command::new("grete", b"")).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnknownCommand);
        assert_eq!(
            error.message(),
            "unknown command 'grete'; the commands are: greet, count"
        );

        assert_eq!(
            hello.call(&ctx, Command::new("count", b"")).unwrap(),
            b"0",
            "failed greetings do not count"
        );
    }

    #[test]
    fn too_much_excitement_is_refused() {
        let host = bare_host();
        let config = HelloConfig {
            excitement: 11,
            ..HelloConfig::default()
        };
        let error = Hello::new(&Context::new(&config, &host, "hello"))
            .err()
            .expect("excitement 11 is refused");
        assert_eq!(error.kind(), ErrorKind::InvalidConfig);
        assert!(error.message().contains("at most 10"), "{error}");
    }
}
