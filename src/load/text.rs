//! Reading a site's files as text, safely: never through a symbolic link (a link in a
//! pull request could reach a secret of the machine that builds the site), never a
//! named pipe or a device, never more than [`MAX_FILE_BYTES`], always UTF-8, with the
//! line breaks every later stage counts alike.

use std::path::{Path, PathBuf};

use super::{FileKind, MAX_FILE_BYTES};
use crate::diagnostics::{Diagnostic, Position};

/// The first part of `relative` (a path below `root`) that is a symbolic link, if any.
/// A site's files are never read through links: a link in a pull request could reach
/// a secret on the machine that builds the site (CI machines hold credentials) and put
/// it in a report or on a page.
pub fn symlink_in(root: &Path, relative: &Path) -> Option<PathBuf> {
    let mut so_far = PathBuf::new();
    for part in relative.components() {
        so_far.push(part);
        let metadata = std::fs::symlink_metadata(root.join(&so_far));
        if metadata.is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(so_far);
        }
    }
    None
}

pub(super) fn symlink_diagnostic(link: &Path) -> Diagnostic {
    Diagnostic::error(
        "symlink",
        link,
        "this is a symbolic link; errdocs does not follow links in a site",
    )
    .with_hint("replace the link with the file or folder it points to")
}

/// Reads a file as UTF-8 text, refusing what is too large or not UTF-8, and a path
/// that passes through a symbolic link anywhere below `root`.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    if let Some(link) = symlink_in(root, path) {
        return Err(symlink_diagnostic(&link));
    }
    read_file_text(root, path)
}

/// [`read_text`] for a file that listing `content/errors/` found
/// ([`find_record_files`]): the walk does not follow links and reports them, so no
/// folder on the way is one, and it saw a regular file. On Linux the file is opened
/// first (without following a link, and without waiting, should a named pipe have
/// been put in its place since) and judged by what was opened: three system calls
/// and one walk of its path, which at 10,000 records is most of what `check` asks of
/// the kernel.
pub fn read_found_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    #[cfg(target_os = "linux")]
    {
        let file = match open_no_follow(&root.join(path), true) {
            Ok(file) => file,
            Err(err) if is_link_refused(&err) => return Err(symlink_diagnostic(path)),
            // What cannot be opened (gone, a socket...) is told apart by its metadata.
            Err(_) => return read_file_text(root, path),
        };
        let metadata = file.metadata().map_err(|e| unreadable(path, e))?;
        judge(path, &metadata)?;
        let bytes = read_bounded(file, metadata.len()).map_err(|e| unreadable(path, e))?;
        decode(path, bytes)
    }
    #[cfg(not(target_os = "linux"))]
    read_file_text(root, path)
}

/// Reads `path` (relative to `root`) as UTF-8 text, whose folders are known not to
/// be links: the file is judged before it is opened (opening a named pipe would wait
/// forever for a writer, and a device could be read without end), and opened without
/// following a link, so a link put in its place meanwhile is refused too.
fn read_file_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let full = root.join(path);
    let metadata = std::fs::symlink_metadata(&full).map_err(|e| unreadable(path, e))?;
    judge(path, &metadata)?;
    let file = open_no_follow(&full, false).map_err(|e| refused(path, e))?;
    let bytes = read_bounded(file, metadata.len()).map_err(|e| unreadable(path, e))?;
    decode(path, bytes)
}

/// The error for a file that cannot be read; a missing one gets the hint of its kind.
fn unreadable(path: &Path, err: std::io::Error) -> Diagnostic {
    let rule = if err.kind() == std::io::ErrorKind::NotFound {
        "missing-file"
    } else {
        "unreadable-file"
    };
    let diagnostic = Diagnostic::error(rule, path, format!("cannot read this file: {err}"));
    match FileKind::of(path).when_missing() {
        Some(hint) if rule == "missing-file" => diagnostic.with_hint(hint),
        _ => diagnostic,
    }
}

/// The error for a file that could not be opened: a link in its place, or unreadable.
fn refused(path: &Path, err: std::io::Error) -> Diagnostic {
    if is_link_refused(&err) {
        symlink_diagnostic(path)
    } else {
        unreadable(path, err)
    }
}

