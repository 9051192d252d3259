"""Days of earlier happenings: the background an article recounts.

A report of today's blast that adds "on 21 April a hotel bombing in Quetta killed at least
four" gives figures and a day of another happening. Outlets rarely disagree by more than a
few days on when the happening they report took place, so a day named more than
:data:`BACKGROUND_DAYS` before the article's publication is a day of an earlier happening:
its figures and its day are compared only with figures and days of that same earlier day,
never with the article's own happening (which is undated or dated near publication).

One definition, used by the figure subjects (``comparison.subjects``) and the time producer
(``comparison.findings.time``). A general rule about news time, not a list of phrases.
"""

from __future__ import annotations

from datetime import date, timedelta

# A week: long enough for a late report of the same happening (a weekly's account, a
# follow-up naming "last Monday"), short enough that last month's attack is background.
BACKGROUND_DAYS = 7


def is_background(day: date | None, published_day: date | None) -> bool:
    """Is ``day`` an earlier happening's day for an article published on ``published_day``?"""
    if day is None or published_day is None:
        return False
    return day < published_day - timedelta(days=BACKGROUND_DAYS)
