"""copydesk: web news pages in, clean structured articles out.

The extraction runs in Rust (the ``copydesk`` crate) with the GIL released.
Documents are dicts with the same field names as ``copydesk extract --format json``::

    >>> import copydesk
    >>> doc = copydesk.extract(html_bytes, url="https://example.org/a")
    >>> doc["title"], doc["authors"], doc["text"][:80]
    >>> docs = copydesk.extract_many(pages, jobs=4)   # parallel, order kept
"""

from ._copydesk import (
    ExtractionError,
    __version__,
    analyze,
    extract,
    extract_many,
    extract_text,
)

__all__ = [
    "ExtractionError",
    "__version__",
    "analyze",
    "extract",
    "extract_many",
    "extract_text",
]
