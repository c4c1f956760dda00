//! Pages that are not errors: every `content/pages/**/*.md`, its YAML front matter
//! (between a first line `---` and the next `---` line) parsed with the same limits
//! and located values as records, and its Markdown body kept as written.
//!
//! The front matter is parsed in place: the file's text up to the closing `---`
//! is itself a YAML document (its first `---` starts it), so every line and column
//! a diagnostic names is the file's own.
//!
//! On a site of several languages, `about.de.md` beside `about.md` is the page's
//! translation into German ([`split_translations`]).

use std::path::Path;

use super::raw::{Located, RawFrontMatter};
use super::{SourceFile, read_text, read_yaml, relative, symlink_in};
use crate::diagnostics::{Diagnostic, Position};

/// Where pages live, relative to the site root.
pub const PAGES_DIR: &str = "content/pages";

/// A page file that was read and whose front matter parsed.
#[derive(Debug)]
pub struct LoadedPage {
    pub file: SourceFile,
    /// The file relative to `content/pages/`, with `/` separators.
    pub name: String,
    pub front_matter: Located<RawFrontMatter>,
    /// The Markdown after the front matter.
    pub body: String,
    /// Where the body starts in the file's text (a byte offset).
    pub body_start: usize,
    pub text: String,
    /// The problems found reading its front matter (values of the wrong type, YAML
    /// slips), which validation reports with its own.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every page of the site in `root`, sorted by path. Never fails: what cannot
/// be read or parsed is a diagnostic.
pub fn load_pages(root: &Path) -> (Vec<LoadedPage>, Vec<Diagnostic>) {
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    if let Some(link) = symlink_in(root, Path::new(PAGES_DIR)) {
        diagnostics.push(
            Diagnostic::error(
                "symlink",
                link,
                "this is a symbolic link; errdocs does not follow links in a site",
            )
            .with_hint("replace the link with the folder it points to"),
        );
        return (pages, diagnostics);
    }
    let dir = root.join(PAGES_DIR);
    if !dir.is_dir() {
        return (pages, diagnostics);
    }
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(super::unreadable_folder(root, &err, PAGES_DIR));
                continue;
            }
        };
        let path = relative(root, entry.path());
        let extension = entry
            .path()
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if entry.path_is_symlink() {
            diagnostics.push(
                Diagnostic::error(
                    "symlink",
                    path,
                    "symbolic links are not followed in content/pages/",
                )
                .with_hint("replace the link with the file or folder it points to"),
            );
        } else if entry.file_type().is_dir() {
            continue;
        } else if extension == "md" {
            match load_page(root, &path) {
                Ok(page) => pages.push(page),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        } else if extension.eq_ignore_ascii_case("md") || extension == "markdown" {
            diagnostics.push(
                Diagnostic::error(
                    "file-extension",
                    path,
                    format!("page files end in `.md`; this `.{extension}` file would be ignored"),
                )
                .with_hint("rename it to end in `.md`"),
            );
        }
    }
    (pages, diagnostics)
}

/// A page's translation: `<name>.<lang>.md` beside `<name>.md`, for a language the
/// site lists other than the default. Its `name` is the original's (`about.md`),
/// so it is found by the original's file and built at the original's place under the
/// language's prefix; its `file` is its own.
#[derive(Debug)]
pub struct PageTranslation {
    /// The language's tag as `site.yaml` writes it.
    pub language: String,
    pub page: LoadedPage,
}

/// Splits the pages read into originals and translations, given the site's languages
/// (the default first). A page named like a translation into a language the site does
/// not list, beside its original, is an error (`unlisted-language`), not a page.
pub fn split_translations(
    pages: Vec<LoadedPage>,
    languages: &[String],
) -> (Vec<LoadedPage>, Vec<PageTranslation>, Vec<Diagnostic>) {
    let names: std::collections::HashSet<String> = pages.iter().map(|p| p.name.clone()).collect();
    let mut originals = Vec::with_capacity(pages.len());
    let mut translations = Vec::new();
    let mut diagnostics = Vec::new();
    for mut page in pages {
        let Some((original, language)) = translation_parts(&page.name) else {
            originals.push(page);
            continue;
        };
        let listed = (languages.iter().skip(1)).find(|l| l.eq_ignore_ascii_case(language));
        if let Some(listed) = listed {
            let language = listed.clone();
            page.name = original;
            translations.push(PageTranslation { language, page });
        } else if super::translations::looks_like_language(language) && names.contains(&original) {
            diagnostics.push(super::translations::unlisted_language(
                &page.file.path,
                language,
                languages,
            ));
        } else {
            originals.push(page);
        }
    }
    (originals, translations, diagnostics)
}

/// `guide/about.de.md` → (`guide/about.md`, `de`).
fn translation_parts(name: &str) -> Option<(String, &str)> {
    let stem = name.strip_suffix(".md")?;
    let (folder, file) = stem.rsplit_once('/').map_or(("", stem), |(f, n)| (f, n));
    let (base, language) = file.rsplit_once('.')?;
    if base.is_empty() || language.is_empty() {
        return None;
    }
    let folder = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    Some((format!("{folder}{base}.md"), language))
}

/// Reads one page (`path` relative to `root`) and parses its front matter.
pub fn load_page(root: &Path, path: &Path) -> Result<LoadedPage, Diagnostic> {
    let text = read_text(root, path)?;
    let file = SourceFile {
        path: path.to_path_buf(),
    };
    let name = path
        .strip_prefix(PAGES_DIR)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let Some((front_matter_end, body_start)) = front_matter_bounds(&text) else {
        return Err(Diagnostic::error(
            "missing-key",
            path,
            "this page has no front matter (between two `---` lines), so no `title`",
        )
        .at(Some(Position { line: 1, column: 1, byte_start: 0, byte_end: 0 }))
        .with_hint("start the file with a `---` line, `title: ...`, and another `---` line; the page's Markdown follows"));
    };
    let (front_matter, diagnostics) = read_yaml(&file, &text[..front_matter_end])?;
    Ok(LoadedPage {
        file,
        name,
        front_matter,
        body: text[body_start..].to_string(),
        body_start,
        text,
        diagnostics,
    })
}

/// Where the front matter ends (the start of its closing `---` line) and the body
/// starts (after that line), when the text starts with a `---` line.
fn front_matter_bounds(text: &str) -> Option<(usize, usize)> {
    let start = usize::from(text.starts_with('\u{feff}')) * 3;
    let first = text[start..].split_inclusive('\n').next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut at = start + first.len();
    for line in text[at..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((at, at + line.len()));
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_is_between_two_dashed_lines() {
        let text = "---\ntitle: A\n---\n# Body\n";
        let (end, body) = front_matter_bounds(text).unwrap();
        assert_eq!(&text[..end], "---\ntitle: A\n");
        assert_eq!(&text[body..], "# Body\n");
        assert_eq!(
            front_matter_bounds("---\r\ntitle: A\r\n---\r\nBody"),
            Some((15, 20))
        );
        assert_eq!(front_matter_bounds("title: A\n---\n"), None);
        assert_eq!(front_matter_bounds("---\ntitle: A\n"), None);
    }

    #[test]
    fn a_page_named_with_a_language_is_its_translation() {
        assert_eq!(
            translation_parts("guide/about.de.md"),
            Some(("guide/about.md".to_string(), "de"))
        );
        assert_eq!(
            translation_parts("about.pt-BR.md"),
            Some(("about.md".to_string(), "pt-BR"))
        );
        assert_eq!(translation_parts("guide.v2/about.md"), None);
        assert_eq!(translation_parts(".de.md"), None);
    }
}
