//! Every export format, read back: XML parses and declares what it uses, node and edge
//! counts and key attributes match the JSON graph. (CI also loads them with the real
//! readers: networkx, xmllint, Graphviz, headless Chromium; see tests/readers/.)

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use stancegraph::export::json::GraphFile;
use stancegraph::export::{render, Format};

fn graph() -> GraphFile {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lexicon = stancegraph::extract::Lexicon::load(&[], &[]).expect("lexicon");
    let (g, _, _) = stancegraph::build_graph(&[root.join("data/corpus")], &lexicon);
    stancegraph::export::json::to_file(&g)
}

fn text(format: Format, file: &GraphFile) -> String {
    let parts = render(format, file).expect("renders");
    String::from_utf8(parts[0].1.clone()).expect("utf-8")
}

#[test]
fn graphml_declares_every_key_it_uses_and_counts_match() {
    let file = graph();
    let xml = text(Format::Graphml, &file);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GraphML");
    let keys: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("key"))
        .inspect(|k| assert!(k.attribute("attr.type").is_some(), "typed key"))
        .filter_map(|k| k.attribute("id"))
        .collect();
    let used: BTreeSet<&str> =
        doc.descendants().filter(|n| n.has_tag_name("data")).filter_map(|d| d.attribute("key")).collect();
    assert!(used.is_subset(&keys), "undeclared keys: {:?}", used.difference(&keys).collect::<Vec<_>>());
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("node")).count(), file.nodes.len());
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("edge")).count(), file.edges.len());
}

#[test]
fn gexf_is_dynamic_with_colours_and_spells() {
    let file = graph();
    let xml = text(Format::Gexf, &file);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed GEXF");
    let root = doc.root_element();
    assert_eq!(root.attribute("version"), Some("1.3"));
    let g = root.children().find(|n| n.has_tag_name("graph")).expect("graph");
    assert_eq!(g.attribute("mode"), Some("dynamic"));
    let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
    assert_eq!(edges.len(), file.edges.len());
    let dated = file.edges.iter().filter(|e| e.first_date.is_some()).count();
    assert_eq!(edges.iter().filter(|e| e.attribute("start").is_some()).count(), dated);
    assert!(dated > 0);
    let colours = doc.descendants().filter(|n| n.tag_name().name() == "color").count();
    assert_eq!(colours, file.nodes.len() + file.edges.len());
    let declared: BTreeSet<&str> =
        doc.descendants().filter(|n| n.has_tag_name("attribute")).filter_map(|a| a.attribute("id")).collect();
    for v in doc.descendants().filter(|n| n.has_tag_name("attvalue")) {
        assert!(declared.contains(v.attribute("for").unwrap_or("")));
    }
}

#[test]
fn cytoscape_puts_people_inside_their_actor() {
    let file = graph();
    let v: serde_json::Value = serde_json::from_str(&text(Format::Cytoscape, &file)).expect("JSON");
    let nodes = v["elements"]["nodes"].as_array().expect("nodes");
    let edges = v["elements"]["edges"].as_array().expect("edges");
    assert_eq!((nodes.len(), edges.len()), (file.nodes.len(), file.edges.len()));
    let ids: BTreeSet<&str> = nodes.iter().filter_map(|n| n["data"]["id"].as_str()).collect();
    let children: Vec<&serde_json::Value> = nodes.iter().filter(|n| n["data"]["parent"].is_string()).collect();
    assert!(!children.is_empty(), "some person speaks for an actor in the graph");
    for c in children {
        assert_eq!(c["data"]["kind"], "person");
        assert!(ids.contains(c["data"]["parent"].as_str().unwrap_or("")));
    }
}

#[test]
fn node_link_is_a_directed_multigraph_with_every_edge() {
    let file = graph();
    let v: serde_json::Value = serde_json::from_str(&text(Format::NodeLink, &file)).expect("JSON");
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    assert_eq!(v["nodes"].as_array().map(Vec::len), Some(file.nodes.len()));
    let edges = v["edges"].as_array().expect("edges");
    assert_eq!(edges.len(), file.edges.len());
    for (e, j) in edges.iter().zip(&file.edges) {
        assert_eq!((e["source"].as_str(), e["target"].as_str()), (Some(j.source.as_str()), Some(j.target.as_str())));
        assert_eq!(e["count"], j.count);
    }
}

