"""Which known places a text names, in any script: the same place id for 喀布尔 and Kabul.

Read-only reference data (``geo/gazetteer.json.gz``: continents and countries from the Unicode
CLDR in Chinese and English, with GeoNames' English country names, the United Kingdom's four countries, cities of 15,000 people or more from GeoNames with their Chinese names,
China's administrative divisions; origin and licences in ``geo/README.md``), loaded once per
process and shared by every session and thread: nothing in it changes after loading.

:func:`named_places` finds names by longest match: in Chinese, over runs of Han characters
(keys of two characters only when they name a country or a province, so 沿海地区 does not
read as 海地); in English, over runs of capitalized words.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "gazetteer.json.gz"
_LOCK = threading.Lock()
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]+")
# A run of capitalized words (New York, Port-au-Prince, the United States), joined by spaces,
# hyphens or "of"/"au"/"de" particles, or "and" (Trinidad and Tobago, Bosnia and Herzegovina: a
# name is never read to or from the "and" itself, so "Russia and China" stays two names).
_CAPITALIZED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|au|al|el|and)\s+)?[A-Z][\w'’.-]*)*")
MAX_HAN = 8  # longest Chinese key tried (乌鲁木齐, 吉尔吉斯斯坦, 哈萨克斯坦 fit; longer official names rarely appear)
MAX_WORDS = 4


def name_key(name: str) -> str:
    """The lookup form of a place name: case and accents folded, a leading "the" and inner
    spaces and dots dropped (the U.S., U.S. and US are one key). Chinese keys are in
    Simplified script; callers convert."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    if text.startswith("the "):
        text = text[4:]
    return "".join(c for c in text if c not in " .-'’")


# The kinds of id of a town or a district (build_gazetteer: G a GeoNames city, D a Chinese county).
_TOWN_KINDS = ("G:", "D:")


def _larger_place_wins(ids: list[str]) -> list[str]:
    """The places a name names, without the towns of a name that also names a country or a
    continent: a name a country or a continent bears is read as that (Asia, not also GeoNames' town
    of Asia in the Philippines; Jordan, Armenia, Lebanon, Mexico, 黑山: not also a town of Colombia, a
    city of Ohio, a county of Liaoning), the way the press writes it; a country's city or district
    of the same name (Singapore, 香港) lies inside it. A US state of a country's name stays
    (Georgia: both, one as likely as the other)."""
    if len(ids) < 2 or not _larger_than_town(ids):
        return ids
    return [i for i in ids if not i.startswith(_TOWN_KINDS)]


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, str | None], dict[str, list[str]], frozenset[str]]:
    with _LOCK, gzip.open(DEFAULT_PATH, "rt", encoding="utf-8") as f:
        data = json.load(f)
    names: dict[str, list[str]] = {k: _larger_place_wins(ids) for k, ids in data["names"].items()}
    # Two Han characters name too much by chance (海地 in 沿海地区, 中山 in 中山大学 is fine but
    # 东区 is in 以东区域): keep them only for countries and provinces.
    short_ok = frozenset(k for k, ids in names.items()
                         if len(k) == 2 and any(i.startswith(("C:", "P:")) for i in ids))
    return data["parent"], names, short_ok


def _han_places(run: str, out: set[str]) -> None:
    _, names, _ = _data()
    for key in _han_keys(run):
        out.update(names[key])


def _han_keys(run: str) -> list[str]:
    """The place names a run of Han characters holds, by longest match from the left."""
    _, names, short_ok = _data()
    found = []
    at = 0
    while at < len(run) - 1:
        for length in range(min(MAX_HAN, len(run) - at), 1, -1):
            key = run[at:at + length]
            if key in names and (length > 2 or key in short_ok):
                found.append(key)
                at += length
                break
        else:
            at += 1
    return found


def han_place_keys(text: str) -> list[tuple[int, str]]:
    """The Chinese place names (Simplified) ``text`` holds, as :func:`named_places` reads them, in
    order, each with where it starts (河南新乡市应急管理局: (0, 河南), (2, 新乡市)): names inside a body's
    name too."""
    found = []
    for m in _HAN_RUN.finditer(text):
        at = m.start()
        for key in _han_keys(m.group()):
            at = text.index(key, at)
            found.append((at, key))
            at += len(key)
    return found


