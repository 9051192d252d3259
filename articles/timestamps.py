"""Machine timestamps as feeds and pages print them, one home for their patterns.

The archive reader takes a body line that is only such a stamp as the article's dateline
(``articles.html_text``), and every reader drops it from the body (:func:`split_stamp_line`:
JSON Lines and CSV texts carry the same feed stamps); the comparison stage reads no figure inside one
(``comparison.furniture``). Both compose these pieces.
"""

from __future__ import annotations

import re

# RFC 822 / RSS pubDate: "Sat, 27 Mar 2021 21:44:44 GMT", "Mon 5 Jul 2021 09:12 +0800".
RFC822_STAMP = (r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? \d{1,2} \w{3} \d{4} \d{1,2}:\d{2}(?::\d{2})?"
                r"(?: [A-Z]{2,4}| [+-]\d{4})?")
# ISO 8601: a date, a time, a zone ("2021-03-29T01:14:39Z", "2021-07-05 09:12 UTC").
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ISO_TIME = r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
ISO_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}| UTC| GMT)"
# A line holding nothing but a date (and time): the feed's or page's stamp, not a sentence.
STAMP_LINE = re.compile(
    rf"^(?:{RFC822_STAMP}"
    rf"|{ISO_DATE}(?:[T ]{ISO_TIME})?{ISO_ZONE}?"
    r"|\d{1,2}/\d{1,2}/\d{4}(?: - \d{1,2}:\d{2})?"
    r"|\d{4}年\d{1,2}月\d{1,2}日(?: ?\d{1,2}:\d{2})?"
    # A weekly's issue line: "Feb 10th 2021", "July 1st 2021" (the ordinal marks it a stamp).
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2}(?:st|nd|rd|th),? \d{4}"
    r")$"
)
# A stamp is one of a body's first lines.
_STAMP_WITHIN = 3


def split_stamp_line(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """``paragraphs`` without the first stamp line (:data:`STAMP_LINE`) among their first three
    non-empty lines, and that line, stripped (None when there is none)."""
    seen = 0
    for index, line in enumerate(paragraphs):
        if not line.strip():
            continue
        if STAMP_LINE.match(line.strip()):
            return paragraphs[:index] + paragraphs[index + 1:], line.strip()
        seen += 1
        if seen == _STAMP_WITHIN:
            break
    return paragraphs, None
