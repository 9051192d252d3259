"""Markdown outputs show article text literally (markdown_text.escape_markdown), and
stories.md counts in words a reader expects ("1 outlet", no "0 ... not listed")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clustering.__main__ import _stories_markdown
from clustering.model import Member, Mention, Story
from comparison import compare
from comparison.report import to_markdown
from markdown_text import escape_markdown
from tests.comparison_helpers import article

# The reviewer's titles: bold, a table bar, a code span, a javascript: link, raw HTML, a heading mark.
HOSTILE = "Floods **kill** 7 | Bavaria\nsecond `code` [x](javascript:alert(1)) <script>alert(1)</script> # h"


def _render(markdown: str) -> str:
    from markdown_it import MarkdownIt  # pinned (constraints.txt) through rich

    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_escaped_text_renders_as_itself_in_bold_and_in_a_table_cell() -> None:
    escaped = escape_markdown(HOSTILE)
    assert "\n" not in escaped and "<" not in escaped
    html = _render(f"- **{escaped}**\n\n| a | b |\n|---|---|\n| {escaped} | z |\n")
    assert "<script>" not in html and "<a " not in html and "<code>" not in html
    assert "<strong>Floods **kill** 7 | Bavaria second `code` [x](javascript:alert(1)) " in html
    assert "&lt;script&gt;" in html
    assert html.count("<td>") == 2  # the bar inside the text made no third cell


def test_character_references_and_backslashes_stay_literal() -> None:
    html = _render(escape_markdown(r"AT&T &amp; C:\path\*"))
    assert "AT&amp;T &amp;amp; C:\\path\\*" in html
    assert escape_markdown(None) == escape_markdown("") == ""
    assert escape_markdown("  two\r\nlines \u2028x ") == "two lines  x"


def _story(label: str, outlets: list[str], members: int, mentions: int = 0) -> Story:
    day = datetime(2021, 6, 15, tzinfo=UTC)
    return Story(id=f"st-{members}", label=label, first_published=day, last_published=day, outlets=outlets,
                 members=[Member(f"a{n}", 1.0) for n in range(members)],
                 mentions=[Mention(f"r{n}", 0.9, 1) for n in range(mentions)])


def test_stories_md_escapes_headlines_and_outlets() -> None:
    text = _stories_markdown([_story(HOSTILE, ["A|B", "<i>C</i>"], 2)], 2, 0)
    line = next(line for line in text.splitlines() if line.startswith("- **"))
    assert "<script>" not in text and "<i>" not in text and "A\\|B" in line
    assert "<strong>Floods **kill** 7 |" in _render(text)


def test_stories_md_counts_in_the_singular_and_omits_zero_lines() -> None:
    text = _stories_markdown([_story("One", ["Reuters"], 2, mentions=1)], 1, 1)
    assert "1 article, 1 story, 1 input rejected." in text
    assert "(2 articles, 1 outlet: Reuters;" in text and "1 roundup" in text
    assert "outlets" not in text and "roundup(s)" not in text and "not listed" not in text
    several = _stories_markdown([_story("Two", ["A", "B"], 2, mentions=2), _story("Single", ["A"], 1)], 3, 0)
    assert "(2 articles, 2 outlets: A, B;" in several and "2 roundups" in several
    assert "\n## 1 single-article story\n" in several and "not listed" not in several


def test_stories_md_lists_the_single_article_stories_at_the_end() -> None:
    from dataclasses import replace

    from articles.outlets import outlet_labels

    english = article("e1", "路透", "Floods killed seven | more.")
    cna = replace(article("z1", "中央社", "台灣豪雨成災。", language="zh"), script="Hant")
    liberty = replace(article("z2", "自由时报", "台灣豪雨成災。", language="zh"), script="Hant")
    day = english.published
    stories = [_story("Two", ["A", "B"], 2)] + [
        Story(id=f"s-{a.id}", label=a.title, first_published=day, last_published=day, outlets=[a.outlet],
              members=[Member(a.id, 1.0)]) for a in (english, cna, liberty)]
    by_id = {a.id: a for a in (english, cna, liberty)}
    labels = {s.id: outlet_labels([by_id[m.article_id] for m in s.members if m.article_id in by_id]) for s in stories}
    text = _stories_markdown(stories, 5, 0, labels, by_id)
    tail = text.split("## 3 single-article stories\n", 1)[1]
    assert "- Floods killed seven \\| more. (Reuters; 2021-07-08; en) `s-e1`" in tail
    assert "(自由時報; 2021-07-08; zh-Hant) `s-z2`" in tail and "(中央社; 2021-07-08; zh-Hant)" in tail
    assert text.index("**Two**") < text.index("## 3 single-article stories")


def test_stories_md_shows_an_outlet_by_the_name_its_readers_know() -> None:
    from articles.outlets import outlet_labels

    english, chinese = article("e1", "路透", "Floods killed seven."), article("z1", "法广", "洪水已致7人死亡。", language="zh")
    labels = outlet_labels([english, chinese])
    assert labels == {"路透": "Reuters", "法广": "法广"}
    floods = _story("Floods", ["路透", "法广"], 2)
    text = _stories_markdown([floods], 2, 0, {floods.id: labels})
    assert "2 outlets: Reuters, 法广;" in text
    # stories.json keeps the identity and adds the shown name.
    from clustering.__main__ import _story_payload
    from clustering.model import Member, Story

    story = Story(id="s", label="Floods", first_published=english.published, last_published=english.published,
                  outlets=["路透", "法广"], members=[Member("e1", 1.0), Member("z1", 0.9)])
    payload = _story_payload(story, {"e1": english, "z1": chinese})
    assert [(m["outlet"], m["outlet_name"]) for m in payload["articles"]] == [("路透", "Reuters"), ("法广", "法广")]
    assert payload["outlet_names"] == ["Reuters", "法广"]
    # A story's names are its own articles': a Chinese Reuters report elsewhere in the run
    # does not rename the English one's outlet in this story.
    from clustering.__main__ import _outlet_names

    elsewhere = article("z2", "路透", "洪水已致7人死亡。", language="zh")
    assert _outlet_names(story, {"e1": english, "z1": chinese, "z2": elsewhere}) == {"路透": "Reuters", "法广": "法广"}


@pytest.fixture(scope="module")
def hostile_comparison():
    arts = [article("m1", "Reuters|<b>wire</b>", "Floods killed seven people in Bavaria on Monday, police said."),
            article("m2", "AP", "Floods in Bavaria killed seven people on Monday, police said.")]
    arts[0].title = HOSTILE
    arts[1].title = '=HYPERLINK("http://evil") <script>alert(1)</script> kill 7'
    return arts, compare(arts, use_dense=False)


def test_the_comparison_markdown_escapes_titles_outlets_and_spans(hostile_comparison) -> None:
    arts, comparison = hostile_comparison
    md = to_markdown(comparison, arts)
    html = _render(md)
    assert "<script>" not in md and "<b>" not in md
    assert "<a " not in html and "<code>m1</code>" in html  # only the id is a code span
    assert "<strong>Reuters|&lt;b&gt;wire&lt;/b&gt;</strong>" in html
    assert "Floods **kill** 7 | Bavaria second `code` [x](javascript:alert(1))" in html


def test_the_story_named_in_the_heading_is_escaped(hostile_comparison) -> None:
    arts, comparison = hostile_comparison
    assert to_markdown(comparison, arts).startswith("# Comparison\n")
    heading = to_markdown(comparison, arts, story=("st-1", HOSTILE)).splitlines()[0]
    assert heading.startswith("# Comparison: ") and heading.endswith(" (`st-1`)")
    assert "<script>" not in heading and "<a " not in _render(heading)


def test_a_story_of_many_outlets_says_how_many_are_not_named() -> None:
    from clustering.__main__ import MAX_OUTLETS_LISTED

    outlets = [f"Outlet {n}" for n in range(MAX_OUTLETS_LISTED + 3)]
    (line,) = [x for x in _stories_markdown([_story("Floods", outlets, 9)], 9, 0).splitlines() if "Floods" in x]
    named = ", ".join(outlets[:MAX_OUTLETS_LISTED])
    assert f"{len(outlets)} outlets: {named} +3 more;" in line
    (exact,) = [x for x in _stories_markdown([_story("Floods", outlets[:MAX_OUTLETS_LISTED], 6)], 6, 0).splitlines()
                if "Floods" in x]
    assert f"{MAX_OUTLETS_LISTED} outlets: {named};" in exact and "more" not in exact
