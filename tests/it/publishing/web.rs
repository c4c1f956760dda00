//! What the publishing tests need to look at a built site the way the web does: a
//! tiny threaded HTTP server (std only) that serves an output folder under a URL
//! sub-path like a static host, an HTTP GET, an HTML reader built on a WHATWG
//! tokenizer (so `<script>` blocks end exactly where a browser ends them), and a
//! crawler that follows every internal link.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use html5gum::{DefaultEmitter, Token, Tokenizer};

// ---------------------------------------------------------------------------------
// HTML

/// A start tag: its name and attributes (character references already decoded).
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// A `<script>` element: its attributes and its text, cut where a browser cuts it.
#[derive(Debug, Clone)]
pub struct Script {
    pub attrs: BTreeMap<String, String>,
    pub text: String,
}

/// What the tests read from an HTML document.
#[derive(Debug, Default)]
pub struct Html {
    /// Every start tag, in document order.
    pub elements: Vec<Element>,
    pub scripts: Vec<Script>,
    /// The text of `<title>`.
    pub title: String,
    /// The text of the first `<h1>`.
    pub h1: String,
}

impl Html {
    pub fn parse(source: &str) -> Html {
        let mut emitter = DefaultEmitter::default();
        // Switch to the script-data and raw-text states after <script>, <style> and
        // <title>, as a browser's tree builder does.
        emitter.naively_switch_states(true);
        let mut html = Html::default();
        let mut in_script: Option<Script> = None;
        let mut in_title = false;
        let mut h1_depth: Option<bool> = None; // Some(true) while inside the first <h1>.
        for token in Tokenizer::new_with_emitter(source, emitter) {
            match token.expect("tokenizing cannot fail on a string") {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).into_owned();
                    let attrs: BTreeMap<String, String> = tag
                        .attributes
                        .iter()
                        .map(|(k, v)| {
                            (
                                String::from_utf8_lossy(k).into_owned(),
                                String::from_utf8_lossy(&v.value).into_owned(),
                            )
                        })
                        .collect();
                    match name.as_str() {
                        "script" => {
                            in_script = Some(Script {
                                attrs: attrs.clone(),
                                text: String::new(),
                            })
                        }
                        "title" => in_title = true,
                        "h1" if h1_depth.is_none() => h1_depth = Some(true),
                        _ => {}
                    }
                    html.elements.push(Element { name, attrs });
                }
                Token::EndTag(tag) => match &tag.name[..] {
                    b"script" => html.scripts.extend(in_script.take()),
                    b"title" => in_title = false,
                    b"h1" if h1_depth == Some(true) => h1_depth = Some(false),
                    _ => {}
                },
                Token::String(text) => {
                    let text = String::from_utf8_lossy(&text.value);
                    if let Some(script) = &mut in_script {
                        script.text.push_str(&text);
                    } else if in_title {
                        html.title.push_str(&text);
                    } else if h1_depth == Some(true) {
                        html.h1.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        html.scripts.extend(in_script);
        html
    }

    /// Every element named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.name == name)
    }

    /// `<meta name=…>` or `<meta property=…>` content.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.all("meta")
            .find(|e| e.attr("name") == Some(key) || e.attr("property") == Some(key))
            .and_then(|e| e.attr("content"))
    }

    /// The `href` of `<link rel=…>`.
    pub fn link(&self, rel: &str) -> Option<&str> {
        self.all("link")
            .find(|e| e.attr("rel") == Some(rel))
            .and_then(|e| e.attr("href"))
    }

    /// Every value of an `id` attribute.
    pub fn ids(&self) -> BTreeSet<String> {
        self.elements
            .iter()
            .filter_map(|e| e.attr("id").map(str::to_string))
            .collect()
    }

    /// Every URL the document points at: `href`, `src`, `action`, the target of a
    /// meta refresh, and `data-*` attributes that hold a URL (such as the search
    /// box's index).
    pub fn urls(&self) -> Vec<String> {
        let mut urls = Vec::new();
        for e in &self.elements {
            for (name, value) in &e.attrs {
                let is_url_data = name.starts_with("data-")
                    && (value.starts_with('/')
                        || value.starts_with("http://")
                        || value.starts_with("https://"))
                    && !value.contains(' ');
                if matches!(name.as_str(), "href" | "src" | "action") || is_url_data {
                    urls.push(value.to_string());
                }
            }
            if e.name == "meta" && e.attr("http-equiv") == Some("refresh") {
                urls.extend(refresh_target(e.attr("content").unwrap_or("")));
            }
        }
        urls
    }

    /// The JSON-LD blocks, parsed.
    pub fn json_ld(&self) -> Vec<serde_json::Value> {
        self.scripts
            .iter()
            .filter(|s| s.attrs.get("type").map(String::as_str) == Some("application/ld+json"))
            .map(|s| {
                serde_json::from_str(&s.text)
                    .unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}\n{}", s.text))
            })
            .collect()
    }
}

