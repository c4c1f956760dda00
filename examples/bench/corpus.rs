//! The synthetic corpus: N records shaped like real ones, from a fixed seed, so every
//! run (and every tool) builds the same content.
//!
//! Records are about 2.2 KB of YAML: a 2–4 sentence summary, 3–6 causes, 3–6 fixes, a
//! fenced code block in ~30% of records, 0–4 FAQ entries, 0–5 related codes, 2–4 tags,
//! 12 categories. [`records`] yields them in code order; [`write_errdocs_site`] writes
//! them as an errdocs site, and `peers.rs` writes the same records for Zola and Hugo.

use std::fmt::Write as _;
use std::path::Path;

/// The categories every corpus has: 12, `category-01` to `category-12`.
pub const CATEGORY_COUNT: usize = 12;

/// The site's title, shared by every tool's site.
pub const SITE_TITLE: &str = "Synthetic Error Reference";

/// The site's absolute address, shared by every tool's site (canonical links, sitemap, feed).
pub const BASE_URL: &str = "https://errors.example.com/";

/// One synthetic record, before it is written in any tool's format.
pub struct Record {
    /// Position in code order, from 0.
    pub index: usize,
    pub code: String,
    pub title: String,
    /// Index into the categories, 0-based.
    pub category: usize,
    pub severity: &'static str,
    pub message: String,
    /// Sentences of the summary, one paragraph.
    pub summary: Vec<String>,
    pub causes: Vec<String>,
    pub fixes: Vec<Fix>,
    /// Question and answer pairs.
    pub faq: Vec<(String, String)>,
    /// Indices of related records, as the record's own `related` list names them.
    pub related: Vec<usize>,
    pub tags: Vec<&'static str>,
    /// Month and day in 2026.
    pub updated: (usize, usize),
}

/// One step of a fix: a sentence, or a sentence followed by a fenced code block.
pub enum Fix {
    Text(String),
    Code {
        text: String,
        language: &'static str,
        snippet: &'static str,
    },
}

impl Record {
    /// The page's address under `errors/` (the code in lower case), the same for every tool.
    pub fn slug(&self) -> String {
        self.code.to_lowercase()
    }

    /// The `updated` date as `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        format!("2026-{:02}-{:02}", self.updated.0, self.updated.1)
    }
}

/// The code of the record at `index`.
pub fn code(index: usize) -> String {
    format!("SYN{:06}", index + 1)
}

/// The slug of category `index` (0-based).
pub fn category_slug(index: usize) -> String {
    format!("category-{:02}", index + 1)
}

/// The title of category `index` (0-based).
pub fn category_title(index: usize) -> String {
    format!("Category {}", index + 1)
}

/// The description of category `index` (0-based).
pub fn category_description(index: usize) -> String {
    format!("Errors of area {}.", index + 1)
}

/// A small, fixed pseudo-random generator (SplitMix64): the same seed, the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "token",
    "tenant",
    "gateway",
    "refresh",
    "credential",
    "policy",
    "account",
    "session",
    "service",
    "request",
    "application",
    "permission",
    "consent",
    "certificate",
    "federation",
    "identity",
    "provider",
    "dataset",
    "source",
    "connection",
    "query",
    "timeout",
    "capacity",
    "memory",
    "user",
    "administrator",
    "device",
    "network",
    "proxy",
    "secret",
    "directory",
    "domain",
    "subscription",
    "workspace",
    "report",
    "schedule",
    "driver",
    "server",
    "client",
    "endpoint",
    "the",
    "a",
    "fails",
    "expired",
    "rejected",
    "missing",
    "invalid",
    "blocked",
    "after",
    "because",
    "when",
    "while",
    "during",
    "was",
    "is",
    "not",
    "configured",
    "renewed",
    "signed",
    "revoked",
    "limited",
    "changed",
];

/// The tags records draw from; `peers.rs` ranks related records by shared tags, so it
/// needs their number to fit a bit set.
pub const TAGS: &[&str] = &[
    "federation",
    "refresh-token",
    "mfa",
    "conditional-access",
    "consent",
    "app-registration",
    "client-secret",
    "certificate",
    "password",
    "guest",
    "tenant",
    "gateway",
    "kerberos",
    "oauth",
    "credentials",
    "capacity",
    "memory",
    "timeout",
    "power-query",
    "privacy",
    "dataflow",
    "embedded",
    "xmla",
    "sap-hana",
    "sql",
    "odbc",
    "proxy",
    "network",
    "dns",
    "tls",
    "scheduled-refresh",
    "licensing",
    "throttling",
    "sign-in",
    "device",
];

const CODE_SNIPPETS: &[(&str, &str)] = &[
    (
        "powershell",
        "Connect-MgGraph -Scopes \"User.ReadWrite.All\"\nRevoke-MgUserSignInSession -UserId $userId\n",
    ),
    (
        "powershell",
        "Get-MgDomainFederationConfiguration -DomainId contoso.com | Format-List\n",
    ),
    (
        "bash",
        "az login --tenant contoso.onmicrosoft.com\naz ad sp show --id $APP_ID --query appId\n",
    ),
    (
        "json",
        "{\n  \"error\": \"invalid_grant\",\n  \"error_codes\": [50126]\n}\n",
    ),
    (
        "sql",
        "SELECT name, state_desc FROM sys.databases WHERE state_desc <> 'ONLINE';\n",
    ),
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let word = rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            s.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(chars.as_str());
        } else {
            s.push(' ');
            s.push_str(word);
        }
    }
    s.push('.');
    s
}

