//! The ingest stage: paths in, `Document`s out. Walks folders, tells plain text,
//! HTML and JSON Lines apart, extracts the article from HTML, finds the document date,
//! and turns every problem with one input into a `Diagnostic` so the others go on.

use std::fmt;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::date::{find_full_date, Date};

/// One article, as the rest of the pipeline sees it.
#[derive(Debug, Clone)]
pub struct Document {
    /// What evidence names it by: the path as given, or a JSON Lines record's `id`.
    pub id: String,
    /// The headline, when metadata gives one (it also opens `text`).
    pub title: Option<String>,
    /// Publication date, from metadata or the text's own date line.
    pub date: Option<Date>,
    /// Where it came from online, when known.
    pub url: Option<String>,
    /// The article text; every evidence span points into it.
    pub text: String,
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input was used, with a caveat.
    Warning,
    /// The input (or part of it) was skipped; the run's exit code says so.
    Error,
}

/// A problem with one input, located as precisely as the format allows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    /// The file (or `<stdin>`).
    pub source: String,
    /// 1-based line, for JSON Lines.
    pub line: Option<usize>,
    /// Warning or error.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
    /// Its category, for the run's summary.
    pub reason: Reason,
}

/// What kind of problem a diagnostic is: the categories a run's summary counts
/// ("problems (see stderr): 1 binary, 1 empty").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// A path that cannot be read or listed.
    Unreadable,
    /// A file with nothing but white space.
    Empty,
    /// A file with NUL bytes.
    Binary,
    /// A file whose extension names a format that holds no article (.pdf, .png...).
    UnknownFileType,
    /// Text that is not valid UTF-8.
    InvalidUtf8,
    /// A JSON Lines line that is no JSON.
    MalformedJsonLine,
    /// A JSON Lines record with no article text.
    JsonLineWithoutText,
    /// An HTML page with no article body.
    HtmlWithoutArticle,
    /// A symlinked folder, not followed.
    SymlinkedFolder,
    /// An article read only up to [`MAX_DOCUMENT_BYTES`].
    Truncated,
    /// A text the graph has already: counted once.
    DuplicateArticle,
    /// Extracted shards that share a document.
    Overlap,
    /// A file that should be a graph and is not.
    NotAGraph,
}

impl Reason {
    /// How the summary names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Unreadable => "unreadable",
            Reason::Empty => "empty",
            Reason::Binary => "binary",
            Reason::UnknownFileType => "unknown file type",
            Reason::InvalidUtf8 => "invalid UTF-8",
            Reason::MalformedJsonLine => "malformed JSON line",
            Reason::JsonLineWithoutText => "JSON line without text",
            Reason::HtmlWithoutArticle => "HTML without article",
            Reason::SymlinkedFolder => "symlinked folder",
            Reason::Truncated => "truncated",
            Reason::DuplicateArticle => "duplicate article",
            Reason::Overlap => "overlap",
            Reason::NotAGraph => "not a graph",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Diagnostic {
    /// An input skipped (in part); the run's exit code says so.
    pub fn error(source: &str, line: Option<usize>, reason: Reason, message: impl Into<String>) -> Self {
        Self { source: source.into(), line, severity: Severity::Error, message: message.into(), reason }
    }

    /// An input used with a caveat.
    pub fn warning(source: &str, reason: Reason, message: impl Into<String>) -> Self {
        Self { source: source.into(), line: None, severity: Severity::Warning, message: message.into(), reason }
    }

    /// A path that cannot be read.
    fn unreadable(source: &str, e: &std::io::Error) -> Self {
        Self::error(source, None, Reason::Unreadable, format!("cannot read: {e}"))
    }

    /// A file with nothing in it.
    fn empty(source: &str) -> Self {
        Self::error(source, None, Reason::Empty, "empty file")
    }

    /// A file with NUL bytes.
    fn binary(source: &str) -> Self {
        Self::error(source, None, Reason::Binary, "binary file (NUL bytes), skipped")
    }

    /// A file of a format that holds no article, by its extension `ext`.
    fn unknown_file_type(source: &str, ext: &str) -> Self {
        Self::error(source, None, Reason::UnknownFileType, format!("unknown file type (.{ext}), skipped"))
    }
}

/// Diagnostics counted by reason, errors apart from warnings, each list sorted by
/// reason: what a run's summary reports of its problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProblemCounts {
    /// Inputs skipped or damaged: (reason, how many).
    pub errors: Vec<(Reason, usize)>,
    /// Inputs used with a caveat: (reason, how many).
    pub warnings: Vec<(Reason, usize)>,
}

