"""What the comparison stage produces for one story."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# update: one outlet's later report changing its own figure (comparison.findings.updates), no
# discrepancy between outlets.
FINDING_KINDS = ("agree", "contradiction", "precision", "framing", "update", "unique")
FACT_TYPES = ("number", "date", "entity", "quote", "source", "statement", "place", "attribution")


@dataclass
class Span:
    """Exact characters of one article's text (``Article.text``) a finding rests on."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Finding:
    """One aligned fact and how the outlets relate on it."""

    kind: str  # one of FINDING_KINDS
    fact_type: str  # one of FACT_TYPES
    why: str  # a one-line reason a journalist can read
    spans: list[Span] = field(default_factory=list)
    subject: str = ""  # the thing the fact is about (e.g. "后备役军人"), when known
    # How much a journalist should care, for ranking "unique" findings (sum of the
    # weights of the checkable facts they carry: numbers, dates, names, quotes,
    # cited sources); 0.0 for the other kinds, which are not ranked.
    salience: float = 0.0
    # True for a "unique" finding a short report can leave out: a sentence with no
    # checkable fact, or a fact already listed inside a reported unique sentence.
    # Kept in the list so nothing is silently dropped (the dashboard filters on it).
    minor: bool = False


@dataclass
class Comparison:
    """Facts side by side for the articles of one story."""

    article_ids: list[str]
    findings: list[Finding] = field(default_factory=list)
    naming: list[dict] = field(default_factory=list)  # {"actor": str, "names": {outlet: [str]}}
    sources: dict[str, list[str]] = field(default_factory=dict)  # outlet -> sources cited
    quotes: list[dict] = field(default_factory=list)  # {"outlet", "speaker", "text", "span"}
    # One line per cap reached (numbers skipped in a huge clause, sentences aligned
    # lexically only past the dense budget): the result is partial there, and says so.
    notes: list[str] = field(default_factory=list)
    # Aligned sentence pairs of two outlets, side by side, with the ranges each words otherwise
    # (comparison.wording.aligned_sentences): {"a": side, "b": side, "score", "same_language"}.
    aligned: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
