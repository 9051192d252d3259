"""English readings of session 43 (helper h43a), on made-up sentences: names and places. An adverb
that may open a clause also opens a body's name (Later Life Trust); a name that names a country or
a continent is that country or continent, never also a small town of that name; a country's name
opening a place's name (Turkey Hill) or a compound noun (guinea pigs) is no country; a possessive
after a sentence-opening "In" is no place."""

from __future__ import annotations

import pytest

from comparison.extract_en import extract_entities_en
from comparison.slots import extract_attributions


def _voices(text: str) -> list[tuple[str, str]]:
    return [(a.who, a.kind) for a in extract_attributions(text, text, True)]


def _names(text: str) -> list[str]:
    return [e.text for e in extract_entities_en(text)]


def test_an_adverb_opening_a_bodys_name_is_part_of_it() -> None:
    # were "Life Trust", "Generation Fund", "Home Foundation", "Waters Inc"
    assert _voices("Later Life Trust said two men died.") == [("Later Life Trust", "organization")]
    assert _voices("Next Generation Fund said it would act.") == [("Next Generation Fund", "organization")]
    assert _voices("Finally Home Foundation said it would act.") == [("Finally Home Foundation", "organization")]
    assert _voices("Still Waters Inc said it would act.") == [("Still Waters Inc", "organization")]
    assert _names("Later Life Trust said two men died.") == ["Later Life Trust"]
    assert _names("Finally Home Foundation said it would act.") == ["Finally Home Foundation"]
    # inside a sentence it was always whole
    assert _names("A grant from Later Life Trust arrived.") == ["Later Life Trust"]


def test_an_adverb_opening_a_clause_is_still_no_part_of_a_name() -> None:
    # before a comma, a lower-case word or a determiner: a clause's adverb, as before
    assert _voices("Later, the police said two men died.") == [("the police", "official")]
    assert _voices("Later the police said two men died.") == [("the police", "official")]
    assert _voices("Next the army declared a state of emergency.") == [("the army", "official")]
    # a body named after a place the gazetteer knows: the adverb opens the clause
    assert _voices("Later London Council said two men died.") == [("London Council", "official")]
    assert [e.text for e in extract_entities_en("Fires hit Elmford. Later Elmford City won.")] == [
        "Elmford", "Elmford City"]
    # an adverb that only links clauses never opens a name
    assert _voices("Also Life Trust said it would act.") == [("Life Trust", "organization")]
    assert _voices("Meanwhile Life Trust said it would act.") == [("Life Trust", "organization")]
    assert _voices("Then Life Trust said it would act.") == [("Life Trust", "organization")]
    # a person after the adverb: no body's name
    assert _names("Later Anna Berg said two men died.") == ["Anna Berg"]


def test_a_name_of_a_country_or_a_continent_names_no_town_as_well() -> None:
    from comparison.findings.attribution import _names_same_state
    from geo.places import containers, ids_of_key, ids_of_name, latin_places

    # were also GeoNames' towns: Asia in the Philippines, Jordan in Hong Kong, Mexico in the
    # Philippines, Colombia in Cuba; 新加坡 the city too
    assert ids_of_name("Asia") == ["R:AS"]
    assert ids_of_name("Jordan") == ["C:JO"]
    assert ids_of_name("Lebanon") == ["C:LB"]
    assert ids_of_key("新加坡") == {"C:SG"}
    assert "C:PH" not in containers(latin_places("Mexico"))
    # so a place of one state is no other state's
    assert not _names_same_state("Hong Kong", "Jordan's foreign ministry")
    assert not _names_same_state("Cuba", "Colombia's president")
    assert not _names_same_state("the Philippines", "Asia's top diplomat")
    # a US state of a country's name stays both; a town of no country's name stays
    assert set(ids_of_name("Georgia")) == {"C:GE", "S:US-GA"}
    assert ids_of_name("London")


