"""A copy of a stored article delivered in a later file (an hourly RSS file with a corrected item,
a JSON Lines drop re-sending a corrected record) replaces the stored text when it is the newer
version and not a cut-down copy of it; an older copy, or a truncated one, keeps the stored text
(with the "kept as stored" note). Two records of one article in one file are one counted line.
All inputs are made up."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import ingest
from store.sqlite import Store
from tests.test_ingest_identity import rss, rss_item, write

URL = "https://wire.example.org/flood"
BASE = datetime(2021, 1, 25, 8, tzinfo=UTC)


def _record(version: int, published: datetime, text: str | None = None) -> dict:
    return {"title": f"Flood toll rises to {version + 3}", "outlet": "Example Wire", "url": URL,
            "date": published.isoformat().replace("+00:00", "Z"), "text": text or _text(version)}


def _text(version: int) -> str:
    return (f"The flood killed {version + 3} people in the lower town, officials said on Monday.\n"
            "Rescue teams searched the river banks through the night and found more survivors.")


def _deliver(folder: Path, n: int, records: list[dict]) -> Path:
    """Delivery ``n``: a new file, modified ``n`` minutes after the first one."""
    path = folder / f"d{n:02d}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    stamp = 1_611_561_600 + 60 * n
    os.utime(path, (stamp, stamp))
    return path


def _only(store: Store):
    (article,) = store.articles()
    return article


def test_a_corrected_record_in_a_later_file_replaces_the_stored_one(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 0, [_record(0, BASE)])], store)
        first = _only(store)
        later = _deliver(tmp_path, 1, [_record(1, BASE)])  # same time: the later file is the newer
        report = ingest([later], store)
        assert (report.updated, report.changed_kept, report.stored) == (1, 0, 0)
        assert report.updated_named == [("Flood toll rises to 4", str(later))]
        stored = _only(store)
        assert (stored.id, stored.title, stored.text) == (first.id, "Flood toll rises to 4", _text(1))


def test_a_corrected_rss_item_in_a_new_file_replaces_the_stored_one(tmp_path: Path) -> None:
    hour8 = write(tmp_path / "h08-wire.rss", rss([rss_item(1, "Blast kills 12", "Twelve people died.")]))
    hour12 = write(tmp_path / "h12-wire.rss", rss([rss_item(1, "Blast kills 16", "Sixteen people died.")]),
                   later_by_s=4 * 3600)
    with Store(tmp_path / "p.db") as store:
        ingest([hour8], store)
        report = ingest([hour12], store)
        assert (report.updated, report.changed_kept) == (1, 0)
        assert (_only(store).title, _only(store).paragraphs) == ("Blast kills 16", ["Sixteen people died."])


def test_a_cut_down_later_copy_keeps_the_stored_text(tmp_path: Path) -> None:
    whole = _text(0)
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 0, [_record(0, BASE)])], store)
        cut = _deliver(tmp_path, 1, [_record(0, BASE, whole[:100])])  # an archive's copy cut short
        ellipsis = _deliver(tmp_path, 2, [_record(0, BASE, "The flood killed 3 people in the lower town…")])
        summary = _deliver(tmp_path, 3, [_record(0, BASE, "Three people died in a flood in the lower town.")])
        for path in (cut, ellipsis, summary):
            report = ingest([path], store)
            assert (report.updated, report.changed_kept) == (0, 1)
            assert "read as a cut-down copy (an excerpt, a summary, a paywalled or teaser copy)" in report.summary()
        assert _only(store).text == whole


def test_an_older_copy_in_a_later_file_keeps_the_stored_text(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 0, [_record(1, BASE)])], store)
        report = ingest([_deliver(tmp_path, 1, [_record(0, BASE - timedelta(hours=2))])], store)
        assert (report.updated, report.changed_kept) == (0, 1)
        assert _only(store).text == _text(1)


def test_a_re_fetch_stamped_later_keeps_the_stored_copy_and_its_time(tmp_path: Path) -> None:
    # (A source that re-fetches its articles gives the same report with a later time.)
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 0, [_record(0, BASE)])], store)
        report = ingest([_deliver(tmp_path, 1, [_record(0, BASE + timedelta(hours=14))])], store)
        assert report.updated == 0
        assert (_only(store).text, _only(store).published) == (_text(0), BASE)


def test_an_earlier_delivered_file_does_not_overrule_a_later_one(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        ingest([_deliver(tmp_path, 5, [_record(1, BASE)])], store)
        report = ingest([_deliver(tmp_path, 1, [_record(0, BASE)])], store)  # delivered before it
        assert (report.updated, report.changed_kept) == (0, 1)
        assert _only(store).text == _text(1)


def test_two_records_of_one_file_are_one_counted_line(tmp_path: Path) -> None:
    path = _deliver(tmp_path, 0, [_record(0, BASE), _record(1, BASE),
                                  {**_record(0, BASE), "url": URL + "2"}, {**_record(1, BASE), "url": URL + "2"}])
    with Store(tmp_path / "p.db") as store:
        report = ingest([path], store)
        assert (report.changed_kept, report.repeated_in_file) == (0, 2)
        assert report.summary().splitlines()[1:] == [
            "2 articles held twice in one file, reading otherwise: the first record kept"]


# One made-up article's deliveries: each step a new file, ingested on its own (an hourly run).
STEPS = st.lists(st.one_of(
    st.tuples(st.just("corrected"), st.integers(0, 2)),  # a new version, 0-2 hours later
    st.tuples(st.just("truncated"), st.floats(0.05, 0.999), st.booleans()),  # the stored text cut
    st.tuples(st.just("summary"), st.integers(0, 2)),  # a feed's short summary of the stored text
    st.tuples(st.just("older"), st.integers(0, 10)),  # an older version again
    st.tuples(st.just("re-fetched"), st.integers(1, 20)),  # the stored version, stamped later
), min_size=1, max_size=7)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_the_stored_text_is_the_newest_complete_version(steps: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "p.db") as store:
        versions = [(BASE, 0)]  # (record time, version) of each version delivered whole
        newest = (BASE, 0, 0)  # (record time, delivery, version) of the newest whole copy
        ingest([_deliver(Path(folder), 0, [_record(0, BASE)])], store)
        first_id = _only(store).id
        for n, step in enumerate(steps, start=1):
            when, _, version = newest
            if step[0] == "corrected":
                version, when = len(versions), when + timedelta(hours=step[1])
                versions.append((when, version))
                newest, record = (when, n, version), _record(version, when)
            elif step[0] == "truncated":
                cut = _text(version)[:max(1, int(len(_text(version)) * step[1]))]
                record = _record(version, when, cut + ("…" if step[2] else ""))
            elif step[0] == "re-fetched":
                record = _record(version, when + timedelta(hours=step[1]))
            elif step[0] == "summary":
                record = _record(version, when, f"{version + 3} dead in flood." + " More to come." * step[1])
            else:
                older = [v for v in versions if v[0] < when]
                if not older:
                    continue
                when, version = older[step[1] % len(older)]
                record = _record(version, when)
            ingest([_deliver(Path(folder), n, [record])], store)
            stored = _only(store)  # nothing stored twice
            assert (stored.id, stored.text, stored.published) == (first_id, _text(newest[2]), newest[0])


def test_a_cut_copy_whose_stored_file_is_gone_is_named_not_counted_as_held_twice(tmp_path: Path) -> None:
    # Hourly folders rotated away: the file the stored copy came from is deleted, and a later
    # file's cut-down copy is kept as stored. That is no record held twice in one file.
    first = _deliver(tmp_path, 0, [_record(0, BASE)])
    with Store(tmp_path / "p.db") as store:
        ingest([first], store)
        first.unlink()
        cut = _deliver(tmp_path, 1, [_record(0, BASE, _text(0)[:60])])
        report = ingest([cut], store)
        assert (report.updated, report.repeated_in_file, report.changed_kept) == (0, 0, 1)
        assert "held twice in one file" not in report.summary()
        assert str(first) in report.summary()
        assert _only(store).text == _text(0)


def test_a_later_copy_adding_nothing_keeps_the_stored_captions_and_time(tmp_path: Path) -> None:
    # A feed item with a captioned photo, then a JSON Lines export of the same report (a record
    # carries no captions; its paragraphs split otherwise), stamped an hour later: it adds
    # nothing, so the captions and the time stored stay (a worse copy never replaces).
    body = ("&lt;p&gt;Sixteen people died in the blast.&lt;/p&gt;&lt;p&gt;Police closed the road.&lt;/p&gt;"
            "&lt;figure&gt;&lt;figcaption&gt;The road after the blast.&lt;/figcaption&gt;&lt;/figure&gt;")
    feed = write(tmp_path / "h10-wire.rss", rss([rss_item(1, "Blast kills 16", body)]))
    record = {"title": "Blast kills 16", "outlet": "Example Wire", "url": "https://wire.example.org/news/1",
              "date": "2015-01-05T11:00:00Z", "text": "Sixteen people died in the blast. Police closed the road."}
    export = write(tmp_path / "export.jsonl", json.dumps(record) + "\n", later_by_s=3600)
    with Store(tmp_path / "p.db") as store:
        ingest([feed], store)
        before = _only(store)
        assert before.captions == ["The road after the blast."]
        report = ingest([export], store)
        assert report.updated == 0
        assert (_only(store).captions, _only(store).published) == (before.captions, before.published)


def test_a_newer_copy_read_after_an_older_one_in_the_same_run_replaces_it(tmp_path: Path) -> None:
    # One hour's folder holds two files with the article: the first (by name) re-sends the stored
    # version, the second the corrected one, stamped later. Which wins must not depend on the
    # files' names, and the correction is not lost (neither file is read again: both unchanged).
    for order in ((0, 1), (1, 0)):
        folder = tmp_path / f"order{order[0]}"
        folder.mkdir()
        with Store(folder / "p.db") as store:
            ingest([_deliver(folder, 0, [_record(0, BASE)])], store)
            hour = folder / "h01"
            hour.mkdir()
            copies = [_record(0, BASE), _record(1, BASE + timedelta(hours=2))]
            for name, version in zip(("a", "b"), order, strict=True):
                (hour / f"{name}.jsonl").write_text(json.dumps(copies[version]) + "\n", "utf-8")
            report = ingest([hour], store)
            assert report.updated == 1, order
            assert (_only(store).text, _only(store).published) == (_text(1), BASE + timedelta(hours=2))
            assert ingest([hour], store).updated == 0
