"""Reporting verbs and attribution markers (who says it), Chinese and English.

Source: the reporting-verb inventories of style guides and corpus grammars
(Biber et al., *Longman Grammar of Spoken and Written English*, 9.2 "verbs of
communication"; the AP Stylebook entry "said"; 《现代汉语八百词》 on 说/称/表示
and the 据/援引 citation frames of Chinese newswriting).
"""

from __future__ import annotations

from comparison.lexicons.timewords import PAST_MARKERS_ZH

SPEECH_VERBS_ZH = ("说", "表示", "称", "指出", "强调", "写道", "宣布", "声称", "补充", "透露",
                   "告诉", "证实", "呼吁", "警告", "坦言", "认为", "发推", "宣称", "承认", "否认")
# Verbs that make a voice only when the statement follows after a comma or colon (国家统计局周五公布，6月
# CPI…; 某局指，…; 统计师解读，…; 某部门通报，…): with an object they are actions (公布数据, 指向,
# 通报批评), no speech. 指 only where no word ends with it (手指, 所指, 意指, 直指).
STATEMENT_VERBS_ZH = ("公布", "解读", "通报", "指")
# Verbs of issuing a statement, before the verb of speech that gives it (通报称, 发布消息说, 发表声明
#表示): a day before them is the statement's (comparison.claims.speech_day).
STATEMENT_ACTS_ZH = ("发布", "发表", "公布", "通报", "发出")
STATEMENT_VERB_INSIDE_WORDS_ZH = ("手指", "所指", "意指", "直指", "矛头指", "剑指", "拇指", "食指")
SPEECH_VERBS_EN = ("said", "says", "say", "told", "tells", "stated", "states", "announced", "announces",
                   "added", "adds", "claimed", "claims", "confirmed", "confirms", "warned", "warns",
                   "reported", "reports", "wrote", "writes", "tweeted", "insisted", "explained",
                   "noted", "notes", "denied", "acknowledged", "declared", "according to")
# English verbs of speech that are also plural nouns (bank notes, insurance claims, police reports,
# the 50 states): right before a sentence's end such a word is the noun ("Police seized 300 bank
# notes."), a verb only after a quotation ('"...," the mayor notes.'). Read by slots.
NOUN_LIKE_SPEECH_VERBS_EN = ("notes", "claims", "reports", "states")
# Where a statement is made, between an English speech verb and its day ("said at a news
# conference Wednesday", "announced in a statement on Tuesday"): the day is the statement's.
SPEECH_SETTINGS_EN = ("news conference", "press conference", "statement", "briefing", "interview", "speech")
# Verbs that credit a figure or an account to a voice without a verb of speech: an estimate
# ("officials estimated 300 homes"), a passive report ("the governor was quoted as saying").
ESTIMATE_VERBS_EN = ("estimated", "estimates", "predicted", "predicts", "forecast", "forecasts", "was quoted",
                     "were quoted")
# "X put(s) the toll at 50": an estimate only when "at" follows within the clause.
PUT_AT_VERBS_EN = ("put", "puts")
# Abbreviations written with a full stop before a name (Gov. Heidar Alishvandi, Mr. Smith):
# their stop ends no sentence.
TITLE_ABBREVIATIONS_EN = ("Mr", "Mrs", "Ms", "Dr", "Gov", "Gen", "Sen", "Rep", "St", "Lt", "Col", "Capt",
                          "Sgt", "Maj", "Prof", "Rev", "Adm", "Cpl", "Pres", "Supt", "Insp", "No")
# Words of address before a name that are no part of it (Mr Fernández and Ms Fernández share one
# name): the title abbreviations above and the unabbreviated forms of address (AP Stylebook
# "courtesy titles", "nobility").
HONORIFICS_EN = (*(t for t in TITLE_ABBREVIATIONS_EN if t not in ("No", "St")), "Miss", "Sir", "Dame", "Lord", "Lady")
# The offices those abbreviations stand for (Gov. X is the governor).
TITLE_ABBREVIATION_OFFICES_EN = {"gov": "governor", "gen": "general", "sen": "senator", "rep": "representative",
                                 "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant",
                                 "maj": "major", "adm": "admiral", "pres": "president", "supt": "superintendent",
                                 "insp": "inspector", "cpl": "corporal"}