impl ProblemCounts {
    /// Counts `diagnostics` by severity and reason.
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        // Sorted by the reasons' names, as the summary lists them.
        let mut by_reason: std::collections::BTreeMap<(bool, &'static str), (Reason, usize)> = Default::default();
        for d in diagnostics {
            by_reason.entry((d.severity == Severity::Error, d.reason.as_str())).or_insert((d.reason, 0)).1 += 1;
        }
        let mut counts = Self::default();
        for ((error, _), counted) in by_reason {
            if error { &mut counts.errors } else { &mut counts.warnings }.push(counted);
        }
        counts
    }
}

/// How strict reading is.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Skip files with invalid UTF-8 instead of decoding them lossily.
    pub strict: bool,
}

/// Articles longer than this are read only up to here: no article is this long, and
/// extraction's memory grows with the text.
pub const MAX_DOCUMENT_BYTES: usize = 8 << 20;

/// An HTML page whose extracted body is shorter than this has no article.
const MIN_ARTICLE_WORDS: usize = 12;

/// Extensions of formats that are not articles; skipped with a diagnostic.
const NOT_ARTICLES: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "zip", "gz", "tgz", "bz2", "xz", "zst",
    "tar", "7z", "rar", "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "ico", "svg", "mp3", "mp4", "m4a",
    "wav", "ogg", "mov", "avi", "mkv", "webm", "exe", "dll", "so", "dylib", "bin", "iso", "woff", "woff2", "ttf",
    "otf", "class", "jar", "pyc", "o", "a", "wasm", "sqlite", "db",
];

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.source, line, level, self.message),
            None => write!(f, "{}: {}: {}", self.source, level, self.message),
        }
    }
}

/// An input to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// `-`.
    Stdin,
}

impl Source {
    /// How diagnostics name it.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".into(),
        }
    }
}

/// Expands the command line's paths: folders recursively (sorted, hidden entries
/// skipped, symlinked folders not followed so loops cannot happen), `-` as stdin.
pub fn collect_sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut sources, &mut diagnostics),
            Ok(_) => sources.push(Source::File(path.clone())),
            Err(e) => diagnostics.push(Diagnostic::unreadable(&path.display().to_string(), &e)),
        }
    }
    (sources, diagnostics)
}

fn walk(dir: &Path, sources: &mut Vec<Source>, diagnostics: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                &dir.display().to_string(),
                None,
                Reason::Unreadable,
                format!("cannot list folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, sources, diagnostics),
            Ok(meta) if meta.file_type().is_symlink() && path.is_dir() => {
                diagnostics.push(Diagnostic::warning(
                    &path.display().to_string(),
                    Reason::SymlinkedFolder,
                    "symlinked folder not followed (no loops)",
                ));
            }
            Ok(_) => sources.push(Source::File(path)),
            Err(e) => diagnostics.push(Diagnostic::unreadable(&path.display().to_string(), &e)),
        }
    }
}

/// Reads one source into its documents (several for JSON Lines).
pub fn read_source(source: &Source) -> (Vec<Document>, Vec<Diagnostic>) {
    read_source_with(source, ReadOptions::default())
}

