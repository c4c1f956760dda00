//! `errdocs serve`: a live preview that rebuilds on save and reloads the browser.
//!
//! The site is built into memory ([`preview`]) and served from there ([`http`]) on
//! 127.0.0.1 unless `--bind` says otherwise. A debounced watcher ([`crate::watch`], sorted by [`watch`]) reports
//! saves; a rebuild thread re-reads what changed, renders what depends on it, swaps
//! the new files in, and announces the files that changed on a server-sent event
//! stream, upon which the open pages among them reload. When the content has errors,
//! the last site that built
//! stays up and every page shows the diagnostics (as `errdocs check` prints them) in an
//! overlay, until a save fixes them. The reload script and the overlay are added to
//! HTML responses on the way out: `errdocs build` output never contains them.

pub mod http;
pub mod preview;
pub mod watch;
mod whole;

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use tokio::sync::broadcast;

use crate::Error;
use crate::diagnostics::{self, Diagnostic, Format};
use crate::discover::SiteDir;
use http::{Announcement, AppState, Snapshot};
use preview::{Changes, Outcome, Preview};

/// The port `errdocs serve` asks for first.
pub const DEFAULT_PORT: u16 = 1111;

/// The arguments of `errdocs serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    #[arg(long, help = crate::cli::ROOT_HELP)]
    pub root: Option<PathBuf>,
    /// The port to listen on; if it is taken, a free one is used. 0 picks a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. Other machines can reach the preview only if this is
    /// not a loopback address.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also build records marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Runs `errdocs serve` on `site` until interrupted; returns the exit code.
pub fn main(args: &ServeArgs, site: &SiteDir) -> u8 {
    match serve(args, site) {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("error: {err}");
            err.exit_code()
        }
    }
}

