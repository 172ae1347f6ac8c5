//! The progress display of long commands: a bar (or a spinner when the size
//! is unknown) on stderr, only when stderr is a terminal and the output is
//! not JSON, so that pipes, logs and programs never see it.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use plugin_host::{Progress, Step};

/// Shows plugin-host's progress reports, or nothing.
pub(crate) struct Display {
    shown: bool,
    /// Made on the first report, so a command that reports nothing draws
    /// nothing.
    bar: Option<ProgressBar>,
}

impl Display {
    /// A display for a command run with `json` output or not.
    pub(crate) fn new(json: bool) -> Display {
        Display {
            shown: !json && std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    fn bar(&mut self) -> Option<&ProgressBar> {
        if self.shown && self.bar.is_none() {
            self.bar = Some(ProgressBar::with_draw_target(
                None,
                ProgressDrawTarget::stderr(),
            ));
        }
        self.bar.as_ref()
    }

    /// Shows `message` as a step of its own, for work that reports nothing.
    pub(crate) fn note(&mut self, message: &str) {
        if let Some(bar) = self.bar() {
            spinner(bar);
            bar.set_message(message.to_owned());
        }
    }
}

fn spinner(bar: &ProgressBar) {
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.unset_length();
    bar.enable_steady_tick(Duration::from_millis(100));
}

impl Progress for Display {
    fn step(&mut self, step: Step, total_bytes: Option<u64>) {
        let Some(bar) = self.bar() else {
            return;
        };
        match total_bytes {
            Some(total) => {
                bar.disable_steady_tick();
                bar.set_style(
                    ProgressStyle::with_template("{msg:12} [{bar:30}] {bytes}/{total_bytes}")
                        .map(|s| s.progress_chars("=> "))
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_length(total);
                bar.set_position(0);
            }
            None => spinner(bar),
        }
        bar.set_message(step.to_string());
    }

    fn advance(&mut self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
