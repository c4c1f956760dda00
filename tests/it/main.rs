//! Integration tests: real sites built into temp folders, and the `errdocs` binary run
//! as users run it. One test binary (faster to link); a module per area, and what kind
//! of test goes in each:

/// Helpers only: a fixture site in a temp folder, edited file by file, built or run.
mod support;

/// A build's output: pages, snapshots, determinism, drafts, theme overrides, output folders.
mod build;
/// The contributor's path: `new`, `check` in every format, `explain`, the record schema.
mod contributors;
/// Fields a site declares: checked, shown, in the API, JSON-LD, search and its schema.
mod declared;
/// The guide in docs/: every key, template variable and rule documented; its commands run.
mod docs;
/// Failing or killed builds (disk full, SIGKILL): the published site is never lost or mixed.
mod faults;
/// Guards of the table of record fields: each field documented, shown, in the JSON.
mod fields;
/// `errdocs fmt`: values kept, idempotent, the canonical layout, `--check`.
mod fmt;
/// Property tests (proptest, fixed seed) of what the `fuzz/` targets check.
mod fuzz;
/// Hostile records run through the real binary, bounded in time and memory.
mod hostile;
/// A new user's first minutes: `init`, then `check`, `build`, `new`; finding the site.
mod init;
/// Markup, script and `javascript:` in every field: nothing live comes out anywhere.
mod injection;
/// Sites in several languages: prefixes, twins, fallback and omission, translations
/// checked, the theme's words in every language.
mod languages;
/// Where pages go and in what order: natural order, A–Z anchors, `urls`, tag pages.
mod layout;
/// Helpers only: the HTML tokenizer the injection and property tests share.
mod markup;
/// Pages of `content/pages/`, the menu, the footer, the logo, and checked links.
mod pages;
/// The map of paths: a build writes exactly the files the map places.
mod paths;
/// What hosts, crawlers, feed readers and programs get: links, sitemap, feeds, JSON API.
mod publishing;
/// Rule ids: the registry in the code, the README's list and the tests' assertions agree.
mod rules;
/// The search index as `static/search.js` reads it.
mod search;
/// `errdocs serve` over HTTP while the test edits the site.
mod serve;
/// The shipped reference in this repository: clean, complete, buildable.
mod shipped;
/// YAML slips: each with its rule id, line, column and the corrected line in its hint.
mod slips;
/// Promises of the built-in theme that hold on every page.
mod theme;
/// One test per validation rule: the exit code, the file, the line.
mod validation;
/// `check --watch`: the binary in the background while the test saves files.
mod watch;
/// GitHub workflows and the action: linted with actionlint and zizmor, actions pinned.
mod workflows;
