"""One canonical name per outlet, whatever the source calls it.

Archives name the same outlet many ways: a feed's ``author:`` ("(臺)中央社CNA"),
its ``categories:`` ("Aljazeera 半岛网"), an English label ("VOA"), or only the
URL's domain (cna.com.tw). Stories compare *outlets*, so these must collapse to
one name. The names are the short Chinese names a reader of these outlets knows; views show an
article in another language under the outlet's English name (:func:`outlet_in_language`), while
the one canonical name stays its identity (same outlet, counts of outlets in a story). An
outlet's editions in other languages (Reuters in English, 路透 in Chinese) are edited apart, so
the comparison sets one edition against another (:func:`edition_names`).

Precedence (see :func:`canonical_outlet`): the article URL's domain first (an
``author:`` field is sometimes a person, e.g. China Digital Times posts), then
the author, then categories, then the domains of other URLs in the record
(header images), then the raw author/category, then the bare host name.

An outlet's services that are separate newsrooms are separate outlets where the URL's path
names the service: RFA's Cantonese service (rfa.org/cantonese/...) is 自由亚洲电台粤语, its
Mandarin service and RFA as a whole 自由亚洲电台 (the name stored RFA articles have). VOA's
Cantonese service has a host of its own (voacantonese.com): 美国之音粤语, apart from 美国之音. A record
that names its outlet outright (a JSON Lines ``outlet`` column, a front matter ``outlet:``)
keeps the outlet it names: "RFA" there stays 自由亚洲电台 whatever the URL's path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Outlet:
    name: str  # canonical display name
    english: str
    aliases: tuple[str, ...]
    # Hosts (a subdomain matches too), or a host and the first path segment of one service of an
    # outlet ("rfa.org/cantonese"): a service's entry outranks its host's.
    domains: tuple[str, ...]


OUTLETS: tuple[Outlet, ...] = (
    Outlet("美国之音", "Voice of America",
           ("美国之音", "美国之音中文网", "VOA", "VOA Chinese", "VOA中文", "Voice of America"),
           ("voachinese.com", "voanews.com", "voatibetan.com")),
    # VOA's Cantonese service is a newsroom of its own, as RFA's is (no stored article is from it:
    # VOA's Mandarin service and VOA as a whole keep 美国之音).
    Outlet("美国之音粤语", "Voice of America Cantonese",
           ("美國之音粵語", "美国之音粤语", "美国之音粤语网", "VOA Cantonese", "VOA粤语", "Voice of America Cantonese"),
           ("voacantonese.com",)),
    Outlet("半岛电视台", "Al Jazeera",
           ("半岛电视台", "半岛网", "Aljazeera 半岛网", "半岛电视台中文网", "Al Jazeera", "Aljazeera",
            "Al Jazeera Chinese"),
           ("aljazeera.net", "aljazeera.com")),
    Outlet("中央社", "Central News Agency (Taiwan)",
           ("中央社", "(臺)中央社CNA", "(台)中央社CNA", "中央社CNA", "中央通讯社", "中央社即时新闻", "CNA",
            "Central News Agency", "Focus Taiwan"),
           ("cna.com.tw", "focustaiwan.tw")),
    # Singapore's CNA (Channel NewsAsia): "CNA" alone is the Taiwan agency's alias in these
    # archives, so its own domain tells them apart.
    Outlet("亚洲新闻台", "CNA (Channel NewsAsia)",
           ("亚洲新闻台", "亞洲新聞台", "Channel NewsAsia", "Channel News Asia", "CNA Singapore", "CNA (Singapore)"),
           ("channelnewsasia.com", "cna.asia")),
    Outlet("法广", "Radio France Internationale",
           ("法广", "法国国际广播电台", "法国国际广播电台 - RFI", "RFI", "RFI 华语", "RFI中文",
            "Radio France Internationale"),
           ("rfi.fr",)),
    Outlet("路透", "Reuters",
           ("路透", "路透社", "路透中文网", "Reuters", "Reuters China"),
           ("reuters.com",)),
    Outlet("联合早报", "Lianhe Zaobao",
           ("联合早报", "早报", "联合早报网", "Zaobao", "Lianhe Zaobao"),
           ("zaobao.com", "zaobao.com.sg", "zaobao.sg")),
    Outlet("大纪元", "The Epoch Times",
           ("大纪元", "大纪元时报", "大纪元新闻网", "Epoch Times", "The Epoch Times"),
           ("epochtimes.com", "theepochtimes.com", "epochtimes.com.tw")),
    Outlet("德国之声", "Deutsche Welle",
           ("德国之声", "德国之声中文网", "DW", "DW中文", "Deutsche Welle"),
           ("dw.com", "dw.de")),
    Outlet("BBC", "BBC",
           ("BBC", "BBC中文", "BBC中文网", "BBC News 中文", "BBC News", "英国广播公司"),
           ("bbc.com", "bbc.co.uk")),
    # RFA's Mandarin and Cantonese services are two newsrooms whose reports are compared with each
    # other. The Mandarin service (and RFA as a whole) keeps the name stored RFA articles have.
    Outlet("自由亚洲电台", "Radio Free Asia",
           ("自由亚洲电台", "自由亚洲", "RFA", "Radio Free Asia", "RFA Mandarin", "自由亚洲电台普通话",
            "RFA普通话"),
           ("rfa.org",)),
    Outlet("自由亚洲电台粤语", "Radio Free Asia Cantonese",
           ("自由亞洲電台粵語", "自由亚洲电台粤语", "自由亚洲电台粤语部", "自由亚洲粤语", "RFA Cantonese", "RFA粤语",
            "Radio Free Asia Cantonese"),
           ("rfa.org/cantonese",)),
    Outlet("纽约时报", "The New York Times",
           ("纽约时报", "纽约时报中文网", "New York Times", "The New York Times", "NYT", "NYTimes"),
           ("nytimes.com",)),
    Outlet("中国数字时代", "China Digital Times",
           ("中国数字时代", "China Digital Times", "CDT"),
           ("chinadigitaltimes.net",)),
    Outlet("Solidot", "Solidot", ("Solidot", "奇客Solidot"), ("solidot.org",)),
    Outlet("维权网", "Rights Defense Network", ("维权网", "维权网信息中心"), ("wqw2010.blogspot.com",)),
    Outlet("CCTV新闻联播", "CCTV Xinwen Lianbo",
           ("CCTV新闻联播", "新闻联播", "央视新闻联播"), ("govopendata.com",)),
    Outlet("经济学人", "The Economist",
           ("经济学人", "经济学人en", "经济学人中文", "The Economist", "Economist"),
           ("economist.com",)),
    Outlet("金融时报", "Financial Times",
           ("金融时报", "FT中文网", "Financial Times", "FT"), ("ft.com", "ftchinese.com")),
    Outlet("南华早报", "South China Morning Post",
           ("南华早报", "South China Morning Post", "SCMP"), ("scmp.com",)),
    Outlet("立场新闻", "Stand News", ("立场新闻", "Stand News"), ("thestandnews.com",)),
    Outlet("端传媒", "Initium Media", ("端传媒", "Initium Media"), ("theinitium.com",)),
    Outlet("新华社", "Xinhua", ("新华社", "新华网", "Xinhua"), ("xinhuanet.com", "news.cn")),
    Outlet("人民日报", "People's Daily", ("人民日报", "人民网", "People's Daily"), ("people.com.cn",)),
    Outlet("环球时报", "Global Times", ("环球时报", "环球网", "Global Times"),
           ("globaltimes.cn", "huanqiu.com")),
    Outlet("联合新闻网", "United Daily News", ("联合新闻网", "联合报", "UDN"), ("udn.com",)),
    Outlet("自由时报", "Liberty Times", ("自由时报", "Liberty Times"), ("ltn.com.tw",)),
    Outlet("明报", "Ming Pao", ("明报", "Ming Pao"), ("mingpao.com",)),
    Outlet("法新社", "AFP", ("法新社", "AFP", "Agence France-Presse"), ("afp.com",)),
    Outlet("美联社", "Associated Press", ("美联社", "AP", "Associated Press"), ("apnews.com",)),
    Outlet("CNN", "CNN", ("CNN",), ("cnn.com",)),
    Outlet("卫报", "The Guardian", ("卫报", "The Guardian", "Guardian"), ("theguardian.com",)),
    Outlet("华尔街日报", "The Wall Street Journal",
           ("华尔街日报", "Wall Street Journal", "WSJ"), ("wsj.com", "cn.wsj.com")),
    Outlet("日经中文网", "Nikkei", ("日经中文网", "日经", "Nikkei"), ("nikkei.com",)),
)

_PUNCT = re.compile(r"[\s\-_·・()（）\[\]【】|:：,，.。'\"]+")


def _key(name: str) -> str:
    """Comparison key: Simplified script, case-folded, no spaces or punctuation."""
    from articles.normalize import to_simplified

    return _PUNCT.sub("", to_simplified(name)).casefold()


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for outlet in OUTLETS:
        for alias in (outlet.name, outlet.english, *outlet.aliases):
            index.setdefault(_key(alias), outlet.name)
    return index


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower().rstrip(".") if host else None


def _first_segment(url: str) -> str:
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    return path.lstrip("/").split("/", 1)[0].casefold()


def outlet_for_domain(url: str | None, services: bool = True) -> str | None:
    """Canonical outlet whose domain (or a subdomain of it) serves ``url``; with ``services``, the
    outlet's service its path names (rfa.org/cantonese/...: RFA's Cantonese service), else the
    outlet as a whole."""
    host = host_of(url)
    if not host:
        return None
    found = None
    for outlet in OUTLETS:
        for domain in outlet.domains:
            domain_host, _, segment = domain.partition("/")
            if not (host == domain_host or host.endswith("." + domain_host)):
                continue
            if not segment:
                found = found or outlet.name
            elif services and _first_segment(url) == segment:
                return outlet.name
    return found


# Outlets based where "CST" means China Standard Time, UTC+8 (China, Taiwan, Hong Kong, Singapore),
# and the country domains of those places (an outlet the table does not know).
CHINA_TIME_OUTLETS = frozenset({
    "中央社", "亚洲新闻台", "联合早报", "新华社", "人民日报", "环球时报", "CCTV新闻联播", "联合新闻网", "自由时报",
    "明报", "南华早报", "立场新闻", "端传媒", "Solidot",
})
CHINA_TIME_TLDS = ("cn", "tw", "hk", "sg", "mo")


def in_china_time(outlet: str | None, url: str | None = None) -> bool:
    """Does ``outlet`` (a canonical name) or the host of ``url`` lie where "CST" is China
    Standard Time?"""
    host = host_of(url)
    return outlet in CHINA_TIME_OUTLETS or bool(host and host.rsplit(".", 1)[-1] in CHINA_TIME_TLDS)


def outlet_in_language(name: str, language: str | None) -> str:
    """The outlet's name as a reader of the article knows it, for display: the short Chinese
    name for a Chinese article (or one of unknown language), the English name for any other
    (an English Reuters report is from "Reuters", not 路透). Names the table does not know stay
    as they are. Never an identity: the canonical name (``Article.outlet``) is."""
    code = (language or "").split("-")[0].lower()
    if not name or code in ("", "zh", "und"):
        return name
    outlet = _by_canonical_name().get(name)
    return outlet.english if outlet else name


def language_family(language: str | None) -> str:
    """The language an edition is written for: the primary subtag, Chinese for any script of it
    and for an unknown language (as :func:`outlet_in_language` reads them)."""
    code = (language or "").split("-")[0].lower()
    return "zh" if code in ("", "zh", "und") else code


def script_written_in(scripts: Iterable[str | None]) -> str | None:
    """The script to write an outlet's name in, from the scripts (``Article.script``) of its
    articles at hand: Traditional ("Hant") when all of them that tell the scripts apart are
    Traditional, Simplified ("Hans") when any is Simplified; None when none tells (English, or
    Chinese whose characters are the same in both), and the name stays as it is."""
    telling = {s for s in scripts if s}
    if not telling:
        return None
    return "Hant" if telling == {"Hant"} else "Hans"


@lru_cache(maxsize=4096)
def name_in_script(name: str, script: str | None) -> str:
    """``name`` in ``script`` (:func:`script_written_in`; None: as it is): a Taiwan paper's
    Traditional reports are from 自由時報, not 自由时报. Display only: the canonical name stays
    the identity. In Traditional, an outlet's own Traditional alias when the table has one
    (亞洲新聞台: a character conversion would write 亞洲新聞臺); a name already written in
    Traditional stays as written."""
    from articles.normalize import to_simplified, to_traditional

    if not name or script is None:
        return name
    simplified = to_simplified(name)
    if script != "Hant":
        return simplified
    outlet = _by_canonical_name().get(simplified)
    own = [a for a in outlet.aliases if a != simplified and to_simplified(a) == simplified] if outlet else []
    if own:
        return own[0]
    return name if simplified != name else to_traditional(name)


def edition_names(articles) -> dict[str, str]:
    """Article id -> the name of the outlet's edition it belongs to, unique per edition among
    ``articles``: the name its readers know (Reuters, 路透), in the script the edition's articles
    here are written in (:func:`script_written_in`: 自由時報, 新华社); with the language when two
    editions share that name (BBC (en), BBC (zh))."""
    articles = list(articles)
    scripts: dict[tuple[str, str], list[str | None]] = {}
    for a in articles:
        scripts.setdefault((a.outlet, language_family(a.language)), []).append(a.script)
    # One name per edition: every article of an edition gets the same script, so the names
    # still tell editions apart exactly as the canonical names do.
    named = {a.id: name_in_script(outlet_in_language(a.outlet, a.language),
                                  script_written_in(scripts[(a.outlet, language_family(a.language))]))
             for a in articles}
    editions: dict[str, set[tuple[str, str]]] = {}
    for a in articles:
        editions.setdefault(named[a.id], set()).add((a.outlet, language_family(a.language)))
    def name(a) -> str:
        shared = editions[named[a.id]]
        if len(shared) == 1:
            return named[a.id]
        family = language_family(a.language)
        if len({language for _, language in shared}) == len(shared):  # one edition per language
            return f"{named[a.id]} ({family})"
        # two outlets go by one name
        return f"{named[a.id]} ({name_in_script(a.outlet, script_written_in([a.script]))}, {family})"

    return {a.id: name(a) for a in articles}


def reader_outlet(article) -> str:
    """The name to show for ``article``'s outlet: :func:`outlet_in_language` of its language,
    in its script (:func:`name_in_script`)."""
    return name_in_script(outlet_in_language(article.outlet, article.language),
                          script_written_in([article.script]))


def outlet_labels(articles) -> dict[str, str]:
    """Canonical outlet -> the name to show for it among ``articles``: its English name when
    none of its articles here is Chinese (an English-only run shows "Reuters"), else the
    canonical one in the script of its Chinese articles here (:func:`script_written_in`)."""
    languages: dict[str, set[str]] = {}
    scripts: dict[str, list[str | None]] = {}
    for a in articles:
        languages.setdefault(a.outlet, set()).add((a.language or "").split("-")[0].lower())
        if language_family(a.language) == "zh":
            scripts.setdefault(a.outlet, []).append(getattr(a, "script", None))
    return {outlet: name_in_script(outlet, script_written_in(scripts.get(outlet, ())))
            if ({"zh", "", "und"} & codes) else outlet_in_language(outlet, "en")
            for outlet, codes in languages.items()}


def _serves(name: str, url: str | None) -> bool:
    """Is ``url`` on a host of the outlet ``name`` (one of its services or the whole)?"""
    host = host_of(url)
    outlet = _by_canonical_name().get(name)
    if not host or outlet is None:
        return False
    hosts = {domain.partition("/")[0] for domain in outlet.domains}
    return any(host == h or host.endswith("." + h) for h in hosts)


@lru_cache(maxsize=1)
def _by_canonical_name() -> dict[str, Outlet]:
    return {outlet.name: outlet for outlet in OUTLETS}


def outlet_for_name(name: str | None) -> str | None:
    """Canonical outlet for a name or alias ("VOA", "(臺)中央社CNA"), else None."""
    if not name or not isinstance(name, str):
        return None
    return _alias_index().get(_key(name))


def canonical_outlet(
    author: str | None = None,
    categories: Iterable[str] = (),
    url: str | None = None,
    other_urls: Iterable[str] = (),
    services: bool = True,
) -> str | None:
    """The one name of the outlet behind a record (see module docstring for precedence).
    ``services=False``: a URL names the outlet as a whole, not the service its path names (a
    record that names its outlet outright keeps the outlet it names)."""
    categories = [c for c in categories if isinstance(c, str) and c.strip()]
    found = outlet_for_domain(url, services)
    named = outlet_for_name(author)
    if not services and named and found and _serves(named, url):
        found = named  # a record naming one service of the URL's outlet (RFA Cantonese) keeps it
    found = found or named
    if found:
        return found
    for category in categories:
        found = outlet_for_name(category)
        if found:
            return found
    for other in other_urls:
        found = outlet_for_domain(other)
        if found:
            return found
    if isinstance(author, str) and author.strip() and author.strip().lower() != "unknown":
        return " ".join(author.split())
    if categories:
        return " ".join(categories[0].split())
    host = host_of(url)
    if host:
        return host.removeprefix("www.")
    return None