#[test]
fn csv_has_gephi_and_neo4j_headers_and_a_row_per_node_and_edge() {
    let file = graph();
    let parts = render(Format::Csv, &file).expect("renders");
    let get = |name: &str| {
        let bytes = &parts.iter().find(|(n, _)| *n == name).expect(name).1;
        String::from_utf8(bytes.clone()).expect("utf-8")
    };
    let rows = |s: &str| {
        // Quoted fields may hold newlines: count records, not lines.
        let mut n = 0;
        let mut quoted = false;
        for c in s.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => n += 1,
                _ => {}
            }
        }
        n - 1
    };
    assert!(get("nodes.csv").starts_with("Id,Label,"));
    assert!(get("edges.csv").starts_with("Source,Target,Type,"));
    assert!(get("nodes.neo4j.csv").starts_with("id:ID,label,:LABEL,"));
    assert!(get("edges.neo4j.csv").starts_with(":START_ID,:END_ID,"));
    assert_eq!(rows(&get("nodes.csv")), file.nodes.len());
    assert_eq!(rows(&get("edges.csv")), file.edges.len());
    assert_eq!(rows(&get("edges.neo4j.csv")), file.edges.len());
}

#[test]
fn dot_has_a_key_and_ids_the_explorer_uses() {
    let file = graph();
    let dot = text(Format::Dot, &file);
    assert!(dot.contains("&#x2192; supports") && !dot.contains("cluster_legend"), "a one-line key");
    assert!(dot.contains("id=\"n:taliban\""));
    assert!(dot.contains("id=\"d0\""));
}

#[test]
fn export_cuts_by_focus_count_and_date() {
    let file = graph();
    let cut = |o: stancegraph::export::view::ViewOptions| stancegraph::export::view::apply(&file, &o);
    let focus =
        cut(stancegraph::export::view::ViewOptions { focus: Some("iran".into()), depth: 1, ..Default::default() });
    assert!(!focus.edges.is_empty() && focus.edges.len() < file.edges.len());
    assert!(focus.nodes.iter().any(|n| n.id == "iran"));
    let strong = cut(stancegraph::export::view::ViewOptions { min_count: 2, ..Default::default() });
    assert!(strong.edges.iter().all(|e| e.count >= 2 || e.relation == stancegraph::graph::Relation::Affiliation));
    let since = stancegraph::date::Date::parse_iso("2025-10-01");
    let late = cut(stancegraph::export::view::ViewOptions { since, ..Default::default() });
    assert!(!late.edges.is_empty());
    for e in late.edges.iter().filter(|e| e.relation != stancegraph::graph::Relation::Affiliation) {
        assert!(e.evidence.iter().all(|x| x.date >= since), "{e:?}");
    }
}

#[test]
fn export_without_graphviz_says_how_to_install_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let graph = dir.path().join("g.json");
    std::fs::write(&graph, serde_json::to_string(&graph_file_small()).expect("json")).expect("write");
    Command::cargo_bin("stancegraph")
        .expect("binary")
        .current_dir(root)
        .env("PATH", dir.path())
        .args(["export", graph.to_str().expect("path"), "--format", "png", "-o"])
        .arg(dir.path().join("g.png"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("apt-get install graphviz"));
    assert!(!dir.path().join("g.png").exists());
}

fn graph_file_small() -> GraphFile {
    let mut g = graph();
    g.edges.truncate(3);
    g
}

