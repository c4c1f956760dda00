//! The guide in `docs/` keeps up with the code: every key of the three YAML files,
//! every template, block and template variable, every key of the JSON API and every
//! rule id is documented, the index links every page, and the commands of
//! `docs/getting-started.md`, taken from the Markdown itself, run and pass.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use errdocs::load::raw::{
    RawCategory, RawFaq, RawFieldDeclaration, RawMapping, RawRecord, RawSiteConfig, RawSource,
    RawUrls,
};

use crate::support::*;

fn doc(name: &str) -> String {
    let path = repo_root().join("docs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The part of `text` from the heading that starts with `heading` to the next heading
/// of the same level.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(&format!("\n{heading}"))
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    let level = heading.split(' ').next().unwrap();
    let rest = &text[start + 1..];
    let end = rest[1..]
        .find(&format!("\n{level} "))
        .map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// The names missing from `text` as a table's first column (`` | `name` | ``) or, for
/// shared rows, inside one.
fn missing_rows<'a>(text: &str, names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    names
        .into_iter()
        .filter(|name| {
            !text.lines().filter(|l| l.starts_with("| ")).any(|l| {
                l.split(" | ")
                    .next()
                    .unwrap_or("")
                    .contains(&format!("`{name}`"))
            })
        })
        .collect()
}

#[test]
fn the_configuration_reference_names_every_key() {
    let text = doc("configuration.md");
    for (heading, keys) in [
        ("## `site.yaml`", RawSiteConfig::KEYS.to_vec()),
        ("## `urls`", RawUrls::KEYS.to_vec()),
        ("## `fields`", RawFieldDeclaration::KEYS.to_vec()),
        ("## `content/categories.yaml`", RawCategory::KEYS.to_vec()),
        (
            "## An error record",
            [RawRecord::KEYS, RawFaq::KEYS, RawSource::KEYS].concat(),
        ),
    ] {
        let missing = missing_rows(section(&text, heading), keys.iter().copied());
        assert!(
            missing.is_empty(),
            "docs/configuration.md, section {heading:?}, has no row for {missing:?}"
        );
    }
}

/// A template that writes, one a line, every variable of the context it is given
/// (`record.faq[].question: string`), walking maps and the first item of lists.
const WALKER: &str = r#"{% component walk(prefix, value) %}{% if value is map %}{% for key, inner in value %}{{ <walk prefix={prefix ~ "." ~ key} value={inner}/> }}{% endfor %}{% elif value is array %}{{ prefix }}
{% if value | length > 0 %}{{ <walk prefix={prefix ~ "[]"} value={value | first}/> }}{% endif %}{% else %}{{ prefix }}
{% endif %}{% endcomponent walk %}"#;
const WALK_CONTEXT: &str =
    r#"{% for key, value in __tera_context %}{{ <walk prefix={key} value={value}/> }}{% endfor %}"#;

/// The page templates: every template a page is rendered from, that is every template
/// at the top of the built-in theme's folder but `base.html`, which they extend.
fn page_templates() -> Vec<String> {
    let mut templates: Vec<String> = std::fs::read_dir(repo_root().join("templates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "html"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|name| name != "base.html")
        .collect();
    templates.sort();
    assert!(
        templates.contains(&"error.html".to_string()),
        "{templates:?}"
    );
    templates
}

/// The line a recording template starts its output with, before its variables.
const RENDERED_MARK: &str = "rendered-from: ";

/// Every variable any page template is given, found by building the fixtures with each
/// page template replaced by one that lists its context: the basic one (aliases, tags)
/// and the HTTP API one (declared fields, pages, the menu, the footer, the logo, the
/// URL layout), each with a folder's page (`guide/index.md`). Every page template must have rendered at least one page. Maps whose
/// keys are file names (`assets`) count as one variable, and so does a list with its
/// items when they are not maps.
fn template_variables() -> BTreeSet<String> {
    let templates = page_templates();
    let mut rendered = BTreeSet::new();
    let mut variables = BTreeSet::new();
    for fixture in ["basic", "http-api"] {
        let mut site = TestSite::fixture(fixture)
            .with_file("templates/walk.html", WALKER)
            // A folder's page, so `content_page.children` has items.
            .with_file(
                "content/pages/guide/index.md",
                "---\ntitle: Guides\n---\nThe guides.\n",
            );
        for template in &templates {
            let recorder = format!("{RENDERED_MARK}{template}\n{WALK_CONTEXT}");
            site = site.with_file(&format!("templates/{template}"), recorder);
        }
        site.build_ok();
        for file in walkdir::WalkDir::new(site.output()) {
            let file = file.unwrap();
            if file.path().extension().is_none_or(|x| x != "html") {
                continue;
            }
            for line in std::fs::read_to_string(file.path()).unwrap().lines() {
                let name = line.trim();
                if let Some(template) = name.strip_prefix(RENDERED_MARK) {
                    rendered.insert(template.to_string());
                    continue;
                }
                if name.is_empty() {
                    continue;
                }
                // Only names come out of the recorder: anything else is a page template
                // that was not replaced.
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c)),
                    "{}: {name:?} is not a variable's name",
                    file.path().display()
                );
                // The items of a list of text are documented with the list (`list of text`).
                let name = name.trim_end_matches("[]");
                let name = if name.starts_with("assets.") {
                    "assets"
                } else {
                    name
                };
                variables.insert(name.to_string());
            }
        }
    }
    let unrendered: Vec<&String> = templates
        .iter()
        .filter(|t| !rendered.contains(*t))
        .collect();
    assert!(
        unrendered.is_empty(),
        "no fixture page renders {unrendered:?}"
    );
    assert!(variables.contains("record.code"), "{variables:?}");
    variables
}

