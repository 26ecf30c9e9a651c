//! The graph file written straight from borrowed views, in serde_json's pretty layout
//! byte for byte: strings escaped eight bytes at a time and the structure written
//! directly, where serde_json's generic serializer tested every byte of every string
//! against its escape table and went through a call per key. Writing the file was a
//! sixteenth of a run. Numbers, dates, enums and tallies (few, and with formatting
//! rules of their own) still go through serde_json, at the depth they stand at.
//!
//! The property tests in `tests/properties.rs` compare this output with serde_json's
//! own pretty printing of [`super::GraphFile`], so a field added to the export types
//! and not here fails them.

use std::io::Write;

use serde::Serialize;

use super::{EdgeOut, EvidenceOut, NodeOut, Pretty};
use crate::date::Date;
use crate::graph::{DocumentInfo, Tally};

/// A key as written before its value, `"name": `, made when compiling.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\": ")
    };
}

/// How much is gathered before it is passed on.
const CHUNK_BYTES: usize = 1 << 16;

/// Writes the pretty JSON graph file to an output, a chunk at a time.
pub(super) struct PrettyWriter<'w> {
    buffer: Vec<u8>,
    out: &'w mut dyn Write,
    /// Nesting of the object or array being written.
    depth: usize,
}

/// The file's top-level values, as [`super::write`] gathers them.
pub(super) struct FileParts<'a> {
    pub version: u32,
    pub max_evidence: usize,
    pub documents: Vec<(&'a str, &'a DocumentInfo)>,
    pub nodes: Vec<NodeOut<&'a str>>,
    pub edges: Vec<EdgeOut<&'a str, &'a Tally>>,
}

impl<'w> PrettyWriter<'w> {
    pub(super) fn new(out: &'w mut dyn Write) -> Self {
        Self { buffer: Vec::with_capacity(CHUNK_BYTES + 4096), out, depth: 0 }
    }

    /// The whole file, ending in a newline.
    pub(super) fn file(mut self, file: &FileParts) -> std::io::Result<()> {
        self.open(b'{');
        self.key(key!("format"), true);
        self.string("stancegraph");
        self.key(key!("version"), false);
        self.number(file.version as usize);
        self.key(key!("max_evidence"), false);
        self.number(file.max_evidence);
        self.key(key!("documents"), false);
        self.array(&file.documents, |w, (id, info)| w.document(id, info))?;
        self.key(key!("nodes"), false);
        self.array(&file.nodes, Self::node)?;
        self.key(key!("edges"), false);
        self.array(&file.edges, Self::edge)?;
        self.close(b'}', true);
        self.buffer.push(b'\n');
        self.out.write_all(&self.buffer)?;
        self.out.flush()
    }

    fn document(&mut self, id: &str, info: &DocumentInfo) -> std::io::Result<()> {
        self.open(b'{');
        self.key(key!("id"), true);
        self.string(id);
        self.optional(key!("date"), info.date.as_ref(), Self::date)?;
        if let Some(hash) = info.hash {
            self.key(key!("hash"), false);
            self.hex_string(hash);
        }
        self.close(b'}', true);
        Ok(())
    }

    fn node(&mut self, node: &NodeOut<&str>) -> std::io::Result<()> {
        self.open(b'{');
        self.key(key!("id"), true);
        self.string(node.id);
        self.key(key!("label"), false);
        self.string(node.label);
        self.key(key!("kind"), false);
        self.string(node.kind);
        self.key(key!("aliases"), false);
        self.array(&node.aliases, |w, a| {
            w.string(a);
            Ok(())
        })?;
        self.optional_string(key!("affiliation"), node.affiliation);
        self.optional_string(key!("role"), node.role);
        self.key(key!("mentions"), false);
        self.number(node.mentions);
        self.key(key!("documents"), false);
        self.array(&node.documents, |w, d| {
            w.string(d);
            Ok(())
        })?;
        self.key(key!("document_count"), false);
        self.number(node.document_count);
        self.close(b'}', true);
        Ok(())
    }

    fn edge(&mut self, edge: &EdgeOut<&str, &Tally>) -> std::io::Result<()> {
        self.open(b'{');
        self.key(key!("source"), true);
        self.string(edge.source);
        self.key(key!("target"), false);
        self.string(edge.target);
        self.key(key!("relation"), false);
        self.serde(&edge.relation)?;
        self.optional_string(key!("type"), edge.kind);
        self.optional(key!("polarity"), edge.polarity.as_ref(), |w, v| w.serde(v))?;
        self.optional(key!("goldstein"), edge.goldstein.as_ref(), |w, v| w.serde(v))?;
        self.optional_string(key!("quote"), edge.quote);
        self.key(key!("count"), false);
        self.number(edge.count);
        self.key(key!("confidence"), false);
        self.serde(&edge.confidence)?;
        self.key(key!("speculative"), false);
        self.boolean(edge.speculative);
        self.optional(key!("first_date"), edge.first_date.as_ref(), Self::date)?;
        self.optional(key!("last_date"), edge.last_date.as_ref(), Self::date)?;
        self.key(key!("evidence"), false);
        self.array(&edge.evidence, Self::evidence)?;
        self.optional(key!("tally"), edge.tally, |w, v| w.serde(v))?;
        self.close(b'}', true);
        Ok(())
    }