/// Refuses what is not a regular file of at most [`MAX_FILE_BYTES`].
fn judge(path: &Path, metadata: &std::fs::Metadata) -> Result<(), Diagnostic> {
    if metadata.is_symlink() {
        return Err(symlink_diagnostic(path));
    }
    if metadata.is_dir() {
        return Err(Diagnostic::error(
            "unreadable-file",
            path,
            "this is a folder, not a file",
        ));
    }
    if !metadata.is_file() {
        return Err(Diagnostic::error(
            "unreadable-file",
            path,
            "this is not a regular file (a pipe, socket or device)",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    Ok(())
}

/// The bytes read as UTF-8 text with its line breaks normalized, or where it is not.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let valid = normalize_line_breaks(std::str::from_utf8(valid).unwrap_or_default().into());
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let start = valid.len();
        Diagnostic::error("not-utf8", path, "this file is not valid UTF-8 text")
            .at(Some(Position {
                line,
                column,
                byte_start: start,
                byte_end: start,
            }))
            .with_hint("save the file as UTF-8")
    })?;
    Ok(normalize_line_breaks(text))
}

/// Opens a file for reading; on Linux without following a link in its last part
/// (`O_NOFOLLOW`), so a link put in the file's place after it was judged is refused,
/// and with `without_waiting`, without blocking on a named pipe (`O_NONBLOCK`).
fn open_no_follow(full: &Path, without_waiting: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        let mut flags = OFlags::NOFOLLOW;
        if without_waiting {
            flags |= OFlags::NONBLOCK;
        }
        options.custom_flags(flags.bits() as i32);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = without_waiting;
    options.open(full)
}

/// Whether opening failed because the last part of the path is a link.
fn is_link_refused(err: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        err.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = err;
        false
    }
}

/// The bytes of `file`, whose metadata said `size`: one read of that size and a
/// byte more, which a regular file answers short only at its end, so the common
/// file takes one call (not a second one to learn of the end); a file that changed
/// meanwhile is read on to its end, never past [`MAX_FILE_BYTES`] and one byte.
fn read_bounded(mut file: std::fs::File, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let bound = (MAX_FILE_BYTES + 1) as usize;
    let mut bytes = vec![0u8; (size as usize + 1).min(bound)];
    let mut filled = 0;
    loop {
        let n = match file.read(&mut bytes[filled..]) {
            Ok(n) => n,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        filled += n;
        let short_at_the_size = filled < bytes.len() && filled as u64 == size;
        if n == 0 || short_at_the_size {
            break;
        }
        if filled == bytes.len() {
            if bytes.len() >= bound {
                break;
            }
            let grown = (bytes.len() * 2).min(bound);
            bytes.resize(grown, 0);
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Turns each lone carriage return (a line break of old Mac files, and of YAML) into a
/// line feed. The text keeps its length, so byte offsets hold; the parser, the snippets
/// of reports and editors then all count the same lines. `\r\n` is left as it is.
pub fn normalize_line_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("replacing one ASCII byte by another keeps UTF-8")
}

fn too_large(path: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(
        "file-too-large",
        path,
        format!(
            "this file is {size} bytes; errdocs reads files of at most {MAX_FILE_BYTES} bytes (1 MiB)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_found_record_that_is_a_link_is_refused_not_followed() {
        // Listing reports links, but one can be put in a file's place after it.
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("secret.txt"), "SECRET-TOKEN-1234\n").unwrap();
        std::os::unix::fs::symlink("secret.txt", root.path().join("record.yaml")).unwrap();
        let refused = read_found_text(root.path(), Path::new("record.yaml")).unwrap_err();
        assert_eq!(refused.rule, "symlink");
        assert!(!format!("{refused:?}").contains("SECRET"));
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_its_metadata_said() {
        let dir = tempfile::tempdir().unwrap();
        for real in [0usize, 1, 4095, 4096, 70_000] {
            let path = dir.path().join(format!("f{real}"));
            let bytes: Vec<u8> = (0..real).map(|i| b'a' + (i % 26) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            // The file may have grown or shrunk since its metadata was read.
            for said in [0, real / 2, real, real + 1, real * 2 + 3] {
                let file = std::fs::File::open(&path).unwrap();
                let read = read_bounded(file, said as u64).unwrap();
                assert_eq!(read, bytes, "{real} bytes, metadata said {said}");
            }
        }
    }
}
