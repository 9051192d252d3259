"""Compare the articles of one story: claims aligned across outlets, discrepancies, unique facts.

Pipeline: each article -> sentences and claims with slots (``comparison.docs``,
``comparison.claims``) -> sentences aligned across outlets by a fitted model over
dense (multilingual, so zh<->en), lexical and slot-compatibility features
(``comparison.align``) -> findings from the registry of producers
(``comparison.findings``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections import defaultdict
from functools import lru_cache

from articles.model import Article
from comparison.align import align_articles, similarity_model
from comparison.claims import build_claims
from comparison.docs import Doc, assign_places, build_docs
from comparison.findings import Context, run_all
from comparison.findings.attribution import _sources_by_outlet
from comparison.findings.quote import _quotes
from comparison.model import Comparison, Finding
from comparison.wording import aligned_sentences

log = logging.getLogger(__name__)

# Bump when extraction or classification changes: cached comparisons are redone.
COMPARISON_VERSION = "81"  # 81: helper h41f, English figures: a number's "m" is metres where a length is named (a 10m wall, the 100m final: a singular noun right after a/the, not a statistic's, the 12m average; waves of 2m, a depth of 40m: lexicons.units.LENGTH_NOUNS_BEFORE_EN; 1.5m deep, a 5m-long boat: LENGTH_WORDS_AFTER_EN; a spaced small m, 2 m away; 1 to 3m deep, swells of 2 to 4m: were millions), else the press's million as before ($10m, 10m euros, 1.25m tonnes, 2m people, 3m jobs, a city of 9m; a span's first figure reads as its second: between 2m and 3m jobs, 4m-6m workers one span, was 4m alone; on the Economist corpus 1 of 633 glued-m figures became a length, 600m wide); a year-like number with "m" a length (the 1500m race: was no figure); prepositions that open a phrase after a noun end an English counted noun (834 cases per 100,000 people, 3,000 residents without power, 12 families among the dead: were "cases per", "residents without power"); a bare figure and a share joined by to/or, or by between-and, one span of shares (1 to 2%, between 1 and 2%, 4 to 6 percent, 7 or 8%, about 4 to 6%: were 2% alone or a count 4 and 6%; not after "from": rates went from 4 to 6%, nor a first figure above the share: 61 to 39%); 80: helper h41e, English figures: a hyphen span of money or with a scale word one span in the scale word's magnitude ($2-3m, £5-10bn, $1.5-2 billion, €10m-€12m, $5-10, 2-3 million people: were $2, £5, $1.5, €10m and a count 12m, 2-3 counting "million people"), as "between $2m and $3m"; a first figure with no scale word takes the next figure's after to/or/between-and (2 to 3 million, $2 to $3 million, between 1 and 2 million, one to two million: were 2 to 3,000,000 or 2 million alone) when its number is below the next's (600 to 2 million keeps 600); "m" a million only for money (a count's 5-10m metres); $2 to 3 million money (was a count); a sum shaped like a year ($1950, £2025) a sum, was no figure (a sign only); a span of a unit may open with one before a range word (1 to 4 weeks, between 1 and 3 hours, one or two days, 1 to 5 km: were the second figure alone, as 1-2 days was before 77), a one opening no span still none; an English counted noun goes on through digits and hyphens inside a word (12 COVID-19 cases, 9 H7N9 outbreaks: were "COVID-", "H"), and a model's number right after its maker's capitalized name after a figure or an article is no figure but part of the noun (3 Boeing 737 jets, 8 Airbus A330 tankers: "Boeing 737 jets", were "Boeing" and 737 counting jets; a Cessna 208 crashed: no figure; not after a time or compass word, In June 40 families, In the East 30 homes, nor before a unit, nor before a function word or punctuation: the Philippines 86 and Indonesia 41 keep 86); a year-like number after a currency sign a sum, after the word Euro a year (Euro 2020); 79: review h41r2 of 75-78: a word referring to a place of one level (本省, 该市) whose level no place named before it has counts for that level, not for the lower place its sentence opens with (某市政府通报，本省有9人遇难 / 某省有14人遇难: was a part of the province, a contradiction lost); an English name after "across" a place (across Ohio: " across " was never read, a window of 6 characters before a name, so the figure took the city its sentence opens with and became a part of the state's count); 年 of 年级/年龄 and 年内 across two words no period (他9日说，全年级共有60名学生获奖: the 9th is the count's day again; 全年龄段, 青年内部 likewise); only verbs of occurring and the happening's modifiers stand between a place and the happening it locates (lexicons.places.HAPPENING_GAP_WORDS_ZH: 某县紧急转移受洪水影响群众7000人, 某县在洪水中有4人遇难 were no area, any 10 characters before a happening noun, so the county's count contradicted the province's total again); 共 "together" before a one-character verb of a compound no total (官兵共赴一线转移群众9000人 / 某县转移群众8000人: the county's count was a part of that 'total', now a contradiction again; lexicons.places.NOT_TOTAL_GONG_WORDS_ZH); a qualifier before a numeral in words is no vague number word (多达三千人: read as 多, kept one counterpart only); a list of voices one of whose names holds a joiner inside a word splits at its other joiners (中华人民共和国商务部和财政部: two voices, was one); a prefecture written short (甘孜 / 甘孜藏族自治州, 恩施 / 恩施土家族苗族自治州: the gazetteer's seat of that name inside it) the same place, no part of it (its count against the prefecture's contradicts again); 78: helper h41d: a count for a part of an area against another outlet's count for the whole area is two facts, never a contradiction (subjects.part_and_whole, read in different_places): a place the gazetteer puts inside a place the other figure's clause names, the story's setting included (新乡市 / 河南省, 卫辉市 / 新乡市, Houston / Texas), a list of places holding the other's one place (新乡、鹤壁等地3万人受灾 / 新乡市5万人受灾), or a named place below the level of a total word before the other figure (白水县紧急转移8000人 / 全省共转移安置4600余人, 青山镇3人遇难 / 暴雨共造成12人遇难, "in Riverton county" / "across the state", "in total"; lexicons.places.AREA_TOTALS_ZH/EN; a total of no level, 共 or "in total", needs a place of the figure's own, not the setting alone; counts and sums only, no measure: 累计降雨250毫米 still contradicts 300毫米): were contradictions, now each outlet's own figure; the same place, or none on either side, still contradicts; an English name opening a sentence after In/At or before its level word ("In Houston", "Riverton county") is a place (Houston / Dallas: two facts, was a contradiction); a figure whose own stretch of its clause names no place counts for a place its sentence opens with, in a body's name too (新乡市应急管理局通报，本轮降雨已致该市…5万人受灾: 新乡), or that 该市/本省 refers back to (the last city or province named before); a place written just before a happening (某县发生5.8级地震, "the Riverton floods": lexicons.places.HAPPENING_NOUNS_ZH/EN) says where it was and a country frames a story: neither is an area a count is a part of (a county's quake toll against the province's quake toll still contradicts); a figure's places found by bisection (each figure scanned every place of its article); 77: review h41r1 of 73-74: equal pairs of values of two happenings (at least five dead and at least five injured against five and five) one finding shown under one happening (73 merged whatever the event); a pair with no event word joins the one happening of its values only; a happening moved from one day to another (postponed from 11 to 25 August, moved from July 30 to August 6) names two days, no span of days (lexicons.timewords.RESCHEDULING_WORDS_EN); a club's opening word (Real, Club, Racing) makes a body only before a capitalized word (Real estate agents said, Club members said: were organisation voices); a person's name opening a body's name the article writes stays a person where the article calls that person by title and surname (Hana Brisk … Hana Brisk Partners … Ms Brisk: was a body); a figure dated by a span of days and one of a day inside it with other values are two facts (140 killed from 1 to 30 June / 4 killed on 12 June: was a contradiction once 74 gave the span all its days; subjects.span_against_a_day_inside); two days of one month listed with "and" two days (on 10 and 15 August, on August 10 and 15: were 15 August and a count 10, or August 10 and a count 15 "killed two people"); a hyphen span may open with 1 (1-2 days, 1-3 weeks, 1-3 pickers: were no figure, as "one official" is); a gazetteer town named with City or Town (Cape Town, Carson City) an English name of no kind, no person (Cape Town said: was a person voice); 76: Chinese extraction faults (helper h41b): voices cited in one list are each a voice with its own span (综合法新社和塔斯社报道, 据中新社、路透社报道, 卫生部与教育部表示: was one voice named by its first; a listed agency before 报道 cited too; each conjunct before a joiner must end in a voice's head noun or a name: 市政府规划与建设局局长 one voice), and a voice cited with others is no other voice than one of them; 数/多/若干 count before any counting measure word (多间房屋, 多座桥梁, 数艘货轮, 若干架: were no figure; not 多年, 多次, 数倍, 多国部队, nor where the measure word opens another word: 多起来, 多批评); 许多人, 很多名 read whole as an unquantified count (span 许多人, was 多人; 很多名示威者 was 多名) and the noun of a quantifier read as one word with it (许多人) counted; a period named between a day earlier in the sentence and the end of a figure's clause (上半年, 全年, 一季度, 前5个月, 今年以来, 过去两周: lexicons.timewords.PERIOD_*_ZH) makes the day no day of the figure (他9日说，上半年共有60艘渔船沉没: was '60艘 for Saturday 9 Sep'); a share of change of a qualified thing (核心X, 其他X, 非X: lexicons.quantifiers.THING_QUALIFIERS_ZH) shares its value, for the sentence alignment's figure features (figure_values, numbers), only with a share of a thing qualified alike (扣除食品和能源的核心CPI上涨0.9% / 其他用品和服务价格上涨0.9%: were one statement by the value alone; model not refitted) (after the merge, development: 数/多/若干 count only before a measure word of people, buildings or craft, lexicons.quantifiers.FEW_WORD_MEASURES_ZH: 多个官员, 多家媒体, 多具遗体 gave 5 new findings, all false); 75: a vague number word (数十人, 上千, 多名, several, dozens) keeps one counterpart in each other article, the figure-pair model's most probable (数十人 vs 40人 in one city and 27人 in another: two precision findings, now one); 74: helper h41a, English readings: a country's two-letter short form in capitals speaks for its state (the U.S. said, The US says, the UK said: official, were no voice or an organisation; geo.places.country_ids_of_capitals), each conjunct of a list of states may open with "the" (Russia, China and the United States said: one state voice, was the person "China and the United States"), initials with stops one name (U.S., was "U."); a hyphen span before a unit one span of the unit (2-3 years, 5-10 km, 3-8km, aged 7-16 years: was the first figure alone), as "between 2 and 3 years"; two days joined by a range word one span of days (10-15 August, August 10-15, from 10 to 15 August, between 10 and 15 August, July 30 to August 2: was the last day alone and the first a count), and a figure dated by a span of days has every day of it (a day inside the span meets it: same figure, was two uniques); named persons listed after a verb of speech each a voice (…, said A B, C D and E F: three, was A B alone; a possessive after the last name or an appositive naming another person no list); an English name shaped like a body's (its last word one that ends club, company and body names, City, United, Airlines, Holdings, Union; or its first one that opens a club's, Real, Inter, Dynamo: lexicons.attribution.ORGANISATION_NAME_ENDINGS_EN / _OPENINGS_EN) is a body (entity kind ORG), no person, and so are the first words of such a name written whole elsewhere (Thomas Cook where Thomas Cook Group is written): their voices organisations (Real Madrid said, Manchester United said: were persons); a place (of the gazetteer, Mexico City, the United States; or a compass word and one other, West Bank) no body, a club named after its town (Leicester City) an English name of no kind (NAME), a body after in/at/near still a place key; a present-tense verb of news after a plural noun ends an English counted noun (40 workers strike, 300 residents flee, 12 families face eviction: workers, residents, families, were "workers strike", "residents flee"; lexicons.grammar.PRESENT_VERBS_EN); 73: number findings of one kind between two articles merge by their pair of values whatever the event word (a lead's 至少五人 (arrested) vs 5名 and the body's 至少五人 vs 5人 with no event: two findings, now one with all their places); 72: second review of 68 and 70: an unquantified quantifier before a time phrase or another plural noun counts no one (许多年来人们, 很多年前居民, 许多次警察; "in some cases police", "for many years people", "on many days residents": were 2 or more police, people, residents); a count in a bracket after a count is no part of it when added (30人死亡（另有12人受伤）, "(another 12 were injured)"), partitive (（包括5名儿童）: read as 其中5名儿童) or naming another happening than the one named after the whole (30人死亡（12人受伤）: was a part of the dead, so 12 vs 12 injured was two uniques and 12 vs 15 no contradiction); equal shares of change of one thing agree only when the month and the basis they are written with, where both name them, are the same (5月CPI同比上涨1.1% / 6月CPI同比上涨1.1%, 同比 / 环比: agreed); a determiner cited in place of a source is no voice (综合以上报道, 综合各方报道, 据多方消息: were the voices 以上, 各方, 多方); 间 counts houses as 座 and 栋 do (大量房屋 / 300间房屋: precision, were no finding; 200间 / 300座房屋 a contradiction); 71: helper trial fixes: 撤离 (leave a place) the armed forces' withdrawal only for a count of them or in a clause naming them (美军, 驻军), else an evacuation (撤离3000名居民: was "(withdrawn)", and never met 疏散3000名居民), 撤侨 an evacuation; the conversion beside a figure in a metric unit of its scale (mm, cm, m, km; s, min, h, days, years; 250毫米 was "0.00025 km", 30年 "263,000 h"), none for a figure already in a metric unit nor for two figures in one unit (40 miles vs 50 miles), both in the larger one's unit for two units (100 mm vs 6 inches: 10 cm vs 15.2 cm); a few said in words only (多名, 多人, 若干名, 数名, 几位; several, a few, a handful) is, like 许多, no fact of its own: no "only X reports" figure and no checkable fact of a unique statement (numbers.names_no_figure); the figure-pair model reads a range open above (许多, 多名, many) at its distance to the range, 0 for a value inside it (was 3, the farthest: 许多抗议者 vs 40 protesters gave "agree statement" and no number finding; now precision), not refitted, and no open range is any figure's nearest value; 70: Chinese desk trial (real stories of 2, 9 and 11 Jul 2021): verbs of a statement make a voice before the comma opening it (某局周二公布，…, 某局指，…, 统计师解读，…, 某部门通报，…), 最新/官方 between a cited body and its record no part of the body (根据某局最新消息), 综合X报道 cites X, news sites of state media (新华网, 中新网) and Hong Kong papers are press voices; a semicolon inside brackets splits no sentence and every count inside a bracket opened right after a count is a part of it (转移安置4600余人（甲地2249人；乙地817人）: set only against parts and, where its label is a place the article names, against a figure whose sentence names that place; never against another outlet's total), 安置/紧急转移 count the evacuated, 新元/新币/澳元/加元/韩元 currencies (约3700万新元 was a count); a title never starts inside another person's name before it (司长李家明|和保安局局长王立强: was '明和保安局局长'); equal Chinese shares of change of one thing in one direction agree (猪肉价格下降36.5% / 豬肉價格與去年同期相比下跌36.5%, CPI同比上涨1.1% / 消費者物價指數（CPI）年漲1.1%: shares had no event, so equal ones were never compared; a name the article glosses with an acronym elsewhere, CPI（居民消费价格指数）, is that acronym); a pronoun speaker (他说) takes the subject of the sentence before after a topic phrase opening it (对于…，X…; 对此，X…: was unnamed); a number finding names no day from earlier in the sentence where a period is named between that day and the figure (统计局周五公布，6月CPI上涨1.1%: was '1.1% for Friday 9 Jul'; 今天表示，罹难者增至66人 keeps its day); a shared statement's "figures differ" sets changes of other things apart (涨幅比上月下降0.2个百分点 / 影响CPI下降约0.8个百分点: no figures that differ); a body's record before a verb of speech is the body's voice (外交部声明说, 某部门通报则指, 某局消息称: was none or '某局消息'); 69: second review of 67: only a country, a US state or a state's capital (lexicons.attribution.STATE_CAPITALS_EN) speaks for its state (Chelsea said, Reading said, Austin said: were officials), no state voice when a personal pronoun follows the verb (Sofia said she), a surname of a person the article names is the person even when it names a country (Michael Jordan … Jordan said); "over" a preposition only before a count or a sum, never a unit or a share (flew over 500 km, rained over 100 mm, control over 40%: "more than" again), and "watched" no verb of place (watched over 2 million times: more than); no hyphen span of counts after a capitalized word or "a" nor before a capitalized noun (12 Boeing 737-800 jets, a 737-800 plane, 10-12 Riverton Road: were 737-800 jets, roads); ", and" after one name joins two clauses, no second voice (hosted by Emmanuel Macron, and Angela Merkel said: Merkel alone); a state voice is its own state's only by its own places or its country's adjective (Washington vs Britain's foreign office, Austria vs Australia's, Sudan vs South Sudan's army: other voices, were one state; Beijing vs the Chinese foreign ministry: one state, was framing); 68: unquantified quantifiers before a noun of people or buildings (许多抗议者, 大批示威者, 一些, 部分, 若干; many, a number of, some protesters) read as 2 or more with no bound above, as 多名: against a count of the same fact the count's outlet is the more precise (precision, was "agree statement" and "only B reports 40"), never a contradiction, never a unique figure alone, and against another such word no finding; 许多国家, 一些专家, 大部分, 部分建筑, "many times", "some say" no figure; 67: English trial faults: a score or record with an unspaced hyphen or en dash no count (won 3-1, lost 2–0, a 3-1 win, the Hawks (7-2), a 5-4 vote; "won 4-3. The…" a score too), two counts joined by a hyphen or en dash before a noun one span (10-15 people: 10-15, was 10 with no noun; at least 10–15 soldiers; not before a unit, aged 7-16 years); "several" read as 3-10 (several vs 10: precision, not a contradiction; 20 still one); the past form of an irregular verb ends an English counted noun (40 workers went on strike: workers, was "workers went"; lexicons.grammar.IRREGULAR_PAST_EN), and a past form right after a figure before a function word or the end is the verb, no noun (3 died., 12 fled the city: no counted noun, were "died", "fled"); "over" after a verb of place or a noun of dispute is a preposition, no qualifier (flew over 30 villages, a row over 200 jobs: 30 and 200 plain, were "more than"; lexicons.quantifiers.OVER_AS_PREPOSITION_AFTER_EN); named persons joined by "and" or commas before a verb of speech each a voice (John Smith and Mary Jones said: both, was Mary Jones alone), an English name not cut at an apostrophe after its first capital (Peter O'Neill, was Peter / Neill); a place speaking is its state's voice (Russia said, Beijing says, Moscow has said: official, were no voice; the United States said: official, was a person; vaguer than its own state's offices, another voice than others'), a profession as a group an expert voice (analysts said, statisticians announced: were no voice; never with a clause word or as a title: The Economist), a list of states one voice (Russia, China and Iran said), no state voice for the State of "City, State" before another's verb nor before "added" (America added 1.8m jobs), a comma alone joins no persons; an English quotation running over paragraphs (a paragraph left open, the next opening with a mark again, a later mark closing) one quotation with one speaker (its first paragraph was lost, each half compared alone), "she said" after it resolved to its speaker; 66: the alignment model refitted on the same 40 development stories with its judged sentences found by their text (ALIGN_MODEL.md, session 40; most labels named sentences whose index had moved); 65: a name cut short read whole where written whole elsewhere (61) takes, of two whole names of one length, the one starting first (it took whichever a set listed first: results changed with PYTHONHASHSEED), each person looking up only the texts around it; 64: a number finding shows the day a figure's clause or sentence names, resolved against the publication ("6750个 for Sunday 11 Jul"), and an article label or update text shows its publication time as such ("BBC (published 13 Jul 11:20 UTC)", was "BBC (07-13 11:20)", read by a trial reader as the figure's day); two shares joined by 至/到 right after a verb of change one span (物价上涨500%至900%: 500-900%, was 500% and 900%), unless 从/由 gives a start, the thing changed is a rate (失业率下降0.3%至5.8%) or the bounds lie over five times apart; 63: English desk trial: telephone numbers (0845 125 2222, 555-201-7788) and a bare hour after before/after/until (began before 9.) no figures, $1.9trn / £3tn a trillion, "estimated at" a qualifier, a time phrase opening a clause no part of the English voice (On January 14th the ministry said), a quotation opened after a sentence end a new sentence, anonymous sources named in English for English reports, a consultancy's forecast (predicts, forecasts) and state troopers voices, "figures differ" only when no figure of one outlet meets one of another and no number finding compared it; a distance takes the direction nearest it (13 miles east of X and 2 miles southeast of Y: the 2 miles are Y's); two named voices with one role (X, a consultancy / Y, a consultancy) two voices; 62: 多名/多人/若干名 read as 2 or more with no bound above (a larger figure is precision, not a contradiction; 数名, several, dozens keep theirs), 一天 as the per of a rate (一天停电数小时) no length of time, 周日报告 keeps its weekday, a Chinese speaker or voice never ends at a verb or 对/向 inside a word (一名自称X的抗议者, 小说家, 反对派), 周一 after a title no name, a bracketed gloss or middle-dot rendering gives the name as written (X·Y, not the Latin gloss), 据 no part of a speaker, a question (怎么说) or a medium word before 的 no voice, a voice window opening inside a word opens at its start; 61: a person's name after a title read whole where the recogniser cut it (Japanese names: 知事森川健|太, 会长野口|正孝, 知事内|田雄一, 知事难|波一郎, 知|事川口平, 防卫相石井雄|一说; titles 知事, 大臣, 外相, 防卫相, 干事长, 社长, 会长), a name cut short read whole where the article writes it whole elsewhere (陈时|中 where 陈时中 is read), a weekday is no person (李明|周一); a long name rendered with a syllable more or less sounds alike (尼坦雅胡 / 内坦尼雅胡, 博索纳罗 / 博尔索纳罗); 60: one family name with other given names is two people (菲德尔·卡斯特罗 / 劳尔·卡斯特罗, unless the given names sound alike: 赫萨穆丁 / 胡萨姆丁), in quotes and attribution too, and a bare family name joins no two of them in the naming table; 59: the naming table ties a descriptor only to a name directly before it (a space, 的, 之 or a possessive between; 呼吁某国政府倾听示威者 no longer names the government 示威者), so bare descriptors no longer follow a body a verb governed; 58: Japanese told from Chinese by both languages' own letters over the whole text (articles.japanese: hiragana, katakana words and Japanese-only forms such as 気 発 県 against Chinese-only forms), not kana against Han: a Japanese brief with few kana is no longer read with Chinese rules, and a Chinese brief quoting a Japanese name (ポケモン, 進撃の巨人) is read; 57: stance desk trial, second pass: a surname left between a title and a name (行政长官林|郑月娥, 发言人欧|阳…) and a given name ending in 里 (田军|里) read whole, a quotation speaker is a noun phrase (并说, 也说, 对其逝世表示: the earlier subject; 不再承认, 这表示: none; 李明的发言人: the spokesman), a short noun phrase in quotation marks with no verb of speech at its marks a term (违反“某某法”, “烈士”), a body and its spokesman one voice (某战区 / 某战区新闻发言人张某), a voice referring back (这位发言人, 该部) the voice named before it, a passive (被证实) or a clause (警方指她涉嫌…) no voice, 称颂/说服 no verb of speech; 56: an English year-like number after a word naming a year or a season (the year 2000 people, spring 2020 troops) or ending a span of years (from 2019 to 2021 cases, between 2019 and 2021 houses) is a year, no count; the naming table gives one row per state's institution (中共政府, 中国政府, 北京政府, 大陆政府: one row, not one per pair of prefixes); a first person's short words in quotation marks before a head noun (“我们不退让”行动起来) stay a quotation (the vessel rule had dropped them); 要是 inside 主要是/重要是/只要是 is no condition (卫生部长主要是强调 was no voice), 主要是 no part of a voice; 55: an English year-like number before a plural noun the category lexicon counts (about 1900 people, 2000 troops) is a count, not a year (never after the, a possessive or a preposition of time); 54: articles in a language the comparison does not read (Japanese, Korean, Russian, Arabic, German, French, Spanish, Vietnamese) give no facts, a note names them (Markdown "Notes", the dashboard's Facts tab); their figures were read with Chinese or English rules (67 173 as 67 and 173, an Arabic count of the injured against a Chinese count of the dead, およそ dropped); alignment reads digits of any script as ASCII (２０ and ٢٠ are 20); 53: stance desk trial fixes: a verb of speech after a light verb (予以警告, 加以否认) opens no voice, adverbs (一再, 再次, 纷纷, 又, 还), verbs of replying (回应表示) and time words (午间, 今年) end a Chinese voice, a voice never opens with 据 or a dateline's remains (2日 - ), a condition (如果警方认为) cites no one, a name in quotation marks before 号/级/型 (or 「某某號」) is no quotation, an agency relaying a voice in its sentence is no other voice, one name in two renderings (普赖斯 / 普莱斯) one voice, two outlets' pair of voices one framing finding, a medium citing a named person (援引X的话) that person's voice, an unnamed spokesman and the person a report names in that office (某部发言人 / 某部发言人李明远) one voice, the naming table pairs only one state's names (台湾政府 / 中华民国政府, never 中国政府); 52: English figures with a half and a scale word read whole (two and a half million, a million and a half, half a million), one home for the vaguer reading (docs.estimate: a qualified figure is the vaguer one against a plain figure whatever the widths; "more than 40" vs 41 precision, not agreement), short names and terms in Chinese quotation marks (“XX”号, 所谓“XX”) no quotations, a figure for a part the article writes inside a larger place (甘肃省石门镇) never set against the whole; 51: Taiwan desk trial fixes: ROC years (民國110年, 110年4月2日) and slash dates (5/15-5/28) read, CNA credit lines with their date code, photo credits and related-reading lists are furniture (their sentences no claims), 声押/收押 arrests, a clock time's role (from, until, ahead) never contradicts another role, a figure inside 自…后 the earlier happening's, 当时 takes the previous sentence's past time, power and energy units (瓩, 千瓦, MW), negated speech (还没办法说明) no voice, 随即/接着/则/也 no part of a voice, names in 中 (陳時中) whole; 50: "about" before a span widens the whole span (about 30 to 40: 27-44), and an approximate span against the same span said exactly is precision; 49: "days differ" gives the days when one word names both (Monday (2021-07-05) / Monday (2021-07-12)); a person in a 在 time frame without its comma or before 的+day (在X说这番话的同一天) stays a person; 据国家统计局表示 credits 国家统计局 (a figure record word inside a body's name closes no citation); 48: English trial fixes: counts of one unlisted noun compared (14 smugglers), ages of two persons, the first N of a series and parts inside 包括…在内 not set against a whole, speeds (mph, km/h) a dimension, road/flight/clause numbers no figures, a possessive no spelling, "Last June" the one before, a day after a speech verb the statement's, a.m. before a time zone no sentence end, names with an inner capital (McTavish), compass words opening a name no direction, agencies named in English for English reports, an event word after the counted noun the figure's own, people vs things and the dead vs the injured never one fact; 47: English "two and a half years", "a year and a half" read as 2.5 and 1.5 of the unit; 46: a place is no Chinese speaker (a name between 在/于/从 and a verb of speech, or tagged a place elsewhere in the article, is a place: 在安曼说; a trailing 在+place is cut from a speaker, 他在北京说 is 他; the 在 of 正在/现在 opens no place after a speaker); 45: a shared statement whose outlets name other days says "days differ"; 44: Chinese voices glossed in brackets (某厅（相当于某署）表示, 某协会(NHK)报导) and compilers of figures (据X的统计) are voices; a generic voice set against a named one in another script; 43: an English body's name goes on after of/for/on (National League for Democracy, Ministry of Defence); 42: a time before the speech verb is no part of a Chinese speaker (发言人周日说); 41: alignment reads the calendar days two sentences name (align feature "days", model refitted); 40: a Chinese voice never starts inside a name (缅甸武装部队…, not 甸武装部队…); 39: English sentence openers no names (According, Both, Three; a lone opening word only when the text capitalizes it inside a sentence), "he said" resolved from the sentence just before the quotation (a full name with an appositive opens it), no noun-phrase speaker through a relative word, no English voice of a passive or a relative clause nor opened by a preposition, a unique figure named with its counted noun as written (dozens of officers); 38: English time words after a figure (41 early on Monday, 9 yesterday) no noun it counts; 37: an outlet's later report updates its own figures (kind "update"; its older figures are not set against other outlets' later ones), two outlets' figures of a running count reported hours apart are contradictions worded "perhaps an update" with the later report named, lower bounds (至少, at least, 不少于) marked; 36: 周 a weekday in a voice only before its verb or a time, exchange rates no sums, 逾百亿 an order of size; 35: articles compared on their first 200,000 characters, two overlapping estimates name no vaguer outlet; 34: over a bare magnitude word (逾百人) an order of size; 33: Taiwan and Hong Kong readings (昨(13)日, 哩 浬 公噸, 兆, currencies before the figure, no figure inside a name, bracketed bylines, a time word ends a Chinese voice, 处 departments), one quotation credited to two named persons, depths only against depths, names equal in Simplified one name, outlet labels in the script of their articles; 32: two figures vague by a qualifier in two units get no conversion slack beyond their own (about 40 miles vs about 80 km); 31: an outlet's editions in two languages compared with each other, vague converted figures without rounding slack, running totals since long ago no story counts, English spans of ages, dollars of other places and round sums read as rounded, bare Chinese datelines and credit lines as furniture, voices of one kind in two scripts not set against each other, one quotation in two languages agrees in translation; 30: agency names at jieba word boundaries, quoted names only after a naming noun, articles labelled by the outlet's name in their language; 29: agency names whole (中央社会工作部 is no 中央社), 附近 before a figure no "nearly", quoted names before their verb no quotations; 28: English future-in-the-past weekdays, linking verbs end a counted noun, "others" are people, a bearing from a place never against a part of one, no voice after a word of refusal, no actors in datelines, an outlet is no source of its own, sources list the bodies claims are attributed to; 27: alignment and figure-pair models refitted on 40 development stories, accented English names, places spelled a letter apart; 26: aligned sentence pairs with their wording differences; 25: seconds, millimetres and Taiwan's metric units, clock minutes and English scores no counts, model codes without hyphen, English titles and spellings, two counts or two days one outlet reports are two facts, English officers by surname, newspapers as press voices; 24: voices of bodies and in Traditional script, unnamed media relaying a voice, sound-alike renderings, percentage points, lists; 23: dates nested in aligned sentences, years, counts of years and halves as durations; 22: review fixes (a part only against a part, English participles, a person with and without title one voice), figure-pair refit; 21: alignment and figure-pair models refitted on 20 development stories, more titles; 20: earlier happenings' figures and days, event words by position, partitive counts, glosses however spaced, named persons and voices after their verb as attributions; 18: figure-pair model refitted on 17 development stories; 19: alignment model refitted on 17 stories, the figure-pair model after it; 4: renderings; 5: people by role; 6: figure-pair model; 7: descriptors; 8: 多名/数名; 9: alike vague readings, age-group bounds; 10: months, time pairs past the threshold, hours of a kind of happening, place-framed renderings, one part of a glossed name; 11: rival-gap and clause alignment features; 12: figure-value alignment feature, alignment refitted on 14 stories; 13: years of dates written without one, inner name parts rendered otherwise; 14: figure values within their dimension; 15: distance anchors (the place after the direction, English two-word places, possessive weekdays); 16: event words governed by a topic preposition or modifying a noun report nothing; 17: English voices of public bodies, estimates, title abbreviations, initials, two conjuncts

_Doc = Doc  # the name tests and older callers used
_build_docs = build_docs


@lru_cache(maxsize=1)
def _default_backend():
    try:
        import embeddings

        return embeddings.get_backend()
    except Exception as exc:  # no embeddings package or no model: lexical alignment only
        log.info("no dense backend for sentence alignment (%s); lexical only", exc)
        return None


def _quote_cap_notes(docs: list[Doc]) -> list[str]:
    from comparison.findings.quote import MAX_QUOTES_PER_ARTICLE

    return [f"{doc.label}: {len(doc.facts.quotes) - MAX_QUOTES_PER_ARTICLE} quotations past the first "
            f"{MAX_QUOTES_PER_ARTICLE} not compared" for doc in docs if len(doc.facts.quotes) > MAX_QUOTES_PER_ARTICLE]


# The words every note about a language not read carries (one home: the dashboard finds them by it).
NOT_READ_NOTE = "not read for figures, dates, names or voices"


def not_read_notes(notes: list[str]) -> list[str]:
    """The notes of a comparison naming articles in a language it does not read."""
    return [note for note in notes if NOT_READ_NOTE in note]


def _unread_notes(docs: list[Doc]) -> list[str]:
    """One note per language the comparison does not read, naming its articles."""
    from comparison.text import LANGUAGE_NAMES

    by_language: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        if doc.facts.not_read is not None:
            by_language[doc.facts.not_read].append(doc.label)
    return [f"{LANGUAGE_NAMES.get(code, code)} {NOT_READ_NOTE} "
            f"(only Chinese and English are): {', '.join(labels)}; their sentences are aligned by meaning "
            "only, so what one outlet alone reports may be in them too"
            for code, labels in sorted(by_language.items())]


def build_context(articles: list[Article], backend=None, progress: bool = False
                  ) -> tuple[list[Doc], Context | None, list[str]]:
    """The story as the producers read it: documents with claims, and their sentences
    aligned across outlets (None with fewer than two documents); plus one-line notes."""
    docs = build_docs(articles, progress)
    notes = [f"{doc.label}: {note}" for doc in docs for note in doc.facts.notes]
    notes += _quote_cap_notes(docs) + _unread_notes(docs)
    for doc in docs:
        doc.claims = build_claims(doc)
    assign_places(docs)
    if len(docs) < 2:
        return docs, None, notes
    flat: list[tuple[int, int]] = [(d, k) for d, doc in enumerate(docs) for k in range(len(doc.sentences))]
    sim = similarity_model(docs, flat, backend, notes)
    index_of = {pair: i for i, pair in enumerate(flat)}
    counterparts = align_articles(
        [d for d, _ in flat], [docs[d].group for d, _ in flat],
        [len(docs[d].sentences[k].text) for d, k in flat], sim)
    aligned: dict[tuple[int, int], dict[int, tuple[int, float]]] = defaultdict(dict)
    for i, matches in counterparts.items():
        d, k = flat[i]
        for j, score in matches:
            d2, k2 = flat[j]
            aligned[(d, k)][d2] = (k2, score)
    return docs, Context(docs, sim, flat, index_of, aligned), notes


# An article is compared on its first this many characters (about 33,000 English words): past
# it, time and memory outgrow any article a reader compares by eye (a 1 MB text took > 3 GB),
# and a note says what was left out. The dashboard sets a smaller budget of its own.
MAX_ARTICLE_CHARS = 200_000


def clipped(article: Article, max_chars: int | None = None) -> Article:
    """``article`` with its paragraphs cut at ``max_chars`` characters (default
    :data:`MAX_ARTICLE_CHARS`; itself when shorter)."""
    max_chars = MAX_ARTICLE_CHARS if max_chars is None else max_chars
    if len(article.text) <= max_chars:
        return article
    kept, total = [], 0
    for paragraph in article.paragraphs:
        if total >= max_chars:
            break
        kept.append(paragraph[: max_chars - total])
        total += len(kept[-1]) + 1
    return dataclasses.replace(article, paragraphs=kept)


# A comparison reads at most this many articles of a story, one per outlet first: its cost grows
# with the square of its articles (every pair of articles is aligned and compared), and a wire
# report carried by hundreds of sites in near-identical copies is one story. 320 such copies took
# 17 GB before the kernel stopped the run (48: 104 s and 1.3 GB; 24: 71 s and 0.96 GB on a busy
# machine); a note says how many were left out. The dashboard's budget is smaller (12).
MAX_COMPARED_ARTICLES = 24


def one_per_outlet_first(articles: list[Article], max_articles: int) -> list[Article]:
    """At most ``max_articles`` of ``articles``: each outlet's earliest, then each one's second,
    and so on (every outlet is heard before any is heard twice)."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a in sorted(articles, key=lambda a: (a.published, a.id)):
        by_outlet[a.outlet].append(a)
    chosen: list[Article] = []
    depth = 0
    while len(chosen) < min(max_articles, len(articles)):
        for group in by_outlet.values():
            if depth < len(group) and len(chosen) < max_articles:
                chosen.append(group[depth])
        depth += 1
    return chosen