    fn evidence(&mut self, x: &EvidenceOut<&str>) -> std::io::Result<()> {
        self.open(b'{');
        self.key(key!("doc"), true);
        self.string(x.doc);
        self.key(key!("text"), false);
        self.string(x.text);
        self.key(key!("start"), false);
        self.number(x.start);
        self.key(key!("end"), false);
        self.number(x.end);
        self.optional(key!("date"), x.date.as_ref(), Self::date)?;
        self.optional_string(key!("cue"), x.cue);
        if x.speculative {
            self.key(key!("speculative"), false);
            self.boolean(true);
        }
        self.optional(key!("confidence"), x.confidence.as_ref(), |w, v| w.serde(v))?;
        self.optional(key!("goldstein"), x.goldstein.as_ref(), |w, v| w.serde(v))?;
        if x.folded {
            self.key(key!("folded"), false);
            self.boolean(true);
        }
        self.close(b'}', true);
        Ok(())
    }

    /// An array of `items`, each written by `each`; the output is passed on between
    /// items once a chunk has gathered.
    fn array<T>(
        &mut self,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.open(b'[');
        for (i, item) in items.iter().enumerate() {
            self.line_break(i == 0);
            each(self, item)?;
            if self.buffer.len() >= CHUNK_BYTES {
                self.out.write_all(&self.buffer)?;
                self.buffer.clear();
            }
        }
        self.close(b']', !items.is_empty());
        Ok(())
    }

    fn open(&mut self, mark: u8) {
        self.buffer.push(mark);
        self.depth += 1;
    }

    /// Ends an object or array: on a line of its own when it holds anything.
    fn close(&mut self, mark: u8, has_entries: bool) {
        self.depth -= 1;
        if has_entries {
            self.line_break(true);
        }
        self.buffer.push(mark);
    }

    /// A line break (after a comma unless `first`) indented to the current depth.
    fn line_break(&mut self, first: bool) {
        // Infallible: a Vec takes every write.
        let _ = Pretty { depth: self.depth, has_value: false }.line_break(&mut self.buffer, first);
    }

    /// An object's key (quoted, with its colon: see [`key!`]), on a line of its own.
    fn key(&mut self, quoted: &str, first: bool) {
        self.line_break(first);
        self.buffer.extend_from_slice(quoted.as_bytes());
    }

    fn optional_string(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.key(name, false);
            self.string(value);
        }
    }

    /// `"name": value` where there is a value (the export types skip a `None`), written by
    /// `write`.
    fn optional<T>(
        &mut self,
        name: &str,
        value: Option<T>,
        write: impl FnOnce(&mut Self, T) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        match value {
            Some(value) => {
                self.key(name, false);
                write(self, value)
            }
            None => Ok(()),
        }
    }

    /// A date as its `Display` writes it, `"YYYY-MM-DD"`, digit by digit where the
    /// year has four (every date read from news); others through serde_json.
    fn date(&mut self, date: &Date) -> std::io::Result<()> {
        let (Ok(year), true, true) = (u32::try_from(date.year), date.month < 100, date.day < 100) else {
            return self.serde(date);
        };
        if year > 9999 {
            return self.serde(date);
        }
        let digit = |n: u32, place: u32| b'0' + (n / place % 10) as u8;
        let (m, d) = (date.month, date.day);
        let quoted = [
            b'"',
            digit(year, 1000),
            digit(year, 100),
            digit(year, 10),
            digit(year, 1),
            b'-',
            digit(m, 10),
            digit(m, 1),
            b'-',
            digit(d, 10),
            digit(d, 1),
            b'"',
        ];
        self.buffer.extend_from_slice(&quoted);
        Ok(())
    }

    /// A value through serde_json, laid out as if the whole file were.
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) -> std::io::Result<()> {
        let formatter = Pretty { depth: self.depth, has_value: false };
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.buffer, formatter);
        value.serialize(&mut serializer).map_err(std::io::Error::from)
    }

    fn number(&mut self, n: usize) {
        self.buffer.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// A hash as a string of sixteen lower-case hex digits.
    fn hex_string(&mut self, hash: u64) {
        let mut quoted = [b'"'; 18];
        for (i, digit) in quoted[1..17].iter_mut().enumerate() {
            *digit = HEX_DIGITS[((hash >> (60 - 4 * i)) & 0xF) as usize];
        }
        self.buffer.extend_from_slice(&quoted);
    }

    fn boolean(&mut self, b: bool) {
        self.buffer.extend_from_slice(if b { b"true" } else { b"false" });
    }

    fn string(&mut self, s: &str) {
        self.buffer.push(b'"');
        escape_into(&mut self.buffer, s.as_bytes());
        self.buffer.push(b'"');
    }
}

