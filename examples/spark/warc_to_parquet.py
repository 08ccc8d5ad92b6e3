#!/usr/bin/env python3
"""WARC files in, one Parquet row per HTML page out, extracted by copydesk.

Each Spark task opens its WARC files itself and streams the records with
warcio (nothing but the file names crosses from the driver), keeps the HTTP
responses whose Content-Type is HTML, extracts each page with copydesk
(the GIL is released while Rust works) and yields rows with the document
fields. Every HTML record gives exactly one row: a page copydesk refuses
(empty or binary body) has its `error` column set instead of a body.

Local:
    python3 examples/spark/warc_to_parquet.py out.parquet a.warc.gz b.warc.gz --master 'local[2]'
Cluster (see the README, "Python and Spark"):
    spark-submit --archives env.tar.gz#env examples/spark/warc_to_parquet.py s3a://bucket/out/ s3://.../*.warc.gz

Paths with a scheme (s3://, hdfs://, ...) are opened with fsspec when it is
installed; plain paths with open().
"""
import argparse
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

HTML_TYPES = ("text/html", "application/xhtml+xml")

BLOCK = StructType([
    StructField("kind", StringType()),
    StructField("text", StringType()),
    StructField("level", IntegerType()),
    StructField("ordered", BooleanType()),
    StructField("items", ArrayType(StringType())),
    StructField("rows", ArrayType(ArrayType(StringType()))),
])
FIGURE = StructType([StructField(n, StringType()) for n in ("caption", "credit", "src")])
LINK = StructType([StructField("text", StringType()), StructField("url", StringType())])

# Record fields, then the copydesk document fields (same names as the CLI's JSON).
SCHEMA = StructType(
    [
        StructField("warc_file", StringType(), False),
        StructField("warc_record_id", StringType()),
        StructField("warc_target_uri", StringType()),
        StructField("warc_date", StringType()),
        StructField("error", StringType()),
    ]
    + [StructField(n, StringType()) for n in ("title", "description")]
    + [StructField("authors", ArrayType(StringType()))]
    + [StructField(n, StringType()) for n in
       ("published", "modified", "site_name", "language", "url", "image", "section")]
    + [StructField("tags", ArrayType(StringType())), StructField("publisher", StringType()),
       StructField("text", StringType()), StructField("blocks", ArrayType(BLOCK)),
       StructField("figures", ArrayType(FIGURE)), StructField("related", ArrayType(LINK))]
)
DOC_FIELDS = [f.name for f in SCHEMA.fields[5:]]


def open_path(path):
    if "://" in path and not path.startswith("file://"):
        import fsspec  # only needed for remote paths

        return fsspec.open(path, "rb").open()
    return open(path.removeprefix("file://"), "rb")


def html_charset(content_type):
    """(is_html, charset label or None) from an HTTP Content-Type value."""
    parts = [p.strip() for p in (content_type or "").split(";")]
    is_html = parts[0].lower() in HTML_TYPES
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in parts[1:]
                    if p.lower().startswith("charset=")), None)
    return is_html, charset or None


def extract_file(path):
    """Rows for every HTML response record in one WARC file (streamed)."""
    import copydesk
    from warcio.archiveiterator import ArchiveIterator

    with open_path(path) as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            is_html, charset = html_charset(record.http_headers.get_header("Content-Type"))
            if not is_html:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            row = {
                "warc_file": path,
                "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                "warc_target_uri": uri,
                "warc_date": record.rec_headers.get_header("WARC-Date"),
                "error": None,
            }
            body = record.content_stream().read()
            try:
                doc = copydesk.extract(body, url=uri, charset=charset)
                row.update((k, doc.get(k)) for k in DOC_FIELDS)
            except copydesk.ExtractionError as e:
                row.update((k, None) for k in DOC_FIELDS)
                row["error"] = f"{e.kind}: {e}"
            yield row


def extract_partition(paths):
    for path in paths:
        yield from extract_file(path)


def run(spark, warc_paths, out, partitions=None):
    """Extracts every WARC file in `warc_paths` (one task per file by
    default) and writes Parquet to `out`; returns the DataFrame read back."""
    n = partitions or max(1, len(warc_paths))
    if __name__ != "__main__":
        # Imported (by a test or another job): the workers import this module
        # by name to unpickle extract_partition, so ship it to them.
        spark.sparkContext.addPyFile(os.path.abspath(__file__))
    rows = spark.sparkContext.parallelize(warc_paths, n).mapPartitions(extract_partition)
    spark.createDataFrame(rows, SCHEMA).write.mode("overwrite").parquet(out)
    return spark.read.parquet(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="Parquet output folder")
    ap.add_argument("warcs", nargs="+", help="WARC(.gz) files")
    ap.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    ap.add_argument("--partitions", type=int, help="tasks (default: one per file)")
    a = ap.parse_args(argv)
    builder = SparkSession.builder.appName("copydesk-warc-to-parquet")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    try:
        df = run(spark, a.warcs, a.out, a.partitions)
        total = df.count()
        failed = df.filter(df.error.isNotNull()).count()
        print(f"{total} HTML records -> {a.out} ({failed} without a document)", file=sys.stderr)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