/// Draws a graph of `actors` actors in a ring, each opposing the next with `types` event
/// types (parallel arrows), plus an actor nobody names in a stance.
fn ring(actors: usize, types: &[&str]) -> stancegraph::graph::StanceGraph {
    use stancegraph::extract::{ActorSeen, Evidence, Extraction, NodeRef, Stance};
    let mut g = stancegraph::graph::StanceGraph::default();
    let mut ex = Extraction {
        doc: "d".into(),
        date: None,
        actors: Default::default(),
        persons: Default::default(),
        stances: vec![],
        statements: vec![],
    };
    for i in 0..=actors {
        let seen =
            ActorSeen { label: format!("Land {i}"), kind: "state".into(), aliases: Default::default(), mentions: 1 };
        ex.actors.insert(format!("land-{i}"), seen);
    }
    for i in 0..actors {
        for (k, kind) in types.iter().enumerate() {
            // Actor i is named in i+1 sentences: the busiest are the last ones.
            for s in 0..=i {
                let start = (i * 100 + k * 10 + s) * 50;
                ex.stances.push(Stance {
                    source: NodeRef::Actor(format!("land-{i}")),
                    target: NodeRef::Actor(format!("land-{}", (i + 1) % actors)),
                    kind: kind.to_string(),
                    goldstein: -4.0,
                    speculative: false,
                    negated: false,
                    confidence: 0.8,
                    cue: "x".into(),
                    evidence: Evidence {
                        doc: "d".into(),
                        text: format!("s{start}"),
                        start,
                        end: start + 5,
                        date: None,
                    },
                });
            }
        }
    }
    g.add(ex);
    g
}

#[test]
fn parallel_arrows_of_one_polarity_are_one_arrow_and_isolated_actors_are_not_drawn() {
    let g = ring(3, &["reject", "threaten", "disapprove"]);
    let dot = stancegraph::export::dot::to_string(&g);
    assert_eq!(dot.matches("\"land-0\" -> \"land-1\"").count(), 1, "{dot}");
    assert!(dot.contains("disapprove, reject +1 more \u{d7}3"), "{dot}");
    assert!(!dot.contains("\"land-3\""), "an actor with no arrow is not drawn: {dot}");
}

#[test]
fn a_large_graph_is_drawn_bounded_with_a_note() {
    use stancegraph::export::dot::{drawing, DrawOptions};
    use stancegraph::export::json::{to_file, GraphIndex};
    let file = to_file(&ring(60, &["reject"]));
    let g = GraphIndex::new(&file);
    let d = drawing(&g, DrawOptions { max_actors: 10, max_arrows: 100 });
    assert!(d.nodes.len() <= 10, "{}", d.nodes.len());
    assert!(d.nodes.iter().any(|n| n.id == "land-59"), "the busiest actors are kept");
    let note = d.left_out.expect("a note of what was left out");
    assert!(note.contains("of 60 actors"), "{note}");
    let d = drawing(&g, DrawOptions { max_actors: 100, max_arrows: 5 });
    assert_eq!(d.edges.len(), 5);
    let small = to_file(&ring(3, &["reject"]));
    assert!(drawing(&GraphIndex::new(&small), DrawOptions::default()).left_out.is_none());
}

#[test]
fn without_graphviz_the_svg_is_drawn_by_the_builtin_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("stancegraph")
        .expect("binary")
        .env("PATH", dir.path())
        .args(["build", "-q", "--format", "svg,html", "-o"])
        .arg(dir.path())
        .arg(root.join("data/corpus"))
        .assert()
        .success();
    let svg = std::fs::read_to_string(dir.path().join("graph.svg")).expect("svg written");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(doc.descendants().any(|n| n.text() == Some("Taliban")), "actors are labelled");
    let html = std::fs::read_to_string(dir.path().join("graph.html")).expect("html written");
    assert!(html.contains("<svg"));
}

#[test]
fn the_pdf_is_the_same_bytes_every_run() {
    if !stancegraph::export::graphviz_available() {
        return;
    }
    let file = graph_file_small();
    let a = render(Format::Pdf, &file).expect("pdf");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = render(Format::Pdf, &file).expect("pdf");
    assert_eq!(a[0].1, b[0].1);
}