def test_a_countrys_name_opening_a_features_name_or_a_compound_noun_is_no_country() -> None:
    from comparison.findings.attribution import _names_same_state
    from geo.places import latin_places

    # were Turkey, China, Guinea
    assert latin_places("Smoke rose over Turkey Hill on Monday.") == set()
    assert latin_places("Turkey Point Road was closed.") == set()
    assert latin_places("China Beach was closed.") == set()
    assert latin_places("Guinea pigs were found in the house.") == set()
    assert latin_places("Guinea pig owners met.") == set()
    assert latin_places("Turkey sandwiches were sold.") == set()
    assert not _names_same_state("Turkey", "Turkey Hill residents")
    assert _names("Guinea pigs were found. Troops in Guinea left.") == ["Guinea"]
    # the country still, before a verb, a possessive, a hyphen or another name
    assert latin_places("Guinea said 12 people died.") == {"C:GN"}
    assert latin_places("Turkey has said 12 people died.") == {"C:TR"}
    assert latin_places("Flights from Turkey Monday were cut.") == {"C:TR"}
    assert _voices("Turkey said 12 people died.") == [("Turkey", "official")]
    assert _voices("Turkey's president said 12 people died.") == [("Turkey's president", "official")]
    assert _names_same_state("Turkey", "Turkey's foreign ministry")
    assert _names_same_state("Turkey", "Turkish officials")
    assert _names("Guinea said 12 died. Troops in Guinea left.") == ["Guinea", "Guinea"]
    assert "Turkey-Syria" in _names("Fighting spread along the Turkey-Syria border.")


def _place_keys(text: str) -> list[str]:
    from comparison import docs as docs_module
    from tests.comparison_helpers import article

    doc = docs_module.build_docs([article("pa", "Outlet A", "A report from the valley.", text)])[0]
    return [k for _s, _e, k in docs_module.place_keys(doc)]


# Place keys read from one sentence: (sentence, keys). Desk trials on Economist articles (4-5 Aug,
# 4 Nov 2020, 24 Mar 2021) found the first groups read as places; the rest stay places.
PLACE_CASES = [
    # a possessive after in/at is no place (were "smith's", "anna berg's", "smith")
    ("In Smith's view, the toll of 40 was too low.", []),
    ("In Anna Berg's words, 40 people died.", []),
    ("In Smith’s opinion 40 died.", []),
    ("At Smith's home, 40 people gathered.", []),
    ("Police in Smith's home town said 40 died.", []),
    # a month, or an unknown adjective of a people before a noun, is no place (were april,
    # september, jewish, lebanese, ethiopian)
    ("In an economic plan released in April, 40 firms closed.", []),
    ("Fighting began in September; 40 people died.", []),
    ("Relations with the Jewish state thawed as 40 ships sailed.", []),
    ("The blast shook the Lebanese capital, killing 40.", []),
    ("Jets flew in Ethiopian airspace; 40 people died.", []),
    # places still: no possessive, a known place in the possessive, a level word after the name
    ("In Riverton, 40 people died.", ["en:riverton"]),
    ("Officials in Riverton said 40 people died.", ["en:riverton"]),
    ("In Texas's capital 40 people died.", ["en:texas's"]),
    ("Floods in Riverton county killed 40.", ["en:riverton"]),
    ("Officials in Dalian said 40 people died.", ["en:dalian"]),
    # a pinyin name ending in -ian the gazetteer lacks, with no noun after it (were no places
    # after the adjective rule; they were before it)
    ("Floods in Fujian killed 40 people.", ["en:fujian"]),
    ("Officials in Hengxian said 40 people died.", ["en:hengxian"]),
    ("Floods hit Fujian province, killing 40.", ["en:fujian"]),
    ("In Fujian, 40 people died.", ["en:fujian"]),
]


@pytest.mark.parametrize(("text", "keys"), PLACE_CASES)
def test_place_keys_of_possessives_months_adjectives_and_pinyin_names(text: str, keys: list[str]) -> None:
    assert _place_keys(text) == keys


