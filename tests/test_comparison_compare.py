"""Alignment and classification on the seed examples of issue 3, the report
formats, the CLI and the story cache. Lexical alignment (no model) unless a test
says otherwise, so the suite stays fast and offline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import articles
from comparison import compare, compare_story, comparison_signature
from comparison.__main__ import main as cli_main
from comparison.report import to_csv, to_json, to_markdown
from tests.comparison_helpers import dense_backend_or_skip

ROOT = Path(__file__).resolve().parent.parent
AJ = ROOT / "seeds" / "000_299cce44e7b57b22.txt"
VOA = ROOT / "seeds" / "001_bd7e773d7b869fe3.txt"
RFI_QALA_I_NAW = ROOT / "seeds" / "nbw-2021-07" / "2021-07-07-美军从阿富汗撤军90% 塔利班进攻一个省会城市.md"
VOA_QALA_I_NAW = ROOT / "seeds" / "nbw-2021-07" / "2021-07-08-塔利班冲入阿富汗一省府 让数百囚犯逃离.md"


def _read(*paths: Path):
    out = []
    for p in paths:
        out += [a for a in articles.read_path(str(p)) if hasattr(a, "paragraphs")]
    assert len(out) == len(paths)
    return out


@pytest.fixture(scope="module")
def seed_pair():
    arts = _read(AJ, VOA)
    return arts, compare(arts, use_dense=False)


def _with_texts(findings, *texts):
    """Findings whose spans cover every given text."""
    return [f for f in findings if all(any(t in s.text for s in f.spans) for t in texts)]


def _exact_spans(comparison, arts):
    by_id = {a.id: a.text for a in arts}
    for f in comparison.findings:
        for s in f.spans:
            assert by_id[s.article_id][s.start:s.end] == s.text


def test_spans_are_exact(seed_pair):
    arts, comparison = seed_pair
    _exact_spans(comparison, arts)


def test_same_number_different_category_is_framing(seed_pair):
    _, comparison = seed_pair
    numbers = [f for f in comparison.findings if f.fact_type == "number"]
    found = _with_texts(numbers, "2万名部队", "两万名后备役军人")
    assert [f.kind for f in found] == ["framing"]
    assert found[0].fact_type == "number"
    assert "部队" in found[0].why and "后备役" in found[0].why


def test_vaguer_compatible_figure_is_precision(seed_pair):
    _, comparison = seed_pair
    numbers = [f for f in comparison.findings if f.fact_type == "number"]
    found = _with_texts(numbers, "一千多名阿富汗士兵", "1037名阿富汗军人")
    assert [f.kind for f in found] == ["precision"]
    assert "半岛电视台 is vaguer" in found[0].why


def test_both_cite_reuters(seed_pair):
    _, comparison = seed_pair
    assert "路透社" in comparison.sources["半岛电视台"]
    assert "路透社" in comparison.sources["美国之音"]
    reuters = [f for f in comparison.findings if f.fact_type == "source" and f.subject == "路透社"]
    assert [f.kind for f in reuters] == ["agree"]
    assert {s.article_id for s in reuters[0].spans} == set(comparison.article_ids)


def test_lavrov_statement_only_in_al_jazeera(seed_pair):
    arts, comparison = seed_pair
    aj_id = next(a.id for a in arts if a.outlet == "半岛电视台")
    lavrov = [f for f in comparison.findings
              if f.fact_type == "statement" and any("拉夫罗夫在印度尼西亚" in s.text for s in f.spans)]
    assert [f.kind for f in lavrov] == ["unique"]
    assert lavrov[0].spans[0].article_id == aj_id
    people = [f for f in comparison.findings if f.fact_type == "entity" and "拉夫罗夫" in f.subject]
    assert people and all(f.kind == "unique" for f in people)


def test_ishkashim_152_only_in_voa(seed_pair):
    arts, comparison = seed_pair
    voa_id = next(a.id for a in arts if a.outlet == "美国之音")
    found = [f for f in comparison.findings if any("152人" in s.text for s in f.spans)]
    assert found and all(f.kind == "unique" for f in found)
    assert all(s.article_id == voa_id for f in found for s in f.spans)


def test_no_false_contradiction_300_flown_back_vs_1037_crossed(seed_pair):
    _, comparison = seed_pair
    found = _with_texts(comparison.findings, "大约 300 名阿富汗士兵", "1037名阿富汗军人")
    assert not [f for f in found if f.kind == "contradiction"]
    assert not [f for f in comparison.findings if f.kind == "contradiction" and f.fact_type == "number"]


def test_naming_table_taliban_descriptors(seed_pair):
    _, comparison = seed_pair
    rows = [r for r in comparison.naming if r["actor"] == "塔利班"]
    assert rows
    names = rows[0]["names"]
    assert "武装分子" in names["半岛电视台"]
    assert {"激进分子", "反叛分子"} <= set(names["美国之音"])
    ghani = [r for r in comparison.naming if "加尼" in r["actor"]]
    assert ghani and ghani[0]["names"]["美国之音"] == ["加尼"]


def test_people_quoted(seed_pair):
    _, comparison = seed_pair
    speakers = {q["speaker"] for q in comparison.quotes if q["outlet"] == "半岛电视台"}
    assert {"扎里夫", "普赖斯"} <= speakers


def test_qala_i_naw_escaped_prisoners_200_vs_600_is_a_contradiction():
    """With the default configuration (the dense model when it loads; RFI vs VOA's figure-pair
    probability: 0.94 dense, 0.92 lexical, cuts 0.85 and 0.81)."""
    arts = _read(AJ, RFI_QALA_I_NAW, VOA_QALA_I_NAW)
    comparison = compare(arts)
    _exact_spans(comparison, arts)
    contradictions = [f for f in comparison.findings if f.kind == "contradiction" and f.subject == "囚犯"]
    pairs = {frozenset(s.article_id for s in f.spans) for f in contradictions}
    aj, rfi, voa = (a.id for a in arts)
    assert frozenset({aj, voa}) in pairs and frozenset({rfi, voa}) in pairs
    texts = {s.text for f in contradictions for s in f.spans}
    assert "大约600名囚犯" in texts and "约有200名囚犯" in texts
    # AJ and RFI say the same (about 200): no contradiction between them.
    assert frozenset({aj, rfi}) not in pairs


def test_traditional_and_simplified_articles_compare(tmp_path):
    folder = ROOT / "evaluation" / "comparison" / "atami-landslide"
    arts = _read(folder / "cna.md", folder / "reuters.md")
    assert {a.script for a in arts} == {"Hant", "Hans"}
    comparison = compare(arts, use_dense=False)
    agree = [f for f in comparison.findings if f.kind == "agree" and f.fact_type == "number"
             and {s.article_id for s in f.spans} == {a.id for a in arts}
             and all(s.text.startswith("113") for s in f.spans)]
    assert agree and "missing" in agree[0].why  # 失聯 (Traditional) = 失踪 (Simplified)


def test_reports(seed_pair):
    arts, comparison = seed_pair
    data = to_json(comparison, arts)
    assert {a["id"] for a in data["articles"]} == set(comparison.article_ids)
    kinds = {f["kind"] for f in data["findings"]}
    assert {"framing", "precision", "agree", "unique"} <= kinds
    first = data["findings"][0]
    assert set(first) >= {"kind", "fact_type", "why", "spans"}
    article_id, start, end, text = first["spans"][0]
    assert next(a for a in arts if a.id == article_id).text[start:end] == text
    json.dumps(data, ensure_ascii=False)  # serializable

    md = to_markdown(comparison, arts)
    assert "## Framing differences" in md and "2万名部队" in md and "## Naming" in md

    rows = list(csv.DictReader(io.StringIO(to_csv(comparison, arts))))
    assert len(rows) == sum(len(f.spans) for f in comparison.findings)
    assert {"kind", "fact_type", "why", "article_id", "start", "end", "text"} <= set(rows[0])


def test_cli_writes_json_and_markdown(tmp_path, capsys):
    out = tmp_path / "cmp.json"
    assert cli_main([str(AJ), str(VOA), "--out", str(out), "--lexical"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2 and data["findings"]
    md = tmp_path / "cmp.md"
    assert cli_main([str(AJ), str(VOA), "--out", str(md), "--lexical"]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Comparison")


def test_cli_bad_input_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nope.md"
    code = cli_main([str(AJ), str(missing), "--out", str(tmp_path / "x.json"), "--lexical"])
    assert code == 2
    err = capsys.readouterr().err
    assert "nope.md" in err and "Traceback" not in err


def test_compare_story_is_cached_by_member_content(tmp_path):
    from store.sqlite import Store

    arts = _read(AJ, VOA)
    store = Store(tmp_path / "p.db")
    for a in arts:
        store.add_article(a)
    store.put_stories([{"id": "s1", "label": "Tajikistan", "members": [{"article_id": a.id} for a in arts]}])
    first = compare_story(store, "s1", use_dense=False)
    signature = comparison_signature(arts, use_dense=False)
    assert store.get_comparison("s1", signature) is not None
    second = compare_story(store, "s1", use_dense=False)
    assert second.to_dict() == first.to_dict()
    # The lexical result is never served for the dense comparison (nor the reverse).
    assert store.get_comparison("s1", comparison_signature(arts)) is None
    # A member's content changes -> a new signature, so the cache misses.
    changed = _read(AJ)[0]
    changed.paragraphs = changed.paragraphs + ["新增一段。"]
    assert comparison_signature([changed, arts[1]]) != signature
    with pytest.raises(KeyError):
        compare_story(store, "missing", use_dense=False)


@pytest.mark.slow
def test_seed_examples_with_dense_alignment():
    """Same examples with the default dense backend (skipped when no model loads)."""
    backend = dense_backend_or_skip()
    arts = _read(AJ, VOA)
    comparison = compare(arts, backend=backend)
    numbers = [f for f in comparison.findings if f.fact_type == "number"]
    assert [f.kind for f in _with_texts(numbers, "2万名部队", "两万名后备役军人")] == ["framing"]
    assert [f.kind for f in _with_texts(numbers, "一千多名阿富汗士兵", "1037名阿富汗军人")] == ["precision"]
    lavrov = [f for f in comparison.findings
              if f.fact_type == "statement" and any("拉夫罗夫在印度尼西亚" in s.text for s in f.spans)]
    assert [f.kind for f in lavrov] == ["unique"]
    assert not [f for f in comparison.findings if f.kind == "contradiction" and f.fact_type == "number"]


def test_evaluation_against_the_annotated_stories():
    """Regression floor on the development comparisons (evaluation/comparison, the
    14 stories with "heldout": false), lexical alignment: the scores printed by
    ``python -m comparison.evaluate --lexical`` must not fall below what the
    classifier reached when this floor was set (issue 12)."""
    from comparison.evaluate import DEFAULT_GOLD, evaluate

    result = evaluate(DEFAULT_GOLD, use_dense=False, heldout=False)
    strict = result["totals"]["strict"]
    assert strict["gold"] >= 374
    assert strict["correct"] / strict["predicted"] >= FLOOR_PRECISION
    assert strict["found"] / strict["gold"] >= FLOOR_RECALL


FLOOR_PRECISION, FLOOR_RECALL = 0.45, 0.2


# ---------------------------------------------------------- unique ranking --
def test_unique_findings_are_fact_bearing_and_ranked(seed_pair):
    arts, comparison = seed_pair
    unique = [f for f in comparison.findings if f.kind == "unique"]
    headline = [f for f in unique if not f.minor]
    # Nothing is dropped, but a short report keeps well under half of the list.
    assert unique and len(headline) < len(unique) / 2
    # A sentence with no checkable fact is minor (VOA: 双方的和平会谈仍然无果。).
    talks = [f for f in unique if f.fact_type == "statement" and f.spans[0].text == "双方的和平会谈仍然无果。"]
    assert [f.minor for f in talks] == [True]
    # The required examples stay headline findings, and say which fact they carry.
    lavrov = [f for f in headline if f.fact_type == "statement" and "拉夫罗夫在印度尼西亚" in f.spans[0].text]
    assert len(lavrov) == 1 and "谢尔盖·拉夫罗夫" in lavrov[0].why
    ishkashim = [f for f in headline if any("152人" in s.text for s in f.spans)]
    assert ishkashim and all(f.spans[0].article_id == arts[1].id for f in ishkashim)
    assert any("152人" in f.why for f in ishkashim)
    # Grouped per outlet, most salient first within an outlet.
    label_of = {a.id: a.outlet for a in arts}
    outlets = [label_of[f.spans[0].article_id] for f in headline]
    assert outlets == sorted(outlets, key=outlets.index)  # contiguous groups
    for outlet in set(outlets):
        saliences = [f.salience for f in headline if label_of[f.spans[0].article_id] == outlet]
        assert saliences == sorted(saliences, reverse=True)
    # An outlet citing itself (安全消息人士告诉半岛电视台) is not listed as a fact.
    assert not [f for f in headline if "citing 半岛电视台" in f.why]
    # Headline findings come before minor ones.
    flags = [f.minor for f in unique]
    assert flags == sorted(flags)


def test_figure_already_compared_does_not_make_a_sentence_unique_news(seed_pair):
    """AJ's 2万名部队 sentence is compared with VOA's 两万名后备役军人 (framing):
    that figure is not a fact only AJ reports (whether the sentence aligns with VOA's or
    stays AJ's own for its other facts)."""
    _, comparison = seed_pair
    assert _with_texts(comparison.findings, "2万名部队", "两万名后备役军人")
    sentence = [f for f in comparison.findings if f.kind == "unique" and f.fact_type == "statement"
                and "动员2万名部队" in f.spans[0].text]
    assert all("2万名部队" not in f.why for f in sentence)


def test_minor_and_salience_in_reports_and_cache(seed_pair, tmp_path):
    arts, comparison = seed_pair
    data = to_json(comparison, arts)
    assert all({"salience", "minor"} <= set(f) for f in data["findings"])
    assert any(f["minor"] for f in data["findings"]) and any(not f["minor"] for f in data["findings"])
    md = to_markdown(comparison, arts)
    assert "### 美国之音" in md and "### 半岛电视台" in md and "minor: true" in md
    minor_sentence = next(f for f in comparison.findings if f.minor and f.fact_type == "statement")
    assert minor_sentence.spans[0].text[:30] not in md
    rows = list(csv.DictReader(io.StringIO(to_csv(comparison, arts))))
    assert {"salience", "minor"} <= set(rows[0])
    from comparison.story import comparison_from_dict

    again = comparison_from_dict(comparison.to_dict())
    assert [(f.salience, f.minor) for f in again.findings] == [(f.salience, f.minor) for f in comparison.findings]


# ------------------------------------------------------------ dates, groups --
FIXTURES = ROOT / "evaluation" / "comparison"


def test_assassination_day_6_vs_7_july_is_a_date_contradiction():
    """DW: 当地时间7月6日凌晨1点左右…打死了总统; RFI: 昨天7月7日凌晨1点多…遇刺身亡.
    The sentences are worded too differently to align; the same clock time and the
    same event pin the same moment."""
    arts = _read(FIXTURES / "haiti-manhunt" / "dw.md", FIXTURES / "haiti-manhunt" / "rfi-mercenaries.md")
    comparison = compare(arts, use_dense=False)
    _exact_spans(comparison, arts)
    dates = [f for f in comparison.findings if f.fact_type == "date" and f.kind == "contradiction"]
    assert len(dates) == 1
    assert {s.text for s in dates[0].spans} == {"7月6日", "7月7日"}
    assert "凌晨1点" in dates[0].why


def test_same_clock_time_same_day_agrees_and_never_contradicts():
    # Haiti embassy: police moved in at 4 pm on the 8th (DW 7月8日下午4时, RFA 8日下午4点).
    folder = FIXTURES / "haiti-embassy"
    arts = _read(*(folder / n for n in ("dw.md", "rfa.md", "epochtimes.md", "zaobao.md")))
    comparison = compare(arts, use_dense=False)
    dates = [f for f in comparison.findings if f.fact_type == "date"]
    assert not [f for f in dates if f.kind == "contradiction"]
    assert any(f.kind == "agree" and "下午4点" in f.why for f in dates)


def test_group_size_without_an_event_verb():
    """DW: 刺杀海地总统莫伊兹的雇佣兵团伙共26人 is the size of the commando: read as
    mercenaries (a group), never compared with a count of arrests (RFA: 逮获…28人)."""
    from comparison.compare import _build_docs
    from comparison.subjects import same_subject

    dw, rfa = _read(FIXTURES / "haiti-embassy" / "dw.md", FIXTURES / "haiti-embassy" / "rfa.md")
    dw_doc, rfa_doc = _build_docs([dw, rfa])
    by_text = {q.text: s for q, s in zip(dw_doc.facts.quantities, dw_doc.subjects, strict=True)}
    group = by_text["26人"]
    assert (group.family, group.kind, group.events) == ("attackers", "mercenaries", frozenset({"group"}))
    assert same_subject(group, group)  # two commando sizes are comparable
    arrested = next(s for q, s in zip(rfa_doc.facts.quantities, rfa_doc.subjects, strict=True) if q.text == "28人")
    assert "arrested" in arrested.events and not same_subject(group, arrested)
    # 全国共有2191人 (RFI, Tokyo) is no group: 国 is not a group of people.
    tokyo = _read(FIXTURES / "tokyo-emergency" / "rfi.md")
    (doc,) = _build_docs(tokyo)
    national = next(s for q, s in zip(doc.facts.quantities, doc.subjects, strict=True) if q.text == "2191人")
    assert "group" not in national.events


def test_held_out_stories_are_scored_by_round_as_well():
    """Each round of held-out stories is scored on its own (comparable across sessions)."""
    from comparison.evaluate import ORIGINAL_ROUND, held_out_round

    assert held_out_round({"heldout": True}) == ORIGINAL_ROUND
    assert held_out_round({"heldout": True, "heldout_round": "session 22"}) == "session 22"


def test_a_corrected_outlet_or_time_is_a_new_signature():
    import dataclasses

    arts = _read(AJ, VOA)
    signature = comparison_signature(arts)
    moved = dataclasses.replace(arts[0], outlet="BBC")
    assert comparison_signature([moved, arts[1]]) != signature