/// The `n` records of the corpus, in code order. The draws from the generator keep the
/// order they had when the benchmark wrote YAML directly, so the errdocs site is the
/// same byte for byte as in earlier measurements.
pub fn records(n: usize) -> impl Iterator<Item = Record> {
    let mut rng = Rng(0x05ee_de44_d0c5);
    (0..n).map(move |index| {
        let category = rng.below(CATEGORY_COUNT);
        let title = sentence(&mut rng, 8).trim_end_matches('.').to_string();
        let severity = ["low", "medium", "high", "critical"][rng.below(4)];
        let message = format!("{}: {}", code(index), sentence(&mut rng, 10));
        let summary = (0..rng.range(2, 4))
            .map(|_| sentence(&mut rng, 16))
            .collect();
        let causes = (0..rng.range(3, 6))
            .map(|_| sentence(&mut rng, 14))
            .collect();
        let fix_count = rng.range(3, 6);
        let with_code = rng.below(10) < 3;
        let fixes = (0..fix_count)
            .map(|f| {
                if with_code && f == 1 {
                    let (language, snippet) = CODE_SNIPPETS[rng.below(CODE_SNIPPETS.len())];
                    Fix::Code {
                        text: sentence(&mut rng, 10),
                        language,
                        snippet,
                    }
                } else {
                    Fix::Text(sentence(&mut rng, 18))
                }
            })
            .collect();
        let faq = (0..rng.below(5))
            .map(|_| {
                let question = sentence(&mut rng, 8).trim_end_matches('.').to_string() + "?";
                (question, sentence(&mut rng, 20))
            })
            .collect();
        let related_count = rng.below(6).min(n.saturating_sub(1));
        let mut related = Vec::with_capacity(related_count);
        while related.len() < related_count {
            let other = rng.below(n);
            if other != index && !related.contains(&other) {
                related.push(other);
            }
        }
        let mut tags: Vec<&'static str> = Vec::new();
        for _ in 0..rng.range(2, 4) {
            let tag = rng.pick(TAGS);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let updated = (rng.range(1, 12), rng.range(1, 28));
        Record {
            index,
            code: code(index),
            title,
            category,
            severity,
            message,
            summary,
            causes,
            fixes,
            faq,
            related,
            tags,
            updated,
        }
    })
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The record as an errdocs record file.
fn errdocs_yaml(record: &Record) -> String {
    let mut r = String::with_capacity(2400);
    let _ = writeln!(r, "code: {}", record.code);
    let _ = writeln!(r, "title: {}", quoted(&record.title));
    let _ = writeln!(r, "category: {}", category_slug(record.category));
    let _ = writeln!(r, "severity: {}", record.severity);
    let _ = writeln!(r, "message: {}", quoted(&record.message));
    r.push_str("summary: |\n");
    for line in &record.summary {
        let _ = writeln!(r, "  {line}");
    }
    r.push_str("causes:\n");
    for cause in &record.causes {
        let _ = writeln!(r, "  - {}", quoted(cause));
    }
    r.push_str("fixes:\n");
    for fix in &record.fixes {
        match fix {
            Fix::Text(text) => {
                let _ = writeln!(r, "  - {}", quoted(text));
            }
            Fix::Code {
                text,
                language,
                snippet,
            } => {
                let _ = writeln!(r, "  - |\n    {text}\n    ```{language}");
                for line in snippet.lines() {
                    let _ = writeln!(r, "    {line}");
                }
                r.push_str("    ```\n");
            }
        }
    }
    if !record.faq.is_empty() {
        r.push_str("faq:\n");
        for (question, answer) in &record.faq {
            let _ = writeln!(
                r,
                "  - question: {}\n    answer: {}",
                quoted(question),
                quoted(answer)
            );
        }
    }
    if !record.related.is_empty() {
        let codes: Vec<String> = record.related.iter().map(|&i| code(i)).collect();
        let _ = writeln!(r, "related: [{}]", codes.join(", "));
    }
    let _ = writeln!(r, "tags: [{}]", record.tags.join(", "));
    let _ = writeln!(
        r,
        "sources:\n  - title: Reference page {}\n    url: {}",
        record.index + 1,
        source_url(record)
    );
    let _ = writeln!(r, "updated: {}", record.date());
    r
}

/// The record's one source link.
pub fn source_url(record: &Record) -> String {
    format!("https://docs.example.com/errors/{}", record.slug())
}

/// Writes the `n`-record corpus as an errdocs site into `dir` (replacing what is there).
pub fn write_errdocs_site(n: usize, dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("content/errors")).unwrap();
    std::fs::write(
        dir.join("site.yaml"),
        format!("title: {SITE_TITLE}\nbase_url: {BASE_URL}\nproduct: Synthetic Cloud\nedit_url: https://github.com/example/errors/edit/main/\n"),
    )
    .unwrap();
    let mut yaml = String::new();
    for i in 0..CATEGORY_COUNT {
        let _ = write!(
            yaml,
            "- slug: {}\n  title: {}\n  description: {}\n",
            category_slug(i),
            category_title(i),
            category_description(i)
        );
        std::fs::create_dir_all(dir.join("content/errors").join(category_slug(i))).unwrap();
    }
    std::fs::write(dir.join("content/categories.yaml"), yaml).unwrap();
    for record in records(n) {
        std::fs::write(
            dir.join("content/errors")
                .join(category_slug(record.category))
                .join(format!("{}.yaml", record.code)),
            errdocs_yaml(&record),
        )
        .unwrap();
    }
}
