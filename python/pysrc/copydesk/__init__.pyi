"""Type stubs for copydesk (the native module is ``copydesk._copydesk``)."""

from typing import Any, Iterable, Literal, Optional, Union, overload

__version__: str

Page = Union[str, bytes, bytearray]
Format = Literal["dict", "json", "markdown", "md", "text", "txt", "html"]
Input = Literal["auto", "html", "text"]
Document = dict[str, Any]
"""A document as in the CLI's JSON: title, description, authors, published,
modified, site_name, language, url, image, section, tags, publisher, text,
blocks, figures, related; plus quotes/entities/dates with ``analyze=True``,
removed with ``explain=True``, and warnings when there were any."""

class ExtractionError(ValueError):
    """The input could not be turned into a document.

    ``kind`` is ``"empty"``, ``"binary"``, ``"too-large"``, ``"gzip"`` or
    ``"serialize"``; ``index`` is the failing item's position in
    ``extract_many`` (``None`` otherwise)."""

    kind: str
    index: Optional[int]

@overload
def extract(
    html: Page,
    url: Optional[str] = None,
    analyze: bool = False,
    format: Literal["dict"] = "dict",
    *,
    published: Optional[str] = None,
    explain: bool = False,
    charset: Optional[str] = None,
    input: Input = "auto",
    max_bytes: Optional[int] = None,
) -> Document: ...
@overload
def extract(
    html: Page,
    url: Optional[str] = None,
    analyze: bool = False,
    format: Literal["json", "markdown", "md", "text", "txt", "html"] = ...,
    *,
    published: Optional[str] = None,
    explain: bool = False,
    charset: Optional[str] = None,
    input: Input = "auto",
    max_bytes: Optional[int] = None,
) -> str:
    """Extract an article from a web page (str, or bytes in any charset,
    optionally gzipped). Raises ExtractionError for empty, binary, oversized
    or corrupt input. The GIL is released while Rust works."""

@overload
def extract_text(
    text: Page,
    url: Optional[str] = None,
    analyze: bool = False,
    format: Literal["dict"] = "dict",
    *,
    published: Optional[str] = None,
    explain: bool = False,
) -> Document: ...
@overload
def extract_text(
    text: Page,
    url: Optional[str] = None,
    analyze: bool = False,
    format: Literal["json", "markdown", "md", "text", "txt", "html"] = ...,
    *,
    published: Optional[str] = None,
    explain: bool = False,
) -> str:
    """Clean plain text (a scraper's output) into an article."""

def analyze(text: str, published: Optional[str] = None) -> dict[str, list[dict[str, Any]]]:
    """Quotes, speakers, entities and dates in plain text; offsets are
    character offsets into ``text``."""

def extract_many(
    pages: Iterable[Union[Page, tuple[Page, Optional[str]]]],
    jobs: Optional[int] = None,
    *,
    url: Optional[str] = None,
    analyze: bool = False,
    format: Format = "dict",
    published: Optional[str] = None,
    explain: bool = False,
    input: Input = "auto",
    errors: Literal["raise", "none"] = "raise",
) -> list[Any]:
    """Extract many pages in parallel on ``jobs`` threads (all cores when
    None), in the input order. Items are pages or ``(page, url)`` tuples.
    The iterable is read as the work goes (a few dozen pages per thread
    ahead at most), so generators over large corpora work.
    ``errors="none"`` puts None where a page failed instead of raising."""