/// A `dot` that never finishes costs the drawing only: one line says so, the other
/// formats are written, the status is 1.
#[cfg(unix)]
#[test]
fn a_dot_that_hangs_is_stopped_with_one_line() {
    use std::os::unix::fs::PermissionsExt;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = dir.path().join("dot");
    std::fs::write(&fake, "#!/bin/sh\n[ \"$1\" = -V ] && exit 0\nexec sleep 30\n").expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:{}", dir.path().display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::cargo_bin("stancegraph")
        .expect("binary")
        .env("PATH", path)
        .env("STANCEGRAPH_DOT_SECONDS", "0.5")
        .args(["build", "-q", "--format", "json,svg", "-o"])
        .arg(dir.path().join("out"))
        .arg(root.join("data/corpus"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("did not finish"), "{stderr}");
    assert!(dir.path().join("out/graph.json").exists());
    assert!(!dir.path().join("out/graph.svg").exists());
}

#[test]
fn actor_level_folds_people_into_one_edge_per_pair_and_polarity() {
    let file = graph();
    let actors = stancegraph::export::view::actor_level(&file);
    assert!(actors.nodes.iter().all(|n| n.kind != "person" && n.kind != "media"));
    assert!(!actors.edges.is_empty());
    let mut keys = BTreeSet::new();
    for e in &actors.edges {
        assert!(keys.insert((e.source.clone(), e.target.clone(), e.relation, e.polarity)), "one edge per pair: {e:?}");
        assert!(actors.nodes.iter().any(|n| n.id == e.source) && actors.nodes.iter().any(|n| n.id == e.target));
    }
    // The people's sentences now count for their actor: the actor level has at least as
    // many stance sentences from an actor as its own edges had.
    let own: usize = file
        .edges
        .iter()
        .filter(|e| e.source == "taliban" && e.relation == stancegraph::graph::Relation::Stance)
        .map(|e| e.count)
        .sum();
    let folded: usize = actors
        .edges
        .iter()
        .filter(|e| e.source == "taliban" && e.relation == stancegraph::graph::Relation::Stance)
        .map(|e| e.count)
        .sum();
    assert!(folded >= own, "{folded} < {own}");
    let xml = text(Format::Graphml, &actors);
    roxmltree::Document::parse(&xml).expect("well-formed GraphML");
}

#[test]
fn stance_weights_are_signed_net_goldstein_and_affiliations_count() {
    let file = graph();
    let xml = text(Format::Graphml, &file);
    let doc = roxmltree::Document::parse(&xml).expect("GraphML");
    let mut seen = 0;
    for edge in doc.descendants().filter(|n| n.has_tag_name("edge")) {
        let get = |key: &str| {
            edge.children().find(|d| d.attribute("key") == Some(key)).and_then(|d| d.text()).unwrap_or("").to_string()
        };
        let weight: f64 = get("edge_weight").parse().expect("weight is a number");
        match get("edge_polarity").as_str() {
            "support" => assert!(weight > 0.0, "{weight}"),
            "oppose" => assert!(weight < 0.0, "{weight}"),
            _ => assert!(weight >= 1.0),
        }
        seen += 1;
    }
    assert!(seen > 0);
    for e in file.edges.iter().filter(|e| e.relation == stancegraph::graph::Relation::Affiliation) {
        assert!(e.count >= 1, "an affiliation counts the documents that show it: {e:?}");
    }
}

#[test]
fn export_level_actor_on_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("g.json");
    std::fs::write(&path, serde_json::to_string(&graph()).expect("json")).expect("write");
    let out = Command::cargo_bin("stancegraph")
        .expect("binary")
        .current_dir(root)
        .args(["export", path.to_str().expect("path"), "--format", "gexf", "--level", "actor"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!xml.contains("amir-khan-muttaqi"), "people are folded into their actor");
    assert!(xml.contains("\"taliban\""));
}

/// The registry is the list of formats: names unique, each renders as many files as it
/// names, and `--format` takes each name.
#[test]
fn every_registered_format_renders_its_files() {
    let file = graph_file_small();
    let mut names = BTreeSet::new();
    for format in Format::all() {
        assert!(names.insert(format.name()), "{} twice", format.name());
        assert_eq!(Format::named(&format.name().to_uppercase()), Some(format));
        if format.needs_graphviz() && !stancegraph::export::graphviz_available() {
            continue;
        }
        let parts = render(format, &file).expect("renders");
        assert_eq!(parts.len(), format.file_names().len(), "{}", format.name());
        assert!(parts.iter().all(|(_, bytes)| !bytes.is_empty()), "{}", format.name());
    }
    assert_eq!(Format::named("graphml"), Some(Format::Graphml));
    assert_eq!(Format::named("nope"), None);
    assert_eq!(Format::ALL.to_vec(), Format::all(), "the constant lists the registry");
}
