"""Texts as strings, dicts and pandas columns; bad input raises a ValueError that
names the document; and building from strings equals building from the same texts
as files (a property)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stancegraph

SENTENCES = [
    "{a} rejected the proposal put forward by {b} on Monday.",
    "{a} welcomed the new trade agreement with {b}.",
    "{a} condemned {b} over the border shelling.",
    "Officials in {a} said they would back {b} at the summit.",
    "The foreign minister of {a} said: \"We will never accept the demands of {b}.\"",
    "{a} and {b} agreed to resume talks next month.",
    "{a} threatened {b} with new sanctions.",
    "A spokesman for {a} praised {b} for its restraint.",
]
ACTORS = ["France", "Germany", "Japan", "Brazil", "Iran", "China", "Russia", "the United States", "India", "NATO"]
DATES = ["", "March 3, 2024\n\n", "2023-11-20\n\n"]


def test_the_module_example_holds():
    import doctest

    assert doctest.testmod(stancegraph).failed == 0


def test_strings_and_dicts(tmp_path):
    g = stancegraph.from_texts(
        [
            "Japan condemned Russia over the missile test on Tuesday.",
            {"id": "wire-7", "title": "Talks", "date": "2024-05-02", "text": "Brazil welcomed the offer from India."},
        ]
    )
    d = g.to_dict()
    assert [doc["id"] for doc in d["documents"]] == ["0", "wire-7"]
    assert {doc["id"]: doc.get("date") for doc in d["documents"]}["wire-7"] == "2024-05-02"
    assert any(e["source"] == "japan" and e["target"] == "russia" for e in d["edges"])
    assert any(x["doc"] == "wire-7" for e in d["edges"] for x in e["evidence"])


def test_a_pandas_column_and_frame():
    pd = pytest.importorskip("pandas")
    texts = ["Japan condemned Russia over the missile test.", "Brazil welcomed the offer from India."]
    series = pd.Series(texts, index=["a", "b"])
    assert [doc["id"] for doc in stancegraph.from_texts(series).to_dict()["documents"]] == ["a", "b"]
    frame = pd.DataFrame({"id": ["x", "y"], "date": pd.to_datetime(["2024-01-02", None]), "text": texts})
    docs = stancegraph.from_texts(frame).to_dict()["documents"]
    assert docs == [{"id": "x", "date": "2024-01-02", "hash": docs[0]["hash"]}, {"id": "y", "hash": docs[1]["hash"]}]


def test_empty_text_names_the_document():
    with pytest.raises(ValueError, match=r"document 'blank'.*empty article text"):
        stancegraph.from_texts([{"id": "ok", "text": "Japan condemned Russia."}, {"id": "blank", "text": "  "}])


def test_wrong_types_name_the_document():
    with pytest.raises(ValueError, match=r"texts\[1\]: expected a string or a dict"):
        stancegraph.from_texts(["Japan condemned Russia.", 42])
    with pytest.raises(ValueError, match=r"document 'n7' \(texts\[0\]\): 'text' must be a string, got nothing"):
        stancegraph.from_texts([{"id": "n7", "title": "No body"}])
    with pytest.raises(ValueError, match=r"unknown field\(s\) 'body'"):
        stancegraph.from_texts([{"id": "n8", "body": "Japan condemned Russia."}])
    with pytest.raises(TypeError):
        stancegraph.from_texts("one string, not a list")


def test_bad_files_name_the_file_and_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": "Japan condemned Russia over the missile test."}) + "\n"
        + '{"id": "b", "text": "cut short\n'
        + json.dumps({"id": "c", "text": "Brazil welcomed the offer from India."}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"feed\.jsonl:2: error: malformed JSON"):
        stancegraph.build(feed)
    with pytest.warns(UserWarning, match=r"feed\.jsonl:2"):
        g = stancegraph.build(feed, errors="warn")
    assert [doc["id"] for doc in g.to_dict()["documents"]] == ["a", "c"]
    assert [(p.source, p.line, p.reason) for p in g.problems] == [(str(feed), 2, "malformed JSON line")]
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(ValueError, match="nowhere.txt"):
        stancegraph.build([missing])


def test_bad_arguments():
    with pytest.raises(ValueError, match="jobs"):
        stancegraph.from_texts(["Japan condemned Russia."], jobs=0)
    with pytest.raises(ValueError, match="errors"):
        stancegraph.from_texts(["Japan condemned Russia."], errors="sometimes")
    with pytest.raises(OSError, match="no-such-actors.toml"):
        stancegraph.from_texts(["Japan condemned Russia."], actors="no-such-actors.toml")


def test_own_actors_file(tmp_path):
    actors = tmp_path / "actors.toml"
    actors.write_text('[[actor]]\nid = "blue-league"\nlabel = "Blue League"\nkind = "political_group"\nnames = ["Blue League"]\n')
    g = stancegraph.from_texts(["The Blue League condemned Japan over the new law."], actors=[actors])
    assert "blue-league" in [n["id"] for n in g.to_dict()["nodes"]]


article = st.builds(
    lambda date, parts: date + " ".join(parts),
    st.sampled_from(DATES),
    st.lists(
        st.builds(lambda s, a, b: s.format(a=a, b=b), st.sampled_from(SENTENCES), st.sampled_from(ACTORS), st.sampled_from(ACTORS)),
        min_size=1,
        max_size=6,
    ),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(article, min_size=1, max_size=6))
def test_strings_build_the_graph_the_same_texts_as_files_build(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("texts")
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"doc{i:02}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    from_files = stancegraph.build(folder)
    from_strings = stancegraph.from_texts([{"id": p, "text": t} for p, t in zip(paths, texts)])
    assert from_strings.to_json() == from_files.to_json()
    assert from_strings.documents + from_strings.duplicates == len(texts)