/// The URL of `<meta http-equiv="refresh" content="0; url=…">`.
pub fn refresh_target(content: &str) -> Option<String> {
    let (_, rest) = content.split_once(';')?;
    let rest = rest.trim();
    let url = rest
        .strip_prefix("url=")
        .or_else(|| rest.strip_prefix("URL="))?;
    Some(url.trim_matches(['\'', '"']).to_string())
}

// ---------------------------------------------------------------------------------
// The server

/// A static host on 127.0.0.1: serves `root` under the URL path `prefix`, answers a
/// folder with its `index.html`, redirects a folder asked without its slash, and
/// answers anything missing with the site's `404.html` and status 404, as GitHub
/// Pages, Netlify and most static hosts do. Stops when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(root: &Path, prefix: &str) -> Server {
        assert!(
            prefix.starts_with('/') && prefix.ends_with('/'),
            "prefix {prefix}"
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let prefix = prefix.to_string();
        let stop_flag = Arc::clone(&stop);
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, prefix) = (root.clone(), prefix.clone());
                std::thread::spawn(move || {
                    let _ = serve_one(stream, &root, &prefix);
                });
            }
        });
        Server {
            addr,
            stop,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(handle) = self.accept.take() {
            let _ = handle.join();
        }
    }
}

fn serve_one(stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let response = if method != "GET" {
        respond(405, "text/plain", b"only GET".to_vec(), None)
    } else {
        route(root, prefix, &path)
    };
    let mut stream = stream;
    stream.write_all(&response)?;
    stream.flush()
}

fn route(root: &Path, prefix: &str, path: &str) -> Vec<u8> {
    let not_found = || {
        let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
        respond(404, "text/html; charset=utf-8", body, None)
    };
    if format!("{path}/") == prefix {
        return respond(301, "text/plain", Vec::new(), Some(prefix));
    }
    let Some(relative) = path.strip_prefix(prefix) else {
        // Outside the sub-path: the rest of the host, which this site is not.
        return respond(404, "text/plain", b"outside the site".to_vec(), None);
    };
    if relative
        .split('/')
        .any(|segment| segment == ".." || segment.contains('\\'))
    {
        return respond(400, "text/plain", b"bad path".to_vec(), None);
    }
    let mut file: PathBuf = root.join(relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            return respond(301, "text/plain", Vec::new(), Some(&format!("{path}/")));
        }
        file = file.join("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => respond(200, content_type(&file), body, None),
        Err(_) => not_found(),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(status: u16, content_type: &str, body: Vec<u8>, location: Option<&str>) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(location) = location {
        head.push_str(&format!("Location: {location}\r\n"));
    }
    head.push_str("\r\n");
    let mut response = head.into_bytes();
    response.extend(body);
    response
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------
// The client

/// An HTTP response: status, `Content-Type`, body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `GET path` (a path with an optional query) from the server at `addr`.
pub fn get(addr: SocketAddr, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect to the test server");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let mut content_type = String::new();
    let mut location = None;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            match name.to_ascii_lowercase().as_str() {
                "content-type" => content_type = value.trim().to_string(),
                "location" => location = Some(value.trim().to_string()),
                _ => {}
            }
        }
    }
    Response {
        status,
        content_type,
        location,
        body: raw[split + 4..].to_vec(),
    }
}

// ---------------------------------------------------------------------------------
// The crawler

/// What a crawl found.
#[derive(Debug, Default)]
pub struct Crawl {
    /// Every internal URL path fetched with status 200, with its content type.
    pub fetched: BTreeMap<String, String>,
    /// HTML pages by URL path, parsed.
    pub pages: BTreeMap<String, Html>,
    /// "page → link: why" for each link that does not work.
    pub broken: Vec<String>,
    /// External URLs seen (not fetched).
    pub external: BTreeSet<String>,
}