/// [`read_source`] with options.
pub fn read_source_with(source: &Source, options: ReadOptions) -> (Vec<Document>, Vec<Diagnostic>) {
    let name = source.name();
    if let Some(ext) = not_an_article(&name) {
        return (Vec::new(), vec![Diagnostic::unknown_file_type(&name, &ext)]);
    }
    let bytes = match read_bytes(source) {
        Ok(b) => b,
        Err(e) => return (Vec::new(), vec![Diagnostic::unreadable(&name, &e)]),
    };
    read_owned(&name, bytes, options)
}

fn not_an_article(name: &str) -> Option<String> {
    let ext = Path::new(name).extension()?.to_str()?.to_lowercase();
    NOT_ARTICLES.contains(&ext.as_str()).then_some(ext)
}

fn read_bytes(source: &Source) -> std::io::Result<Vec<u8>> {
    match source {
        Source::File(p) => std::fs::read(p),
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf)?;
            Ok(buf)
        }
    }
}

/// The format is told from the name first, then from the content.
pub fn read_bytes_as(name: &str, bytes: &[u8]) -> (Vec<Document>, Vec<Diagnostic>) {
    read_bytes_with(name, bytes, ReadOptions::default())
}

/// [`read_bytes_as`] with options.
pub fn read_bytes_with(name: &str, bytes: &[u8], options: ReadOptions) -> (Vec<Document>, Vec<Diagnostic>) {
    read_owned(name, bytes.to_vec(), options)
}

/// Bytes as text, for a whole file or one line of one (`line`). Invalid UTF-8 is
/// skipped with `--strict`; otherwise it is decoded with replacement characters and
/// still reported as an error, since the text may be damaged.
fn decode_utf8(bytes: Vec<u8>, strict: bool, name: &str, line: Option<usize>) -> (Option<String>, Option<Diagnostic>) {
    let e = match String::from_utf8(bytes) {
        Ok(text) => return (Some(text), None),
        Err(e) => e,
    };
    let at = e.utf8_error().valid_up_to();
    let place = if line.is_some() { " of the line" } else { "" };
    if strict {
        let message = format!("invalid UTF-8 at byte {at}{place}; skipped (--strict)");
        return (None, Some(Diagnostic::error(name, line, Reason::InvalidUtf8, message)));
    }
    let message = format!("invalid UTF-8 at byte {at}{place}; decoded with replacement characters");
    (
        Some(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Some(Diagnostic::error(name, line, Reason::InvalidUtf8, message)),
    )
}

/// Reads owned bytes without copying them: a giant input costs its size once.
fn read_owned(name: &str, bytes: Vec<u8>, options: ReadOptions) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return (Vec::new(), vec![Diagnostic::empty(name)]);
    }
    if looks_binary(&bytes) {
        return (Vec::new(), vec![Diagnostic::binary(name)]);
    }
    let (text, problem) = decode_utf8(bytes, options.strict, name, None);
    diagnostics.extend(problem);
    let Some(mut text) = text else { return (Vec::new(), diagnostics) };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let lower_name = name.to_lowercase();
    let mut docs = if is_jsonl_name(name) || looks_like_jsonl(&text) {
        read_jsonl(name, &text, &mut diagnostics)
    } else if lower_name.ends_with(".html") || lower_name.ends_with(".htm") || looks_like_html(&text) {
        read_html(name, &text, &mut diagnostics).into_iter().collect()
    } else {
        vec![plain_document(name.to_string(), None, None, None, text)]
    };
    for doc in &mut docs {
        diagnostics.extend(truncate_long(doc));
    }
    (docs, diagnostics)
}

/// Cuts an article at [`MAX_DOCUMENT_BYTES`], saying so.
fn truncate_long(doc: &mut Document) -> Option<Diagnostic> {
    if doc.text.len() <= MAX_DOCUMENT_BYTES {
        return None;
    }
    let mut cut = MAX_DOCUMENT_BYTES;
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let message =
        format!("{} MB of text; only the first {} MB are read", doc.text.len() >> 20, MAX_DOCUMENT_BYTES >> 20);
    doc.text.truncate(cut);
    doc.text.shrink_to_fit();
    Some(Diagnostic::warning(&doc.id, Reason::Truncated, message))
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start().get(..200.min(text.trim_start().len())).unwrap_or("").to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head")
}

