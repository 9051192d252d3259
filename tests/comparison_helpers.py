"""Small hand-written articles for the comparison tests (no corpus text)."""

from __future__ import annotations

from datetime import UTC, datetime

from articles.model import Article

PUBLISHED = datetime(2021, 7, 8, 12, 0, tzinfo=UTC)  # a Thursday


def article(article_id: str, outlet: str, *paragraphs: str, language: str = "en",
            published: datetime = PUBLISHED) -> Article:
    return Article(id=article_id, outlet=outlet, title=paragraphs[0][:40], url=None, published=published,
                   language=language, script="Hans" if language == "zh" else None, paragraphs=list(paragraphs))


def number_contradictions(first: str, second: str, language: str = "zh") -> list[str]:
    """The reasons of the number contradictions between two one-paragraph articles (lexical
    alignment)."""
    from comparison import compare

    a = article("na", "Outlet A", first, language=language)
    b = article("nb", "Outlet B", second, language=language)
    return [f.why for f in of_type(compare([a, b], use_dense=False), "number", "contradiction")]


def exact(comparison, articles) -> None:
    by_id = {a.id: a.text for a in articles}
    for f in comparison.findings:
        for s in f.spans:
            assert by_id[s.article_id][s.start:s.end] == s.text


def of_type(comparison, fact_type: str, kind: str | None = None) -> list:
    return [f for f in comparison.findings if f.fact_type == fact_type and (kind is None or f.kind == kind)]


ESCAPE_A = article(
    "a", "Reuters",
    "About 200 prisoners escaped from the central jail in Qala-i-Naw on Wednesday after Taliban fighters "
    "stormed the city, a provincial official said.",
    "The Taliban seized the base, 40 miles north of Kabul, without a fight.",
    "\"The situation is very bad, the fighting is in the city,\" said Hessamuddin Shams, the governor of "
    "Badghis province.",
)
ESCAPE_B = article(
    "b", "AP",
    "Some 600 prisoners were freed from the central prison in Qala-i-Naw on Wednesday after the Taliban "
    "entered the city, police said.",
    "The base, 50 km north of Kabul, was handed over without a fight, according to a US defense official.",
    "Governor Hessamuddin Shams said: \"The Taliban are in the city and the situation is very bad.\"",
)


def dense_backend_or_skip():
    """The default dense embedding backend; the test is skipped when no model loads."""
    import pytest

    try:
        import embeddings

        backend = embeddings.get_backend()
    except Exception as exc:  # no model files in this checkout
        pytest.skip(f"no embedding backend: {exc}")
    if "lexical" in backend.name.lower():
        pytest.skip("only the lexical fallback backend is available")
    return backend


def chinese_voices(text: str) -> list[str]:
    """The voices (attribution spans, as written) the Chinese reader finds in ``text``, either script."""
    from comparison.slots import extract_attributions
    from comparison.text import to_simplified

    return [a.text for a in extract_attributions(text, to_simplified(text), False)]


def voices_of(text: str) -> list[tuple[str, str]]:
    """(who, kind) of each voice the reader credits in ``text`` (published at PUBLISHED)."""
    from comparison.extract import extract_all

    return [(a.who, a.kind) for a in extract_all(text, PUBLISHED).attributions]


class ReadCounter:
    """How often the field a :func:`read_counting` class watches was read."""

    reads = 0


def read_counting(base: type, field: str) -> tuple[type, ReadCounter]:
    """A subclass of ``base`` counting each read of ``field`` (a bounded-cost test checks that a
    lookup reads a few items per query, not every item), and its counter."""
    counter, private = ReadCounter(), "_" + field

    def read(self):
        counter.reads += 1
        return getattr(self, private)

    def write(self, value) -> None:
        setattr(self, private, value)

    return type(f"ReadCounting{base.__name__}", (base,), {field: property(read, write)}), counter


class ScanCountingSet(frozenset):
    """A set of places that counts how often it is read whole (iterated): a bounded-cost test
    checks that a lookup per item does not scan the whole set per item."""

    def __new__(cls, items=()):
        made = super().__new__(cls, items)
        made.scans = 0
        return made

    def __iter__(self):
        self.scans += 1
        return super().__iter__()
