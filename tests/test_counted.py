"""counted: a number with its noun in the right form, wherever a page or a message counts."""

from counted import counted


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert counted(1, "article") == "1 article"
    assert [counted(n, "outlet") for n in (0, 2)] == ["0 outlets", "2 outlets"]
    assert counted(1, "story", "stories") == "1 story" and counted(3, "story", "stories") == "3 stories"
    assert counted(1204, "article", thousands=True) == "1,204 articles"