fn looks_like_jsonl(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.lines().next().is_some_and(|l| l.trim_end().ends_with('}'))
}

/// A plain-text or Markdown article; its date comes from a date line near the top.
fn plain_document(
    id: String,
    title: Option<String>,
    date: Option<Date>,
    url: Option<String>,
    body: String,
) -> Document {
    let text = match &title {
        Some(t) if !body.trim_start().starts_with(t.trim()) => [t.trim(), "\n\n", &body].concat(),
        _ => body,
    };
    let date = date.or_else(|| find_full_date(head_of(&text)));
    Document { id, title, date, url, text }
}

/// The first few lines, where datelines and date lines stand: at most eight lines
/// and about 800 bytes, however long the first line is.
fn head_of(text: &str) -> &str {
    let mut end = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n >= 8 || end > 800 {
            break;
        }
        end += line.len();
    }
    let mut end = end.min(800).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn read_jsonl(name: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Document> {
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match parse_jsonl_line(name, i + 1, line) {
            Ok(Some(doc)) => docs.push(doc),
            Ok(None) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    docs
}

/// One JSON Lines record: `Ok(None)` for a blank line.
fn parse_jsonl_line(name: &str, n: usize, line: &str) -> Result<Option<Document>, Diagnostic> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let record: Record = serde_json::from_str(line)
        .map_err(|e| Diagnostic::error(name, Some(n), Reason::MalformedJsonLine, format!("malformed JSON: {e}")))?;
    let text = [record.text, record.content, record.body].into_iter().flatten();
    let Some(body) = text.filter_map(Value::into_string).next() else {
        return Err(Diagnostic::error(
            name,
            Some(n),
            Reason::JsonLineWithoutText,
            "no \"text\", \"content\" or \"body\" string",
        ));
    };
    if body.trim().is_empty() {
        return Err(Diagnostic::error(name, Some(n), Reason::JsonLineWithoutText, "empty article text"));
    }
    let date = record.date.and_then(Value::into_string);
    let date = date.and_then(|d| Date::parse_iso(&d).or_else(|| find_full_date(&d)));
    let title = record.title.and_then(Value::into_string).filter(|t| !t.trim().is_empty());
    let url = record.url.and_then(Value::into_string);
    let id = match record.id {
        Some(Value::String(s)) => s,
        Some(Value::Number(x)) => x.to_string(),
        _ => format!("{name}:{n}"),
    };
    Ok(Some(plain_document(id, title, date, url, body)))
}

/// The fields of a JSON Lines record the reader takes. The article text is the first
/// of `text`, `content` and `body` that is a string; a value of another type counts as
/// absent, a key given twice keeps its last value, other keys are skipped unread, and
/// a line that is no object is a record without text.
#[derive(Debug, Default)]
struct Record {
    text: Option<Value>,
    content: Option<Value>,
    body: Option<Value>,
    title: Option<Value>,
    date: Option<Value>,
    url: Option<Value>,
    id: Option<Value>,
}

/// A record's key: one of [`Record`]'s fields, by the same name, or another.
#[derive(serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Key {
    Text,
    Content,
    Body,
    Title,
    Date,
    Url,
    Id,
    #[serde(other)]
    Other,
}

/// A record's value as far as the reader cares: a string (moved out of the line, not
/// copied: the article text is most of it), a number (an id), or something else.
#[derive(Debug)]
enum Value {
    String(String),
    Number(serde_json::Number),
    Other,
}

