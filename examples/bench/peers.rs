//! The peers: the same corpus as a Zola site and as a Hugo site, with templates that
//! build what the errdocs theme builds, and how to find and run each peer.
//!
//! Each record becomes one Markdown page (`content/errors/<slug>.md`) whose front matter
//! holds the title, the category (a taxonomy), severity, message, tags, a meta
//! description and the related codes, and whose body holds the same sections as the
//! errdocs page: what it means, common causes, how to fix it (with the same fenced code,
//! highlighted), questions, sources. The templates (in `peers/zola/` and `peers/hugo/`
//! next to this file) then build, like errdocs:
//!
//! - a page per code: breadcrumbs, code and title, severity, category, updated date,
//!   the message, the sections with anchor links, an "on this page" list, the related
//!   errors (code, title and severity of each, looked up by the template), tags; a head
//!   with description, canonical link, Open Graph and Twitter tags and a JSON-LD block;
//! - a page per category listing its codes (title, severity), and a list of categories
//!   with their counts;
//! - the A–Z list of every code, and a home page linking the categories;
//! - `sitemap.xml`, `robots.txt`, a 404 page, a feed of the 50 newest records, and a
//!   search index (Zola: its built-in elasticlunr index of title, meta description and
//!   path, its advice for large sites; Hugo has no built-in index, so a JSON list of
//!   code, title, description and tags, the kind a client-side search library loads);
//! - highlighting of fenced code into CSS classes (errdocs: syntect; Zola: giallo;
//!   Hugo: Chroma).
//!
//! What differs (the README's Speed section says the same):
//!
//! - errdocs alone writes the JSON API (every record as `api/errors/<slug>.json`, plus
//!   `api/errors.json` and `api/categories.json`) and the record schema: 10,000 more
//!   files at 10,000 records;
//! - errdocs' search index holds more (message, summary and causes too) as sharded word
//!   postings; the peers' indexes are one file each;
//! - errdocs' home page also shows each category's count and the ten most recently
//!   updated records: in Zola either needs every page serialized into the home template
//!   (`get_taxonomy`, `get_section`), which alone took 3.5 GB and 5 s of CPU at 10,000
//!   records, so neither peer's home page has them;
//! - errdocs computes the related list (explicit links both ways, then the same
//!   category by shared tags); for the peers the benchmark computes the same list
//!   ([`related_lists`]) into the front matter, and the templates look each code up;
//! - the errdocs page shows questions as `<details>`, has a copy button, a theme toggle,
//!   list filters on category pages and a fuller JSON-LD block (breadcrumbs, FAQ); the
//!   peers' pages show questions as headings and carry a short JSON-LD block;
//! - Hugo's feed is RSS (`index.xml`), Zola's and errdocs' Atom (`atom.xml`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::corpus::{self, Fix, Record};

/// How many related errors a page lists when the record's own links do not fill it
/// (errdocs' default `related_limit`).
const RELATED_LIMIT: usize = 8;

/// The longest meta description, cut at a word, as errdocs cuts it.
const MAX_DESCRIPTION_CHARS: usize = 160;

/// The peers' shared stylesheet and icon.
const STYLE_CSS: &str = include_str!("peers/style.css");
const FAVICON_SVG: &str = include_str!("peers/favicon.svg");