# The English generic words of a named feature, natural or built, written after its name (the
# generic terms of the US Board on Geographic Names' feature classes and of street addresses).
# Local ones (LOCAL_FEATURE_WORDS_EN): "Turkey Hill", "China Beach", "Jordan Street" name a hill, a
# beach, a street, not the country whose name opens them (:func:`_latin_places`). Not so a large
# feature a country's name opens, often the country's own (Jordan River, Jordan Valley, Taiwan
# Strait, the South China Sea, Panama Canal): that name still names the country too.
LOCAL_FEATURE_WORDS_EN = frozenset("""
Hill Hills Mount Peak Ridge Canyon Gorge Point Creek Brook Pond Beach Harbor Harbour Springs Falls Cove Heights
Park Woods Wood Glen Meadow Meadows Reservoir Dam Street Road Avenue Lane Drive Boulevard Way Square Bridge Station
Airport Highway Trail Plaza Gardens Run Hollow Ranch Farm Estate
""".split())
FEATURE_WORDS_EN = LOCAL_FEATURE_WORDS_EN | frozenset("""
Mountain Mountains Valley River Lake Lakes Bay Island Islands Forest Canal Sea Ocean Strait Desert
""".split())
# Feature words that are also common English surnames (Anna Hill, Tom Wood, Ricki Lake): a name ending
# in one may be a person's; the others end no person's name (Suez Canal, Sassine Square, Cape Horn).
FEATURE_SURNAMES_EN = frozenset("""
Hill Hills Wood Woods Brook Park Lane Glen Meadow Meadows Way Lake Forest Ridge Pond Hollow Farm Estate Run Ranch
Bridge Falls Springs Point Drive
""".split())
# Feature words that open a place's name and never a person's (Cape Horn, Mount Kenya, Lake Tana,
# Port Sudan, Fort Worth).
FEATURE_OPENING_WORDS_EN = frozenset("Cape Mount Lake Fort Port Isle Gulf".split())
# Lower-case nouns that make a compound noun with a country's name written before them (guinea pigs,
# turkey sandwiches, china plates, chile peppers): the common noun, no country, where a sentence's
# capital gives it the country's spelling ("Guinea pigs were found").
COMMON_NOUN_COMPOUNDS_EN = {
    "guinea": frozenset("pig pigs fowl fowls hen hens worm worms".split()),
    "turkey": frozenset("vulture vultures sandwich sandwiches burger burgers breast breasts dinner dinners "
                        "drumstick drumsticks".split()),
    "china": frozenset("plate plates cup cups cabinet cabinets doll dolls clay shop".split()),
    "chile": frozenset("pepper peppers powder".split()),
}
_AFTER_REACH = 24  # the text after a run read for a compound's noun (a space or two and one word)
_NEXT_WORD = re.compile(r"[\s-]+([a-z]+)")


def _larger_than_town(ids: list[str]) -> bool:
    return any(i.startswith(("C:", "R:")) for i in ids)


def _latin_places(run: str, out: set[str], after: str = "") -> None:
    """The places a capitalized run names, by longest match from the left; ``after``: the text right
    after the run. A country's or a continent's name is no place when a feature word follows it in
    the run (Turkey Hill, China Beach: :data:`LOCAL_FEATURE_WORDS_EN`) or, ending the run, a lower-case
    noun of a compound follows it (Guinea pigs: :data:`COMMON_NOUN_COMPOUNDS_EN`)."""
    _, names, _ = _data()
    words = run.split()
    at = 0
    while at < len(words):
        for length in range(min(MAX_WORDS, len(words) - at), 0, -1):
            if "and" in (words[at], words[at + length - 1]):
                continue  # ("Pearl and" is no Pearland)
            key = name_key(" ".join(words[at:at + length]))
            if len(key) >= 3 and key in names:
                end = at + length
                if not (_larger_than_town(names[key]) and (
                        end < len(words) and words[end].rstrip(".") in LOCAL_FEATURE_WORDS_EN
                        or end == len(words) and compound_noun_after(key, after))):
                    out.update(names[key])
                at += length
                break
        else:
            at += 1