/// Crawls from `seeds` (URL paths on `server`), following every `href`, `src`,
/// `action` and meta refresh of every HTML page, and every `url` of the search index.
/// `site_origin` (such as `https://example.com`) is the origin the site's absolute
/// URLs use: links to it are internal and fetched from `server` instead. A link to
/// a fragment (`#id`) must find that id on the target page. Seeds may answer 404
/// (the not-found page), every link must answer 200.
pub fn crawl(server: &Server, site_origin: Option<&str>, seeds: &[&str]) -> Crawl {
    let mut crawl = Crawl::default();
    let mut queue: VecDeque<(String, String)> = seeds
        .iter()
        .map(|s| (s.to_string(), "(seed)".to_string()))
        .collect();
    let mut seen: BTreeSet<String> = seeds.iter().map(|s| s.to_string()).collect();
    let mut fragments: Vec<(String, String, String)> = Vec::new(); // (target, fragment, from)
    let is_seed = |p: &str| seeds.contains(&p);

    while let Some((path, from)) = queue.pop_front() {
        let response = get(server.addr, &path);
        if response.status != 200 && !(is_seed(&path) && response.status == 404) {
            crawl
                .broken
                .push(format!("{from} → {path}: HTTP {}", response.status));
            continue;
        }
        if response.status == 200 {
            crawl
                .fetched
                .insert(path.clone(), response.content_type.clone());
        }
        let mut links: Vec<String> = Vec::new();
        if response.content_type.starts_with("text/html") {
            let html = Html::parse(&response.text());
            links.extend(html.urls());
            crawl.pages.insert(path.clone(), html);
        } else if path.ends_with("search/index.json") {
            // The search index: its word shards, word lists and title chunks live in
            // the folder it names; each code's page is in the errors' folder it names
            // (`errors/<code in lower case>/`), and it lists each page's path.
            let index: serde_json::Value =
                serde_json::from_slice(&response.body).expect("the search index is JSON");
            let base = path.trim_end_matches("search/index.json");
            let folder = index["folder"]
                .as_str()
                .expect("the index names its folder");
            let count = |key: &str| index[key].as_array().expect(key).len();
            let codes: Vec<String> = decode_search_codes(index["codes"].as_str().expect("codes"));
            let pages: Vec<&str> = (index["pages"].as_array().expect("pages").iter())
                .map(|p| p.as_str().expect("a page's path"))
                .collect();
            let chunk = index["title_chunk"].as_u64().expect("title_chunk") as usize;
            for (prefix, key) in [("w", "shards"), ("v", "vshards"), ("r", "rshards")] {
                links.extend((0..count(key)).map(|n| format!("{base}{folder}{prefix}{n}.json")));
            }
            let entries = codes.len() + pages.len();
            links.extend((0..entries.div_ceil(chunk)).map(|n| format!("{base}{folder}t{n}.json")));
            let errors = index["errors"].as_str().expect("the errors' folder");
            links.extend(
                codes
                    .iter()
                    .map(|code| format!("{base}{errors}{}/", code.to_lowercase())),
            );
            links.extend(pages.iter().map(|page| format!("{base}{page}")));
        }
        for link in links {
            let Some((target_path, fragment)) = resolve(server, site_origin, &path, &link) else {
                crawl.external.insert(link);
                continue;
            };
            if let Some(fragment) = fragment {
                let page = target_path.split('?').next().unwrap_or("").to_string();
                fragments.push((page, fragment, path.clone()));
            }
            if seen.insert(target_path.clone()) {
                queue.push_back((target_path, path.clone()));
            }
        }
    }
    for (target, fragment, from) in fragments {
        if let Some(page) = crawl.pages.get(&target)
            && !page.ids().contains(&fragment)
        {
            crawl
                .broken
                .push(format!("{from} → {target}#{fragment}: no such id"));
        }
    }
    crawl
}

/// Resolves `link` found on the page at `page_path` the way a browser would. Returns
/// the internal URL path (with its query) and fragment, or `None` for a link off the
/// site. Links to `site_origin` count as internal. A link that is not a URL at all
/// resolves to a path that cannot exist, so it shows up as broken.
pub fn resolve(
    server: &Server,
    site_origin: Option<&str>,
    page_path: &str,
    link: &str,
) -> Option<(String, Option<String>)> {
    let local = url::Url::parse(&format!("{}/", server.origin())).unwrap();
    let link = match site_origin {
        Some(origin) if link.starts_with(origin) => {
            format!("{}{}", server.origin(), &link[origin.len()..])
        }
        _ => link.to_string(),
    };
    let Ok(target) = local.join(page_path).and_then(|base| base.join(&link)) else {
        return Some((format!("/(not a URL: {link})"), None));
    };
    if target.origin() != local.origin() {
        return None;
    }
    let path = match target.query() {
        Some(q) => format!("{}?{q}", target.path()),
        None => target.path().to_string(),
    };
    Some((
        path,
        target
            .fragment()
            .filter(|f| !f.is_empty())
            .map(str::to_string),
    ))
}

/// The URL path of each HTML file of a built site under `prefix`:
/// `errors/x/index.html` → `/prefix/errors/x/`, `404.html` → `/prefix/404.html`.
pub fn html_pages(output: &Path, prefix: &str) -> BTreeSet<String> {
    walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(output)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let relative = relative
                .strip_suffix("index.html")
                .unwrap_or(&relative)
                .to_string();
            format!("{prefix}{relative}")
        })
        .collect()
}

/// The codes of the search index's `codes` field: one line per record, front-coded
/// (a character of `0-9A-Za-z-_` for how many leading characters it shares with the
/// previous code, then the rest), aliases after spaces.
fn decode_search_codes(lines: &str) -> Vec<String> {
    const DIGITS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let mut previous = String::new();
    lines
        .split('\n')
        .map(|line| {
            let first = line.split(' ').next().unwrap_or("");
            let shared = DIGITS
                .find(first.chars().next().unwrap_or('0'))
                .unwrap_or(0);
            let code = format!(
                "{}{}",
                &previous[..shared.min(previous.len())],
                &first[1.min(first.len())..]
            );
            previous = code.clone();
            code
        })
        .collect()
}
