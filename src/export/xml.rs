//! The few XML helpers GraphML and GEXF share: escaping, colours by kind and polarity,
//! and the attribute values of nodes and edges, which each format writes in its own
//! syntax for the attributes it declares.

use super::json::{EdgeOut, NodeOut};
use crate::graph::{Polarity, Relation};

/// Text escaped for an XML attribute or element; characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A node's colour (r, g, b), by kind.
pub fn node_rgb(n: &NodeOut) -> (u8, u8, u8) {
    use crate::model::NodeKind;
    match NodeKind::of(&n.kind) {
        NodeKind::State | NodeKind::DeFactoGovernment => (66, 133, 244),
        NodeKind::Organization | NodeKind::Format => (142, 36, 170),
        NodeKind::ArmedGroup | NodeKind::PoliticalGroup => (239, 108, 0),
        NodeKind::Person => (120, 144, 156),
        NodeKind::Media | NodeKind::Topic => (189, 189, 189),
    }
}

/// An edge's colour (r, g, b): support green, oppose red, quotes and links grey.
pub fn edge_rgb(e: &EdgeOut) -> (u8, u8, u8) {
    match (e.relation, e.polarity) {
        (Relation::Stance, Some(Polarity::Support)) => (46, 125, 50),
        (Relation::Stance, Some(Polarity::Oppose)) => (198, 40, 40),
        (Relation::Affiliation, _) => (176, 190, 197),
        _ => (117, 117, 117),
    }
}

/// A node's attribute values by name; an absent affiliation or role is left out.
pub fn node_values(n: &NodeOut) -> Vec<(&'static str, String)> {
    let mut values = vec![("label", n.label.clone()), ("kind", n.kind.clone())];
    values.extend(n.affiliation.clone().map(|a| ("affiliation", a)));
    values.extend(n.role.clone().map(|r| ("role", r)));
    values.push(("aliases", n.aliases.join("; ")));
    values.push(("mentions", n.mentions.to_string()));
    values.push(("document_count", n.document_count.to_string()));
    values
}

/// An edge's attribute values by name; what the edge lacks (polarity, Goldstein
/// score, dates, quote, evidence) is left out.
pub fn edge_values(e: &EdgeOut) -> Vec<(&'static str, String)> {
    let mut values = vec![("relation", relation(e).to_string()), ("type", edge_type(e))];
    values.extend(Some(polarity(e)).filter(|p| !p.is_empty()).map(|p| ("polarity", p.to_string())));
    values.extend(e.goldstein.map(|g| ("goldstein", g.to_string())));
    values.push(("count", e.count.to_string()));
    values.push(("weight", weight(e).to_string()));
    if e.relation == Relation::Stance {
        values.push(("net_goldstein", weight(e).to_string()));
    }
    values.push(("confidence", e.confidence.to_string()));
    values.push(("speculative", e.speculative.to_string()));
    values.extend(e.first_date.map(|d| ("first_date", d.to_string())));
    values.extend(e.last_date.map(|d| ("last_date", d.to_string())));
    values.extend(e.quote.clone().map(|q| ("quote", q)));
    values.extend(Some(first_evidence(e)).filter(|x| !x.is_empty()).map(|x| ("evidence", x)));
    values
}

/// The values of the attributes a format declares, in the order it declares them.
pub fn declared<'v>(
    keys: &'static [(&'static str, &'static str)],
    values: &'v [(&'static str, String)],
) -> impl Iterator<Item = (&'static str, &'v str)> {
    keys.iter().filter_map(move |(name, _)| values.iter().find(|(n, _)| n == name).map(|(n, v)| (*n, v.as_str())))
}

/// An edge's weight for network tools: on a stance, its net Goldstein score (signed:
/// support positive, opposition negative, summed over every sentence); otherwise how
/// many times it holds.
pub fn weight(e: &EdgeOut) -> f64 {
    match e.relation {
        Relation::Stance => e.full_tally().goldstein_tenths as f64 / 10.0,
        _ => e.count.max(1) as f64,
    }
}

/// The first piece of evidence, the one a reader sees first.
pub fn first_evidence(e: &EdgeOut) -> String {
    e.evidence.first().map(|x| x.text.clone()).unwrap_or_default()
}

/// The edge's type as one word: the event type, "statement" or "affiliation".
pub fn edge_type(e: &EdgeOut) -> String {
    match e.relation {
        Relation::Affiliation => "affiliation".into(),
        _ => e.kind.clone().unwrap_or_else(|| "stance".into()),
    }
}

/// The relation as a word.
pub fn relation(e: &EdgeOut) -> &'static str {
    match e.relation {
        Relation::Stance => "stance",
        Relation::Statement => "statement",
        Relation::Affiliation => "affiliation",
    }
}

/// The polarity as a word ("" when none).
pub fn polarity(e: &EdgeOut) -> &'static str {
    match e.polarity {
        Some(Polarity::Support) => "support",
        Some(Polarity::Oppose) => "oppose",
        Some(Polarity::Neutral) => "neutral",
        None => "",
    }
}