def compound_noun_after(key: str, after: str) -> bool:
    """Does a lower-case noun making a compound with the name ``key`` follow it (guinea pigs)?"""
    nouns = COMMON_NOUN_COMPOUNDS_EN.get(key)
    m = _NEXT_WORD.match(after) if nouns else None
    return bool(m and m.group(1) in nouns)


def han_place_names() -> list[tuple[str, list[str]]]:
    """Every Chinese (Simplified) name :func:`named_places` reads, with its place ids: names of
    three or more characters, and of two when they name a country or a province."""
    _, names, short_ok = _data()
    return [(k, ids) for k, ids in names.items()
            if _HAN_NAME.fullmatch(k) and (len(k) > 2 or k in short_ok) and len(k) <= MAX_HAN]


def ids_of_name(name: str) -> list[str]:
    """The ids of the known places ``name`` names whole (Russia: the country; Moscow: the Russian
    city and Moscow, Idaho), by :func:`name_key`; [] when it names none."""
    key = name_key(name)
    return list(_data()[1].get(key, ())) if len(key) >= 3 else []


# A country's short form of two capitals, with or without its stops (US, U.S., UK, U.K.).
_TWO_CAPITALS = re.compile(r"(?:[Tt]he\s+)?[A-Z]\.?[A-Z]\.?")


def country_ids_of_capitals(name: str) -> list[str]:
    """The countries a two-letter short form written in capitals names (US, U.S., UK, U.K.: the
    gazetteer's CLDR short forms of two letters). :func:`ids_of_name` reads no key under three
    letters ("us" is a pronoun, "to" a town); written in capitals, such a form names its country."""
    if not _TWO_CAPITALS.fullmatch(name.strip()):
        return []
    return [i for i in _data()[1].get(name_key(name), ()) if i.startswith("C:")]


def latin_places(text: str) -> set[str]:
    """The ids of the known places ``text`` names in Latin script (runs of capitalized words)."""
    out: set[str] = set()
    for m in _CAPITALIZED_RUN.finditer(text):
        _latin_places(m.group(), out, text[m.end():m.end() + _AFTER_REACH])
    return out


def named_places(text: str) -> set[str]:
    """The ids of the known places ``text`` names (Chinese in Simplified script; English
    capitalized). A name that stands for several places gives all of them."""
    out: set[str] = set()
    for m in _HAN_RUN.finditer(text):
        _han_places(m.group(), out)
    for m in _CAPITALIZED_RUN.finditer(text):
        _latin_places(m.group(), out, text[m.end():m.end() + _AFTER_REACH])
    return out


@lru_cache(maxsize=65536)
def ids_of_key(name: str) -> frozenset[str]:
    """The ids of the known places a whole place name names (a name the recogniser read as a
    place: 郑州, 河南省, Houston), by :func:`name_key`: two Han characters are enough here (the name
    is whole, not a run of text searched for names), two Latin letters are not."""
    key = name_key(name)
    if len(key) < 2 or key.isascii() and len(key) < 3:
        return frozenset()
    return frozenset(_data()[1].get(key, ()))


# The level of a place by the kind of its id (build_gazetteer: R a continent, C country, S a US
# state, N one of the United Kingdom's four countries, P a Chinese province, T a prefecture, G a
# city of GeoNames, D a county or district).
ID_LEVELS = {"R": "continent", "N": "province", "C": "country", "S": "province", "P": "province", "T": "city", "G": "city", "D": "district"}


def containers(ids) -> frozenset[str]:
    """The ids of every place holding one of ``ids`` (its parent, the parent's parent...;
    郑州: 河南, China), ``ids`` themselves left out unless one holds another."""
    parent = _data()[0]
    out: set[str] = set()
    for i in ids:
        i = parent.get(i)
        while i and i not in out:
            out.add(i)
            i = parent.get(i)
    return frozenset(out)
