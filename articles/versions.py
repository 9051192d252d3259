"""Which copy of one article is stored when another file delivers it again, reading otherwise.

The rule (one home; :meth:`store.articles.ArticleTables.replace_article` applies it): a copy read
from another, later-delivered file (an hourly RSS file whose item was corrected, a JSON Lines drop
re-sending a corrected record) replaces the stored copy when it is

* the newer version: its own time (``published``: a feed item's published, else updated, time;
  a record's date) is later than the stored one's; at the same time (a correction usually keeps
  its date), its file was delivered (modified) after every other file that still holds the
  article, none of them read in the same run (there the first read wins: a copy read again in
  the same run replaces the first only with a later own time, whatever the files' order);
* and not a cut-down copy of it (:func:`is_cut_down`): an archive's excerpt, a feed's summary,
  a file cut in delivery, a paywalled copy (the opening paragraphs and a teaser cut, often with a
  "subscribe to continue reading" line) never overwrites a whole stored article, whatever its
  time;
* nor the same report with another time alone (its title and text those stored, whitespace
  aside, and no caption the stored copy lacks: :func:`same_report`): a source's re-fetch stamped
  later, or a caption-less export of it, is no correction, and the stored time and captions stay.

Otherwise the stored copy is kept (``IngestReport.changed_kept``). A file that held the article
before and is read again is not "another" file: it corrects its own article as before, and one
holding a multi-record copy another file holds too keeps it as stored (its being modified, say
by an appended record, says nothing of that copy).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from articles.model import Article

# A copy whose text (whitespace aside) is shorter than this share of the stored text is a
# cut-down copy, never a correction: a correction edits a figure, a name, a sentence or a
# paragraph and keeps most of the text, while a summary or an excerpt keeps its first lines.
# (0.7: a correction may drop a paragraph of a short report; an excerpt of a few lines is far
# shorter than the whole.)
CUT_DOWN_SHARE = 0.7
# What a cut copy may end with after the text it kept: an ellipsis marking the cut.
_CUT_MARK = re.compile(r"\s*\[?(?:…|\.\.\.)\]?\s*$")
# A paywall's or a teaser's closing line after the text it let through: general wording of
# subscription walls and "read more" teasers (English, Chinese in both scripts), matched in a
# short last paragraph only (or at the end of the last one), never inside a report's own text.
PAYWALL_WORDS = (
    "subscribe", "subscriber", "subscription", "continue reading", "keep reading", "read more",
    "read the full", "read the rest", "the rest of this article", "sign in to", "log in to",
    "register to", "premium content", "paywall",
    "订阅", "訂閱", "付费", "付費", "继续阅读", "繼續閱讀", "阅读全文", "閱讀全文", "余下全文", "餘下全文",
    "全文请", "全文請", "会员专享", "會員專享", "登录后", "登入後",
)
# The longest closing line read as a paywall's (characters): a notice, not a paragraph of news.
PAYWALL_LINE_MAX = 160
_PAYWALL_TAIL = re.compile(r"(?:[\s.…]*[\[(（【]?(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in PAYWALL_WORDS)
                           + r")[^.!?。！？]{0,60}[\])）】]?[.!?。！？…]*\s*)$", re.IGNORECASE)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _without_cut_marks(paragraphs: list[str], whole_lines: bool = True) -> list[str]:
    """The paragraphs without what marks a cut after them: closing paywall or teaser lines
    (``whole_lines``: any short last paragraph naming one, "To continue reading, subscribe") and
    a trailing ellipsis or "read more"."""
    kept = list(paragraphs)
    while whole_lines and kept and len(kept[-1]) <= PAYWALL_LINE_MAX and any(
            w in kept[-1].lower() for w in PAYWALL_WORDS):
        kept.pop()
    while kept:
        last = _CUT_MARK.sub("", _PAYWALL_TAIL.sub("", kept[-1])).strip()
        if last == kept[-1]:
            break
        if last:
            kept[-1] = last
            break
        kept.pop()
    return kept


def _after_leading_subset(mine: list[str], theirs: list[str]) -> str | None:
    """When ``mine`` are paragraphs of ``theirs``, in order, each whole but the last (which may be
    cut short, a prefix of its paragraph), the text of ``theirs`` after them (flattened); else
    None. A copy that kept some paragraphs and dropped others (a paywall letting through the
    first ones, a teaser skipping a photo's paragraph)."""
    position = 0
    for n, paragraph in enumerate(mine):
        last = n == len(mine) - 1
        while position < len(theirs) and not (
                theirs[position] == paragraph or (last and theirs[position].startswith(paragraph))):
            position += 1
        if position == len(theirs):
            return None
        position += 1
    if not mine:
        return None
    return " ".join([theirs[position - 1][len(mine[-1]):], *theirs[position:]])


# The opening words of a text (Latin words, numbers, or single other letters: a Chinese
# character), compared to tell a paywall's line from the article's own changed text.
_OPENING_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f]+|\d+|[^\W\d_]")


