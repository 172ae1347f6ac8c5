//! The mock server: installing Prism, running it on a free port until the
//! suite ends, and reading what it logged.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::cargo;

/// How long Prism may take to load the Stripe description (it takes about
/// 15 to 20 s on CI's machine).
const START_TIMEOUT: Duration = Duration::from_secs(180);

/// Runs `.ci/install-prism` and returns the path it prints.
pub(crate) fn install() -> Result<PathBuf, String> {
    let script = cargo::workspace_root().join(".ci").join("install-prism");
    println!("\n==> installing Prism: bash {}", script.display());
    let output = Command::new("bash")
        .arg(&script)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run {}: {e}", script.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed with {}",
            script.display(),
            output.status
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let path = stdout
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .ok_or_else(|| format!("{} printed no path", script.display()))?;
    Ok(PathBuf::from(path.trim()))
}

/// A running Prism; dropping it stops it.
pub(crate) struct Prism {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Prism {
    /// Starts `prism mock <spec>` on a free port of 127.0.0.1, logging to
    /// `log`, and waits until it answers.
    pub(crate) fn start(prism: &Path, spec: &Path, log: &Path) -> Result<Prism, String> {
        let port = free_port()?;
        let file =
            File::create(log).map_err(|e| format!("could not create {}: {e}", log.display()))?;
        let stderr = file
            .try_clone()
            .map_err(|e| format!("could not open {} twice: {e}", log.display()))?;
        println!(
            "\n==> starting Prism on 127.0.0.1:{port} with {} (log: {})",
            spec.display(),
            log.display()
        );
        let child = Command::new(prism)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .env("SCARF_ANALYTICS", "false")
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", prism.display()))?;
        let mut prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log: log.to_owned(),
        };
        prism.wait_until_listening(port)?;
        Ok(prism)
    }

    /// Where it listens: `http://127.0.0.1:<port>`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Everything logged so far.
    pub(crate) fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_until_listening(&mut self, port: u16) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "Prism exited with {status} before it listened; its log:\n{}",
                    self.log()
                ));
            }
            let listening = self.log().contains("Prism is listening");
            if listening && TcpStream::connect(("127.0.0.1", port)).is_ok() {
                println!(
                    "    Prism answers after {:.1} s",
                    start.elapsed().as_secs_f64()
                );
                return Ok(());
            }
            if start.elapsed() > START_TIMEOUT {
                return Err(format!(
                    "Prism did not listen within {} s; its log:\n{}",
                    START_TIMEOUT.as_secs(),
                    self.log()
                ));
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| format!("could not find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|e| format!("could not read the free port: {e}"))
}