def test_a_voice_holds_a_curly_apostrophe_and_ends_at_its_pronoun() -> None:
    # desk trial (Economist, 4 Nov 2020): were "s government", "s state broadcaster"
    assert _voices("Elmland’s government said 12 people died.") == [("Elmland’s government", "official")]
    assert _voices("Later, Elmland’s state broadcaster said 12 people died.") == [
        ("Elmland’s state broadcaster", "agency")]
    assert _voices("Turkey’s president said 12 people died.") == [("Turkey’s president", "official")]
    assert _voices("Elmland's government said 12 people died.") == [("Elmland's government", "official")]
    # was the voice "In a television address he", an agency
    assert _voices("In a television address he said 12 people died.") == []
    assert _voices("On Monday the ministry said 12 people died.") == [("the ministry", "official")]


def test_a_place_or_a_feature_shaped_like_a_persons_name_is_no_person() -> None:
    # desk trial (Economist, 4 Nov 2020, 24-25 Mar 2021): were persons
    def kinds(text: str) -> dict[str, str]:
        return {e.text: e.kind for e in extract_entities_en(text)}

    assert kinds("Troops reached Addis Ababa on Monday.")["Addis Ababa"] == "NAME"
    assert kinds("Ships sailed to the United Arab Emirates.")["United Arab Emirates"] == "NAME"
    assert kinds("Ships sailed round Cape Horn.")["Cape Horn"] == "NAME"
    assert kinds("A ship blocked the Suez Canal.")["Suez Canal"] == "NAME"
    assert kinds("Crowds filled Elmford Square.")["Elmford Square"] == "NAME"
    assert kinds("A report by Amnesty International came out.")["Amnesty International"] == "ORG"
    # a feature word that is a common surname still ends a person's name
    assert kinds("A report by Anna Hill came out.")["Anna Hill"] == "PER"
    assert kinds("A report by Tom Wood came out.")["Tom Wood"] == "PER"
    assert kinds("A report by Anna Berg came out.")["Anna Berg"] == "PER"


def test_a_large_feature_a_countrys_name_opens_still_names_the_country() -> None:
    from geo.places import latin_places

    assert "C:JO" in latin_places("Troops crossed the Jordan River.")
    assert "C:PA" in latin_places("Ships queued at the Panama Canal.")
    assert latin_places("Boats gathered at Jordan Street.") == set()


def test_an_adverb_that_is_no_adjective_opens_no_name() -> None:
    # focus particles, sentence adverbs and days qualify the clause or the name after them (were
    # "Only Toyota Motor Corp", "Now Delta Air Lines", "Yesterday Acme Holdings" ...)
    assert _names("Only Toyota Motor Corp reported a profit.") == ["Toyota Motor Corp"]
    assert _names("Even Goldman Sachs Group said it would act.") == ["Goldman Sachs Group"]
    assert _names("Yesterday Acme Holdings said it would act.") == ["Acme Holdings"]
    assert _names("Perhaps Acme Holdings will act.") == ["Acme Holdings"]
    assert _voices("Now Delta Air Lines said it would act.") == [("Delta Air Lines", "organization")]
    # an adverb before a weekday or a month opens the clause's time, no name
    assert not _names("Later Tuesday Acme Corp said it would act.")[0].startswith("Later")
    assert _voices("Later Tuesday Acme Corp said it would act.") == [("Acme Corp", "organization")]
    # adverbs that are adjectives too still open names
    assert _names("Early Years Trust said it would act.") == ["Early Years Trust"]


def test_a_possessive_before_a_verb_form_is_no_voice() -> None:
    # "stated", "reported" after a possessive are adjectives of the thing possessed (was the voice
    # "Mr Reyes's", and "Mr Reyes’s" once the curly apostrophe was read into voices)
    assert _voices("Mr Reyes's stated ambition is to build a world.") == []
    assert _voices("Mr Reyes’s stated ambition is to build a world.") == []
    assert _voices("Mr Reyes’s reported remarks angered many.") == []
    assert _voices("Elmland’s government said 12 people died.") == [("Elmland’s government", "official")]