def _same_opening(removed: str, after: str) -> bool:
    """Do ``removed`` (what was set aside as a cut's marks) and ``after`` (the stored text
    where the copy stops) open with the same two words or characters? Then what looked like a
    paywall's line is the article's own text, changed: a corrected last sentence that happens
    to name a subscription (付费30元 made 付费25元), no cut."""
    ours = [t.lower() for t in _OPENING_TOKEN.findall(removed[:200])[:2]]
    return bool(ours) and ours == [t.lower() for t in _OPENING_TOKEN.findall(after[:200])[:2]]


def is_cut_down(copy: str, stored: str) -> bool:
    """Is the text ``copy`` a cut-down copy of ``stored``: a proper prefix of it, or paragraphs of
    it in order, the last possibly cut short (a paywall's or teaser's closing line and a trailing
    ellipsis aside: :func:`_without_cut_marks`, unless what they set aside goes on as the stored
    text does: :func:`_same_opening`), and shorter; or shorter than :data:`CUT_DOWN_SHARE` of
    it? The same text is not (a copy whose title alone was corrected); nor is a copy that
    changes a word of what it kept (a correction), whatever it drops."""
    mine, theirs = _flat(copy), _flat(stored)
    if mine == theirs:
        return False
    if len(mine) < CUT_DOWN_SHARE * len(theirs):
        return True
    paragraphs = [_flat(p) for p in copy.splitlines() if p.strip()]
    stored_paragraphs = [_flat(p) for p in stored.splitlines() if p.strip()]
    # A short last paragraph naming a wall is set aside whole, or only its end ("halls… Read
    # more": the text before it kept); either reading may show the cut.
    return any(_cut_after(_without_cut_marks(paragraphs, whole), mine, theirs, stored_paragraphs)
               for whole in (True, False))


def _cut_after(paragraphs: list[str], mine: str, theirs: str, stored_paragraphs: list[str]) -> bool:
    """Is ``paragraphs`` (the copy's, its cut's marks set aside) a cut of the stored text, and
    what was set aside no changed text of the stored article (:func:`_same_opening`)?"""
    kept = " ".join(paragraphs)  # (a prefix of ``mine``: only its end was set aside)
    if not kept or len(kept) >= len(theirs):
        return False
    after = theirs[len(kept):] if theirs.startswith(kept) else _after_leading_subset(paragraphs, stored_paragraphs)
    return after is not None and not _same_opening(mine[len(kept):], after)


def same_report(copy: Article, stored: Article) -> bool:
    """Does ``copy`` add nothing to ``stored``: the same title and text (whitespace and the
    paragraph breaks aside: a JSON Lines export splits a page's paragraphs otherwise) and no
    caption the stored copy lacks? A record format carries no captions: an export re-sending a
    captioned page's report, stamped later, would otherwise drop them and move its time."""
    return ((copy.title, _flat(copy.text)) == (stored.title, _flat(stored.text))
            and set(copy.captions) <= set(stored.captions))


def supersedes(copy: Article, stored: Article, delivered_after: Callable[[], bool]) -> bool:
    """Does ``copy``, read from another file, replace ``stored`` (the module's rule)?
    ``delivered_after``: was the copy's file delivered after the files holding the stored one
    (asked only when the two copies' own times are the same)."""
    if is_cut_down(copy.text, stored.text) or same_report(copy, stored):
        return False
    if copy.published != stored.published:
        return copy.published > stored.published
    return delivered_after()