#[test]
fn the_theming_guide_names_every_template_block_and_variable() {
    let text = doc("theming.md");
    let templates_dir = repo_root().join("templates");
    let mut missing = Vec::new();
    let mut blocks = BTreeSet::new();
    for file in walkdir::WalkDir::new(&templates_dir) {
        let file = file.unwrap();
        if !file.file_type().is_file() {
            continue;
        }
        let name = file.path().strip_prefix(&templates_dir).unwrap();
        let name = name.to_string_lossy().replace('\\', "/");
        if !text.contains(&format!("| `{name}` |")) {
            missing.push(format!("template {name}"));
        }
        let source = std::fs::read_to_string(file.path()).unwrap();
        for (at, _) in source.match_indices("{% block ") {
            let name = source[at + 9..].split_whitespace().next().unwrap();
            blocks.insert(name.to_string());
        }
    }
    assert!(blocks.contains("content"), "{blocks:?}");
    for block in &blocks {
        if !text.contains(&format!("| `{block}` |")) {
            missing.push(format!("block {block}"));
        }
    }
    for variable in template_variables() {
        if !text.contains(&format!("`{variable}`")) {
            missing.push(format!("variable {variable}"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/theming.md does not document: {missing:#?}"
    );
}

#[test]
fn the_api_guide_names_every_key() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let text = doc("api.md");
    let json = |relative: &str| -> serde_json::Value {
        serde_json::from_str(&site.read(relative)).unwrap()
    };
    let keys = |value: &serde_json::Value| -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    let mut missing = Vec::new();
    for (heading, keys) in [
        ("## `api/errors.json`", keys(&json("api/errors.json")[0])),
        (
            "## `api/errors/<slug>.json`",
            keys(&json("api/errors/aadsts40009.json")),
        ),
        (
            "## `api/categories.json`",
            keys(&json("api/categories.json")[0]),
        ),
    ] {
        let part = section(&text, heading);
        for key in missing_rows(part, keys.iter().map(String::as_str)) {
            missing.push(format!("{heading}: {key}"));
        }
    }
    assert!(
        missing.is_empty(),
        "docs/api.md does not document: {missing:#?}"
    );
}

#[test]
fn the_check_rules_page_names_every_rule() {
    let text = doc("check-rules.md");
    let missing: Vec<&str> = errdocs::diagnostics::RULES
        .iter()
        .map(|(rule, _)| *rule)
        .filter(|rule| !text.contains(&format!("`{rule}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/check-rules.md does not name {missing:?}"
    );
}

/// The targets of the links of a Markdown text, as a Markdown reader finds them: those
/// in code (errdocs's own `[text](@CODE)` shown as an example) are not links.
fn link_targets(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(text, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// Every page of `docs/` is in its index, and every relative link of the docs, the
/// README and CONTRIBUTING.md leads to a file that exists.
#[test]
fn the_index_links_every_page_and_no_link_is_broken() {
    let docs = repo_root().join("docs");
    let index = doc("README.md");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    for page in &pages {
        let name = page.file_name().unwrap().to_str().unwrap();
        if name != "README.md" {
            assert!(
                index.contains(&format!("]({name})")),
                "docs/README.md does not link {name}"
            );
        }
    }
    let readme = repo_root().join("README.md");
    assert!(
        std::fs::read_to_string(&readme)
            .unwrap()
            .contains("](docs/README.md)"),
        "the README links the docs' index"
    );
    let mut broken = Vec::new();
    for file in pages
        .iter()
        .chain([&readme, &repo_root().join("CONTRIBUTING.md")])
    {
        let text = std::fs::read_to_string(file).unwrap();
        for target in link_targets(&text) {
            let target = target.split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = file.parent().unwrap().join(target);
            if !resolved.exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

/// What the comment before a ```sh block of the getting-started guide says to do with it.
#[derive(Debug, PartialEq)]
enum Step {
    /// Run it; it must succeed.
    Run,
    /// Start it, wait for the preview's address, fetch the page, stop it.
    Serve,
    /// Not run, for the reason given (it installs or deploys).
    Skip,
}

/// The ```sh blocks of `text`, each with the `<!-- test: ... -->` comment before it.
fn shell_blocks(text: &str) -> Vec<(Step, String)> {
    let mut blocks = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "```sh" {
            i += 1;
            continue;
        }
        let marker = (0..i)
            .rev()
            .map(|j| lines[j].trim())
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let step = match marker {
            "<!-- test: run -->" => Step::Run,
            "<!-- test: serve -->" => Step::Serve,
            m if m.starts_with("<!-- test: skip (") && m.ends_with(") -->") => Step::Skip,
            other => panic!(
                "docs/getting-started.md: the ```sh block at line {} has no `<!-- test: run|serve|skip (why) -->` before it, but {other:?}",
                i + 1
            ),
        };
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].trim() == "```")
            .expect("a closed block");
        blocks.push((step, lines[i + 1..end].join("\n")));
        i = end + 1;
    }
    blocks
}

/// A shell with the `errdocs` under test first on `PATH`, in `dir`, as CI runs it.
fn shell(dir: &Path, script: &str) -> Command {
    let bin = Path::new(env!("CARGO_BIN_EXE_errdocs")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let mut command = Command::new("bash");
    command
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .stdin(Stdio::null());
    command
}

/// Runs `errdocs serve` as the guide shows it, in `dir`, until it serves the home page.
fn serve_and_fetch(dir: &Path, block: &str) {
    let mut child = shell(dir, &format!("exec {block}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the serve block");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = None;
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Serving the preview at ") {
            url = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    let fetched = url.as_deref().map(|url| {
        ureq::get(url)
            .call()
            .map(|mut r| r.body_mut().read_to_string().unwrap_or_default())
    });
    // Stop the server this test started, by its own id.
    let _ = child.kill();
    let _ = child.wait();
    let url = url.expect("serve printed its address");
    let page = fetched
        .unwrap()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    assert!(page.contains("Acme API errors"), "{url} served:\n{page}");
}

#[test]
fn the_getting_started_commands_run_as_written() {
    let blocks = shell_blocks(&doc("getting-started.md"));
    let run: Vec<&String> = blocks
        .iter()
        .filter(|(s, _)| *s != Step::Skip)
        .map(|(_, b)| b)
        .collect();
    for command in [
        "errdocs init",
        "errdocs check",
        "errdocs new",
        "errdocs build",
        "errdocs serve",
    ] {
        assert!(
            run.iter().any(|b| b.contains(command)),
            "the guide runs no `{command}`"
        );
    }
    for (step, block) in &blocks {
        if *step == Step::Skip {
            assert!(
                block.contains("cargo install") || block.contains("git push"),
                "only installing and deploying are skipped:\n{block}"
            );
        }
    }
    let home = TestSite::empty();
    // Each block starts in the folder where the one before it ended (`cd acme`).
    let mut dir = home.root().to_path_buf();
    let state = home.root().join(".cwd");
    for (step, block) in blocks {
        match step {
            Step::Skip => {}
            Step::Serve => serve_and_fetch(&dir, &block),
            Step::Run => {
                let script = format!("{block}\npwd > '{}'", state.display());
                let out = shell(&dir, &script).output().unwrap();
                assert!(
                    out.status.success(),
                    "this block of docs/getting-started.md failed:\n{block}\n---\n{}",
                    text(&out)
                );
                dir = PathBuf::from(std::fs::read_to_string(&state).unwrap().trim());
            }
        }
    }
    assert!(dir.join("public/errors/e1003/index.html").is_file());
}
