"""The Spark example end to end in local[2] mode over synthetic WARC files."""

import io
import os
import pathlib
import sys
import uuid

import pytest

from pyspark.sql import SparkSession  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import warc_to_parquet  # noqa: E402

AUTHORS = ["Ana Lima", "Jon Berg", "Sara Okafor", "Lee Chen"]


def article(i):
    author = AUTHORS[i % len(AUTHORS)]
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Bridge vote number {i} | Valley Times</title>
<meta property="og:site_name" content="Valley Times">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-05-{1 + i % 28:02d}T09:00:00Z">
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<article><h1>Bridge vote number {i}</h1><p class="byline">By {author}</p>
<p>Councillors voted on Tuesday to repair the old stone bridge, decision {i} in a long
series of meetings about the crossing that links the two halves of the town.</p>
<p>The repairs will take eight months and cost less than a new bridge, the engineers said,
and the footpath will stay open for most of that time while the road is closed.</p>
<p>Residents who spoke at the meeting asked for a temporary bus service during the work.</p>
</article><aside><h3>Most read</h3><ul><li><a href="/a">Fair opens</a></li><li><a href="/b">Rain</a></li></ul></aside>
<footer>© Valley Times</footer></body></html>"""


def response(writer, uri, body, content_type):
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def make_warcs(folder, files=3, html_per_file=70):
    """WARC files with HTML responses (UTF-8 and windows-1252, one empty body)
    among warcinfo, request, non-HTML response and metadata records.
    Returns (paths, number of HTML records, total records)."""
    paths, n_html, n_total, i = [], 0, 0, 0
    for f in range(files):
        path = os.path.join(folder, f"synthetic-{f}.warc.gz")
        with open(path, "wb") as out:
            w = WARCWriter(out, gzip=True)
            w.write_record(w.create_warcinfo_record(f"synthetic-{f}.warc.gz", {"software": "copydesk test"}))
            n_total += 1
            for _ in range(html_per_file):
                uri = f"https://valley.example/news/{i}"
                req = StatusAndHeaders("GET /news/%d HTTP/1.1" % i, [("Host", "valley.example")], is_http_request=True)
                w.write_record(w.create_warc_record(uri, "request", http_headers=req))
                if i == 5:  # an HTML response with an empty body: a row with an error
                    response(w, uri, b"", "text/html")
                elif i % 10 == 3:  # a legacy charset from the HTTP header only
                    body = article(i).replace('<meta charset="utf-8">', "").replace("stone", "pierre à côté")
                    response(w, uri, body.encode("cp1252"), "text/html; charset=windows-1252")
                else:
                    response(w, uri, article(i).encode("utf8"), "text/html; charset=UTF-8")
                n_html += 1
                n_total += 2
                if i % 4 == 0:  # non-HTML responses are skipped
                    response(w, uri + ".png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
                    response(w, uri + ".json", b'{"views": 3}', "application/json")
                    n_total += 2
                if i % 7 == 0:
                    w.write_record(w.create_warc_record(uri, "metadata", payload=io.BytesIO(b"fetchTimeMs: 12"),
                                                        warc_content_type="application/warc-fields"))
                    n_total += 1
                i += 1
        paths.append(path)
    return paths, n_html, n_total


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # keep all Spark traffic on loopback
    session = (
        SparkSession.builder.master("local[2]")
        .appName(f"copydesk-test-{uuid.uuid4().hex[:6]}")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_warc_to_parquet_local(spark, tmp_path):
    paths, n_html, n_total = make_warcs(str(tmp_path))
    assert n_html == 210 and n_total > n_html + 200
    out = str(tmp_path / "articles.parquet")
    df = warc_to_parquet.run(spark, paths, out)
    # No task failures: the job finished, and every HTML record is one row.
    assert df.count() == n_html
    assert set(warc_to_parquet.DOC_FIELDS) <= set(df.columns)
    rows = {r["warc_target_uri"]: r for r in df.collect()}
    assert len(rows) == n_html
    assert not any(u.endswith((".png", ".json")) for u in rows)

    r = rows["https://valley.example/news/42"]
    assert r["error"] is None
    assert r["title"] == "Bridge vote number 42"
    assert r["authors"] == [AUTHORS[42 % 4]]
    assert r["published"].startswith("2024-05-15")
    assert r["site_name"] == "Valley Times"
    assert r["language"] == "en"
    assert r["text"].startswith("Councillors voted on Tuesday")
    assert "Most read" not in r["text"] and "Home" not in r["text"]
    assert [b["kind"] for b in r["blocks"]] == ["paragraph"] * 3
    assert r["warc_file"].endswith("synthetic-0.warc.gz")

    legacy = rows["https://valley.example/news/13"]
    assert "pierre à côté" in legacy["text"]

    empty = rows["https://valley.example/news/5"]
    assert empty["error"].startswith("empty") and empty["text"] is None
    assert sum(1 for r in rows.values() if r["error"]) == 1

    # The Parquet files on disk hold the same rows.
    assert spark.read.parquet(out).filter("title like 'Bridge vote%'").count() == n_html - 1
