"""Quote producer: the same quotation (or the same speaker) across outlets, and
quotes only one outlet carries."""

from __future__ import annotations

from comparison.docs import Doc, span
from comparison.extract import same_entity
from comparison.findings import Context
from comparison.model import Finding


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
            spans = [span(docs[items[y][0]], items[y][1].start, items[y][1].end) for y in group]
            who = q.speaker or "an unnamed speaker"
            outlets = sorted({docs[items[y][0]].label for y in group})
            findings.append(Finding("agree", "quote", f"{', '.join(outlets)} quote {who} alike", spans, who))
        elif q.speaker:
            findings.append(Finding("unique", "quote", f"only {docs[d].label} quotes {q.speaker}",
                                    [span(docs[d], q.start, q.end)], q.speaker))
    return findings


def _quotes(docs: list[Doc]) -> list[dict]:
    return [
        {"outlet": doc.label, "article_id": doc.article.id, "speaker": q.speaker, "text": q.text,
         "span": [doc.article.id, q.start, q.end, q.text]}
        for doc in docs for q in doc.facts.quotes
    ]