# A medium's report as the verb of its voice (星岛日报报导，…: no 据 before it), as English reads
# "reported": only where a medium's name opens the clause (comparison.slots._media_reporting).
REPORT_VERBS_ZH = ("报道", "报导")
# What a 据/根据/援引 X … cites: a report, words, a statement, or figures X compiled (据日本气象厅的统计,
# 根据联合国的数据); 据统计 alone names no one and is not read (a voice has two characters or more).
FIGURE_RECORDS_ZH = ("统计", "汇总", "数据")
# What goes on after a figure record word inside a body's name (统计局, 统计处, 数据中心): there the word
# closes no citation (据国家统计局表示 credits 国家统计局, not 国家). One-character heads beside the
# attribution lexicon's OFFICE_HEAD_ENDINGS_ZH and ORGANIZATION_HEADS_ZH, which are added where used.
BODY_HEADS_AFTER_RECORD_ZH = ("局", "部", "司", "所", "科", "组", "室", "站", "会")
# A body's record as the subject of a verb of speech (外交部声明说, 某部门通报指, 某部消息称): the body
# speaks; the record word is no part of its voice.
VOICE_RECORDS_ZH = ("声明", "通报", "消息", "公告", "通告", "新闻稿", "文告")
# Determiners and quantifiers cited in place of a source (综合以上报道, 据上述消息, 综合各方报道, 据多方
#消息: "the reports above", "various parties"): they name no voice (slots._voice, a whole voice only).
NO_VOICE_DETERMINERS_ZH = ("以上", "上述", "前述", "各方", "多方", "各种", "各类", "多种", "有关", "相关", "其他", "其它",
                           "各家", "这些", "那些")
# Words between a cited body and its record (根据国家统计局最新消息, 据某部官方数据): no part of the body.
RECORD_MODIFIERS_ZH = ("最新", "官方", "初步", "正式")
CITED_RECORDS_ZH = ("报道", "报导", "消息", "称", "说", "表示", "透露", "声明", "公告", *FIGURE_RECORDS_ZH)
# Frames that cite a source (据X报道, according to X, citing X).
CITE_BEFORE_ZH = ("据", "援引", "根据", "对", "告诉", "向", "引述", "引用", "接受", "综合")
CITE_AFTER_ZH = ("报道", "报导", "援引", "引述", "说", "称", "表示", "获得", "电稿", "消息",
                 "的报道", "发布", "的声明", "声明", "的视频", "获悉", "采访", "记者")
CITE_BEFORE_EN = ("according to", "citing", "cited by", "told", "quoted by", "reported by", "said to")
CITE_AFTER_EN = ("reported", "reports", "said", "says", "quoted", "cited")
CITATION_HEADS_ZH = ("据", "根据", "援引", "按照")
PRONOUNS_ZH = ("他", "她", "他们", "她们", "该官员", "这位官员", "这位大使", "该人士")
PLURAL_PRONOUNS_ZH = ("他们", "她们")
PRONOUNS_EN = ("he", "she", "they", "it")
# Wire dispatch marks that close a dateline (（法新社日内瓦16日电）, 【…日讯】, …8日專電）,
# …5日綜合外電報導）), in Simplified and Traditional script: 电 dispatch, 讯 news item,
# 专电 special dispatch, 综合外电 compiled from foreign wires, 报导/报道 report.
DISPATCH_PREFIXES_ZH = ("专", "專", "综合", "綜合", "综合外", "綜合外")
DISPATCH_MARKS_ZH = ("电", "電", "讯", "訊")
DISPATCH_SUFFIXES_ZH = ("报导", "報導", "报道", "報道")
# A news page's own timestamp lines ("Last Updated: Monday, 28 November 2005", "Posted 11/27/2005").
PAGE_STAMPS_EN = ("last updated", "updated", "posted", "published", "first published")
# A wire story's closing credit line, in brackets on a line of its own ("(Reporting by …;
# Editing by …)", （编译：…；审校：…）, （完）; CNA's translated wire copy, （譯者：…/核稿：…）): the desk's
# staff, no people of the story.
CREDIT_WORDS_EN = ("reporting", "additional reporting", "writing", "editing", "compiled", "compiling",
                   "translated", "translation")  # each before "by"
CREDIT_WORDS_ZH = ("编译", "編譯", "编辑", "編輯", "审校", "審校", "责任编辑", "責任編輯", "记者", "記者",
                   "译者", "譯者", "核稿")  # each before ：
