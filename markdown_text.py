"""Text from articles written into Markdown files, shown literally.

The one escaping helper of every Markdown writer (``stories.md`` of ``python -m clustering``,
the comparison report of ``python -m comparison`` and the dashboard's export). It lives
outside the stage packages so that each stage can use it without importing a later stage.
The dashboard's own pages escape with :func:`dashboard.text.escape` (HTML entities for
``st.markdown``); a Markdown file is also read as plain text, so here the escapes stay
readable: a backslash before a Markdown special, an entity only for HTML.
"""

from __future__ import annotations

import re

# Characters that open inline markup anywhere in a line: emphasis and strikethrough
# (* _ ~), code spans (`), links and images ([ ]), table cells (|), math in GitHub's
# renderer ($), and the backslash itself. Block markers (#, -, >, 1.) only act at the
# start of a line, and the text never starts one: it is written after "- ", "| " or "**"
# on a single line (see below).
_SPECIALS = re.compile(r"([\\`*_\[\]|~$])")
# An ampersand that would start a character reference (&amp; &#60; &#x3c;): kept literal.
_ENTITY_START = re.compile(r"&(?=#?\w+;)")


def escape_markdown(text: str | None) -> str:
    """``text`` as literal inline Markdown: Markdown specials and ``|`` escaped, HTML
    tags and character references neutralized, line breaks made spaces (a line break
    would end a list item or a table row), outer spaces dropped. Safe in a table cell, a list item, a heading
    or between ``**``."""
    if not text:
        return ""
    one_line = " ".join(text.splitlines()).strip()  # "** x**" would not be bold
    escaped = _SPECIALS.sub(r"\\\1", _ENTITY_START.sub("&amp;", one_line))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")
