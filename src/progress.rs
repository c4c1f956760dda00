//! Progress on a terminal: a build or check that runs longer than about a second shows
//! its stage and a bar of the stages done (indicatif), on stderr, cleared before the
//! summary line. Never when stderr is not a terminal or in CI (`CI` set): then the
//! output is exactly what it is without it.
//!
//! The stages are the laps of [`crate::Timings`]: each [`crate::Timings::lap`] tells
//! the progress shown, if any, that a stage ended. One progress shows at a time, for
//! the one command the process runs, so it lives in a global.
//!
//! `ERRDOCS_PROGRESS_AFTER_MS` sets how long the work runs before it shows (default
//! 1000; `0` at once, for a demonstration or a test).

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The environment variable that sets how long work runs before its progress shows.
pub const AFTER_VARIABLE: &str = "ERRDOCS_PROGRESS_AFTER_MS";

/// How long work runs before its progress shows, unless [`AFTER_VARIABLE`] says.
const DEFAULT_AFTER: Duration = Duration::from_secs(1);

/// The stages of `errdocs build`, in order, as its timings name them.
pub const BUILD: &[&str] = &[
    "load",
    "validate",
    "model",
    "theme and assets",
    "markdown and highlighting",
    "error pages",
    "lists, feeds, API and search",
    "swap into place",
];

/// The stages of `errdocs check`.
pub const CHECK: &[&str] = &["load", "validate"];

/// The stages of the first build of `errdocs serve`.
pub const SERVE: &[&str] = &["load", "check", "model", "render"];

/// The progress shown (or waiting to show) now, if any.
fn current() -> &'static Mutex<Option<Shown>> {
    static CURRENT: OnceLock<Mutex<Option<Shown>>> = OnceLock::new();
    CURRENT.get_or_init(|| Mutex::new(None))
}

/// A progress under way: the bar (drawn nowhere until it shows) and its stages.
struct Shown {
    bar: ProgressBar,
    stages: &'static [&'static str],
    /// Set once the work ended, so that a bar not shown yet never shows.
    done: Arc<Mutex<bool>>,
}

/// The progress of one command's work; [`Progress::finish`] (or dropping it) clears it.
pub struct Progress {
    active: bool,
}

impl Progress {
    /// Starts the progress of work going through `stages`: shown after the delay, on a
    /// terminal outside CI; nothing otherwise.
    pub fn start(what: &'static str, stages: &'static [&'static str]) -> Progress {
        if !wanted() {
            return Progress { active: false };
        }
        let bar =
            ProgressBar::with_draw_target(Some(stages.len() as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} [{bar:24}] {pos}/{len} {msg} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix(what);
        bar.set_message(stages[0]);
        let done = Arc::new(Mutex::new(false));
        let after = delay();
        if after.is_zero() {
            show(&bar);
        } else {
            let (bar, done) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(after);
                let done = done.lock().unwrap_or_else(|p| p.into_inner());
                if !*done {
                    show(&bar);
                }
            });
        }
        *current().lock().unwrap_or_else(|p| p.into_inner()) = Some(Shown { bar, stages, done });
        Progress { active: true }
    }

    /// Clears the progress (if it showed), before the summary line.
    pub fn finish(self) {
        drop(self);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if !self.active {
            return;
        }
        if let Some(shown) = current().lock().unwrap_or_else(|p| p.into_inner()).take() {
            let mut done = shown.done.lock().unwrap_or_else(|p| p.into_inner());
            *done = true;
            shown.bar.finish_and_clear();
        }
    }
}

/// Draws `bar` on stderr from now on, and keeps its clock ticking.
fn show(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar.tick();
}

/// Tells the progress under way, if any, that `stage` ended: the bar moves on to the
/// stage after it.
pub fn stage_done(stage: &str) {
    let current = current().lock().unwrap_or_else(|p| p.into_inner());
    let Some(shown) = current.as_ref() else {
        return;
    };
    let Some(at) = shown.stages.iter().position(|s| *s == stage) else {
        return;
    };
    let next = at + 1;
    shown.bar.set_position(next as u64);
    if let Some(stage) = shown.stages.get(next) {
        shown.bar.set_message(*stage);
    }
}

/// Whether progress may show: stderr is a terminal and this is not CI.
fn wanted() -> bool {
    use std::io::IsTerminal;
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    std::io::stderr().is_terminal() && !ci
}

/// How long work runs before its progress shows.
fn delay() -> Duration {
    std::env::var(AFTER_VARIABLE)
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(DEFAULT_AFTER, Duration::from_millis)
}
