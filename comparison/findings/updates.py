"""Updates producer: one outlet's later report changing a figure of its earlier one.

An outlet that reports a developing story several times (03:10: 12 dead; 08:20: 16 dead) updates
its figures; that is no discrepancy between outlets. The quantity producer pairs the figures of
one outlet's reports of two times (``Context.same_outlet``, comparison.report_times) and sets only
the latest against the other outlets' figures of other times; this producer reports each change
once, from a report to the next one of the same outlet that restates the fact: kind "update".
"""

from __future__ import annotations

from comparison.docs import compatible, fmt_pair, span
from comparison.findings import Context
from comparison.findings.quantity import same_outlet_pairs, what_is_counted
from comparison.model import Finding
from comparison.report_times import clock


def produce(ctx: Context, earlier: list[Finding]) -> list[Finding]:
    if ctx.same_outlet is None:
        ctx.same_outlet = same_outlet_pairs(ctx.docs, ctx.score, ctx.threshold, ctx.sim.dense)
    docs = ctx.docs
    # Each figure against the next report of its outlet that restates the fact; of that report's
    # figures of the fact, a changed one before one that tells the earlier figure again (路透社说至少
    # 10人… 法新社最新报道13人: an update to 13, whatever voices the report credits them to).
    nearest: dict[tuple[int, int], tuple[int, int]] = {}
    for d, i, d2, j in ctx.same_outlet:
        have = nearest.get((d, i))
        qi = docs[d].facts.quantities[i]
        if have is None or docs[d2].article.published < docs[have[0]].article.published or (
                have[0] == d2 and compatible(qi, docs[d2].facts.quantities[have[1]])
                and not compatible(qi, docs[d2].facts.quantities[j])):
            nearest[(d, i)] = (d2, j)
    findings = []
    for (d, i), (d2, j) in sorted(nearest.items()):
        early, late = docs[d], docs[d2]
        qe, ql = early.facts.quantities[i], late.facts.quantities[j]
        if compatible(qe, ql):
            continue  # restated (or worded more precisely): no update
        _what, about = what_is_counted(qe, early.subjects[i], ql, late.subjects[j])
        outlet = early.edition or early.label
        fe, fl = fmt_pair(qe, ql)
        findings.append(Finding(
            "update", "number",
            f"{outlet} updated {about} from {fe} ({clock(early, late)}) to {fl} ({clock(late, early)})",
            [span(early, qe.start, max(qe.end, qe.counted_end)), span(late, ql.start, max(ql.end, ql.counted_end))],
            _what))
    return findings