# A heading that opens a page's list of other reports' headlines, on a line of its own to the end
# of the text (CNA's "延伸閱讀", other sites' 相關新聞): the headlines are other stories' claims.
RELATED_READING_HEADINGS_ZH = ("延伸阅读", "延伸閱讀", "相关阅读", "相關閱讀", "相关新闻", "相關新聞", "相关报道",
                               "相關報導", "推荐阅读", "推薦閱讀", "更多新闻", "更多新聞")
# A photo credit (中央社記者張三攝, 记者李四摄影): a photographer, no person of the story.
PHOTO_CREDIT_MARKS_ZH = ("摄影", "攝影", "摄", "攝")
# Words that negate a speech act before its verb (其余还没办法全部说明, 他拒绝说明): the clause
# says what was not said, no voice. Not where 的 follows them (一名不愿透露姓名的官员说: the
# official speaks).
NEGATED_SPEECH_ZH = ("没办法", "没法", "无法", "还没", "尚未", "不能", "未能", "不愿", "不肯", "拒绝")
# Words that open with a one-character verb of speech and say no speech act (称颂 praise, 称号 a title,
# 称为 name as, 说服 persuade, 说法 an account): their 称 or 说 opens no voice.
NOT_SPEECH_WORDS_ZH = ("称颂", "称赞", "称号", "称呼", "称为", "称作", "称霸", "称职", "说服", "说法", "说情")
# Words that hold a verb of speech inside or at their end and say no speech act of the one before
# them (一名自称X的抗议者告诉记者: the protester speaks, not 一名自; 一位小说家说: the novelist):
# naming (自称, 号称, 堪称, 俗称, 简称...), nouns (名称, 职称, 小说, 传说, 学说, 听说) and 代表|示威,
# where 表示 straddles two words. Not 又称, 并称 and 人称, which also read "(and) said" (他又称,
# 并称, 有人称). A speaker or a voice never ends at their verb (text.words_outside).
SPEECH_VERB_INSIDE_WORDS_ZH = ("自称", "号称", "堪称", "著称", "俗称", "简称", "统称", "通称", "昵称", "尊称",
                               "爱称", "名称", "职称", "对称", "相称", "小说", "传说", "学说", "游说", "听说",
                               "代表示威")
# Words right before a verb of speech that negate the speech act (一位不愿透露姓名的官员: the official
# speaks, not 一位不愿; 学校不再承认: nothing is said): no voice nor speaker ends with one.
SPEECH_NEGATORS_ZH = ("不愿", "不愿意", "不肯", "不想", "拒绝", "婉拒", "不便", "未", "未能", "无法", "不能", "没有", "不",
                      "不再", "没", "从未", "从不", "并未", "绝不")
# English adverbs of sequence and linking opening a clause before its subject ("Next the army
# declared", "Then the ministry said", "Meanwhile police said"): no part of the voice (Quirk et al.
# 8.137-8.140, conjuncts of listing and transition).
CLAUSE_LEAD_WORDS_EN = ("then", "next", "later", "meanwhile", "afterwards", "subsequently", "finally", "eventually",
                        "also", "however", "moreover", "instead", "separately", "earlier", "now", "still")
# Words opening a clause before its subject (而, 但, 并, 此外: 并说 has its subject in a clause before):
# no part of a voice or a speaker.
CLAUSE_LEAD_WORDS_ZH = ("而且", "并且", "而", "但", "并", "另外", "此外", "同时", "随后", "其中", "后经", "经由")
# Prepositions opening an adverbial phrase before the verb (对其逝世表示哀悼, 就此事表示): a clause
# opening with one has its subject elsewhere; the phrase is no speaker.
CLAUSE_PREPOSITIONS_ZH = ("对于", "针对", "关于", "对", "就", "为", "把", "被", "给", "替")
# Words ending in the 对 or 向 of a listener (X对记者说, X向媒体表示) that are no preposition: 反对派组织
# is an opposition group, not 反 speaking to 派组织 (反对, 针对, 面对, 方向, 倾向...).
LISTENER_INSIDE_WORDS_ZH = ("反对", "针对", "面对", "相对", "绝对", "应对", "核对", "比对", "敌对", "作对", "派对",
                            "方向", "倾向", "面向", "转向", "走向", "动向", "意向", "导向", "志向", "取向")
