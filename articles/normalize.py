"""Field normalization shared by every reader: ids, URLs, dates, language, script."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from articles.calendar import MONTHS_EN, WEEKDAYS_EN
from articles.japanese import is_japanese

# Query parameters that identify a campaign or a click, never the article.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "spm",
        "ref", "ref_src", "ref_url", "referrer", "share", "from", "cmpid", "ocid",
        "smid", "smtyp", "_ga", "yclid", "wt.mc_id", "at_medium", "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")

_MIN_YEAR, _MAX_YEAR = 1900, 2100


# ---- URLs and ids ----------------------------------------------------------
def canonical_url(url: str | None) -> str | None:
    """The form of ``url`` used for identity, or None when it is no web URL.

    Lowercased scheme and host, no default port, no fragment, no tracking
    parameters, percent-encoding normalized, duplicate slashes collapsed. http
    and https are treated as one (archives mix them for the same page).
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None
    netloc = host.lower().rstrip(".")
    if port and port not in (80, 443):
        netloc += f":{port}"
    path = re.sub(r"/{2,}", "/", unquote(parts.path)) or "/"
    path = quote(path, safe="/:@!$&'()*+,;=-._~")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlunsplit(("https", netloc, path, urlencode(query, doseq=True), ""))


def article_id(url: str | None, outlet: str, title: str, published: datetime,
               item_key: str | None = None) -> str:
    """Stable id: sha1 of the canonical URL, else of outlet + ``item_key``, else of outlet +
    title + time.

    ``item_key``: the source's own identity of a record without a URL (a feed item's guid),
    which a corrected title does not change. The URL still comes first: it is what makes the
    same article from a feed, a page and an archive one article (and the ids stored before).
    """
    canon = canonical_url(url)
    if canon:
        key = "url:" + canon
    elif item_key:
        key = "|".join(("item", outlet, item_key))
    else:
        key = "|".join(("meta", outlet, " ".join(title.split()), published.isoformat()))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# ---- dates -----------------------------------------------------------------
_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$"
)


# Calendar dates as spreadsheets, Chinese sites and English pages write them; each is
# rewritten to ISO ("2021-7-22") before _ISO reads it, so a time and zone may follow as there.
# Day/month orders that need a guess (07/02/2021) are left unread.
_SLASH_DATE = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/.])")
_CJK_DATE = re.compile(r"^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号號]")
_EN_DATE = re.compile(
    r"^(?:([A-Za-z]{3,9})\.?,? )?"  # a weekday, checked below
    r"(?:(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?|([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,?)"
    r",? (\d{4})(?![\d:])",
    re.I,
)
_WEEKDAY_PREFIXES = frozenset(name[:3] for name in WEEKDAYS_EN)


def _iso_calendar_date(text: str) -> str:
    """``text`` with a leading 2021/07/22, 2021年7月22日 or July 22, 2021 written as 2021-7-22."""
    if match := _SLASH_DATE.match(text):
        year, month, day = match.group(1, 3, 4)
    elif match := _CJK_DATE.match(text):
        year, month, day = match.groups()
    elif match := _EN_DATE.match(text):
        weekday, day1, month1, month2, day2, year = match.groups()
        month = MONTHS_EN.get((month1 or month2).lower())
        if month is None or (weekday and weekday[:3].lower() not in _WEEKDAY_PREFIXES):
            return text
        day = day1 or day2
    else:
        return text
    rest = text[match.end():].strip()
    return f"{year}-{month}-{day}" + (f" {rest}" if rest else "")


def _in_range(dt: datetime) -> datetime | None:
    return dt if _MIN_YEAR <= dt.year <= _MAX_YEAR else None


def _from_iso(match: re.Match, require_timezone: bool) -> datetime | None:
    year, month, day, hour, minute, second, frac, zone = match.groups()
    if zone in ("-00", "-0000", "-00:00"):
        zone = None  # "zone unknown" (RFC 2822 and RFC 3339), as parsedate reads it
    if zone is None and require_timezone:
        return None
    micro = int((frac or "0")[:6].ljust(6, "0"))
    tz = UTC
    if zone and zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
        tz = timezone(timedelta(minutes=offset if zone[0] == "+" else -offset))
    dt = datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0),
        int(second or 0), micro, tzinfo=tz,
    )
    return _in_range(dt.astimezone(UTC))


