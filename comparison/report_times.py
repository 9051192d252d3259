"""Reports of a developing story published hours apart: a later figure may be an update.

A disaster's toll rises through the day: an outlet's 03:10 report says 12 dead, its 08:20
report 16, another outlet's 05:40 report "at least 15". Set side by side as values, every pair
differs; set side by side as reports, each later figure updates an earlier one. The rule:

* Two reports published :data:`UPDATE_GAP` or more apart are "at different times"; closer
  ones are "at about the same time" (a wire and a paper drawing on one briefing round), and
  their figures are compared as values (200 vs 600 escaped prisoners stays a contradiction).
* At different times, a later figure of a running count (:data:`RUNNING_COUNT_EVENTS`: people
  killed, injured, missing, rescued, evacuated or infected, and case counts) above the earlier
  one may be an update (for the missing, a count of the moment, a lower one too); so may a later
  figure at or above an earlier lower bound ("at least 15", then 16) whatever it counts. Between
  two outlets the values still differ: the finding stays a contradiction (what the labeled
  comparisons call two values of one slot), worded "perhaps an update" with the later report
  named, so a reader sees the toll rise. A later
  total below an earlier one is no update of it (a toll that falls is a correction or another
  count: compared as values), nor are other figures, whatever the time between them.
* One outlet's later report updates its own earlier one (whatever the gap): the earlier figure is
  superseded, and its changes are reported once (comparison.findings.updates), not set against
  the other outlets' figures of other times.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from comparison.docs import Doc, published_stamp
from comparison.numbers import Quantity
from comparison.subjects import Subject

# Reports published this far apart or more are "at different times". A running count is
# updated as bodies are found and lists are checked, usually at press briefings hours apart;
# reports within two hours mostly carry the same round of figures.
UPDATE_GAP = timedelta(hours=2)

# Events whose counts run while a story develops (comparison.lexicons.categories event names),
# and the counted family that is a running tally itself (cases).
RUNNING_COUNT_EVENTS = frozenset({"killed", "injured", "missing", "rescued", "evacuated", "infected",
                                  "trapped"})
RUNNING_COUNT_FAMILIES = frozenset({"cases"})
# Of those, the counts of the moment rather than totals: they fall as well as rise.
CURRENT_COUNT_EVENTS = frozenset({"missing", "trapped"})


def published(doc: Doc) -> datetime:
    return doc.article.published


def apart(doc1: Doc, doc2: Doc) -> bool:
    """Were the two reports published :data:`UPDATE_GAP` or more apart?"""
    return abs(published(doc1) - published(doc2)) >= UPDATE_GAP


def running_count(s1: Subject, s2: Subject) -> bool:
    """Do both figures count a running toll (the same one: deaths, injured, missing...)?"""
    return bool(s1.events & s2.events & RUNNING_COUNT_EVENTS) or (
        s1.family == s2.family and s1.family in RUNNING_COUNT_FAMILIES)


def clock(doc: Doc, other: Doc) -> str:
    """The publication time as a reader compares two: "published 08:20 UTC", with the day when
    the days differ ("published 12 Aug 08:20 UTC")."""
    a, b = published(doc), published(other)
    return published_stamp(a, day=a.date() != b.date())


def timed(doc: Doc, other: Doc, figure: str) -> str:
    """"中新网: 至少15人 (published 05:40 UTC)"; the label alone names the time when it holds it
    already (an outlet with several reports is labelled by their publication minute: 新华社
    (published 11 Aug 08:20 UTC))."""
    stamped = published_stamp(published(doc)) in doc.label
    return f"{doc.label}: {figure}" if stamped else f"{doc.label}: {figure} ({clock(doc, other)})"


def is_update(doc1: Doc, q1: Quantity, s1: Subject, doc2: Doc, q2: Quantity, s2: Subject) -> bool:
    """Are two different figures of reports at different times an update rather than a
    discrepancy: a running count, or a later figure at or above an earlier lower bound?"""
    if not apart(doc1, doc2):
        return False
    (_de, qe), (_dl, ql) = sorted(((doc1, q1), (doc2, q2)), key=lambda p: published(p[0]))
    if running_count(s1, s2):
        # A toll adds up, so it rises; the missing are a count of the moment (found, dead or
        # alive, they leave it), so it moves either way.
        return ql.base_low > qe.base_high or bool(s1.events & s2.events & CURRENT_COUNT_EVENTS)
    return qe.floor and ql.base_low >= qe.base_low