/// The Zola site's files that do not depend on the corpus: (path, contents).
const ZOLA_FILES: &[(&str, &str)] = &[
    (
        "templates/base.html",
        include_str!("peers/zola/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("peers/zola/templates/index.html"),
    ),
    (
        "templates/page.html",
        include_str!("peers/zola/templates/page.html"),
    ),
    (
        "templates/section.html",
        include_str!("peers/zola/templates/section.html"),
    ),
    (
        "templates/categories/list.html",
        include_str!("peers/zola/templates/categories/list.html"),
    ),
    (
        "templates/categories/single.html",
        include_str!("peers/zola/templates/categories/single.html"),
    ),
    ("static/style.css", STYLE_CSS),
    ("static/favicon.svg", FAVICON_SVG),
];

/// The Hugo site's files that do not depend on the corpus: (path, contents).
const HUGO_FILES: &[(&str, &str)] = &[
    ("hugo.toml", include_str!("peers/hugo/hugo.toml")),
    (
        "layouts/baseof.html",
        include_str!("peers/hugo/layouts/baseof.html"),
    ),
    (
        "layouts/home.html",
        include_str!("peers/hugo/layouts/home.html"),
    ),
    (
        "layouts/page.html",
        include_str!("peers/hugo/layouts/page.html"),
    ),
    (
        "layouts/section.html",
        include_str!("peers/hugo/layouts/section.html"),
    ),
    (
        "layouts/taxonomy.html",
        include_str!("peers/hugo/layouts/taxonomy.html"),
    ),
    (
        "layouts/term.html",
        include_str!("peers/hugo/layouts/term.html"),
    ),
    (
        "layouts/404.html",
        include_str!("peers/hugo/layouts/404.html"),
    ),
    (
        "layouts/home.searchindex.json",
        include_str!("peers/hugo/layouts/home.searchindex.json"),
    ),
    (
        "layouts/_markup/render-heading.html",
        include_str!("peers/hugo/layouts/_markup/render-heading.html"),
    ),
    ("static/style.css", STYLE_CSS),
    ("static/favicon.svg", FAVICON_SVG),
];

/// A peer static site generator the benchmark runs next to errdocs.
pub struct Peer {
    /// "Zola" or "Hugo".
    pub name: &'static str,
    kind: PeerKind,
    /// The binary run (for the Python package `hugo`, the real binary its script runs).
    pub binary: PathBuf,
    /// The version line the binary reports, e.g. `zola 0.22.1`.
    pub version: String,
}

#[derive(Clone, Copy)]
enum PeerKind {
    Zola,
    Hugo,
}

impl PeerKind {
    fn name(self) -> &'static str {
        match self {
            PeerKind::Zola => "Zola",
            PeerKind::Hugo => "Hugo",
        }
    }

    /// The environment variable that names the binary.
    fn variable(self) -> &'static str {
        match self {
            PeerKind::Zola => "ERRDOCS_BENCH_ZOLA",
            PeerKind::Hugo => "ERRDOCS_BENCH_HUGO",
        }
    }

    fn default_command(self) -> &'static str {
        match self {
            PeerKind::Zola => "zola",
            PeerKind::Hugo => "hugo",
        }
    }

    /// The arguments that print the version.
    fn version_args(self) -> &'static [&'static str] {
        match self {
            PeerKind::Zola => &["--version"],
            PeerKind::Hugo => &["version"],
        }
    }

    /// The folder of this peer's site inside a peers folder.
    fn folder(self) -> &'static str {
        match self {
            PeerKind::Zola => "zola",
            PeerKind::Hugo => "hugo",
        }
    }
}

/// Finds the peers: each from its environment variable (`ERRDOCS_BENCH_ZOLA`,
/// `ERRDOCS_BENCH_HUGO`: a path or a command on PATH; empty to leave the peer out), else
/// `zola` and `hugo` on PATH. Returns the peers found and a line per peer left out.
pub fn find() -> (Vec<Peer>, Vec<String>) {
    let mut found = Vec::new();
    let mut absent = Vec::new();
    for kind in [PeerKind::Zola, PeerKind::Hugo] {
        match locate(kind) {
            Ok(peer) => found.push(peer),
            Err(why) => absent.push(format!("{}: skipped, {why}", kind.name())),
        }
    }
    (found, absent)
}

fn locate(kind: PeerKind) -> Result<Peer, String> {
    let configured = std::env::var(kind.variable()).ok();
    if configured.as_deref() == Some("") {
        return Err(format!("{} is empty", kind.variable()));
    }
    let command = configured
        .clone()
        .unwrap_or_else(|| kind.default_command().to_string());
    let output = Command::new(&command)
        .args(kind.version_args())
        .output()
        .map_err(|e| match &configured {
            Some(_) => format!("{}={command} does not run ({e})", kind.variable()),
            None => format!(
                "`{command}` is not on PATH (set {} to its binary)",
                kind.variable()
            ),
        })?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut binary = PathBuf::from(&command);
    let version = text.lines().last().unwrap_or_default().trim().to_string();
    // The Python package `hugo` installs a script that prints this line and then
    // replaces itself with the real binary; measuring the binary directly keeps the
    // interpreter's start-up out of Hugo's figures.
    if let Some(line) = text
        .lines()
        .find(|l| l.contains("via hugo-python-distributions at "))
        && let Some((_, path)) = line.split_once(" at ")
    {
        binary = PathBuf::from(strip_terminal_colours(path).trim());
    }
    if !output.status.success() || version.is_empty() {
        return Err(format!("`{command}` did not report a version"));
    }
    Ok(Peer {
        name: kind.name(),
        kind,
        binary,
        version: short_version(&version),
    })
}

/// Removes ANSI colour sequences (`ESC [ ... m`) from a line.
fn strip_terminal_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `zola 0.22.1` → `0.22.1`; `hugo v0.168.0-e27a…+extended linux/amd64 …` → `0.168.0`.
fn short_version(line: &str) -> String {
    let word = line.split_whitespace().nth(1).unwrap_or(line);
    let word = word.trim_start_matches('v');
    word.split(['-', '+']).next().unwrap_or(word).to_string()
}

