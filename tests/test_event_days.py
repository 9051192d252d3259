"""The days an article names, resolved against its publication day (clustering.event_days).
Every sentence here is invented."""

from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from clustering.event_days import EPOCH, MAX_DAYS_PER_ARTICLE, event_day_matrix, mentioned_days

TUESDAY = (date(2021, 7, 6) - EPOCH).days + 0.4  # a Tuesday, 09:36 UTC


def _days(text: str, published: float = TUESDAY) -> list[str]:
    return [str(EPOCH + timedelta(days=d)) for d in mentioned_days(text, published)]


def test_chinese_dates_weekdays_and_relative_days():
    assert _days("（某社某地6日电）某国週一（5日）宣布，7月5日起实施；昨天消息") == ["2021-07-06", "2021-07-05"]
    assert _days("上周五发生") == ["2021-07-02"]  # Friday of the previous calendar week
    assert _days("上周日发生") == ["2021-07-04"]
    assert _days("下周一开幕") == ["2021-07-12"]
    # A day of the month after the publication day is last month's; durations are no days.
    assert _days("30日举行") == ["2021-06-30"]
    assert _days("30日内完成，7日来最多") == []
    assert _days("2020年9月6日举行") == ["2020-09-06"]


def test_english_dates_weekdays_and_relative_days():
    assert _days("On Monday, July 5, the ministry said") == ["2021-07-05"]
    assert _days("on 30 June; last Friday; next Tuesday; today") == [
        "2021-06-30", "2021-07-02", "2021-07-13", "2021-07-06"]
    # A date near a year's end is read in the nearest year.
    assert _days("on Dec. 30", (date(2021, 1, 2) - EPOCH).days) == ["2020-12-30"]


def test_unknown_publication_day_names_no_day():
    assert mentioned_days("7月5日", float("nan")) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789月日号周星期一二三五六天昨今明 July Monday last next 年.", max_size=300))
def test_any_text_gives_a_bounded_set_of_days_near_publication(text):
    days = mentioned_days(text, TUESDAY)
    assert len(days) == len(set(days)) <= MAX_DAYS_PER_ARTICLE
    # Explicit years aside, every day is within about a year of publication.
    if "年" not in text:
        assert all(abs(d - TUESDAY) <= 367 for d in days)


def test_matrix_rows_line_up_with_texts():
    matrix = event_day_matrix(["7月5日", "", "周一 7月5日 7月6日"], np.array([TUESDAY, TUESDAY, np.nan]))
    assert matrix.shape[0] == 3
    assert np.diff(matrix.indptr).tolist() == [1, 0, 0]


def test_english_ordinals_and_words_around_dates():
    assert _days("on the 5th July and on July 2nd") == ["2021-07-05", "2021-07-02"]
    assert _days("version15 July") == []


def test_pair_overlap_reads_a_digest_as_naming_no_day():
    from types import SimpleNamespace

    from clustering.pair_features import _event_day_overlap

    days = event_day_matrix(["7月5日 周一", "7月5日", "7月8日", "7月8日"], np.full(4, TUESDAY))
    corpus = SimpleNamespace(event_days=days, roundup=np.array([False, False, False, True]))
    i, j = np.array([0, 0, 0]), np.array([1, 2, 3])
    jaccard, differ = _event_day_overlap(corpus, i, j)
    assert jaccard.tolist() == [1.0, 0.0, 0.0]  # 周一 is 5 July: one day each
    assert differ.tolist() == [0.0, 1.0, 0.0]  # another day; a digest names none


def test_numbered_things_and_media_named_today_are_no_days():
    assert _days("地铁5号线和3号楼") == []
    assert _days("据今日俄罗斯报道，今日上午") == ["2021-07-06"]
    assert _days("USA Today reported; today the court met") == ["2021-07-06"]
    assert _days("USA Today reported") == []


def test_a_publication_day_at_the_calendar_end_is_no_error():
    last = (date(9999, 12, 31) - EPOCH).days + 0.5
    assert mentioned_days("明天 7月5日", last) == [(date(9999, 7, 5) - EPOCH).days]


def test_chinese_relative_days_count_in_utc_plus_8():
    # 23:30 UTC on 5 July is 07:30 on 6 July in Beijing: 今天 there is 6 July.
    late = (date(2021, 7, 5) - EPOCH).days + 23.5 / 24
    assert _days("今天", late) == ["2021-07-05"]
    assert [str(EPOCH + timedelta(days=d)) for d in mentioned_days("今天", late, 8)] == ["2021-07-06"]
    matrix = event_day_matrix(["今天", "今天"], np.array([late, late]), [8, 0])
    assert matrix.indices.tolist() == [1, 0]  # columns from the earliest day named


_PIECES = ["July", "Jul.", "5", "30th", "Monday", "today", "Tomorrow", "last", "next", "Mayor", "7月5日", "周一",
           "昨天", "Xi", "x", " ", ", ", "\n", "June 3", "3 June"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_skipping_english_patterns_changes_no_day(pieces):
    """The month-name check that skips the month patterns gives the days all patterns give."""
    import clustering.event_days as event_days

    text = " ".join(pieces)
    every = event_days._EN_PATTERNS
    original = event_days._english_patterns
    try:
        event_days._english_patterns = lambda _text: every
        reference = mentioned_days(text, TUESDAY)
    finally:
        event_days._english_patterns = original
    assert mentioned_days(text, TUESDAY) == reference


def test_worker_chunks_give_the_same_matrix():
    import clustering.event_days as event_days

    texts = [f"7月{1 + k % 28}日 周{'一二三四五'[k % 5]} on July {1 + k % 30}" for k in range(event_days.CHUNK * 2 + 7)]
    days = np.full(len(texts), TUESDAY)
    one = event_day_matrix(texts, days)
    two = event_day_matrix(texts, days, n_jobs=2)
    assert one.shape == two.shape and (one != two).nnz == 0 and one.nnz > len(texts)


def test_threads_reading_days_at_once_get_their_own_rows():
    """A server's sessions read days in threads (one process, no fork): no shared state."""
    import sys
    import threading

    import clustering.event_days as event_days

    n = event_days.CHUNK * 2 + 1  # several chunks a call
    texts = {name: [f"7月{day}日"] * n for name, day in (("a", 5), ("b", 9))}
    days = np.full(n, TUESDAY)
    problems = []

    def read(name):
        for _ in range(15):
            try:
                got = event_day_matrix(texts[name], days)
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                problems.append(repr(exc))
                continue
            if got.shape != (n, 1) or got.nnz != n:
                problems.append(name)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=read, args=(name,)) for name in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not problems
