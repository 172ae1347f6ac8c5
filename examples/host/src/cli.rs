//! The command line: `example-host [--plugins DIR] [--static]`.

use std::ffi::OsString;
use std::path::PathBuf;

/// How to use the program, printed for `--help` and after a usage error.
pub(crate) const USAGE: &str = "\
Usage: example-host [--plugins DIR] [--static]

Loads plugins, prints what was loaded and what was refused (and why), then
runs the 'hello' plugin through its whole lifecycle.

Options:
  --plugins DIR   load every plugin library in DIR
  --static        register the plugins linked into this binary (hello-plugin)
  -h, --help      print this help

At least one of --plugins and --static is needed. Given both, the static
plugins are registered first, so a library holding another 'hello' is refused
as a duplicate.

Logs go to stderr; set RUST_LOG (default: info) to see more or less.";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Invocation {
    /// Load plugins and run `hello`.
    Run(Options),
    /// Print [`USAGE`].
    Help,
}

/// Where to find plugins.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// The directory given with `--plugins`.
    pub(crate) plugin_dir: Option<PathBuf>,
    /// Whether `--static` was given.
    pub(crate) load_static: bool,
}

/// Reads the arguments after the program name.
pub(crate) fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        match text.as_ref() {
            "-h" | "--help" => return Ok(Invocation::Help),
            "--static" => options.load_static = true,
            "--plugins" => {
                let dir = args
                    .next()
                    .ok_or("--plugins needs a directory: --plugins DIR")?;
                set_plugin_dir(&mut options, PathBuf::from(dir))?;
            }
            _ => match text.strip_prefix("--plugins=") {
                Some(dir) => set_plugin_dir(&mut options, PathBuf::from(dir))?,
                None => return Err(format!("unknown argument '{text}'")),
            },
        }
    }
    if options.plugin_dir.is_none() && !options.load_static {
        return Err("nothing to load: give --plugins DIR, --static, or both".to_owned());
    }
    Ok(Invocation::Run(options))
}

fn set_plugin_dir(options: &mut Options, dir: PathBuf) -> Result<(), String> {
    if options.plugin_dir.is_some() {
        return Err("--plugins was given twice; give one directory".to_owned());
    }
    options.plugin_dir = Some(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Invocation, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn reads_both_options_in_any_order() {
        let expected = Invocation::Run(Options {
            plugin_dir: Some("plugins".into()),
            load_static: true,
        });
        assert_eq!(
            parse_strs(&["--static", "--plugins", "plugins"]).unwrap(),
            expected
        );
        assert_eq!(
            parse_strs(&["--plugins=plugins", "--static"]).unwrap(),
            expected
        );
    }

    #[test]
    fn help_wins() {
        assert_eq!(
            parse_strs(&["--static", "--help"]).unwrap(),
            Invocation::Help
        );
        assert_eq!(parse_strs(&["-h"]).unwrap(), Invocation::Help);
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(
            parse_strs(&[]).unwrap_err(),
            "nothing to load: give --plugins DIR, --static, or both"
        );
        assert_eq!(
            parse_strs(&["--plugins"]).unwrap_err(),
            "--plugins needs a directory: --plugins DIR"
        );
        assert_eq!(
            parse_strs(&["--plugin", "x"]).unwrap_err(),
            "unknown argument '--plugin'"
        );
        assert!(
            parse_strs(&["--plugins", "a", "--plugins", "b"])
                .unwrap_err()
                .contains("twice")
        );
    }
}
