use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{CredentialError, CredentialStore, Secret, check_credential_name};

/// What the file starts with, rewritten on every save.
const HEADER: &str = "# Plugin credentials: one table per plugin, one `name = \"value\"` per credential.\n# Keep this file private to its owner (chmod 600); plugin-host refuses it otherwise.\n\n";

/// Credentials in a TOML file, one table per plugin:
///
/// ```toml
/// [stripe]
/// api_key = "sk_test_..."
///
/// [github]
/// token = "ghp_..."
/// ```
///
/// The file must be private to its owner: on Unix, a file that group or
/// others may access (any of the mode bits `077`) is refused with a message
/// saying `chmod 600 <path>`. [`set`](Self::set) creates the file (and its
/// directory, mode `700`) with mode `600` and replaces it atomically: a
/// complete, fsynced temporary file renamed over the old one. Comments in the
/// file are not kept across a [`set`](Self::set) or [`remove`](Self::remove).
/// Concurrent writers are not coordinated: the last rename wins.
///
/// The file is read on every lookup, so edits apply without a restart. An
/// empty value counts as not set.
#[derive(Debug, Clone)]
pub struct FileStore {
    path: PathBuf,
}

type Plugins = BTreeMap<String, BTreeMap<String, String>>;

impl FileStore {
    /// A store in the file at `path`; nothing is read or created yet, and a
    /// missing file holds no credentials.
    pub fn new(path: impl Into<PathBuf>) -> FileStore {
        FileStore { path: path.into() }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores credential `name` of plugin `plugin`, creating the file if
    /// needed.
    ///
    /// # Errors
    ///
    /// [`CredentialError::InvalidName`] for a name that breaks the rules
    /// (see [`check_plugin_name`](crate::check_plugin_name) and
    /// [`check_credential_name`]); the errors of reading the file; an
    /// [`CredentialError::Io`] if writing fails, in which case the old file
    /// is unchanged.
    pub fn set(&self, plugin: &str, name: &str, value: &Secret) -> Result<(), CredentialError> {
        crate::check_plugin_name(plugin)
            .map_err(|e| CredentialError::InvalidName(e.to_string()))?;
        check_credential_name(name).map_err(CredentialError::InvalidName)?;
        let mut plugins = self.load()?.unwrap_or_default();
        plugins
            .entry(plugin.to_owned())
            .or_default()
            .insert(name.to_owned(), value.expose().to_owned());
        self.save(&plugins)
    }

    /// Removes credential `name` of plugin `plugin`; returns whether it was
    /// there.
    ///
    /// # Errors
    ///
    /// As [`set`](Self::set).
    pub fn remove(&self, plugin: &str, name: &str) -> Result<bool, CredentialError> {
        let Some(mut plugins) = self.load()? else {
            return Ok(false);
        };
        let Some(credentials) = plugins.get_mut(plugin) else {
            return Ok(false);
        };
        if credentials.remove(name).is_none() {
            return Ok(false);
        }
        if credentials.is_empty() {
            plugins.remove(plugin);
        }
        self.save(&plugins)?;
        Ok(true)
    }

    /// The names (never the values) of plugin `plugin`'s credentials.
    ///
    /// # Errors
    ///
    /// The errors of reading the file.
    pub fn names(&self, plugin: &str) -> Result<Vec<String>, CredentialError> {
        Ok(self
            .load()?
            .and_then(|mut plugins| plugins.remove(plugin))
            .map(|credentials| credentials.into_keys().collect())
            .unwrap_or_default())
    }

    /// The file's contents, `None` if there is no file. The permissions are
    /// checked before anything is read.
    fn load(&self) -> Result<Option<Plugins>, CredentialError> {
        let metadata = match fs::metadata(&self.path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(self.io("read", source)),
        };
        check_private(&self.path, &metadata)?;
        let text = fs::read_to_string(&self.path).map_err(|e| self.io("read", e))?;
        parse(&self.path, &text).map(Some)
    }

    fn save(&self, plugins: &Plugins) -> Result<(), CredentialError> {
        let body = toml::to_string(plugins).map_err(|e| CredentialError::Format {
            path: self.path.clone(),
            problem: format!("could not be written: {e}"),
        })?;
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        create_private_dir(&dir).map_err(|e| CredentialError::Io {
            path: dir.clone(),
            action: "create the directory of",
            source: e,
        })?;
        let temp = dir.join(temp_name(&self.path));
        let written = write_private(&temp, format!("{HEADER}{body}").as_bytes())
            .map_err(|e| CredentialError::Io {
                path: temp.clone(),
                action: "write",
                source: e,
            })
            .and_then(|()| fs::rename(&temp, &self.path).map_err(|e| self.io("replace", e)));
        if let Err(error) = written {
            let _ = fs::remove_file(&temp);
            return Err(error);
        }
        sync_dir(&dir).map_err(|e| self.io("sync the directory of", e))
    }

    fn io(&self, action: &'static str, source: io::Error) -> CredentialError {
        CredentialError::Io {
            path: self.path.clone(),
            action,
            source,
        }
    }
}

impl CredentialStore for FileStore {
    fn get(&self, plugin: &str, name: &str) -> Result<Option<Secret>, CredentialError> {
        Ok(self
            .load()?
            .and_then(|mut plugins| plugins.remove(plugin))
            .and_then(|mut credentials| credentials.remove(name))
            .filter(|value| !value.is_empty())
            .map(Secret::new))
    }

