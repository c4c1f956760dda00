//! `errdocs check --watch`, run as users run it: the binary in the background, files
//! saved by the test, and what it prints read as it comes.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};

use crate::support::*;

const RECORD: &str = "content/errors/authentication/AADSTS50126.yaml";

/// `check --watch` running in a site, and the lines it prints on stderr.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Watching {
    fn start(site: &TestSite) -> Watching {
        let mut child = errdocs_command()
            .args(["check", "--watch", "--format", "short"])
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start errdocs check --watch");
        let stderr = child.stderr.take().unwrap();
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one contains `wanted` (a hang guard bounds the wait); returns
    /// the lines read since the last call.
    fn until(&mut self, wanted: &str) -> Vec<String> {
        let guard = HangGuard::start(HANG_GUARD);
        let mut read = Vec::new();
        loop {
            match self
                .lines
                .recv_timeout(std::time::Duration::from_millis(200))
            {
                Ok(line) => {
                    let found = line.contains(wanted);
                    read.push(line.clone());
                    self.seen.push(line);
                    if found {
                        return read;
                    }
                }
                Err(_) if guard.expired() => {
                    panic!(
                        "no line with {wanted:?}; it printed:\n{}",
                        self.seen.join("\n")
                    )
                }
                Err(_) => {}
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves a file in one step, as editors do (a temp file renamed over it).
fn save(site: &TestSite, relative: &str, text: &str) {
    let path = site.root().join(relative);
    let temp = path.with_extension("yaml.tmp~");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

#[test]
fn check_watch_checks_again_on_every_save() {
    let site = TestSite::fixture("basic");
    let mut watching = Watching::start(&site);
    watching.until("ok: 4 records checked, no problems");
    watching.until("watching for changes");

    let text = std::fs::read_to_string(site.root().join(RECORD)).unwrap();
    save(
        &site,
        RECORD,
        &text.replace("severity: medium", "severity: meduim"),
    );
    let run = watching.until("1 error(s), 0 warning(s) in 4 records");
    assert!(
        run.iter()
            .any(|l| l == &format!("== {RECORD} changed: checking again")),
        "{run:#?}"
    );
    assert!(
        run.iter()
            .any(|l| l.starts_with(&format!("{RECORD}:4:11: error[invalid-severity]"))),
        "{run:#?}"
    );

    // A new record file is seen too, and fixing the mistake brings the summary back.
    save(&site, RECORD, &text);
    let run = watching.until("ok: 4 records checked, no problems");
    assert!(run.iter().all(|l| !l.contains("error[")), "{run:#?}");
    let new = "content/errors/refresh/NEW1.yaml";
    std::fs::write(site.root().join(new), record_yaml("NEW1", "refresh")).unwrap();
    watching.until("ok: 5 records checked, no problems");
    assert!(
        watching.child.try_wait().unwrap().is_none(),
        "check --watch stopped by itself"
    );
}
