"""counted: a number with its noun in the right form, wherever a page or a message counts."""

from counted import counted


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert counted(1, "article") == "1 article"
    assert [counted(n, "outlet") for n in (0, 2)] == ["0 outlets", "2 outlets"]
    assert counted(1, "story", "stories") == "1 story" and counted(3, "story", "stories") == "3 stories"
    # Thousands separated always, as the README writes counts (the dashboard's workspace line, the
    # CLI summaries and the job messages all count through here).
    assert counted(1204, "article") == "1,204 articles" and counted(2186, "article") == "2,186 articles"
    assert counted(1_000_000, "story", "stories") == "1,000,000 stories" and counted(999, "run") == "999 runs"


def test_the_command_lines_count_with_separators_too() -> None:
    from articles.ingest import IngestReport
    from clustering.changes import change_counts

    report = IngestReport(stored=2186, duplicates=1051, updated=1200, unchanged_files=2237, in_several=1024)
    assert report.counts_line() == ("2,186 new articles, 1,200 updated, 1,051 already stored, 0 rejected, "
                                    "2,237 unchanged files skipped (1,024 articles read from more than one "
                                    "file or record)")
    assert change_counts([{"kind": "new"}] * 1138 + [{"kind": "grew"}] * 1001) == "1,138 new stories, 1,001 grew"
