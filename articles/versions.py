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
  a file cut in delivery never overwrites a whole stored article;
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


def _flat(text: str) -> str:
    return " ".join(text.split())


def is_cut_down(copy: str, stored: str) -> bool:
    """Is the text ``copy`` a cut-down copy of ``stored``: a proper prefix of it (a trailing
    ellipsis aside), or shorter than :data:`CUT_DOWN_SHARE` of it? The same text is not (a
    copy whose title alone was corrected)."""
    mine, theirs = _flat(copy), _flat(stored)
    if mine == theirs:
        return False
    kept = _CUT_MARK.sub("", mine)
    return (len(kept) < len(theirs) and theirs.startswith(kept)) or len(mine) < CUT_DOWN_SHARE * len(theirs)


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