def compare(articles: list[Article], backend=None, use_dense: bool = True, progress: bool = False,
            max_articles: int | None = MAX_COMPARED_ARTICLES) -> Comparison:
    """Compare 2+ articles of one story (any outlets, either script, Chinese or English).

    ``backend``: an ``EmbeddingBackend`` for dense sentence alignment; None uses
    ``embeddings.get_backend()`` when ``use_dense`` (falling back to lexical
    alignment when no model loads). ``progress``: a progress bar on stderr while
    the articles are read (batch use). ``max_articles``: past it, the articles compared are
    :func:`one_per_outlet_first`'s, and a note says so (None: all of them).
    """
    articles = list({a.id: a for a in articles}.values())
    capped = []
    if max_articles is not None and len(articles) > max_articles:
        capped = [f"compared {max_articles:,} of {len(articles):,} articles (at most {max_articles:,} a "
                  "comparison, one per outlet first: its cost grows with the square of its articles)"]
        articles = one_per_outlet_first(articles, max_articles)
    long = [a for a in articles if len(a.text) > MAX_ARTICLE_CHARS]
    articles = [clipped(a, MAX_ARTICLE_CHARS) for a in articles]
    if backend is None and use_dense:
        backend = _default_backend()
    elif not use_dense:
        backend = None
    docs, ctx, notes = build_context(articles, backend, progress)
    if long:
        notes = [f"{len(long)} article(s) compared on their first {MAX_ARTICLE_CHARS:,} characters", *notes]
    notes = [*capped, *notes]
    if ctx is None:
        return Comparison(article_ids=[a.id for a in articles], findings=[],
                          naming=[], sources=_sources_by_outlet(docs), quotes=_quotes(docs), notes=notes)
    findings = run_all(ctx)
    findings.sort(key=_sort_key({doc.article.id: doc.label for doc in docs}))
    aligned, aligned_notes = aligned_sentences(ctx)
    return Comparison(
        article_ids=[doc.article.id for doc in docs],
        findings=findings,
        naming=ctx.naming,
        sources=_sources_by_outlet(docs),
        quotes=_quotes(docs),
        notes=notes + aligned_notes,
        aligned=aligned,
    )