# "CST" names two zones: US Central Standard Time (UTC-6), as the standard library reads it, and
# China Standard Time (UTC+8), as Chinese sites (and servers set to Asia/Shanghai or Asia/Taipei)
# print it. A stamp ending in it is read as US Central and marked, and the article's builder
# chooses once the article's language and outlet are known (:func:`in_zone_of`).
_CST_ZONE = re.compile(r"\sCST$", re.I)
_CST_CHINA_MINUS_US = timedelta(hours=14)  # the same wall time is 14 hours earlier at UTC+8


class CSTTime(datetime):
    """A UTC time read from a stamp in "CST" as US Central Standard Time; :func:`in_zone_of`
    gives the China Standard Time reading instead. Only the article's builder sees one."""


def in_zone_of(published: datetime, china: bool) -> datetime:
    """``published`` as a plain UTC datetime; a :class:`CSTTime` read as China Standard Time
    (UTC+8) when ``china`` (a Chinese-language article, an outlet in China, Taiwan, Hong Kong or
    Singapore), else as US Central (UTC-6)."""
    plain = datetime.combine(published.date(), published.timetz())
    if isinstance(published, CSTTime) and china:
        return plain - _CST_CHINA_MINUS_US
    return plain


def parse_datetime(value: object, require_timezone: bool = False) -> datetime | None:
    """A UTC-aware datetime from a date value, or None when it is no date.

    Accepts datetimes (naive ones are taken as UTC, as YAML does), dates
    (midnight UTC: YAML reads ``date: 2021-07-05`` as a date), epoch
    seconds or milliseconds, ISO 8601 and RFC 2822 strings, and calendar dates
    written 2021/07/22, 2021年7月22日, July 22, 2021 or 22 July 2021 (a time and
    zone may follow, as in ISO 8601; without a zone, UTC). A stamp in "CST" is read
    as US Central and returned as a :class:`CSTTime`, whose zone the article's
    language and outlet decide (:func:`in_zone_of`). With
    ``require_timezone`` a string without an explicit zone is refused (used
    for datelines, whose local zone is unknown).
    """
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, datetime):
            dt = value if value.tzinfo else value.replace(tzinfo=UTC)
            return _in_range(dt.astimezone(UTC))
        if isinstance(value, date):  # a bare YAML date (date: 2021-07-05): midnight UTC
            return _in_range(datetime.combine(value, time.min, tzinfo=UTC))
        if isinstance(value, int | float):
            seconds = value / 1000 if abs(value) > 1e11 else value
            return _in_range(datetime.fromtimestamp(seconds, tz=UTC))
        if not isinstance(value, str):
            return None
        text = " ".join(value.split())
        if not text or len(text) > 64:
            return None
        if text.isdigit() and len(text) in (10, 13):
            return parse_datetime(int(text))
        # ISO first, then a calendar date written another way (before RFC 2822, whose
        # parser is lenient: it reads "July 22, 2021 10:00+08:00" as UTC).
        match = _ISO.match(text) or _ISO.match(_iso_calendar_date(text))
        if match:
            return _from_iso(match, require_timezone)
        dt = parsedate_to_datetime(text)
        if dt.tzinfo is None:
            # RFC 2822 "-0000" means "zone unknown".
            if require_timezone:
                return None
            dt = dt.replace(tzinfo=UTC)
        dt = _in_range(dt.astimezone(UTC))
        if dt is not None and _CST_ZONE.search(text):
            return CSTTime.combine(dt.date(), dt.timetz())
        return dt
    except (ValueError, TypeError, OverflowError, IndexError, OSError):
        return None


# ---- text ------------------------------------------------------------------
# Control characters, zero-width marks, and lone surrogates (a JSON "\ud800" escape: no character,
# and the store cannot encode it).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff\ud800-\udfff]")


def clean_line(text: str) -> str:
    """One line of text: no control characters, runs of whitespace collapsed."""
    return " ".join(_CONTROL.sub("", text).split())


