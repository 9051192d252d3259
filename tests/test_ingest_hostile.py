"""Hostile but valid inputs found by an auditor (session 38): a front matter with a long field,
and one never closed. Each is read, or refused in one line that says why; never taken for
another format."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import Article, Rejection, read_bytes, read_path
from articles.archive import FRONT_MATTER_MAX_CHARS
from articles.build import MAX_TITLE_CHARS

SENTENCE = "今天上午，市政府召开新闻发布会，宣布了三项新措施。发言人表示，这些措施将在下周实施。"


def post(body: str, title: str = "市政府宣布新措施", extra: str = "") -> str:
    return f"---\ntitle: {title}\noutlet: 测试社\ndate: 2021-07-12T10:00:00Z\n{extra}---\n{body}\n"


def only(results) -> Article | Rejection:
    (result,) = list(results)
    return result


# ---- front matter ----------------------------------------------------------------------
@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=4_000, max_value=FRONT_MATTER_MAX_CHARS - 500))
def test_a_front_matter_with_a_long_field_is_read(length: int) -> None:
    # A CMS export's description or excerpt field ran past the sniffer's 4,000 characters, and the
    # file was refused as "plain text needs a front matter block first".
    text = post(SENTENCE * 3, extra=f"description: {'很长的摘要' * (length // 5)}\n")
    article = only(read_bytes(text.encode(), "long-field.md", ".md"))
    assert isinstance(article, Article), article
    assert article.title == "市政府宣布新措施" and SENTENCE in article.text


def test_a_title_over_the_cap_is_refused_for_its_length() -> None:
    text = post(SENTENCE, title="长" * (MAX_TITLE_CHARS + 3_000))
    rejection = only(read_bytes(text.encode(), "long-title.md", ".md"))
    assert isinstance(rejection, Rejection)
    assert rejection.error == f"title longer than {MAX_TITLE_CHARS} characters"


def test_a_front_matter_never_closed_is_one_line_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "huge-title.md"
    path.write_text(post(SENTENCE, title="Title " + "word " * (FRONT_MATTER_MAX_CHARS // 4)), encoding="utf-8")
    rejection = only(read_path(path))
    assert isinstance(rejection, Rejection)
    assert rejection.source_path == str(path) and "\n" not in rejection.error
    assert rejection.error.startswith("front matter not closed")
    assert f"{FRONT_MATTER_MAX_CHARS:,}" in rejection.error


def test_a_markdown_rule_opening_a_note_is_still_plain_text() -> None:
    rejection = only(read_bytes(b"---\n\nJust a note.\n", "note.md", ".md"))
    assert isinstance(rejection, Rejection) and rejection.error.startswith("unrecognized format")
