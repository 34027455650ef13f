"""Bytes to normalised text: encoding, binary detection and the normal form ids hash.

The article id is a hash of the normalised body, so everything that does not change what
a reader sees (a BOM, CRLF line ends, trailing spaces, composed vs decomposed accents,
runs of blank lines) must disappear here.
"""

from __future__ import annotations

import re
import unicodedata

from events.errors import ArticleError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_CONTROL = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# Every byte but the control characters: deleted, what is left of the UTF-8 is the control
# characters, one byte each (in UTF-8 no other character has a byte below 0x80).
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_BINARY_SHARE = 0.10  # more control characters than this and it is not prose
_SAMPLE = 65536
_BLANK_RUN = re.compile(r"\n{4,}")  # 3+ blank lines
_VISIBLE = re.compile(r"[^\s\u200b-\u200d\u2060\ufeff]")  # not space, zero-width or BOM
_LETTER = re.compile(r"[^\W\d_]")
_ICONV_FIX = "convert it with iconv -t utf-8"


def read_text(data: bytes, origin: str) -> str:
    """Decoded, line-normalised text; refuse binary, other encodings and blank files.

    The binary test looks at the normal form so that variants that normalise to the same
    text (CRLF, a BOM, decomposed accents, blank lines) get the same verdict and the same id.
    """
    decoded = decode_bytes(data, origin)
    text = normalise_lines(decoded)
    if "\x00" in text or _control_share(_normalise_blank_runs(text)) > _BINARY_SHARE:
        raise _binary(origin)
    if is_blank(text):
        reason = "empty file" if not decoded else "file has only whitespace"
        raise ArticleError(origin, reason, "add the article text or leave the file out")
    return text


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode UTF-8 (BOM optional) or BOM-marked UTF-16/32; refuse NULs and other encodings."""
    encoding = _bom_encoding(data)
    if encoding is None:
        if b"\x00" in data:
            raise _binary(origin)
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-8" and _control_share(data.decode("latin-1")) > _BINARY_SHARE:
            raise _binary(origin) from None
        raise ArticleError(origin, f"not {encoding.upper()} text", _ICONV_FIX) from None
    return text.removeprefix("\ufeff")


def normalise_lines(text: str) -> str:
    """NFC, `\\n` line ends, no trailing spaces, no stray BOMs: the per-line normal form."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def normalise(text: str) -> str:
    """The full normal form of a body: per-line rules, at most 2 blank lines, no outer space."""
    return _normalise_blank_runs(normalise_lines(text))


def normalise_read_lines(text: str) -> str:
    """`normalise` of whole lines of `read_text` output (or a line's end): their line ends,
    trailing spaces and BOMs are done already, so unless NFC has work left only the blank
    runs and outer space are."""
    if unicodedata.is_normalized("NFC", text):
        return _normalise_blank_runs(text)
    return normalise(text)


def _normalise_blank_runs(lines: str) -> str:
    """`normalise` of text already in the per-line normal form (which is idempotent)."""
    if "\n\n\n\n" in lines:  # the substitution scans the whole text even when it finds nothing
        lines = _BLANK_RUN.sub("\n\n\n", lines)
    return lines.strip()


def is_blank(text: str) -> bool:
    """True when nothing visible is left (spaces, zero-width characters and BOMs only)."""
    return _VISIBLE.search(text) is None


def lower_like_ignorecase(text: str) -> str | None:
    """`text.lower()` when a lowercase pattern run over it case-sensitively finds exactly
    what the same pattern with IGNORECASE finds in `text` (several times faster in Python's
    regex engine), else None. That needs every offset kept (U+0130 lowers to two
    characters) and none of the two letters the engine folds where str.lower() does not
    ("\u0131" matches "i", "\u017f" matches "s").
    """
    lower = text.lower()
    if len(lower) != len(text) or "\u0131" in text or "\u017f" in text:
        return None
    return lower


def has_letters(text: str) -> bool:
    """True when the text has at least one letter in any script."""
    return _LETTER.search(text) is not None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    controls = sample.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROL)
    return len(controls) / len(sample)


def _binary(origin: str) -> ArticleError:
    return ArticleError(origin, "binary file, not text", "pass a plain-text or Markdown article")
