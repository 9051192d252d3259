"""The spellings producer: one Latin name spelled two ways by two outlets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparison import compare
from comparison.findings.spellings import (
    MAX_NAMES_PER_DOC,
    _candidate_pairs,
    _latin_names,
    _letter_apart,
    _Name,
)
from tests.comparison_helpers import article

_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=9)


@given(_words, _words)
def test_a_letter_apart_is_symmetric_and_never_the_same_word(a, b):
    assert _letter_apart(a, b) == _letter_apart(b, a)
    assert not _letter_apart(a, a)


def test_a_plural_or_demonym_ending_is_no_spelling():
    assert not _letter_apart("Syria", "Syrian") and not _letter_apart("Iraqi", "Iraqis")
    assert _letter_apart("Bern", "Berne") and not _letter_apart("Iran", "Iraq")


def test_many_names_are_read_within_a_bound():
    # 600 distinct place-like names in one article, and the same with one letter changed in another.
    names = [f"Place{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}ville" for i in range(600)]
    first = article("ma", "Outlet A", " ".join(f"They met in {n.capitalize()} on Monday." for n in names))
    second = article("mb", "Outlet B", " ".join(f"They met in {n.capitalize()}e on Monday." for n in names))
    from comparison.compare import build_context

    docs, _ctx, _notes = build_context([first, second])
    assert len(_latin_names(docs[0])) <= MAX_NAMES_PER_DOC
    spelled = [f for f in compare([first, second], use_dense=False).findings if "spelled" in f.why]
    assert len(spelled) <= MAX_NAMES_PER_DOC


@pytest.mark.parametrize(("first", "second"), [
    ("Muammar Gaddafi was killed in 2011, officials said.", "Muammar Qaddafi was killed in 2011, officials said."),
    ("Naim Qassem said on Monday the group would respond.", "Naim Kassem said on Monday the group would respond."),
    ("Ilias Vrettakos said the bank was attacked.", "Elias Vrettakos said the bank was attacked."),
])
def test_one_person_spelled_otherwise_whatever_letter_differs(first, second):
    found = compare([article("pa", "Outlet A", first), article("pb", "Outlet B", second)], use_dense=False).findings
    assert [f.kind for f in found if "spelled" in f.why] == ["framing"]


@pytest.mark.parametrize(("first", "second"), [
    ("Late on Monday, the army moved in.", "Later on Monday, the army moved in."),  # sentence openers
    ("Both sides said the talks failed.", "The talks failed, said John Booth."),
    ("Fire broke out at the plant on Monday.", "Fired workers protested at the plant on Monday."),
    ("March 3 was the day of the vote.", "Marche 3 was the day of the vote."),
    ("German officials said the plant closed.", "Officials in Germany said the plant closed."),  # country endings
    ("Americans voted on Tuesday in the election.", "Voters in the Americas voted on Tuesday."),
    ("The text was read in Arabic on Monday.", "The text came from Saudi Arabia on Monday."),
    ("Troops moved into South Korea on Monday.", "Troops moved into North Korea on Monday."),  # no person
    ("Settlers moved into the West Bank on Monday.", "Settlers moved into the East Bank on Monday."),
    # a possessive is grammar, not a spelling
    ("The servers run on Norvex's Kestrel chips.", "The servers run on Norvex Kestrel chips."),
])
def test_words_that_are_no_names_spelled_otherwise(first, second):
    found = compare([article("na", "Outlet A", first), article("nb", "Outlet B", second)], use_dense=False).findings
    assert not [f for f in found if "spelled" in f.why]


def test_candidate_pairs_grow_with_near_matches_not_with_the_square_of_the_names():
    # Twelve outlets, 300 place names each, all with one initial and one length: a story-wide
    # square would be 6.5 million pairs.
    letters = "abcdefghijklmnopqrstuvwxyz"
    docs = [SimpleNamespace(group=d) for d in range(12)]
    names = [[_Name([f"S{letters[i % 26]}{letters[i // 26 % 26]}{letters[d]}ford"], 10 * i, 10 * i + 8, False)
              for i in range(300)] for d in range(12)]
    pairs = sum(1 for _ in _candidate_pairs(docs, names))
    assert pairs <= 50 * 12 * 300


def test_two_known_places_in_other_claims_and_honorifics_are_no_spelling():
    china = article("c1", "Outlet A", "China said on Monday it would send aid to the border region.")
    chin = article("c2", "Outlet B", "Rebels in Chin state clashed with the army near Hakha on Tuesday night.")
    assert not [f for f in compare([china, chin], use_dense=False).findings if "spelled" in f.why]
    mr = article("h1", "Outlet A", "Mr Fernández said the budget would pass this week.")
    ms = article("h2", "Outlet B", "The budget will pass, said Ms Fernández on Monday.")
    assert not [f for f in compare([mr, ms], use_dense=False).findings if "spelled" in f.why]
    assert not _letter_apart("Namal", "Amal")  # a spelling keeps the first letter


def test_a_surname_after_a_title_and_a_later_mention_in_one_claim_are_compared():
    a = article("r1", "Outlet A", "Mr Raisi said on Monday that talks in Vienna would resume next week.")
    b = article("r2", "Outlet B", "Talks in Vienna will resume next week, Mr Raeisi said on Monday.")
    assert [f.kind for f in compare([a, b], use_dense=False).findings if "spelled" in f.why] == ["framing"]
    first = article("b1", "Outlet A", "Talks opened in Berne on Monday. Diplomats from Iran and America met in Berne "
                                      "for a second day of nuclear talks.")
    second = article("b2", "Outlet B", "Swiss officials welcomed the delegates. Diplomats from Iran and America met in "
                                       "Bern for a second day of nuclear talks.")
    assert [f.kind for f in compare([first, second], use_dense=False).findings if "spelled" in f.why] == ["framing"]


def test_accents_alone_are_a_spelling_hyphens_and_case_house_style():
    from comparison.findings.spellings import _accents_alone_differ

    assert _accents_alone_differ("Jovenel Moïse", "Jovenel Moise")
    assert _accents_alone_differ("Place Vendôme", "Place Vendome")
    assert not _accents_alone_differ("Díaz-Canel", "Diaz Canel")  # a hyphen too: house style
    assert not _accents_alone_differ("Diaz-Canel", "Diaz Canel")
    assert not _accents_alone_differ("Place Vendome", "place vendome")
    c = compare([article("a", "Outlet A", "Gunmen killed President Jovenel Moïse at his home on Wednesday."),
                 article("b", "Outlet B", "Gunmen killed President Jovenel Moise at his home on Wednesday.")],
                use_dense=False)
    assert [f.kind for f in c.findings if "spelled" in f.why] == ["framing"]
    c = compare([article("a", "Outlet A", "Gunmen killed President Jovenel Moise at his home on Wednesday."),
                 article("b", "Outlet B", "Gunmen killed President Jovenel MOISE at his home on Wednesday.")],
                use_dense=False)
    assert not [f for f in c.findings if "spelled" in f.why]


def test_no_spelling_where_an_outlet_writes_both_forms_or_a_name_is_inflected():
    # Outlet B also writes "Moïse": no spelling (a reviewer's catch).
    c = compare([article("a", "Outlet A", "Gunmen killed President Jovenel Moïse at his home on Wednesday.",
                         "Jovenel Moïse had ruled by decree."),
                 article("b", "Outlet B", "Gunmen killed President Jovenel Moise at his home on Wednesday.",
                         "Jovenel Moïse had ruled by decree.")], use_dense=False)
    assert not [f for f in c.findings if "spelled" in f.why]
    from comparison.findings.spellings import _spelled_alike

    # Another given name two letters apart and another first letter: two people.
    assert not _spelled_alike(["Chris", "Johnson"], ["Boris", "Johnson"])
    assert _spelled_alike(["Ilias", "Vrettakos"], ["Elias", "Vrettakos"])
    assert _spelled_alike(["Steven", "Einhorn"], ["Steve", "Einhorn"])
    # Plural, demonym and country endings are no spelling, in people's names either.
    assert not _spelled_alike(["Latin", "America"], ["Latin", "American"])
    assert not _spelled_alike(["Golden", "Globe"], ["Golden", "Globes"])
    assert not _spelled_alike(["Presidents", "Joe", "Biden"], ["President", "Joe", "Biden"])
    assert _spelled_alike(["Duncan", "Raite"], ["Duncan", "Rait"])


def test_a_common_word_in_a_name_is_no_surname_spelled_otherwise():
    from comparison.findings.spellings import _surname_alone_spelled_otherwise

    a = SimpleNamespace(article=SimpleNamespace(text="Paty was killed near his school on Friday."))
    b = SimpleNamespace(article=SimpleNamespace(text="The Communist Party met on Friday; the party said little."))
    assert not _surname_alone_spelled_otherwise(a, ["Paty"], b, ["Communist", "Party"])
    b = SimpleNamespace(article=SimpleNamespace(text="Climber Duncan Rait died on Friday."))
    a = SimpleNamespace(article=SimpleNamespace(text="Rescuers tried to reach Raite on Friday."))
    assert _surname_alone_spelled_otherwise(a, ["Raite"], b, ["Duncan", "Rait"])
