"""Bytes to text: BOMs, UTF-16/32, UTF-8, and legacy Chinese encodings.

GBK/GB18030 and Big5 files are decoded (a journalist's archive from 2005 is
still worth reading) after charset-normalizer names the encoding; inputs that
are binary or decode to gibberish are refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters that do not occur in text (C0 controls other than tab/newlines).
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# charset-normalizer's guess is trusted for these families only; anything else
# in a news archive that is not UTF-8 is far more likely binary than text.
_LEGACY_PREFIXES = ("gb", "big5", "cp950", "cp936", "hz", "euc", "iso2022", "shift", "cp932",
                    "latin", "iso8859", "cp125", "windows", "ascii", "utf", "koi8", "mac")


BINARY_NUL = "binary file (contains NUL bytes)"


class DecodeError(ValueError):
    """The bytes are not text; the message is the one-line reason."""


def _utf16_parity(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the NULs of ``data`` fall as in UTF-16 text without a BOM
    (every other byte, in the ASCII range), else None."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    for nuls, other, encoding in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        if nuls >= half * 0.3 and other <= half * 0.02:
            return encoding
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (ASCII range)."""
    if len(data) < 4 or len(data) % 2:
        return None
    encoding = _utf16_parity(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def binary_start(head: bytes) -> bool:
    """Do a file's first bytes show it is binary, whatever follows (NUL bytes, and not as UTF-16/32
    text holds them)? Then it need not be read to its size cap to be refused
    (:func:`decode_bytes` refuses it as "binary file (contains NUL bytes)")."""
    return (b"\x00" in head and not head.startswith(tuple(bom for bom, _ in _BOMS))
            and _utf16_parity(head[: len(head) - len(head) % 2]) is None)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    return len(_BINARY_CHARS.findall(sample)) > max(2, len(sample) // 200)


# UTF-8 damaged in a few places (a byte flipped, a file cut in the middle of a character) is still
# UTF-8: read with U+FFFD for each bad sequence when there are at least this many well-formed
# characters beyond ASCII for each one. Text in a legacy encoding (GBK, Big5, Latin-1) decoded as
# UTF-8 gives almost none, so it still goes to charset-normalizer; before, a Chinese article with
# one bad byte was refused whole ("not text in any known encoding"), and a mostly-ASCII one was
# read as Cyrillic mojibake, its curly quotes and all.
UTF8_CHARS_PER_BAD_SEQUENCE = 100


def _damaged_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 when it is UTF-8 but for a few bad sequences: dropped when one ends the
    data (cut short mid-character), else replaced by U+FFFD (:data:`UTF8_CHARS_PER_BAD_SEQUENCE`);
    None when it is not (mostly) UTF-8."""
    try:  # only the last character cut short (the file was): it is left out
        return codecs.getincrementaldecoder("utf-8")().decode(data.rstrip(), final=False)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - text.count("\ufffd")  # decoded beyond ASCII
    if bad and wide >= UTF8_CHARS_PER_BAD_SEQUENCE * bad:
        return text
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; raises :class:`DecodeError` for binary/undecodable input."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
            if _looks_binary(text):
                raise DecodeError("binary file (control characters in the text)")
            return text, encoding
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None and not _looks_binary(text):
            return text, "utf-16"
        raise DecodeError(BINARY_NUL)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc
        text = _damaged_utf8(data)
    else:
        first_bad = None
    if text is not None:
        if _looks_binary(text):
            raise DecodeError("binary file (control characters in the text)")
        return text, "utf-8"

    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        where = (f"; not UTF-8 from byte {first_bad.start:,} (0x{data[first_bad.start]:02x})"
                 if first_bad is not None else "")
        raise DecodeError(f"not text in any known encoding (binary or corrupt{where})")
    encoding = best.encoding.lower()
    if not encoding.startswith(_LEGACY_PREFIXES):
        raise DecodeError(f"unsupported encoding {encoding}")
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"  # a superset: decodes the rare characters GB2312/GBK lack
    if encoding == "big5":
        encoding = "big5hkscs"  # a superset used by Hong Kong and Taiwan texts
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DecodeError(f"undecodable bytes (looked like {best.encoding})") from None
    if _looks_binary(text):
        raise DecodeError("binary file (control characters in the text)")
    return text, encoding
