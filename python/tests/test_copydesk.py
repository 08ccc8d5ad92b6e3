"""Tests for the copydesk Python package (no network, no benchmark data)."""

import gzip
import importlib.util
import json
import pathlib
import threading
import time

import pytest

import copydesk

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
HTML = (EXAMPLES / "harbour-ferry.html").read_bytes()
TEXT = (EXAMPLES / "harbour-ferry.txt").read_text(encoding="utf8")

# The CLI's JSON document (README, "The JSON document"): always present.
CLI_FIELDS = {
    "title", "description", "authors", "published", "modified", "site_name", "language", "url",
    "image", "section", "tags", "publisher", "text", "blocks", "figures", "related",
}


def page(title, body, extra_head=""):
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<!DOCTYPE html><html><head>{extra_head}<title>{title} | The Daily</title></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Copyright The Daily</footer></body></html>"
    )


def story(i):
    return page(
        f"Story number {i} about the river",
        [
            f"Story {i}: the river rose again on Tuesday after a week of heavy rain, "
            "and people living along the banks moved their cars to higher ground.",
            "Council workers filled sandbags through the night while volunteers "
            f"handed out hot drinks at the school hall, the {i}th time this winter.",
        ],
    )


def test_extract_returns_the_cli_document():
    doc = copydesk.extract(HTML)
    assert CLI_FIELDS <= set(doc)
    assert doc["title"] == "Harbour ferry returns after storm repairs"
    assert doc["authors"] == ["Maren Holt"]
    assert doc["published"].startswith("2024-03-11")
    assert "READ MORE" not in doc["text"]
    assert doc["text"].split("\n\n")[0] == doc["blocks"][0]["text"]
    assert all(b["kind"] in {"heading", "paragraph", "list", "quote", "table", "code"} for b in doc["blocks"])
    assert doc["related"] and all(set(r) == {"text", "url"} for r in doc["related"])
    assert doc["figures"] and set(doc["figures"][0]) == {"caption", "credit", "src"}
    # No analysis keys unless asked for.
    assert "quotes" not in doc and "removed" not in doc


@pytest.mark.parametrize("kw", [{}, {"analyze": True}, {"explain": True}, {"analyze": True, "explain": True}])
def test_dict_equals_the_json_string_parsed(kw):
    """format="dict" is built from the model directly: the same keys, order, values and types."""
    for html in (HTML, story(7), "<p>Just one line of text, no article around it at all.</p>"):
        doc = copydesk.extract(html, **kw)
        parsed = json.loads(copydesk.extract(html, format="json", **kw))
        assert doc == parsed
        assert repr(doc) == repr(parsed)  # key order and int/bool/None types too
    res = copydesk.analyze(TEXT, published="2024-03-11")
    assert res["quotes"] and repr(res) == repr(json.loads(json.dumps(res)))
    assert all(type(q["direct"]) is bool and type(q["start"]) is int for q in res["quotes"])