impl Peer {
    /// The command that builds this peer's site in `peers_dir` into `output`, a folder
    /// that does not exist yet.
    pub fn build_command(&self, peers_dir: &Path, output: &Path) -> Command {
        let site = peers_dir.join(self.kind.folder());
        let mut command = Command::new(&self.binary);
        match self.kind {
            PeerKind::Zola => {
                command
                    .arg("--root")
                    .arg(&site)
                    .arg("build")
                    .arg("--output-dir")
                    .arg(output);
            }
            PeerKind::Hugo => {
                command
                    .arg("build")
                    .arg("--source")
                    .arg(&site)
                    .arg("--destination")
                    .arg(output)
                    .args(["--quiet", "--noBuildLock"]);
            }
        }
        command
    }
}

/// Each record's related list as errdocs computes it (see `src/related.rs`): the
/// record's own `related` codes, then the records that name it, A to Z; then, up to
/// [`RELATED_LIMIT`], records of the same category by the number of shared tags (more
/// first, A to Z among equals); then the nearest codes of the category after it.
pub fn related_lists(n: usize) -> Vec<Vec<usize>> {
    assert!(corpus::TAGS.len() <= 64, "tags must fit a u64 bit set");
    let mut category = Vec::with_capacity(n);
    let mut tags: Vec<u64> = Vec::with_capacity(n);
    let mut explicit = Vec::with_capacity(n);
    for record in corpus::records(n) {
        category.push(record.category);
        tags.push(record.tags.iter().fold(0, |set, tag| {
            set | 1 << corpus::TAGS.iter().position(|t| t == tag).unwrap()
        }));
        explicit.push(record.related);
    }
    let mut backlinks = vec![Vec::new(); n];
    for (i, list) in explicit.iter().enumerate() {
        for &target in list {
            backlinks[target].push(i);
        }
    }
    let mut members = vec![Vec::new(); corpus::CATEGORY_COUNT];
    let mut position = vec![0; n];
    for i in 0..n {
        position[i] = members[category[i]].len();
        members[category[i]].push(i);
    }
    (0..n)
        .map(|i| {
            let mut list = explicit[i].clone();
            for &b in &backlinks[i] {
                if !list.contains(&b) {
                    list.push(b);
                }
            }
            let peers = &members[category[i]];
            if list.len() < RELATED_LIMIT {
                let mut ranked: Vec<(u32, usize)> = peers
                    .iter()
                    .map(|&other| ((tags[i] & tags[other]).count_ones(), other))
                    .filter(|&(shared, other)| shared > 0 && other != i && !list.contains(&other))
                    .collect();
                ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                list.extend(
                    ranked
                        .into_iter()
                        .take(RELATED_LIMIT - list.len())
                        .map(|(_, other)| other),
                );
            }
            for step in 1..peers.len() {
                if list.len() >= RELATED_LIMIT {
                    break;
                }
                let other = peers[(position[i] + step) % peers.len()];
                if !list.contains(&other) {
                    list.push(other);
                }
            }
            list
        })
        .collect()
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A TOML array of strings.
fn toml_strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| toml_string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// The summary cut to a meta description, at a word, as errdocs cuts it.
fn description(record: &Record) -> String {
    let text = record.summary.join(" ");
    if text.chars().count() <= MAX_DESCRIPTION_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_DESCRIPTION_CHARS - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.trim_end_matches([',', ';', ':', '.', ' ']).to_string() + "…"
}

/// The page body: the record's sections in Markdown, the same for both peers. The
/// summary divider makes the first section the feed's summary.
fn markdown_body(record: &Record) -> String {
    let mut body = String::with_capacity(2400);
    body.push_str("## What it means\n\n");
    body.push_str(&record.summary.join("\n"));
    body.push_str("\n\n<!--more-->\n\n## Common causes\n\n");
    for cause in &record.causes {
        let _ = writeln!(body, "- {cause}");
    }
    body.push_str("\n## How to fix it\n\n");
    for (step, fix) in record.fixes.iter().enumerate() {
        match fix {
            Fix::Text(text) => {
                let _ = writeln!(body, "{}. {text}", step + 1);
            }
            Fix::Code {
                text,
                language,
                snippet,
            } => {
                let _ = writeln!(body, "{}. {text}\n\n   ```{language}", step + 1);
                for line in snippet.lines() {
                    let _ = writeln!(body, "   {line}");
                }
                body.push_str("   ```\n\n");
            }
        }
    }
    if !record.faq.is_empty() {
        body.push_str("\n## Questions\n");
        for (question, answer) in &record.faq {
            let _ = write!(body, "\n### {question}\n\n{answer}\n");
        }
    }
    let _ = write!(
        body,
        "\n## Sources\n\n- [Reference page {}]({})\n",
        record.index + 1,
        corpus::source_url(record)
    );
    body
}

/// The front matter both peers share (TOML): title, dates, description.
fn common_front_matter(record: &Record) -> String {
    format!(
        "title = {}\ndescription = {}\ndate = {}\n",
        toml_string(&record.title),
        toml_string(&description(record)),
        record.date(),
    )
}

/// The fields a template shows or looks up: code, severity, message, tags, related.
fn params(record: &Record, related: &[usize]) -> String {
    format!(
        "code = {}\nseverity = {}\nmessage = {}\ntags = {}\nrelated = {}\n",
        toml_string(&record.code),
        toml_string(record.severity),
        toml_string(&record.message),
        toml_strings(&record.tags),
        toml_strings(related.iter().map(|&i| corpus::code(i).to_lowercase())),
    )
}

fn zola_page(record: &Record, related: &[usize]) -> String {
    format!(
        "+++\n{}updated = {}\n\n[taxonomies]\ncategories = [{}]\n\n[extra]\n{}+++\n\n{}",
        common_front_matter(record),
        record.date(),
        toml_string(&corpus::category_slug(record.category)),
        params(record, related),
        markdown_body(record),
    )
}

fn hugo_page(record: &Record, related: &[usize]) -> String {
    format!(
        "+++\n{}lastmod = {}\nweight = {}\ncategories = [{}]\n\n[params]\n{}+++\n\n{}",
        common_front_matter(record),
        record.date(),
        record.index + 1,
        toml_string(&corpus::category_slug(record.category)),
        params(record, related),
        markdown_body(record),
    )
}

fn write_file(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// Writes the `n`-record corpus as a Zola site (`dir/zola`) and a Hugo site (`dir/hugo`),
/// replacing what is there.
pub fn write_sites(n: usize, dir: &Path) {
    let zola = dir.join(PeerKind::Zola.folder());
    let hugo = dir.join(PeerKind::Hugo.folder());
    for site in [&zola, &hugo] {
        let _ = std::fs::remove_dir_all(site);
        std::fs::create_dir_all(site.join("content/errors")).unwrap();
    }
    for (path, contents) in ZOLA_FILES {
        write_file(&zola.join(path), contents);
    }
    for (path, contents) in HUGO_FILES {
        write_file(&hugo.join(path), contents);
    }

    // Zola has no content files for taxonomy terms: the category titles and
    // descriptions go into the config, where the templates look them up.
    let mut config = include_str!("peers/zola/config.toml").to_string();
    for c in 0..corpus::CATEGORY_COUNT {
        let _ = write!(
            config,
            "\n[extra.categories.{}]\ntitle = {}\ndescription = {}\n",
            corpus::category_slug(c),
            toml_string(&corpus::category_title(c)),
            toml_string(&corpus::category_description(c)),
        );
        // Hugo reads them from the terms' own pages.
        write_file(
            &hugo.join(format!(
                "content/categories/{}/_index.md",
                corpus::category_slug(c)
            )),
            &format!(
                "+++\ntitle = {}\ndescription = {}\n+++\n",
                toml_string(&corpus::category_title(c)),
                toml_string(&corpus::category_description(c)),
            ),
        );
    }
    write_file(&zola.join("config.toml"), &config);
    write_file(
        &zola.join("content/_index.md"),
        &format!("+++\ntitle = {}\n+++\n", toml_string(corpus::SITE_TITLE)),
    );
    write_file(
        &zola.join("content/errors/_index.md"),
        "+++\ntitle = \"All errors, A to Z\"\nsort_by = \"slug\"\ntemplate = \"section.html\"\n+++\n",
    );
    write_file(
        &hugo.join("content/errors/_index.md"),
        "+++\ntitle = \"All errors, A to Z\"\n+++\n",
    );
    write_file(
        &hugo.join("content/categories/_index.md"),
        "+++\ntitle = \"Categories\"\n+++\n",
    );

    let related = related_lists(n);
    for record in corpus::records(n) {
        let file = format!("content/errors/{}.md", record.slug());
        write_file(
            &zola.join(&file),
            &zola_page(&record, &related[record.index]),
        );
        write_file(
            &hugo.join(&file),
            &hugo_page(&record, &related[record.index]),
        );
    }
}
