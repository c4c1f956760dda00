//! A new user's first minutes: `errdocs init`, then `check`, `build` and `new` in the new
//! site; the site inside a bigger repository, found from any folder below it, with
//! paths shown from where the command runs; `--version`.

use std::path::Path;

use crate::support::*;

/// `errdocs init acme --title "Acme API errors" --product "Acme API"` in `parent`.
fn init_acme(parent: &TestSite, dir: &str) -> String {
    let out = parent.run(&[
        "init",
        dir,
        "--title",
        "Acme API errors",
        "--product",
        "Acme API",
    ]);
    assert!(out.status.success(), "init failed:\n{}", text(&out));
    text(&out)
}

/// Runs the binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    errdocs_command()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("CI", "1")
        .output()
        .expect("run errdocs")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_then_check_is_clean_and_build_writes_the_pages() {
    let parent = TestSite::empty();
    init_acme(&parent, "acme");
    let site = parent.root().join("acme");
    let out = run_in(&site, &["check", "--deny-warnings"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("ok: 3 records checked, no problems"),
        "{}",
        text(&out)
    );
    let out = run_in(&site, &["build"]);
    assert!(out.status.success(), "{}", text(&out));
    let home = read(&site.join("public/index.html"));
    assert!(home.contains("Acme API errors"), "{home}");
    let page = read(&site.join("public/errors/e1001/index.html"));
    assert!(page.contains("Acme API refused the request"), "{page}");
    // The example's fenced code is highlighted, its alias redirects.
    assert!(page.contains("<pre"), "{page}");
    assert!(site.join("public/errors/1001/index.html").is_file());
}

/// The records `init` and `new` write are in the layout `errdocs fmt --check` (which the
/// pull-request workflow runs) expects, whatever the product's name does to their
/// lines.
#[test]
fn the_records_init_and_new_write_are_formatted() {
    for product in [
        "Acme API",
        "The Very Long Name Of An Enterprise Resource Planning Product",
    ] {
        let parent = TestSite::empty();
        let out = parent.run(&["init", "acme", "--product", product]);
        assert!(out.status.success(), "{}", text(&out));
        let site = parent.root().join("acme");
        let out = run_in(&site, &["new", "E3001", "--category", "requests"]);
        assert!(out.status.success(), "{}", text(&out));
        let out = run_in(&site, &["fmt", "--check"]);
        assert!(out.status.success(), "{product}:\n{}", text(&out));
        assert!(text(&out).contains("ok: 4 files checked"), "{}", text(&out));
    }
}

/// The three examples together use every key a record can have, and the settings file
/// names every setting with a comment above it: a key added to the format must be shown
/// to new sites too.
#[test]
fn the_starter_shows_every_key() {
    use errdocs::load::raw::{RawCategory, RawMapping, RawRecord, RawSiteConfig};
    let parent = TestSite::empty();
    init_acme(&parent, "acme");
    let site = parent.root().join("acme");
    let records: String = walkdir::WalkDir::new(site.join("content/errors"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .collect();
    for key in RawRecord::KEYS {
        assert!(
            records.lines().any(|l| l.starts_with(&format!("{key}:"))),
            "no example record uses `{key}`"
        );
    }
    let settings = read(&site.join("site.yaml"));
    let lines: Vec<&str> = settings.lines().collect();
    for key in RawSiteConfig::KEYS {
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{key}:")) || l.starts_with(&format!("# {key}:")))
            .unwrap_or_else(|| panic!("site.yaml written by init has no `{key}`:\n{settings}"));
        assert!(
            at > 0 && lines[at - 1].starts_with("# "),
            "`{key}` has no comment above it:\n{settings}"
        );
    }
    let categories = read(&site.join("content/categories.yaml"));
    for key in RawCategory::KEYS {
        assert!(categories.contains(&format!(" {key}:")), "{categories}");
    }
    let guide = read(&site.join("CONTRIBUTING.md"));
    for key in RawRecord::KEYS {
        assert!(
            guide.contains(&format!("| `{key}` |")),
            "the site's CONTRIBUTING.md does not explain `{key}`"
        );
    }
}

/// The settings the starter shows commented out are real examples: with every `#`
/// of them removed (and the logo's file in `static/`), the site still checks clean.
#[test]
fn the_starters_commented_settings_check_clean_once_uncommented() {
    use errdocs::load::raw::{RawMapping, RawSiteConfig};
    let parent = TestSite::empty();
    init_acme(&parent, "acme");
    let site = parent.root().join("acme");
    let settings = read(&site.join("site.yaml"));
    let mut uncommented = Vec::new();
    let mut in_example = false;
    let mut shown = 0;
    for line in settings.lines() {
        let starts_key = RawSiteConfig::KEYS
            .iter()
            .any(|key| line.starts_with(&format!("# {key}:")));
        // An example's own lines: the key, then lines indented under it.
        in_example = starts_key || (in_example && line.starts_with("#  "));
        if in_example {
            shown += usize::from(starts_key);
            uncommented.push(&line[2..]);
        } else {
            uncommented.push(line);
        }
    }
    assert!(
        shown >= 5,
        "edit_url, fields, nav, footer, logo:\n{settings}"
    );
    std::fs::write(site.join("site.yaml"), uncommented.join("\n")).unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(
        site.join("static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let out = run_in(&site, &["check", "--deny-warnings"]);
    assert!(
        out.status.success(),
        "{}\n{}",
        uncommented.join("\n"),
        text(&out)
    );
}

/// Every YAML file points at the site's own schema by a relative path that exists from
/// its folder, and the editor settings map the same schemas: any YAML language server
/// completes fields offline.
#[test]
fn editors_find_the_local_schemas() {
    let parent = TestSite::empty();
    init_acme(&parent, "acme");
    let site = parent.root().join("acme");
    let yaml_files = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"));
    let mut seen = 0;
    for file in yaml_files {
        let first = read(file.path()).lines().next().unwrap().to_string();
        let schema = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{} has no schema line: {first}", file.path().display()));
        assert!(!schema.contains("://"), "{schema} is not a local path");
        let target = file.path().parent().unwrap().join(schema);
        assert!(
            target.is_file(),
            "{} points at {schema}, which does not exist",
            file.path().display()
        );
        seen += 1;
    }
    assert_eq!(seen, 5, "site.yaml, categories.yaml and three records");
    let settings: serde_json::Value =
        serde_json::from_str(&read(&site.join(".vscode/settings.json"))).unwrap();
    let mapped = settings["yaml.schemas"].as_object().unwrap();
    for (schema, files) in mapped {
        assert!(site.join(schema).is_file(), "{schema} does not exist");
        assert!(files.is_string(), "{files}");
    }
    assert_eq!(mapped.len(), 3);
    for (name, text) in errdocs::schema::all(&[]) {
        assert_eq!(read(&site.join("schema").join(name)), text);
    }
}

#[test]
fn new_in_the_starter_site_is_about_the_site_not_microsoft() {
    let parent = TestSite::empty();
    init_acme(&parent, "acme");
    let folder = parent.root().join("acme/content/errors/authentication");
    let out = run_in(&folder, &["new", "E1003", "--category", "authentication"]);
    assert!(out.status.success(), "{}", text(&out));
    // Run from the record's folder, the new file is shown from there.
    assert!(text(&out).contains("created E1003.yaml"), "{}", text(&out));
    let record = read(&folder.join("E1003.yaml"));
    for word in [
        "Microsoft",
        "Entra",
        "contoso",
        "Revoke-Mg",
        "powershell",
        "AADSTS",
        "Power BI",
    ] {
        assert!(
            !record.contains(word),
            "the skeleton mentions {word}:\n{record}"
        );
    }
    assert!(
        record.contains("(Acme API)"),
        "the site's product is named:\n{record}"
    );
    assert!(
        record.contains("CONTRIBUTING.md"),
        "the site has one:\n{record}"
    );
    assert!(
        record.starts_with(
            "# yaml-language-server: $schema=../../../schema/error-record.schema.json\n"
        )
    );
    // Without a CONTRIBUTING.md, the skeleton does not send anyone to it.
    std::fs::remove_file(parent.root().join("acme/CONTRIBUTING.md")).unwrap();
    let out = run_in(&folder, &["new", "E1004", "--category", "authentication"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!read(&folder.join("E1004.yaml")).contains("CONTRIBUTING"));
}

/// The site in `docs/errors/` of a git repository: the workflows go to the repository's
/// top, `check` finds the site from any folder inside it, and `--format github` run at
/// the top names files from there, as GitHub's annotations need.
#[test]
fn a_site_inside_a_repository_reports_paths_from_where_check_runs() {
    let repo = TestSite::empty();
    std::fs::create_dir(repo.root().join(".git")).unwrap();
    let said = init_acme(&repo, "docs/errors");
    assert!(
        said.contains("went to the top of the git repository"),
        "{said}"
    );
    assert!(
        repo.root()
            .join(".github/workflows/errdocs-check.yml")
            .is_file()
    );
    assert!(!repo.root().join("docs/errors/.github").exists());
    let site = repo.root().join("docs/errors");
    let record = site.join("content/errors/requests/E2001.yaml");
    let text_before = read(&record);
    std::fs::write(
        &record,
        text_before.replace("severity: medium", "severity: mild"),
    )
    .unwrap();

    let out = run_in(
        repo.root(),
        &["check", "--root", "docs/errors", "--format", "github"],
    );
    let github = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        github.starts_with("::error file=docs/errors/content/errors/requests/E2001.yaml,line=8,"),
        "{github}"
    );

    // From a folder inside the site, without --root: found upward, shown from there.
    let out = run_in(
        &site.join("content/errors"),
        &["check", "--format", "short"],
    );
    assert!(
        text(&out).starts_with("requests/E2001.yaml:8:11: error[invalid-severity]"),
        "{}",
        text(&out)
    );
    let out = run_in(&site.join("content/errors"), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["file"], "requests/E2001.yaml");

    // build and explain find it too; build writes into the site's public/.
    std::fs::write(&record, text_before).unwrap();
    let out = run_in(&site.join("content"), &["build"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(site.join("public/index.html").is_file());
    let out = run_in(&site.join("content"), &["explain", "1001"]);
    assert!(
        text(&out).contains("The API key is missing or not valid"),
        "{}",
        text(&out)
    );
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let parent = TestSite::empty().with_file("acme/site.yaml", "title: Mine\n");
    let out = parent.run(&["init", "acme", "--product", "Acme API"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("refusing to overwrite acme/site.yaml"),
        "{}",
        text(&out)
    );
    assert_eq!(read(&parent.root().join("acme/site.yaml")), "title: Mine\n");
    assert!(
        !parent.root().join("acme/content").exists(),
        "nothing else was written"
    );

    // A folder with other files is fine: nothing is overwritten.
    let parent = TestSite::empty().with_file("acme/notes.txt", "mine");
    init_acme(&parent, "acme");
    assert_eq!(read(&parent.root().join("acme/notes.txt")), "mine");
    assert!(parent.root().join("acme/site.yaml").is_file());
}

/// Titles and products with YAML's special characters are written so that they read
/// back as written, and the site still checks clean; bad options are refused.
#[test]
fn init_quotes_what_yaml_would_misread_and_refuses_bad_options() {
    for (title, product) in [
        ("Acme: API errors #1", "Acme *API*"),
        ("yes", "\"Quoted\" & 'Single'"),
        ("404", "- dash"),
    ] {
        let parent = TestSite::empty();
        let title_option = format!("--title={title}");
        let product_option = format!("--product={product}");
        let out = parent.run(&["init", "site", &title_option, &product_option]);
        assert!(out.status.success(), "{}", text(&out));
        let site = parent.root().join("site");
        let out = run_in(&site, &["check", "--deny-warnings"]);
        assert!(out.status.success(), "{title} / {product}: {}", text(&out));
        let out = run_in(&site, &["build"]);
        assert!(out.status.success(), "{}", text(&out));
        let api: serde_json::Value =
            serde_json::from_str(&read(&site.join("public/api/errors.json"))).unwrap();
        assert_eq!(api[0]["product"], product.trim());
    }
    for bad in [
        ["--base-url", "ftp://example.com/"],
        ["--language", "not a tag"],
    ] {
        let parent = TestSite::empty();
        let out = parent.run(&["init", "site", bad[0], bad[1]]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(text(&out).contains("nothing was written"), "{}", text(&out));
        assert!(!parent.root().join("site").exists());
    }
}

/// Without a terminal (and in CI) init asks nothing; the defaults come from the folder.
#[test]
fn init_asks_nothing_without_a_terminal() {
    let parent = TestSite::empty();
    let out = errdocs_command()
        .args(["init", "my-api"])
        .current_dir(parent.root())
        .stdin(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let settings = read(&parent.root().join("my-api/site.yaml"));
    assert!(settings.contains("\ntitle: My api errors\n"), "{settings}");
    assert!(settings.contains("\nproduct: My api\n"), "{settings}");
}

/// An empty folder: each missing file says what goes in it, and where to start.
#[test]
fn an_empty_folder_is_told_what_goes_where() {
    let empty = TestSite::empty();
    let out = empty.run(&["check", "--format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out);
    for (file, what) in [
        (
            "site.yaml: error[missing-file]",
            "`title: ...` and `base_url: /`",
        ),
        (
            "content/categories.yaml: error[missing-file]",
            "`- slug: ...`",
        ),
        ("content/errors: error[missing-file]", "CODE.yaml"),
    ] {
        let line = said
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("no {file}:\n{said}"));
        assert!(
            line.contains(what) && line.contains("errdocs init"),
            "{line}"
        );
    }
}

/// An empty settings or categories file gets a hint about that file, not a record's.
#[test]
fn empty_settings_and_categories_get_hints_of_their_own() {
    let site = TestSite::fixture("basic")
        .with_file("site.yaml", "\n")
        .with_file("content/categories.yaml", "");
    let out = site.run(&["check", "--format", "short"]);
    let said = text(&out);
    let line = |file: &str| {
        said.lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("no {file}:\n{said}"))
            .to_string()
    };
    let settings = line("site.yaml: error[empty-file]");
    assert!(
        settings.contains("the site's settings") && !settings.contains("record"),
        "{settings}"
    );
    let categories = line("content/categories.yaml: error[empty-file]");
    assert!(
        categories.contains("`- slug: ...`") && !categories.contains("record"),
        "{categories}"
    );
}

#[test]
fn version_names_the_version_and_the_commit() {
    let out = errdocs_command().arg("--version").output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        said.starts_with(&format!("errdocs {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{said}"
    );
    let head = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        Some(head) => assert!(said.contains(&head[..12]), "{said} does not name {head}"),
        None => assert!(said.contains("commit unknown"), "{said}"),
    }
}