impl Value {
    fn into_string(self) -> Option<String> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Record {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> serde::de::Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Record, A::Error> {
        let mut record = Record::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Text => &mut record.text,
                Key::Content => &mut record.content,
                Key::Body => &mut record.body,
                Key::Title => &mut record.title,
                Key::Date => &mut record.date,
                Key::Url => &mut record.url,
                Key::Id => &mut record.id,
                Key::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(record)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Record, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Record::default())
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }

    fn visit_unit<E>(self) -> std::result::Result<Record, E> {
        Ok(Record::default())
    }
}

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> serde::de::Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E>(self, s: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> std::result::Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_i64<E>(self, x: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(x.into()))
    }

    fn visit_u64<E>(self, x: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(x.into()))
    }

    fn visit_f64<E>(self, x: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(x).map_or(Value::Other, Value::Number))
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(Value::Other)
    }
}

fn read_html(name: &str, html: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let article = dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    match article {
        // Menus and a headline are not an article: a body has a sentence or two at least.
        Ok(article) if article.text_content.split_whitespace().count() >= MIN_ARTICLE_WORDS => {
            let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
            let date = article.published_time.as_deref().and_then(Date::parse_iso);
            Some(plain_document(name.to_string(), title, date, None, article.text_content.to_string()))
        }
        Ok(_) => {
            diagnostics.push(Diagnostic::error(
                name,
                None,
                Reason::HtmlWithoutArticle,
                "HTML page with no article body",
            ));
            None
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                name,
                None,
                Reason::HtmlWithoutArticle,
                format!("HTML page with no article body: {e}"),
            ));
            None
        }
    }
}

/// What reading produces, in input order: an article (with the input bytes it came
/// from, for progress) or a problem with one input.
#[derive(Debug)]
pub enum Item {
    /// An article.
    Document(Document, u64),
    /// A problem.
    Problem(Diagnostic),
}

/// Reads sources one article at a time, so memory holds one article, not the corpus.
/// JSON Lines files and stdin are read line by line; other files whole (one article).
pub struct DocumentStream {
    sources: std::collections::VecDeque<Source>,
    options: ReadOptions,
    lines: Option<LineReader>,
    pending: std::collections::VecDeque<Item>,
}

/// An open JSON Lines input.
struct LineReader {
    name: String,
    reader: Box<dyn std::io::BufRead + Send>,
    line: usize,
    any_text: bool,
    buf: Vec<u8>,
}

impl DocumentStream {
    /// A stream over `sources`.
    pub fn new(sources: Vec<Source>, options: ReadOptions) -> Self {
        Self { sources: sources.into(), options, lines: None, pending: Default::default() }
    }