/// Builds, serves and watches the site until the process is interrupted.
pub fn serve(args: &ServeArgs, site: &SiteDir) -> Result<(), Error> {
    let root = site.root.canonicalize().map_err(|e| Error::Io {
        context: format!("cannot open the site folder {}", site.root.display()),
        source: e,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Io {
            context: "cannot start the server's runtime".into(),
            source: e,
        })?;
    runtime.block_on(run(args, &root, site))
}

async fn run(args: &ServeArgs, root: &Path, site: &SiteDir) -> Result<(), Error> {
    let listener = listen(SocketAddr::new(args.bind, args.port)).await?;
    let address = listener.local_addr().map_err(|e| Error::Io {
        context: "cannot read the server's address".into(),
        source: e,
    })?;
    let url = format!("http://{address}/");

    let snapshot = Arc::new(RwLock::new(Snapshot::default()));
    // Each open page holds a receiver; a slow one that falls this far behind reloads.
    let (announcements, _) = broadcast::channel(64);
    let color = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut rebuilder = Rebuilder {
        preview: Preview::new(root, &url, args.drafts),
        root: root.to_path_buf(),
        site: site.clone(),
        snapshot: snapshot.clone(),
        announcements: announcements.clone(),
        color,
    };
    eprintln!("Building {} ...", root.display());
    rebuilder.apply(&Changes::everything());

    let watcher = crate::watch::Watcher::start(root)?;
    std::thread::Builder::new()
        .name("errdocs rebuild".into())
        .spawn(move || rebuilder.watch(watcher))
        .map_err(|e| Error::Io {
            context: "cannot start the rebuild thread".into(),
            source: e,
        })?;

    println!("Serving the preview at {url} (Ctrl-C to stop)");
    if args.open {
        open_browser(&url);
    }
    let app = http::router(AppState {
        snapshot,
        announcements,
    });
    tokio::select! {
        result = axum::serve(listener, app) => result.map_err(|e| Error::Io {
            context: "the server stopped".into(),
            source: e,
        }),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

/// Listens on `address`; if its port is taken, on a free port of the same address.
async fn listen(address: SocketAddr) -> Result<tokio::net::TcpListener, Error> {
    match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => Ok(listener),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && address.port() != 0 => {
            eprintln!("Port {} is taken; using a free one.", address.port());
            tokio::net::TcpListener::bind(SocketAddr::new(address.ip(), 0))
                .await
                .map_err(|e| Error::Io {
                    context: format!("cannot listen on {}", address.ip()),
                    source: e,
                })
        }
        Err(e) => Err(Error::Io {
            context: format!("cannot listen on {address}"),
            source: e,
        }),
    }
}

/// A rebuild's files for the server: whether they are the whole site, the files, and
/// the files removed.
type Published = (bool, Vec<(String, Bytes)>, Vec<String>);

/// Rebuilds the preview and publishes each result to the server.
struct Rebuilder {
    preview: Preview,
    root: PathBuf,
    /// How the terminal shows the site's paths: from the current folder.
    site: SiteDir,
    snapshot: Arc<RwLock<Snapshot>>,
    announcements: broadcast::Sender<Announcement>,
    color: bool,
}

impl Rebuilder {
    /// Rebuilds on each batch of changed paths until the watcher stops.
    fn watch(mut self, mut watcher: crate::watch::Watcher) {
        while let Some(paths) = watcher.next_batch() {
            let changes = watch::classify(&self.root, &paths, |p| self.preview.knows(p));
            if !changes.is_empty() {
                self.apply(&changes);
            }
        }
    }

    /// Rebuilds, then swaps the result in and tells the pages to reload; then the
    /// lists a quick edit left for later, likewise.
    fn apply(&mut self, changes: &Changes) {
        let outcome = self.preview.rebuild(changes);
        self.publish(changes, outcome);
        if let Some(lists) = self.preview.render_pending_lists() {
            self.publish(&Changes::default(), lists);
        }
    }

    /// Swaps a rebuild's result in, prints what happened, and announces it.
    fn publish(&mut self, changes: &Changes, outcome: Outcome) {
        // Worked out before the lock, which requests wait for.
        let (files, problems) = self.report(changes, outcome);
        let mut snapshot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        // The files that changed; `None`: every page (the overlay comes or goes, or
        // the whole site was rebuilt).
        let mut changed: Option<Vec<String>> = None;
        if let Some((whole, files, removed)) = files {
            if whole {
                snapshot.files = files.into_iter().collect();
            } else {
                if snapshot.problems.is_none() {
                    changed = Some(
                        files
                            .iter()
                            .map(|(k, _)| k)
                            .chain(&removed)
                            .cloned()
                            .collect(),
                    );
                }
                for path in &removed {
                    snapshot.files.remove(path);
                }
                snapshot.files.extend(files);
            }
        }
        snapshot.problems = problems;
        snapshot.generation += 1;
        let announcement = Announcement {
            generation: snapshot.generation,
            paths: changed.map(Arc::new),
        };
        drop(snapshot);
        // No one listening (no page open) is fine.
        let _ = self.announcements.send(announcement);
    }

    /// Prints what a rebuild did; returns what the pages show next: the files (with
    /// `whole`, all of them; otherwise those that changed, and those removed), or the
    /// problems to show over the last site that built.
    fn report(&self, changes: &Changes, outcome: Outcome) -> (Option<Published>, Option<String>) {
        match outcome {
            Outcome::Built {
                whole,
                files,
                removed,
                pages,
                warnings,
                timings,
            } => {
                self.report_warnings(changes, &warnings);
                let stages: Vec<String> = timings
                    .stages
                    .iter()
                    .map(|(stage, d)| format!("{stage} {:.1}", d.as_secs_f64() * 1000.0))
                    .collect();
                eprintln!(
                    "Rebuilt {pages} pages in {:.1} ms ({} ms)",
                    timings.total().as_secs_f64() * 1000.0,
                    stages.join(", ")
                );
                let files: Vec<(String, Bytes)> = files
                    .into_iter()
                    .map(|(k, v)| (k, Bytes::from(v)))
                    .collect();
                (Some((whole, files, removed)), None)
            }
            Outcome::Invalid(found) => {
                let errors: Vec<Diagnostic> =
                    found.into_iter().filter(Diagnostic::is_error).collect();
                eprint!(
                    "{}",
                    crate::cmd::render(&self.site, &errors, Format::Human, self.color)
                );
                eprintln!(
                    "{} error(s): the preview shows them on every page, over the last site that built",
                    errors.len()
                );
                let text = diagnostics::render(&errors, Format::Human, &self.root, false);
                (None, Some(text))
            }
            Outcome::Theme(message) => {
                eprintln!("error: {message}");
                eprintln!("the preview shows this on every page, over the last site that built");
                (None, Some(format!("error: {message}\n")))
            }
        }
    }

    /// Prints the warnings of the files just changed (all of them at the start).
    fn report_warnings(&self, changes: &Changes, warnings: &[Diagnostic]) {
        let first = changes.rescan && changes.config;
        let shown: Vec<Diagnostic> = warnings
            .iter()
            .filter(|d| first || changes.records.contains(&d.file))
            .cloned()
            .collect();
        if !shown.is_empty() {
            eprint!(
                "{}",
                crate::cmd::render(&self.site, &shown, Format::Human, self.color)
            );
        }
    }
}

/// Opens `url` in the default browser, with the platform's opener.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = command.arg(url).spawn() {
        eprintln!("cannot open a browser ({e}); open {url} yourself");
    }
}
