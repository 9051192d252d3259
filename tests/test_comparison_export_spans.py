"""A stored story's export gives offsets into the stored articles' texts, roundup sections
included: ``stored.text[start:end]`` is each span's text (the id exported is the whole article's)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from articles.model import Article
from clustering.features import paragraph_groups, section_view
from comparison.__main__ import main as comparison_main
from comparison.story import _offset_map

DAY = datetime(2021, 2, 9, 8, tzinfo=UTC)

# A made-up roundup of three headed sections (an empty line among them): the story is the last.
OTHER = ["今日要闻", "某地今天举行了一场关于城市交通的讨论会，与会者约有20人。", "", "交通", "会议持续了两个小时左右。"]
FLOOD = ["洪水", "某省官员9日表示，当地洪水已造成12人死亡，另有3人失踪。",
         "救援人员说，约有2000名居民被疏散到安全地带。"]
MEMBER = ["某省官员星期二说，洪水造成14人死亡，3人失踪。", "官员表示，约2000名居民已被疏散。"]


def _article(aid: str, outlet: str, paragraphs: list[str]) -> Article:
    return Article(id=aid, outlet=outlet, title=f"{outlet}报道", url=f"https://example.org/{aid}",
                   published=DAY, language="zh", script="Hans", paragraphs=paragraphs)


def _store_with_roundup(db: Path) -> tuple[Article, int]:
    from store.sqlite import Store

    roundup = _article("roundup1", "联合早报", [*OTHER, *FLOOD])
    section = len(paragraph_groups(roundup)) - 1
    store = Store(db)
    for a in (roundup, _article("member1", "中央社", MEMBER)):
        store.add_article(a)
    store.put_stories([{"id": "st-flood", "label": "洪水", "members": [{"article_id": "member1"}],
                        "mentions": [{"article_id": "roundup1", "score": 0.9, "section": section}]}])
    store.close()
    return roundup, section


def _spans(data: dict) -> list[list]:
    spans = [s for f in data["findings"] for s in f["spans"]] + [q["span"] for q in data["quotes"]]
    for pair in data["aligned"]:
        spans += [[p["article_id"], p["start"], p["end"], p["text"]] for p in (pair["a"], pair["b"])]
    return spans


def test_a_roundup_sections_spans_are_offsets_into_the_stored_article(tmp_path: Path) -> None:
    db, out = tmp_path / "p.db", tmp_path / "s.json"
    roundup, section = _store_with_roundup(db)
    assert section > 0 and section_view(roundup, section).text != roundup.text
    assert comparison_main(["st-flood", "--db", str(db), "--out", str(out), "--lexical"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    texts = {"roundup1": roundup.text, "member1": "\n".join(MEMBER)}
    spans = _spans(data)
    in_roundup = [s for s in spans if s[0] == "roundup1"]
    assert in_roundup and all(s[1] >= roundup.text.index(FLOOD[1]) for s in in_roundup)
    assert all(texts[aid][start:end] == text for aid, start, end, text in spans)
    for pair in data["aligned"]:
        for side in (pair["a"], pair["b"]):
            assert all(side["start"] <= s <= e <= side["end"] for s, e in side["differs"])
    # The same story compared again (the cached comparison): the same offsets.
    again = tmp_path / "again.json"
    assert comparison_main(["st-flood", "--db", str(db), "--out", str(again), "--lexical"]) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_a_stored_storys_markdown_report_names_the_story_in_its_heading(tmp_path: Path) -> None:
    # A report saved or sent on says which story it compares (it opened with "# Comparison" alone).
    db, out = tmp_path / "p.db", tmp_path / "s.md"
    _store_with_roundup(db)
    assert comparison_main(["st-flood", "--db", str(db), "--out", str(out), "--lexical"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# Comparison: 洪水 (`st-flood`)"


_PARAGRAPHS = st.lists(st.one_of(st.just(""), st.text(alphabet="ab洪水 ,。", min_size=1, max_size=30)),
                       min_size=1, max_size=12)


@given(_PARAGRAPHS, st.data())
def test_offsets_within_a_sections_paragraphs_map_onto_the_same_characters(paragraphs: list[str], data) -> None:
    whole = _article("w", "x", paragraphs)
    kept = [p for p in paragraphs if p.strip()]
    if not kept:
        return
    first = data.draw(st.integers(0, len(kept) - 1))
    last = data.draw(st.integers(first, len(kept) - 1))
    part = _article("w", "x", kept[first:last + 1])
    move = _offset_map(part, whole)
    assert move is not None
    at = 0
    for paragraph in part.paragraphs:  # any span inside one paragraph, its ends included
        start = data.draw(st.integers(at, at + len(paragraph)))
        end = data.draw(st.integers(start, at + len(paragraph)))
        assert whole.text[move(start):move(end)] == part.text[start:end]
        at += len(paragraph) + 1


def test_an_article_that_is_no_part_of_another_maps_nothing() -> None:
    assert _offset_map(_article("w", "x", ["b"]), _article("w", "x", ["a", "c"])) is None


def test_the_dashboards_exports_give_offsets_into_the_stored_article_too() -> None:
    import csv
    import io

    from comparison import compare
    from dashboard import actions

    roundup = _article("roundup1", "联合早报", [*OTHER, *FLOOD])
    section = section_view(roundup, len(paragraph_groups(roundup)) - 1)
    member = _article("member1", "中央社", MEMBER)
    comparison = compare([member, section], use_dense=False)
    files = actions.exports(comparison, [member, section], [member, roundup])
    texts = {"roundup1": roundup.text, "member1": member.text}
    spans = _spans(json.loads(files["JSON"][0]))
    assert any(s[0] == "roundup1" for s in spans)
    assert all(texts[aid][start:end] == text for aid, start, end, text in spans)
    for row in csv.DictReader(io.StringIO(files["CSV"][0])):
        assert texts[row["article_id"]][int(row["start"]):int(row["end"])] == row["text"].removeprefix("'")
