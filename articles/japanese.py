"""Japanese told apart from Chinese by the letters of the whole text, not by kana alone.

Both write Han characters, so a count of kana against Han (the rule before this module: kana at
least a fifth of the Han) misread both ways: a Japanese headline or brief with few kana
(「大規模接種予約、東京17日午前11時から 大阪は午後1時」: 3 kana to 18 Han) was read as Chinese and
its figures with Chinese rules, and a Chinese brief quoting a Japanese name (「ポケモン」, a の in a
brand) could pass for Japanese. Here each side's own letters are counted:

* Japanese signs: hiragana letters (Japanese grammar: particles and endings are written in
  hiragana, and Chinese uses none), katakana *words* (a loan word or a quoted name counts once
  however long, since Chinese quotes them as names), and Japanese-only Han forms
  (:data:`JAPANESE_ONLY_FORMS`: 気 発 県 駅 円 済 — the 新字体 that neither Chinese script writes).
  The middle dot ・ and the long-vowel mark ー are punctuation both languages use: no signs.
* Chinese signs: Han characters outside the Japanese repertoire (JIS X 0208 with its Windows
  extensions, code page 932: the Simplified 们 这 说 发 县) and the Traditional forms Japanese
  writes otherwise (:data:`CHINESE_ONLY_TRADITIONAL`: 國 會 說 發 縣 氣; Japanese 国 会 説 発 県 気).

A text is Japanese when its Japanese signs are at least :data:`MIN_SIGNS`, at least
:data:`MIN_SHARE` of its CJK letters (Han and kana), and more than :data:`CHINESE_RATIO` times its
Chinese signs. Measured (session 39) on 43 real Japanese headlines and 36 briefs (headline and
lead: items of a Japanese news API and NHK, 2020-2021) and the 68,491 Chinese articles of the
development corpus (Jan-Jun and 1-4, 9-14 Jul 2021, each as ingested, its title alone and its
lead's first 150 characters): Japanese headlines have a share of 0.13 and up (briefs 0.29 and up)
and at most one Chinese sign (a kyujitai in a name: 澤田), briefs three; Chinese texts with
three signs or more have a share of 0.04 at most, but for one article quoting Japanese at length (0.13), whose 93 Chinese signs outnumber its 75 Japanese
ones. Three signs keep one or two quoted names (ポケモン, 進撃の巨人) from deciding a short Chinese
text: 5% of CNA's Traditional titles have no Chinese sign at all. The share's floor lies below
every Japanese text and above every Chinese one, so that a brief of Han characters and three
Japanese-only forms (発表, 関連, 静岡県) out of 40 letters still reads as Japanese.

What no count of letters can tell: a headline of Han characters alone that both languages write
alike (東京都 新規感染者 過去最多) has no sign of either and is read as Chinese; only words would
tell it apart.

Sources of the letter sets: :data:`JAPANESE_ONLY_FORMS` are the characters OpenCC's table of
Japanese 新字体 (``jp2t``) maps to another form, that neither OpenCC's Simplified nor its Traditional
conversion changes, and that neither GB 2312 nor Big5 encodes (so 予, 欠, 芸 and 研, which Chinese
writes too, are not among them); plus the commonest 国字 (働 込 畑 峠 枠 栃 匂) and the iteration mark
々. :data:`CHINESE_ONLY_TRADITIONAL` are the characters OpenCC's ``t2jp`` maps to another (Japanese)
form and its Simplified-to-Traditional conversion leaves alone. ``tests/test_ingest_language.py``
checks both against OpenCC.
"""

from __future__ import annotations

import re
from functools import lru_cache

