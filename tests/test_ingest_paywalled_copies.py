"""A later copy that is a truncation of the stored article (a paywalled copy: its opening
paragraphs, about three quarters of the text, then a teaser cut or a "subscribe" line) never
replaces the whole stored text, whatever its time; the summary says so in its own counted line.
A correction that keeps most of the text still replaces it. All inputs are made up."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from articles import ingest
from articles.versions import is_cut_down
from store.sqlite import Store

URL = "https://wire.example.org/dam"
BASE = datetime(2021, 2, 1, 6, tzinfo=UTC)
PARAGRAPHS = [
    "Engineers opened the made-up dam's spillway on Monday after a week of heavy rain upstream.",
    "The river rose by two metres in the valley below, and three villages were told to leave.",
    "Officials said about 4,000 people had moved to schools and halls on higher ground by night.",
    "The regional weather office expects more rain on Wednesday and warned of landslides.",
]
WHOLE = "\n".join(PARAGRAPHS)


def _deliver(folder: Path, n: int, text: str, published: datetime) -> Path:
    record = {"title": "Dam spillway opened", "outlet": "Example Wire", "url": URL,
              "date": published.isoformat().replace("+00:00", "Z"), "text": text}
    path = folder / f"d{n:02d}.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    os.utime(path, (1_612_159_200 + 60 * n,) * 2)
    return path


PAYWALLED = [
    # The first three paragraphs, then the wall's line: about 75% of the text.
    "\n".join(PARAGRAPHS[:3]) + "\nSubscribe to continue reading.",
    # The third paragraph cut mid-way by a teaser, with its "read more".
    "\n".join(PARAGRAPHS[:2]) + "\nOfficials said about 4,000 people had moved to schools and halls… Read more",
    # A Chinese wall's line.
    "\n".join(PARAGRAPHS[:3]) + "\n订阅后阅读全文",
    # Paragraphs of it with one skipped (a photo's paragraph), the last one cut.
    "\n".join([PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3][:40]]),
]


def test_a_paywalled_copy_stamped_later_keeps_the_whole_stored_text(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        first = _deliver(tmp_path, 0, WHOLE, BASE)
        ingest([first], store)
        for n, text in enumerate(PAYWALLED, start=1):
            later = _deliver(tmp_path, n, text, BASE + timedelta(hours=n))  # later by its own time too
            report = ingest([later], store)
            (stored,) = store.articles()
            assert (stored.text, stored.published) == (WHOLE, BASE), text
            assert (report.updated, report.changed_kept, report.cut_kept) == (0, 1, 1)
            head, named = report.summary().splitlines()[1:]
            assert head == ("1 article read as a cut-down copy (an excerpt, a summary, a paywalled or teaser copy) "
                            "of the stored text: the whole text kept as stored:")
            assert named.startswith(f'  "Dam spillway opened": {later}; also in {first}')


def test_a_correction_keeping_most_of_the_text_still_replaces_it(tmp_path: Path) -> None:
    corrected = WHOLE.replace("about 4,000", "about 5,000")
    shorter = "\n".join(PARAGRAPHS[:3]).replace("two metres", "three metres")  # a paragraph dropped too
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 0, WHOLE, BASE)], store)
        for n, text in enumerate((corrected, shorter), start=1):
            report = ingest([_deliver(tmp_path, n, text, BASE + timedelta(hours=n))], store)
            assert (report.updated, report.cut_kept) == (1, 0)
            (stored,) = store.articles()
            assert stored.text == text


# A stored text of made-up paragraphs, and how a copy of it is cut.
_PARAGRAPH = st.text(alphabet="abcdefgh ,", min_size=30, max_size=90).map(lambda t: "P " + " ".join(t.split()) + ".")
_MARKS = st.sampled_from(["", "…", "...", " Read more", "\nSubscribe to continue reading.", "\n[Subscribers only]",
                          "\n登录后继续阅读"])


@given(paragraphs=st.lists(_PARAGRAPH, min_size=2, max_size=8, unique=True), data=st.data())
def test_a_copy_of_leading_paragraphs_with_a_cut_mark_is_cut_down(paragraphs: list[str], data) -> None:
    stored = "\n".join(paragraphs)
    kept = data.draw(st.integers(1, len(paragraphs) - 1))
    cut_at = data.draw(st.integers(10, len(paragraphs[kept - 1])))
    copy = "\n".join([*paragraphs[:kept - 1], paragraphs[kept - 1][:cut_at]]) + data.draw(_MARKS)
    assert is_cut_down(copy, stored)
    assert not is_cut_down(stored, stored)


@given(paragraphs=st.lists(_PARAGRAPH, min_size=2, max_size=8, unique=True), data=st.data())
def test_a_copy_changing_a_kept_word_is_no_cut_unless_far_shorter(paragraphs: list[str], data) -> None:
    stored = "\n".join(paragraphs)
    n = data.draw(st.integers(0, len(paragraphs) - 1))
    changed = [*paragraphs[:n], paragraphs[n].replace("P ", "Q ", 1), *paragraphs[n + 1:]]
    copy = "\n".join(changed[:data.draw(st.integers(n + 1, len(paragraphs)))])
    assert is_cut_down(copy, stored) == (len(" ".join(copy.split())) < 0.7 * len(" ".join(stored.split())))


def test_a_correction_of_a_last_sentence_naming_a_subscription_is_no_cut() -> None:
    """A paywall word in the article's own last sentence (subscription fees, 付费) set the
    corrected sentence aside as a wall's line, and the correction was kept out as a cut copy."""
    head = "\n".join(PARAGRAPHS[:3])
    for stored_last, corrected_last in (
            ("The operator said it would raise subscription fees by 10% next year.",
             "The operator said it would raise subscription fees by 12% next year."),
            ("The utility now has 200 million subscribers.", "The utility now has 209 million subscribers."),
            ("该平台基础功能免费，高级功能每月付费30元。", "该平台基础功能免费，高级功能每月付费25元。")):
        assert not is_cut_down(f"{head}\n{corrected_last}", f"{head}\n{stored_last}"), corrected_last
    # A wall's own line after the same text is still one.
    assert is_cut_down(f"{head}\nSubscribe to continue reading.", f"{head}\n{PARAGRAPHS[3]}")


_WALL_WORDS = st.sampled_from(["subscription", "subscribers", "read more", "付费", "订阅", "会员专享"])


@given(paragraphs=st.lists(_PARAGRAPH, min_size=2, max_size=6, unique=True), word=_WALL_WORDS,
       old=st.integers(1, 999), new=st.integers(1, 999), data=st.data())
def test_a_changed_figure_after_a_wall_word_in_the_last_paragraph_is_no_cut(
        paragraphs: list[str], word: str, old: int, new: int, data) -> None:
    if old == new:
        return
    opening = data.draw(st.sampled_from(["The fees for ", "Figures: ", "P abc "]))
    stored = "\n".join([*paragraphs, f"{opening}{word} rose by {old} this year."])
    copy = "\n".join([*paragraphs, f"{opening}{word} rose by {new} this year."])
    assert not is_cut_down(copy, stored)