# ---- language and script ---------------------------------------------------
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3041-\u30fa\u30fd-\u30ff\uff66-\uff9d]")  # letters (not ・ and ー, which Chinese uses too)
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Latin letters with their accents, Vietnamese's stacked ones (U+1E00-1EFF) included.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
# Function words of the Latin-script languages told apart (general vocabulary: each language's
# commonest articles, prepositions, conjunctions and auxiliaries; none in two lists but those
# French and Spanish share, which no English text uses). English prose has about a quarter of
# its words here (the Economist's at least a fifth); a German, French, Spanish or Vietnamese
# text a twentieth at most, which the old one-in-twenty rule read as English.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the a an of to in and is are was were for on with that this by as at from it be has have "
        "said not but or its will he she they".split()),
    "de": frozenset("der die das und ist nicht mit von den dem des ein eine einer im zu auf für sich "
                    "auch nach bei aus wurde hat sind vor über".split()),
    "fr": frozenset("le la les des une un du et est dans pour que qui sur au aux par avec ont été pas "
                    "ce cette il elle selon".split()),
    "es": frozenset("el la los las del y es en un una que por con para se al fue su sus como más "
                    "según".split()),
    "vi": frozenset("và của là các những trong được cho người không có này với một đã sẽ từ khi ngày "
                    "theo".split()),
}
# A Latin-script text is in the language whose function words make at least this share of its
# words (English's lowest measured share is twice this, the others' highest two thirds of it).
_FUNCTION_WORD_SHARE = 0.10


def _latin_language(words: list[str]) -> str:
    """The language of a Latin-script text by its share of function words, else "und"."""
    lowered = [w.lower() for w in words]
    shares = {code: sum(w in lexicon for w in lowered) / len(lowered) for code, lexicon in _FUNCTION_WORDS.items()}
    best = max(shares, key=lambda k: shares[k])
    return best if shares[best] >= _FUNCTION_WORD_SHARE else "und"


def detect_language(text: str) -> str:
    """ISO 639-1 code from character scripts: zh, ja, ko, ru, ar, and for Latin script by
    function words en, de, fr, es, vi; else "und".

    A Chinese character carries about a word, so Han characters are weighed
    against Latin *words*: a Chinese article quoting English names stays zh. Japanese is
    told from Chinese by both languages' own letters (:func:`articles.japanese.is_japanese`:
    hiragana, katakana words and Japanese-only forms against Chinese-only forms), not by
    kana against Han, once the CJK letters (Han and kana) outweigh the other scripts: an English
    report quoting a Japanese word (ありがとう) stays en.
    """
    sample = text[:4000]
    words = _LATIN_WORD.findall(sample)
    counts = {
        "zh": len(_HAN.findall(sample)) + len(_KANA.findall(sample)),
        "ko": len(_HANGUL.findall(sample)),
        "ru": len(_CYRILLIC.findall(sample)) // 5,
        "ar": len(_ARABIC.findall(sample)) // 5,
        "latin": len(words),
    }
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return "und"
    if best == "zh":
        return "ja" if is_japanese(sample) else "zh"
    return best if best != "latin" else _latin_language(words)


@lru_cache(maxsize=4)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    # Taiwan's standard characters (為, 裡, 著: what Traditional readers and their outlets
    # write; OpenCC's plain s2t gives 爲, 裏, 着). Characters only, never Taiwan's vocabulary
    # (s2twp would rewrite quoted words: 软件 -> 軟體).
    return _converter("s2tw").convert(text) if text else text


def detect_script(text: str) -> str | None:
    """'Hant' or 'Hans' for Chinese text, None when no character tells them apart.

    Converting Traditional text to Simplified changes many characters and the
    reverse changes few; Simplified text behaves the other way round, so the
    direction that changes more characters tells the script.
    """
    han = "".join(_HAN.findall(text[:4000]))[:1500]
    if not han:
        return None
    to_hans = _converter("t2s").convert(han)
    to_hant = _converter("s2t").convert(han)
    changed_by_t2s = sum(a != b for a, b in zip(han, to_hans, strict=False))
    changed_by_s2t = sum(a != b for a, b in zip(han, to_hant, strict=False))
    if changed_by_t2s == changed_by_s2t == 0:
        return None
    return "Hant" if changed_by_t2s > changed_by_s2t else "Hans"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