/// `bytes` with JSON's escapes, as serde_json writes them: `\"`, `\\`, the short forms
/// of five control characters and `\u00xx` for the others; everything else as it is.
/// Most strings (ids, names, most sentences) need none and are copied whole.
fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run_start = 0;
    let mut at = clean_prefix(bytes, 0);
    while at < bytes.len() {
        if let Some(escape) = escape_of(bytes[at]) {
            out.extend_from_slice(&bytes[run_start..at]);
            out.extend_from_slice(escape.as_slice());
            run_start = at + 1;
            at = clean_prefix(bytes, at + 1);
        } else {
            at += 1;
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// The end of the run from `from` of blocks of eight bytes none of which needs an
/// escape; the last short block is padded with a letter. Where a block does need one,
/// its start: the caller looks at its bytes one by one.
fn clean_prefix(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while at < bytes.len() {
        let block = match bytes.get(at..at + 8) {
            Some(block) => u64::from_le_bytes(block.try_into().unwrap_or([0; 8])),
            None => {
                let mut padded = [b'a'; 8];
                padded[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                u64::from_le_bytes(padded)
            }
        };
        if any_needs_escape(block) {
            return at;
        }
        at += 8;
    }
    bytes.len()
}

/// Whether one of eight bytes is a control character, `"` or `\`: exact, as each
/// test is the classic "has a zero byte" / "has a byte below n" bit trick, which
/// answers "any" without false alarms.
fn any_needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    below_space | has_zero(x ^ (ONES * u64::from(b'"'))) | has_zero(x ^ (ONES * u64::from(b'\\'))) != 0
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// An escape sequence: up to six bytes.
struct Escape {
    bytes: [u8; 6],
    len: usize,
}

impl Escape {
    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

fn escape_of(b: u8) -> Option<Escape> {
    let short = |c: u8| Some(Escape { bytes: [b'\\', c, 0, 0, 0, 0], len: 2 });
    match b {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        0x08 => short(b'b'),
        0x09 => short(b't'),
        0x0A => short(b'n'),
        0x0C => short(b'f'),
        0x0D => short(b'r'),
        0x00..=0x1F => {
            let (high, low) = (HEX_DIGITS[usize::from(b >> 4)], HEX_DIGITS[usize::from(b & 0xF)]);
            Some(Escape { bytes: [b'\\', b'u', b'0', b'0', high, low], len: 6 })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_serde_json_writes_them() {
        let years = [-12, 0, 7, 99, 1987, 2025, 9999, 10_000, 123_456];
        for (year, (month, day)) in
            years.into_iter().flat_map(|y| [(1, 1), (9, 30), (12, 31), (123, 4)].map(|md| (y, md)))
        {
            let date = Date { year, month, day };
            let mut out = Vec::new();
            let mut writer = PrettyWriter::new(&mut out);
            writer.date(&date).unwrap_or_default();
            let ours = String::from_utf8_lossy(&writer.buffer).into_owned();
            assert_eq!(ours, serde_json::to_string(&date).unwrap_or_default(), "{year}-{month}-{day}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every byte value a string can hold at every position of an eight-byte block,
        // and multi-byte characters across block edges.
        let mut cases: Vec<String> = Vec::new();
        for b in 0u8..0x80 {
            for at in 0..10 {
                let mut s = "abcdefghijkl".to_string();
                s.insert(at, char::from(b));
                cases.push(s);
            }
        }
        cases
            .extend(["", "\"", "\\\\", "é\u{2019}\u{1f600}\"x\u{7f}", "a\nb\tc\u{1}d\re\u{8}f\u{c}"].map(String::from));
        cases.push("\u{201c}quoted\u{201d} and \"straight\" \\ back".repeat(5));
        for s in &cases {
            let mut ours = Vec::new();
            escape_into(&mut ours, s.as_bytes());
            let theirs = serde_json::to_string(s).unwrap_or_default();
            assert_eq!(format!("\"{}\"", String::from_utf8_lossy(&ours)), theirs, "{s:?}");
        }
    }
}