# Question words before a verb of speech (某政府怎么说？, 专家如何看): a question the article asks, no
# voice's words.
QUESTION_WORDS_ZH = ("怎么", "怎样", "如何", "为何", "为什么", "是否", "有没有")
# Demonstratives before a word of reference (这表示, 这说明): the clause's subject is a fact, no speaker.
DEMONSTRATIVES_ZH = ("这", "那", "此")
# Determiners that refer a voice back to one named before (这位发言人, 该部, 这名官员): the voice is
# that earlier one, no voice of its own (a 该 or 此 opening a word: 该国, 此间, read by the head after).
ANAPHORIC_DETERMINERS_ZH = ("这位", "这名", "那位", "那名", "该名", "该位", "此位", "该")
# Light verbs whose object is a verbal noun (予以警告驱离, 加以否认, 进行批评): after them a verb of
# speech names an action taken, no voice's verb (《现代汉语八百词》: 予以, 加以, 给予, 进行 as 形式动词).
LIGHT_VERBS_ZH = ("予以", "加以", "给予", "进行")
# Adverbs between a Chinese voice and its verb (官员一再表示, 发言人再次强调, 各国纷纷表示): no part of the
# voice, which keeps two characters at least; with the adverbs of a whole (均, 都, 皆: 新华社与中新社均
# 报道, both reported). A one-character adverb is one only as a word of its own, not a name's end
# (东京都表示, 四川成都报道: 都 closes the dictionary word; extract.trailing_voice_adverb).
# The adverbs of a whole among them (均, 都, 皆): kept where a recognised name ends (发言人张国均表示:
# a given name's last character), as the older ones are not (小赵则表示: the name recogniser may take
# 则 into a name).
WHOLE_ADVERBS_ZH = ("均", "都", "皆")
# Adverbs of acting together (卫生部、教育部联合表示, 双方共同宣布, 各方一致表示, 两国分别表示), of degree
# (总统甚至告诉州长) and of past experience (警方曾表示: timewords.PAST_MARKERS_ZH) stand there too.
VOICE_TRAILING_ADVERBS_ZH = ("一再", "再次", "再度", "纷纷", "一度", "同样", "主要是", "亦", "则", "也", "又", "还", "更",
                             "联合", "共同", "一致", "分别", "甚至", "竟然", "甚而", *PAST_MARKERS_ZH, *WHOLE_ADVERBS_ZH)
# Conjunctions of condition (如果警方认为…): what a voice would say on a condition is no source cited.
CONDITIONAL_ZH = ("如果", "假如", "倘若", "若是", "要是", "一旦", "假若", "如若")
# Markers of an abbreviation an article defines in brackets (刚果民主共和国（简称刚果(金)）,
# "(hereafter IS)"), read by comparison/findings/aliases.py.
ABBREVIATION_MARKERS_ZH = ("以下简称", "下称", "简称", "以下称")
ABBREVIATION_MARKERS_EN = ("hereafter", "hereinafter")
# Words of naming right before a short term in quotation marks: the marks set off a name or a
# term the writer distances itself from (所谓“XX”, 名为“XX”的组织), not anyone's quoted words.
QUOTED_TERM_BEFORE_ZH = ("所谓", "所谓的", "名为", "称为", "称作", "叫做", "名叫", "号称", "代号", "简称", "俗称",
                         "命名为")
# Head nouns right after a short name in quotation marks: a ship or a type (“XX”号, “XX”轮, “XX”级), an operation,
# plan or campaign (“XX”行动, “XX”计划), an organisation or a document (“XX”组织, “XX”法案). Read
# by comparison.extract._quoted_name (not before 召/称 or an aspect particle: 号召, 组织了).
NAME_IN_QUOTES_AFTER_ZH = ("号", "轮", "舰", "型", "级", "行动", "计划", "项目", "工程", "运动", "倡议", "战略", "组织",
                           "集团", "公司", "机构", "联盟", "部队", "法案", "协议", "条例", "系统", "事件")
# Nouns (and the citation head 据) right before a name in quotation marks: the marks set off a
# name (an account, a programme, an operation), not a quotation (微信公众号“苏州发布”, 据“中国消防”).
NAME_IN_QUOTES_BEFORE_ZH = ("公众号", "公号", "微博", "账号", "帐号", "节目", "栏目", "专栏", "频道", "网站", "平台",
                            "客户端", "行动", "计划", "项目", "工程", "口号", "活动", "运动", "组织", "品牌", "据",
                            *QUOTED_TERM_BEFORE_ZH)