    fn open(&mut self, source: Source) {
        let name = source.name();
        if let Some(ext) = not_an_article(&name) {
            self.pending.push_back(Item::Problem(Diagnostic::unknown_file_type(&name, &ext)));
            return;
        }
        let opened: std::io::Result<Box<dyn std::io::BufRead + Send>> = match &source {
            Source::File(p) => {
                std::fs::File::open(p).map(|f| Box::new(std::io::BufReader::with_capacity(1 << 16, f)) as _)
            }
            Source::Stdin => Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()))),
        };
        let mut reader = match opened {
            Ok(r) => r,
            Err(e) => {
                let d = Diagnostic::unreadable(&name, &e);
                self.pending.push_back(Item::Problem(d));
                return;
            }
        };
        let head = match reader.fill_buf() {
            Ok(head) => head,
            Err(e) => {
                let d = Diagnostic::unreadable(&name, &e);
                self.pending.push_back(Item::Problem(d));
                return;
            }
        };
        if is_jsonl_name(&name) || sniff_jsonl(head) {
            if looks_binary(head) {
                let d = Diagnostic::binary(&name);
                self.pending.push_back(Item::Problem(d));
                return;
            }
            self.lines = Some(LineReader { name, reader, line: 0, any_text: false, buf: Vec::new() });
            return;
        }
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            let d = Diagnostic::unreadable(&name, &e);
            self.pending.push_back(Item::Problem(d));
            return;
        }
        let size = bytes.len() as u64;
        let (docs, diagnostics) = read_owned(&name, bytes, self.options);
        self.pending.extend(diagnostics.into_iter().map(Item::Problem));
        let n = docs.len().max(1) as u64;
        self.pending.extend(docs.into_iter().map(|d| Item::Document(d, size / n)));
    }

    /// The next item of the open JSON Lines input, or `None` at its end.
    fn next_line(&mut self) -> Option<Item> {
        let strict = self.options.strict;
        let lr = self.lines.as_mut()?;
        loop {
            lr.buf.clear();
            let read = match lr.reader.read_until(b'\n', &mut lr.buf) {
                Ok(0) => {
                    let lr = self.lines.take()?;
                    return (!lr.any_text).then(|| Item::Problem(Diagnostic::empty(&lr.name)));
                }
                Ok(n) => n as u64,
                Err(e) => {
                    let lr = self.lines.take()?;
                    let message = format!("cannot read after line {}: {e}", lr.line);
                    return Some(Item::Problem(Diagnostic::error(&lr.name, None, Reason::Unreadable, message)));
                }
            };
            lr.line += 1;
            if lr.line == 1 && lr.buf.starts_with("\u{feff}".as_bytes()) {
                lr.buf.drain(..3);
            }
            if lr.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            lr.any_text = true;
            // A valid line is parsed where it was read, and the buffer serves the next
            // line: a fresh one per line was grown from nothing, copy after copy.
            let decoded;
            let text = match std::str::from_utf8(&lr.buf) {
                Ok(text) => text,
                Err(_) => {
                    let (text, problem) = decode_utf8(std::mem::take(&mut lr.buf), strict, &lr.name, Some(lr.line));
                    if let Some(d) = problem {
                        self.pending.push_back(Item::Problem(d));
                    }
                    let Some(text) = text else { return self.pending.pop_front() };
                    decoded = text;
                    &decoded
                }
            };
            match parse_jsonl_line(&lr.name, lr.line, text.trim_end_matches(['\n', '\r'])) {
                Ok(Some(mut doc)) => {
                    if let Some(d) = truncate_long(&mut doc) {
                        self.pending.push_back(Item::Problem(d));
                    }
                    self.pending.push_back(Item::Document(doc, read));
                }
                Ok(None) => {}
                Err(d) => self.pending.push_back(Item::Problem(d)),
            }
            return self.pending.pop_front();
        }
    }
}

impl Iterator for DocumentStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.lines.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            let source = self.sources.pop_front()?;
            self.open(source);
        }
    }
}

