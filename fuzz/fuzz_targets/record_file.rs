//! Fuzzes a record file end to end: bytes on disk → load (size, UTF-8, YAML budget) →
//! validate → diagnostics rendered in every format. Any panic is a finding; so is a
//! diagnostic that does not name the file or points past its end.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use errdocs::diagnostics::{Format, render};
use errdocs::load::LoadedSite;
use libfuzzer_sys::fuzz_target;

const RECORD: &str = "content/errors/authentication/FUZZ1.yaml";

fn site() -> &'static Path {
    static SITE: OnceLock<tempfile_dir::Dir> = OnceLock::new();
    SITE.get_or_init(tempfile_dir::Dir::new).path()
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    std::fs::write(root.join(RECORD), data).unwrap();
    let path = Path::new(RECORD);
    let loaded = LoadedSite {
        root: root.to_path_buf(),
        record_paths: vec![path.to_path_buf()],
        ..LoadedSite::default()
    };
    let (_, diagnostics) = errdocs::validate::validate(loaded);
    // YAML's line breaks: `\n`, `\r\n`, and a lone `\r`.
    let lone_cr = data
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(data.last() == Some(&b'\r'));
    let lines = data.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
    for d in &diagnostics {
        assert_eq!(d.file, path, "{d:?}");
        if let Some(p) = d.position {
            assert!(
                p.line >= 1 && p.line <= lines,
                "line {} of {lines}: {d:?}",
                p.line
            );
        }
    }
    for format in [Format::Human, Format::Short, Format::Json, Format::Github] {
        render(&diagnostics, format, root, false);
    }
});

/// A temp folder that lives as long as the fuzzer (no extra dependency for it).
mod tempfile_dir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let dir = std::env::temp_dir().join(format!("errdocs-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("content/errors/authentication")).unwrap();
            Dir(dir)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }
}
