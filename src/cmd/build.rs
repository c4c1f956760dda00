//! `errdocs build`: builds the site and prints one line about it (with `--timings`,
//! a line per stage before it; on a terminal, progress while a long build runs).

use crate::BuildOptions;
use crate::diagnostics::Format;
use crate::discover::SiteDir;

pub fn run(site: &SiteDir, options: &BuildOptions, timings: bool, color: bool) -> u8 {
    let progress = crate::progress::Progress::start("building", crate::progress::BUILD);
    let built = crate::build(options);
    progress.finish();
    let report = match built {
        Ok(report) => report,
        Err(err) => return super::report_error(&err, site, color),
    };
    if !report.warnings.is_empty() {
        eprint!(
            "{}",
            super::render(site, &report.warnings, Format::Human, color)
        );
    }
    if timings {
        for (stage, duration) in &report.timings.stages {
            eprintln!(
                "  {:<32} {:>8.1} ms",
                stage,
                duration.as_secs_f64() * 1000.0
            );
        }
    }
    println!(
        "Built {} pages ({} records, {} files, {:.1} MB) into {} in {} ms",
        report.pages,
        report.records,
        report.files,
        report.bytes as f64 / 1e6,
        report.output.display(),
        report.timings.total().as_millis()
    );
    0
}