    fn describe(&self, plugin: &str, name: &str) -> String {
        format!(
            "`{name} = \"...\"` under [{plugin}] in {}",
            self.path.display()
        )
    }
}

#[cfg(unix)]
fn check_private(path: &Path, metadata: &fs::Metadata) -> Result<(), CredentialError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(CredentialError::Permissions {
            path: path.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _metadata: &fs::Metadata) -> Result<(), CredentialError> {
    Ok(())
}

/// Parses the file, reporting problems by line and key, never by value.
fn parse(path: &Path, text: &str) -> Result<Plugins, CredentialError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| CredentialError::Syntax {
        path: path.to_path_buf(),
        line: e.span().map_or(1, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        }),
        message: e.message().trim_end().replace('\n', "; "),
    })?;
    let format = |problem: String| CredentialError::Format {
        path: path.to_path_buf(),
        problem,
    };
    let mut plugins = Plugins::new();
    for (plugin, credentials) in table {
        let toml::Value::Table(credentials) = credentials else {
            return Err(format(format!(
                "has '{plugin}' as {} instead of a table",
                credentials.type_str()
            )));
        };
        let mut values = BTreeMap::new();
        for (name, value) in credentials {
            let toml::Value::String(value) = value else {
                return Err(format(format!(
                    "has '{plugin}.{name}' as {} instead of a string",
                    value.type_str()
                )));
            };
            values.insert(name, value);
        }
        plugins.insert(plugin, values);
    }
    Ok(plugins)
}

fn temp_name(path: &Path) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let file = path
        .file_name()
        .map_or_else(|| "credentials".into(), |f| f.to_string_lossy());
    format!(
        ".{file}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Creates `path` (which must not exist) readable and writable by its owner
/// only, writes `bytes` and fsyncs.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes the rename in `dir` durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "plugin-host-credentials-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn set_creates_a_private_file_and_get_reads_it_back() {
        let dir = temp_dir("create");
        let store = FileStore::new(dir.join("nested/credentials.toml"));
        assert!(store.get("stripe", "api_key").unwrap().is_none());
        store
            .set("stripe", "api_key", &Secret::new("sk_test_1"))
            .unwrap();
        store
            .set("stripe", "webhook_secret", &Secret::new("whsec_\"x\""))
            .unwrap();
        store.set("github", "token", &Secret::new("ghp_2")).unwrap();
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(&dir.join("nested")), 0o700);
        assert_eq!(
            store.get("stripe", "api_key").unwrap().unwrap().expose(),
            "sk_test_1"
        );
        assert_eq!(
            store
                .get("stripe", "webhook_secret")
                .unwrap()
                .unwrap()
                .expose(),
            "whsec_\"x\""
        );
        assert!(store.get("github", "api_key").unwrap().is_none());
        assert_eq!(
            store.names("stripe").unwrap(),
            ["api_key", "webhook_secret"]
        );
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(text.contains("[stripe]\napi_key = \"sk_test_1\""), "{text}");
        // Nothing but the file is left in the directory.
        let entries: Vec<_> = fs::read_dir(dir.join("nested")).unwrap().collect();
        assert_eq!(entries.len(), 1);

        assert!(store.remove("stripe", "api_key").unwrap());
        assert!(!store.remove("stripe", "api_key").unwrap());
        assert!(store.get("stripe", "api_key").unwrap().is_none());
        assert_eq!(mode(store.path()), 0o600);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_others_can_read_is_refused_with_the_chmod_to_run() {
        let dir = temp_dir("mode");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credentials.toml");
        fs::write(&path, "[stripe]\napi_key = \"sk_live_leaky\"\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let store = FileStore::new(&path);
        let error = store.get("stripe", "api_key").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "the credentials file {} can be accessed by group or others (mode 644); run `chmod 600 {}` and try again",
                path.display(),
                path.display()
            )
        );
        // Nor does it take new secrets.
        assert!(matches!(
            store.set("stripe", "other", &Secret::new("x")),
            Err(CredentialError::Permissions { mode: 0o644, .. })
        ));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            store.get("stripe", "api_key").unwrap().unwrap().expose(),
            "sk_live_leaky"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn malformed_files_are_reported_without_their_values() {
        let dir = temp_dir("malformed");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("credentials.toml");
        let store = FileStore::new(&path);
        let cases = [
            (
                "[stripe]\napi_key = \"sk_live_unterminated\n",
                "is not valid TOML at line 2",
            ),
            (
                "api_key = \"sk_live_top_level\"\n",
                "has 'api_key' as string instead of a table",
            ),
            (
                "[stripe]\napi_key = 12345678\n",
                "has 'stripe.api_key' as integer instead of a string",
            ),
        ];
        for (text, expected) in cases {
            fs::write(&path, text).unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
            let error = store.get("stripe", "api_key").unwrap_err().to_string();
            assert!(error.contains(expected), "{error}");
            assert!(
                !error.contains("sk_live") && !error.contains("12345678"),
                "{error}"
            );
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn invalid_names_are_refused() {
        let store = FileStore::new(temp_dir("names").join("c.toml"));
        let error = store
            .set("Stripe", "api_key", &Secret::new("x"))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid plugin name 'Stripe'"),
            "{error}"
        );
        let error = store
            .set("stripe", "api key", &Secret::new("x"))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid credential name 'api key'"),
            "{error}"
        );
    }
}