fn is_jsonl_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// A JSON Lines file opens with an object that closes on its first line.
fn sniff_jsonl(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(1 << 16)]);
    let text = text.trim_start_matches('\u{feff}');
    looks_like_jsonl(text) && text.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_good_lines_and_reports_bad_ones() {
        let input = b"{\"id\": \"a\", \"title\": \"T\", \"text\": \"Body one.\", \"date\": \"2025-09-20\"}\n{broken\n{\"content\": \"Body two.\"}\n";
        let (docs, diags) = read_bytes_as("x.jsonl", input);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "a");
        assert_eq!(docs[0].text, "T\n\nBody one.");
        assert_eq!(docs[0].date.map(|d| d.to_string()), Some("2025-09-20".into()));
        assert_eq!(docs[1].id, "x.jsonl:3");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(2));
    }

    #[test]
    fn problems_are_counted_by_severity_and_reason() {
        let diagnostics = [
            Diagnostic::empty("a"),
            Diagnostic::warning("b", Reason::Truncated, "long"),
            Diagnostic::unknown_file_type("c", "pdf"),
            Diagnostic::binary("d"),
            Diagnostic::empty("e"),
        ];
        let counts = ProblemCounts::of(&diagnostics);
        // By name: "binary" < "empty" < "unknown file type".
        assert_eq!(counts.errors, [(Reason::Binary, 1), (Reason::Empty, 2), (Reason::UnknownFileType, 1)]);
        assert_eq!(counts.warnings, [(Reason::Truncated, 1)]);
    }

    #[test]
    fn a_record_takes_the_first_string_text_and_its_last_keys() {
        let nested = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let lines = [
            r#"{"text": 5, "content": "From content.", "id": 7}"#.to_string(),
            r#"{"text": "First.", "text": "Last.", "id": 1.5, "extra": {"a": [1, {"b": null}]}}"#.to_string(),
            r#"["text", "an array"]"#.to_string(),
            r#"{"body": "From body.", "title": 3, "url": "u", "id": false}"#.to_string(),
            format!(r#"{{"text": "Deep keys are skipped unread.", "deep": {nested}}}"#),
        ];
        let (docs, diags) = read_bytes_as("r.jsonl", lines.join("\n").as_bytes());
        let got: Vec<(&str, &str)> = docs.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("7", "From content."),
                ("1.5", "Last."),
                ("r.jsonl:4", "From body."),
                ("r.jsonl:5", "Deep keys are skipped unread.")
            ]
        );
        assert_eq!(docs[2].url.as_deref(), Some("u"));
        assert_eq!((diags.len(), diags[0].line, diags[0].reason), (1, Some(3), Reason::JsonLineWithoutText));
    }

    #[test]
    fn empty_binary_and_bad_utf8_are_diagnosed() {
        assert_eq!(read_bytes_as("e.txt", b"  \n").1[0].message, "empty file");
        assert!(read_bytes_as("b.bin", b"ab\0cd").1[0].message.starts_with("binary"));
        let (docs, diags) = read_bytes_as("u.txt", b"Caf\xe9 talks.");
        assert_eq!(docs.len(), 1);
        assert!(diags[0].message.contains("invalid UTF-8 at byte 3"));
    }

    #[test]
    fn streamed_jsonl_lines_with_bad_utf8_are_decoded_or_skipped() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("feed.jsonl");
        let lines: [&[u8]; 3] = [
            b"{\"id\": \"a\", \"text\": \"First.\"}\n",
            b"{\"id\": \"b\", \"text\": \"Caf\xe9 talks.\"}\n",
            b"{\"id\": \"c\", \"text\": \"Third.\"}\n",
        ];
        std::fs::write(&path, lines.concat()).expect("written");
        let read = |strict| {
            let stream = DocumentStream::new(vec![Source::File(path.clone())], ReadOptions { strict });
            let (mut docs, mut problems) = (Vec::new(), Vec::new());
            for item in stream {
                match item {
                    Item::Document(doc, _) => docs.push(doc),
                    Item::Problem(d) => problems.push(d),
                }
            }
            (docs, problems)
        };
        let (docs, problems) = read(false);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["First.", "Caf\u{fffd} talks.", "Third."]);
        assert_eq!((problems.len(), problems[0].line), (1, Some(2)));
        let (docs, problems) = read(true);
        assert_eq!(docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        assert!(problems[0].message.contains("skipped (--strict)"), "{}", problems[0].message);
    }

    #[test]
    fn html_article_body_is_extracted() {
        let html = "<html><head><title>Talks resume</title></head><body><nav>Home | World</nav><article><h1>Talks resume</h1><p>The Taliban rejected the offer on Friday, officials said in a long statement to reporters gathered in Kabul.</p><p>China welcomed the move and said it would keep talking to all sides in the weeks ahead.</p></article></body></html>";
        let (docs, diags) = read_bytes_as("page.html", html.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        assert!(docs[0].text.contains("The Taliban rejected the offer"));
        assert!(!docs[0].text.contains("Home | World"));
    }

    #[test]
    fn date_line_near_the_top_dates_the_document() {
        let (docs, _) = read_bytes_as("d.txt", b"Headline here\nSep 20, 2025\n\nBody text.");
        assert_eq!(docs[0].date.map(|d| d.to_string()), Some("2025-09-20".into()));
    }
}
