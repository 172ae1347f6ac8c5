//! The `credentials` service through a real host: two statically linked
//! plugins each read their own credentials, from the environment or a
//! private file, and never the other's.

use plugin_api::{Command, Context, NoConfig, Plugin, PluginError, plugin};
use plugin_host::{ChainStore, EnvStore, ErrorKind, FileStore, Host, Instance, Secret};

/// Reads a credential by name and returns the service's reply as it is.
fn read(ctx: &Context<'_, NoConfig>, command: Command<'_>) -> Result<Vec<u8>, PluginError> {
    match command.name() {
        "read" => ctx.service("credentials").call_raw("get", command.input()),
        other => Err(PluginError::unknown_command(other, &["read"])),
    }
}

/// First reader.
#[plugin(name = "cred-alpha")]
pub struct CredAlpha;

impl Plugin for CredAlpha {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(CredAlpha)
    }

    fn call(
        &mut self,
        ctx: &Context<'_, NoConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        read(ctx, command)
    }
}

/// Second reader.
#[plugin(name = "cred-beta")]
pub struct CredBeta;

impl Plugin for CredBeta {
    type Config = NoConfig;

    fn new(_ctx: &Context<'_, NoConfig>) -> Result<Self, PluginError> {
        Ok(CredBeta)
    }

    fn call(
        &mut self,
        ctx: &Context<'_, NoConfig>,
        command: Command<'_>,
    ) -> Result<Vec<u8>, PluginError> {
        read(ctx, command)
    }
}

fn active(host: &Host, name: &str) -> Instance {
    let mut instance = host.instantiate(name, None).unwrap();
    instance.install().unwrap();
    instance.activate().unwrap();
    instance
}

fn credential(instance: &mut Instance, name: &str) -> Result<String, plugin_host::CallError> {
    let input = serde_json::json!({ "name": name }).to_string();
    let reply = instance.call("read", input.as_bytes())?;
    let reply: serde_json::Value = reply.json().unwrap();
    Ok(reply["value"].as_str().unwrap().to_owned())
}

#[test]
fn plugins_read_their_own_credentials_from_env_then_file() {
    let dir =
        std::env::temp_dir().join(format!("plugin-host-credentials-it-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = FileStore::new(dir.join("credentials.toml"));
    file.set("cred-alpha", "api_key", &Secret::new("alpha-from-file"))
        .unwrap();
    file.set("cred-alpha", "token", &Secret::new("alpha-token-from-file"))
        .unwrap();
    file.set("cred-beta", "token", &Secret::new("beta-token-from-file"))
        .unwrap();
    let env = EnvStore::from_vars([("CRED_ALPHA_API_KEY", "alpha-from-env")]);

    let mut host = Host::builder("1.0.0".parse().unwrap())
        .credentials(ChainStore::env_then_file(env, file.clone()))
        .build();
    host.load_static().unwrap();
    let mut alpha = active(&host, "cred-alpha");
    let mut beta = active(&host, "cred-beta");

    // The environment wins over the file.
    assert_eq!(credential(&mut alpha, "api_key").unwrap(), "alpha-from-env");
    assert_eq!(
        credential(&mut alpha, "token").unwrap(),
        "alpha-token-from-file"
    );
    assert_eq!(
        credential(&mut beta, "token").unwrap(),
        "beta-token-from-file"
    );

    // Beta asks for a name only alpha has: the host answers for beta.
    let error = credential(&mut beta, "api_key").unwrap_err();
    let plugin_host::CallError::Plugin { kind, message, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*kind, ErrorKind::Unavailable);
    assert!(
        message.contains(
            "plugin 'cred-beta' has no credential 'api_key': store it as the environment variable CRED_BETA_API_KEY, or `api_key = \"...\"` under [cred-beta] in "
        ),
        "{message}"
    );
    assert!(!error.to_string().contains("alpha-from"), "{error}");

    // Nor can it name alpha in its request.
    let reply = beta.call("read", br#"{"name":"api_key","plugin":"cred-alpha"}"#);
    let error = reply.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the calling plugin's own credentials only"),
        "{error}"
    );

    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn without_a_store_the_service_is_unavailable() {
    let mut host = Host::new("1.0.0".parse().unwrap());
    host.load_static().unwrap();
    let mut alpha = active(&host, "cred-alpha");
    let error = credential(&mut alpha, "api_key").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("no service 'credentials' is available; the host offers: none"),
        "{error}"
    );
}