_ORDER = {"contradiction": 0, "precision": 1, "framing": 2, "update": 3, "agree": 4, "unique": 5}


def _sort_key(label_of: dict[str, str]):
    def key(f: Finding) -> tuple:
        if f.kind != "unique":
            return (_ORDER.get(f.kind, 9), False, "", 0.0, f.fact_type)
        # Unique findings: headline ones first, grouped per outlet, most salient first.
        outlet = label_of.get(f.spans[0].article_id, "") if f.spans else ""
        return (_ORDER["unique"], f.minor, outlet, -f.salience, f.fact_type)

    return key


# ---------------------------------------------------------------- signature --
def comparison_signature(articles: list[Article], use_dense: bool = True) -> str:
    """Hash of the members' content hashes, outlets and times, COMPARISON_VERSION and the alignment mode (cache
    key): a lexical-only comparison differs from the dense one, so neither may serve for the other."""
    mode = "" if use_dense else "\nlexical"
    # The outlet, language and publication time too: they make the labels (an English article is
    # labelled by the outlet's English name) and the days relative words mean, and a re-ingest
    # may correct them while the text stays.
    members = sorted(f"{a.content_hash} {a.outlet} {a.language} {a.published}" for a in articles)
    payload = COMPARISON_VERSION + mode + "\n" + "\n".join(members)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()
