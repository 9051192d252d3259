"""Machine timestamps as feeds and pages print them, one home for their patterns.

The archive reader takes a body line that is only such a stamp as the article's dateline
(``articles.html_text``); the comparison stage reads no figure inside one
(``comparison.furniture``). Both compose these pieces.
"""

from __future__ import annotations

# RFC 822 / RSS pubDate: "Sat, 27 Mar 2021 21:44:44 GMT", "Mon 5 Jul 2021 09:12 +0800".
RFC822_STAMP = (r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? \d{1,2} \w{3} \d{4} \d{1,2}:\d{2}(?::\d{2})?"
                r"(?: [A-Z]{2,4}| [+-]\d{4})?")
# ISO 8601: a date, a time, a zone ("2021-03-29T01:14:39Z", "2021-07-05 09:12 UTC").
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
ISO_TIME = r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
ISO_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}| UTC| GMT)"
