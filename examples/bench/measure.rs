//! Measuring a command as a whole process (wall time, CPU time, peak memory), what it
//! wrote, and summarising rounds as medians with their range.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One measured run of a command.
pub struct Measured {
    pub wall: Duration,
    /// User and system time of the process (and of any children it waited for).
    pub cpu: Duration,
    pub peak_rss_kib: u64,
}

/// Runs `command` to its end and measures it; `Err` carries what it printed on stderr
/// when it fails.
///
/// Every file system's dirty pages are written back first (`sync`), so that no command
/// pays for writing back what the generator or an earlier command wrote; each command
/// leaves its own writes to the page cache, as the others do.
pub fn measure(command: &mut Command) -> Result<Measured, String> {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| format!("cannot start: {e}"))?;
    // The pipe is read to its end before waiting, so a chatty command never blocks on it.
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    std::mem::forget(child); // already reaped
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err(stderr);
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Ok(Measured {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        peak_rss_kib: usage.ru_maxrss as u64,
    })
}

/// The files under `dir` and their total size in bytes.
pub fn folder_totals(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            files += 1;
            bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
}

/// The median of some values, with the smallest and the largest.
#[derive(Clone, Copy)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Spread {
        let mut values: Vec<f64> = values.into_iter().collect();
        assert!(!values.is_empty(), "a spread of no values");
        values.sort_by(f64::total_cmp);
        Spread {
            median: values[values.len() / 2],
            min: values[0],
            max: values[values.len() - 1],
        }
    }

    /// `6.60 (4.40–9.20)`, or `6.60` when the values are equal at this precision.
    pub fn show(&self, decimals: usize) -> String {
        let median = format!("{:.decimals$}", self.median);
        let min = format!("{:.decimals$}", self.min);
        let max = format!("{:.decimals$}", self.max);
        if min == max {
            median
        } else {
            format!("{median} ({min}–{max})")
        }
    }
}

/// The runs of one command in every round, with what its first run wrote.
pub struct Runs {
    pub runs: Vec<Measured>,
    /// Files and bytes in the output folder (0, 0 for commands that write none).
    pub written: (usize, u64),
}

impl Runs {
    pub fn wall(&self) -> Spread {
        Spread::of(self.runs.iter().map(|m| m.wall.as_secs_f64()))
    }

    pub fn cpu(&self) -> Spread {
        Spread::of(self.runs.iter().map(|m| m.cpu.as_secs_f64()))
    }

    pub fn peak_mib(&self) -> Spread {
        Spread::of(self.runs.iter().map(|m| m.peak_rss_kib as f64 / 1024.0))
    }

    /// This command's wall time over `other`'s, round by round (both ran in the same
    /// rounds), so slow and fast moments of the machine fall on both sides.
    pub fn ratio_to(&self, other: &Runs) -> Spread {
        Spread::of(
            self.runs
                .iter()
                .zip(&other.runs)
                .map(|(a, b)| a.wall.as_secs_f64() / b.wall.as_secs_f64()),
        )
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
