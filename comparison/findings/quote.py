"""Quote producer: the same quotation (or the same speaker) across outlets, in the same
words (agree) or in other words (framing), and quotes only one outlet carries."""

from __future__ import annotations

import re

from comparison.docs import Doc, span
from comparison.extract import same_entity
from comparison.findings import Context
from comparison.model import Finding
from comparison.text import to_simplified


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    return _quote_findings(ctx.docs)


def _quote_findings(docs: list[Doc]) -> list[Finding]:
    from comparison.align import lexical_similarity

    items = [(d, q) for d, doc in enumerate(docs) for q in doc.facts.quotes]
    if not items:
        return []
    matrix = lexical_similarity([q.text for _, q in items])
    findings: list[Finding] = []
    used: set[int] = set()
    for x, (d, q) in enumerate(items):
        partners = [y for y, (d2, q2) in enumerate(items)
                    if docs[d2].group != docs[d].group and (matrix[x, y] >= 0.3 or (
                        q.speaker and q2.speaker and same_entity(q.speaker, q2.speaker) and matrix[x, y] >= 0.15))]
        if partners:
            if x in used:
                continue
            group = [x] + [y for y in partners if y not in used]
            used.update(group)
            who = q.speaker or "an unnamed speaker"
            reworded = [y for y in group if y != x and matrix[x, y] >= REWORDED_MIN_SIMILARITY
                        and not _same_words(q.text, items[y][1].text)]
            alike = [y for y in group if y not in reworded]
            for y in reworded:
                # The same quotation in other words (another translation, a paraphrase inside
                # quotation marks): how an outlet renders a speaker is a framing choice.
                (d2, q2) = items[y]
                findings.append(Finding(
                    "framing", "quote",
                    f"{who} quoted in other words: {docs[d].label} \u201c{q.text[:60]}\u201d vs "
                    f"{docs[d2].label} \u201c{q2.text[:60]}\u201d",
                    [span(docs[d], q.start, q.end), span(docs[d2], q2.start, q2.end)], who))
            if len(alike) > 1:
                spans = [span(docs[items[y][0]], items[y][1].start, items[y][1].end) for y in alike]
                outlets = sorted({docs[items[y][0]].label for y in alike})
                findings.append(Finding("agree", "quote", f"{', '.join(outlets)} quote {who} alike", spans, who))
        elif q.speaker:
            findings.append(Finding("unique", "quote", f"only {docs[d].label} quotes {q.speaker}",
                                    [span(docs[d], q.start, q.end)], q.speaker))
    return findings


# Two quotations this close (character TF-IDF cosine) but not in the same words are one
# quotation reworded; below it they may be two quotations of one speaker.
REWORDED_MIN_SIMILARITY = 0.5
_NOT_WORDS = re.compile(r"[\W_]+")


def _same_words(a: str, b: str) -> bool:
    """One quotation in the same words: equal, or one inside the other, once script, case
    and punctuation are set aside (an outlet may quote less of it)."""
    a, b = (_NOT_WORDS.sub("", to_simplified(x).lower()) for x in (a, b))
    return bool(a) and bool(b) and (a in b or b in a)


def _quotes(docs: list[Doc]) -> list[dict]:
    return [
        {"outlet": doc.label, "article_id": doc.article.id, "speaker": q.speaker, "text": q.text,
         "span": [doc.article.id, q.start, q.end, q.text]}
        for doc in docs for q in doc.facts.quotes
    ]