def test_same_json_as_the_cli_when_built(tmp_path):
    """Byte-for-byte the CLI's document (skipped unless `cargo test` built the CLI)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    exe = root / "target" / "debug" / "copydesk"
    if not exe.exists():
        pytest.skip("CLI binary not built")
    import subprocess

    out = subprocess.run([str(exe), "extract", str(EXAMPLES / "harbour-ferry.html"), "--format", "json"],
                         capture_output=True, check=True).stdout
    assert json.loads(out) == copydesk.extract(HTML)


def test_str_bytes_and_gzip_agree():
    doc = copydesk.extract(HTML)
    assert copydesk.extract(HTML.decode("utf8")) == doc
    assert copydesk.extract(gzip.compress(HTML)) == doc
    assert copydesk.extract(bytearray(HTML)) == doc


def test_str_input_is_not_re_decoded_by_its_meta_charset():
    html = page("Café society", ["Crème brûlée and naïve façades were the talk of the town on Tuesday, "
                                  "said the owner of the café near the harbour, who has run it for years."],
                extra_head='<meta charset="windows-1252">')
    doc = copydesk.extract(html)
    assert "Crème brûlée" in doc["text"]
    # The same page as windows-1252 bytes is decoded by its declaration.
    assert "Crème brûlée" in copydesk.extract(html.encode("cp1252"))["text"]


def test_options_url_analyze_explain_and_formats():
    html = story(1)
    doc = copydesk.extract(html, url="https://daily.example/river")
    assert doc["url"] == "https://daily.example/river"
    assert doc["title"] == "Story number 1 about the river"
    analyzed = copydesk.extract(HTML, analyze=True)
    assert any(q.get("speaker") == "Tomas Reyes" for q in analyzed["quotes"])
    assert {"quotes", "entities", "dates"} <= set(analyzed)
    explained = copydesk.extract(HTML, explain=True)
    assert explained["removed"] and {"text", "action", "reason"} <= set(explained["removed"][0])
    md = copydesk.extract(HTML, format="markdown")
    assert md.startswith("# Harbour ferry returns after storm repairs")
    assert copydesk.extract(HTML, format="text") == copydesk.extract(HTML)["text"]
    assert copydesk.extract(HTML, format="html").lstrip().startswith("<article")


def test_extract_text_cleans_scraper_output():
    doc = copydesk.extract_text(TEXT)
    assert doc["title"] == "Harbour ferry returns after storm repairs"
    assert "READ MORE" not in doc["text"] and "Loading..." not in doc["text"]
    assert "North Quay" in doc["text"]
    assert any("Storm leaves North Quay pier unsafe" in r["text"] for r in doc["related"])
    # HTML given to extract_text is still read as text, not parsed.
    assert "<p>" in copydesk.extract_text("<p>One</p>\n\n<p>Two and more words here for a body line.</p>")["text"]


def test_analyze_offsets_are_python_string_indices():
    text = "Über alles: \"We will rebuild the pier,\" said Tomas Reyes on Friday."
    res = copydesk.analyze(text, published="2024-03-11")
    assert set(res) == {"quotes", "entities", "dates"}
    (quote,) = res["quotes"]
    assert quote["speaker"] == "Tomas Reyes"
    assert text[quote["start"]:quote["end"]] == quote["text"]
    m = quote["speaker_mention"]
    assert text[m["start"]:m["end"]] == "Tomas Reyes"


@pytest.mark.parametrize("bad,kind", [(b"", "empty"), ("   \n", "empty"), (bytes(range(32)) * 128, "binary"),
                                      (b"\x1f\x8b\x08\x00garbage", "gzip")])
def test_errors_raise_extraction_error(bad, kind):
    with pytest.raises(copydesk.ExtractionError) as info:
        copydesk.extract(bad)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == kind and info.value.index is None
    assert str(info.value)


def test_too_large_and_argument_errors():
    with pytest.raises(copydesk.ExtractionError, match="limit") as info:
        copydesk.extract(HTML, max_bytes=100)
    assert info.value.kind == "too-large"
    with pytest.raises(ValueError, match="unknown format") as info:
        copydesk.extract(HTML, format="yaml")
    assert not isinstance(info.value, copydesk.ExtractionError)
    with pytest.raises(TypeError, match="str or bytes"):
        copydesk.extract(42)
    with pytest.raises(ValueError, match="unknown input"):
        copydesk.extract(HTML, input="pdf")


@pytest.mark.parametrize("jobs", [None, 1, 2, 3])
def test_extract_many_keeps_order(jobs):
    pages = [story(i) for i in range(1200)]  # more than one internal chunk
    docs = copydesk.extract_many(pages, jobs=jobs)
    assert len(docs) == len(pages)
    assert [d["title"] for d in docs] == [f"Story number {i} about the river" for i in range(1200)]


def test_extract_many_takes_generators_tuples_and_formats():
    gen = ((story(i).encode(), f"https://daily.example/{i}") for i in range(5))
    docs = copydesk.extract_many(gen, jobs=2)
    assert [d["url"] for d in docs] == [f"https://daily.example/{i}" for i in range(5)]
    texts = copydesk.extract_many([story(0), HTML], jobs=2, format="text")
    assert texts == [copydesk.extract(story(0), format="text"), copydesk.extract(HTML, format="text")]
    assert copydesk.extract_many([]) == []


def test_extract_many_errors():
    items = [story(0), b"", story(2), bytes(range(32)) * 128]
    with pytest.raises(copydesk.ExtractionError) as info:
        copydesk.extract_many(items, jobs=2)
    assert info.value.index == 1 and info.value.kind == "empty"
    assert "item 1" in str(info.value)
    docs = copydesk.extract_many(items, jobs=2, errors="none")
    assert docs[1] is None and docs[3] is None
    assert docs[2]["title"] == "Story number 2 about the river"
    with pytest.raises(TypeError):
        copydesk.extract_many([story(0), 5])
    with pytest.raises(TypeError):
        copydesk.extract_many([(story(0), "u", "extra")])
    with pytest.raises(ValueError, match="errors"):
        copydesk.extract_many([story(0)], errors="ignore")


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_streams_the_iterable_and_stops_at_an_error(jobs):
    """Pages are pulled as the work goes: a failure early on leaves the rest of a long generator unread."""
    pulled = []

    def pages():
        for i in range(5000):
            pulled.append(i)
            yield b"" if i == 40 else story(i)

    with pytest.raises(copydesk.ExtractionError) as info:
        copydesk.extract_many(pages(), jobs=jobs)
    assert info.value.index == 40
    assert len(pulled) < 200, len(pulled)


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_bad_items_and_generator_errors_mid_batch(jobs):
    items = [story(i) for i in range(100)]
    with pytest.raises(TypeError, match="str or bytes"):
        copydesk.extract_many(items[:70] + [3.5] + items[70:], jobs=jobs)

    def broken():
        yield from items[:60]
        raise KeyError("source went away")

    with pytest.raises(KeyError, match="source went away"):
        copydesk.extract_many(broken(), jobs=jobs)
    # bytearray pages (copied) and str pages (read in place) give the same documents as bytes.
    mixed = [bytearray(story(1).encode()), story(2), story(3).encode()]
    assert copydesk.extract_many(mixed, jobs=jobs) == [copydesk.extract(story(i)) for i in (1, 2, 3)]


def test_gil_is_released_while_rust_works():
    """Another Python thread keeps running during one long extract_many call."""
    pages = [HTML] * 40
    t0 = time.perf_counter()
    copydesk.extract_many(pages, jobs=1)
    single = time.perf_counter() - t0
    reps = max(1, int(0.6 / max(single, 1e-3)))
    pages = pages * reps
    done = threading.Event()
    span = {}

    def work():
        span["start"] = time.perf_counter()
        copydesk.extract_many(pages, jobs=1)
        span["end"] = time.perf_counter()
        done.set()

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
    worker.join()
    inside = [t for t in ticks if span["start"] <= t <= span["end"]]
    duration = span["end"] - span["start"]
    gaps = [b - a for a, b in zip(inside, inside[1:])]
    # With the GIL held the loop would stall for the whole call.
    assert len(inside) > 100
    assert max(gaps) < duration / 2, (max(gaps), duration)


def test_stubs_and_docstrings_ship_with_the_package():
    pkg = pathlib.Path(copydesk.__file__).parent
    stub = (pkg / "__init__.pyi").read_text()
    for name in copydesk.__all__:
        assert name in stub
        assert getattr(copydesk, name) is not None
    assert (pkg / "py.typed").exists()
    for fn in (copydesk.extract, copydesk.extract_text, copydesk.analyze, copydesk.extract_many):
        assert fn.__doc__ and len(fn.__doc__) > 80
    assert "kind" in copydesk.ExtractionError.__doc__
    assert copydesk.__version__.count(".") == 2


@pytest.mark.skipif(importlib.util.find_spec("datatrove") is None, reason="datatrove not installed")
def test_datatrove_extractor_swap():
    from datatrove.data import Document
    from datatrove.pipeline.extractors.base import BaseExtractor

    from copydesk.datatrove import CopydeskExtractor

    ext = CopydeskExtractor()
    assert isinstance(ext, BaseExtractor)
    docs = [
        Document(text=HTML.decode("utf8"), id="a", metadata={"url": "https://x.example/a"}),
        Document(text="", id="empty", metadata={}),
        Document(text=story(3), id="b", metadata={}),
    ]
    out = list(ext.run(docs))
    assert [d.id for d in out] == ["a", "b"]
    assert out[0].text == copydesk.extract(HTML, format="text")
    assert out[0].metadata["title"] == "Harbour ferry returns after storm repairs"
    assert out[0].metadata["authors"] == ["Maren Holt"]
    assert out[1].metadata["title"] == "Story number 3 about the river"
    assert ext.extract(story(3)).startswith("Story 3: the river rose")