JAPANESE_ONLY_FORMS = frozenset(
    "両乗亀亜仏仮価倹児円処剣剤剰労効勅勧勲単厳収唖営噛団囲図圏圧塁塩増壊壌壱売変奨嬢実寛対専尭巌巣巻帯帰庁広廃弐弾従徳徴応恵"
    "悩悪懐戦戻払抜択拝拠拡挙挿捜掲掻揺摂撃撹斉斎晩暁暦曽栄桜桝桟検楽様権歓歩歯歳歴毎気沢浄涙渇済渉渋渓満滝瀬焼犠猟獣畳痩発県"
    "砕稲穂穏穣竜粋粛経絵継続総縁縄縦繊繍聴脳臓艶荘蔵薫薬蛍蝋覇覚覧観訳読譲賛転軽辺逓遅郷酔醤醸釈鉄鉱銭鋳錬関闘陥険隠雑霊頼顕"
    "駅駆騒験髄髪鴎鶏鹸黒黙齢"
)
KOKUJI = frozenset("働込畑峠枠栃匂々")
CHINESE_ONLY_TRADITIONAL = frozenset(
    "乘亂亙亞佛來俠俱倂值假傳僞價儉兒兔內兩冰剎剩劍劑勞勳勵勸勻區卷卻卽參吳咒啞單噓嚙嚴囑圈國圍圓圖團堯填增墮壓壘壞壤壯壹壽奧"
    "奬妝姊姬孃學寢實寫寬寶將專對屆屬峯峽嶽巖巢帶廁廢廣廳彈彌彎彥徑從徵德恆悅惠惡惱愼慘應懷戀戰戲戶戾拂拔拜挾插揭搔搖搜摑擇擊"
    "擔據擧擴攝攪收效敍敕敘數斷晄晉晚晝暨曆曉曾會枡查條棧棱榆榮槇槪樂樓樞樣橫檜檢櫻權歐歡步歲歷歸殘殼毆每氣污沒涉淚淨淺渴溪溫"
    "溼滯滿潑潛澀澁澤濕濟濤濱濾瀧瀨灣焰燈燒營爐爭爲牀犧狀狹獎獨獵獸獻瓣甁產畫當疊痹瘦癡發皋盜盡眞硏碎礪祕祿禦禪禮禰禱稅稱稻穎"
    "穗穩穰竈竊竝粹糉絕絲經綠緖緣縣縱總繡繩繪繫繼續纔纖缺罐羣聯聰聲聽肅脣脫腦腳膽臟臺與舉舊舍艷荔莊莖菸萊萠萬蔣蔥薰藏藝藥蘆處"
    "虛號螢蟬蟲蠟蠶蠻衞裝襃覺覽觀觸說謠證譯譽讀變讓豐豫貓貳賣賴贊贗踐輕輛轉辨辭辯遙遞遲邊郞鄉鄕鄰醉醫醬醱釀釋銳鋪錄錢鍊鎭鐵鑄"
    "鑛閱關陷隨險隱雙雜雞霸靈靜顏顯飜餘餠騷驅驗驛髓體髮鬥鬭鱉鷄鷗鹼鹽麥麪麴麵黃黑默點黨齊齋齒齡龍龜"
)
MIN_SIGNS = 3
MIN_SHARE = 0.06
CHINESE_RATIO = 2

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
# Katakana letters (full and half width); ・ (U+30FB) and ー (U+30FC) are punctuation Chinese uses too.
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fd-\u30ff\uff66-\uff9d]")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fd-\u30ff\uff66-\uff9d]+")
_JAPANESE_FORM = re.compile("[" + "".join(sorted(JAPANESE_ONLY_FORMS | KOKUJI)) + "]")


@lru_cache(maxsize=1)
def _japanese_repertoire() -> frozenset[str]:
    """The Han characters Japanese text is written with: those code page 932 encodes."""
    han = []
    for ranges in ((0x4E00, 0xA000), (0xF900, 0xFB00)):
        for cp in range(*ranges):
            try:
                chr(cp).encode("cp932")
            except UnicodeEncodeError:
                continue
            han.append(chr(cp))
    return frozenset(han)


def _japanese_signs(text: str) -> tuple[int, int]:
    """(Japanese signs, kana letters) of ``text``."""
    hiragana = len(_HIRAGANA.findall(text))
    katakana = len(_KATAKANA.findall(text))
    signs = hiragana + len(_KATAKANA_WORD.findall(text)) + len(_JAPANESE_FORM.findall(text))
    return signs, hiragana + katakana


def script_signs(text: str) -> tuple[int, int, int]:
    """(Japanese signs, Chinese signs, CJK letters) of ``text``, as the module docstring counts them."""
    japanese, kana = _japanese_signs(text)
    han = _HAN.findall(text)
    repertoire = _japanese_repertoire()
    chinese = sum(c not in repertoire or c in CHINESE_ONLY_TRADITIONAL for c in han)
    return japanese, chinese, len(han) + kana


def is_japanese(text: str) -> bool:
    """True when ``text`` reads as Japanese rather than Chinese (the module docstring's rule)."""
    if _japanese_signs(text)[0] < MIN_SIGNS:
        return False  # most Chinese texts: no Chinese letter need be looked up
    japanese, chinese, letters = script_signs(text)
    return (japanese >= MIN_SIGNS and japanese >= MIN_SHARE * letters
            and japanese > CHINESE_RATIO * chinese)
