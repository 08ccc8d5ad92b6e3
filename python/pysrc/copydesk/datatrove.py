"""copydesk as a datatrove ``Extractor``: a two-line swap for ``Trafilatura``.

    from copydesk.datatrove import CopydeskExtractor
    pipeline = [WarcReader(...), CopydeskExtractor(), ...]   # was: Trafilatura(favour_precision=True)

Each document's ``text`` (the page's HTML, as ``WarcReader`` leaves it)
becomes the article body; title, authors, dates, language and site name go
into ``metadata`` (``metadata=False`` turns that off). copydesk runs in linear
time and never hangs, so the per-document subprocess sandbox that datatrove
puts around extractors (and its fork and pickling cost) is skipped.
"""

from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.typeshelper import StatHints

from . import ExtractionError, extract

#: Document fields copied into a datatrove document's metadata when set.
METADATA_FIELDS = ("title", "authors", "published", "modified", "language", "site_name", "description")


class CopydeskExtractor(BaseExtractor):
    """Extracts the article body with copydesk (see the module docstring)."""

    name = "📰 copydesk"
    _requires_dependencies = []

    def __init__(self, timeout: float = 1, metadata: bool = True):
        super().__init__(timeout)
        self.metadata = metadata

    def extract(self, text: str) -> str:
        """The article body of one page ('' when the input is empty or binary)."""
        try:
            return extract(text, format="text")
        except ExtractionError:
            return ""

    def run(self, data, rank: int = 0, world_size: int = 1):
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                try:
                    out = extract(doc.text, url=doc.metadata.get("url"))
                except ExtractionError:
                    self.stat_update("clean_error")
                    continue
                self.stat_update("extracted")
            doc.text = out["text"]
            if self.metadata:
                for key in METADATA_FIELDS:
                    if out.get(key):
                        doc.metadata[key] = out[key]
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
