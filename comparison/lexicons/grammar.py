"""English closed-class words: what opens a sentence with a capital without being a name.

A name extractor reading capitalized words takes every sentence's first word for one
("According", "Both", "Three", "Moreover"); these are the words that are never a name on their
own. Closed classes of English grammar (determiners, pronouns, prepositions, conjunctions,
auxiliaries, number words) and the common sentence adverbs. Left out on purpose: words that are
also names or months ("May", "Will", "Mark"), ordinals (First Amendment), and "us" (written US,
it is the country). Read only at a sentence's start.

Also the past forms of the common irregular verbs (:data:`IRREGULAR_PAST_EN`): after a counted noun
they are the clause's verb ("40 workers went on strike", "12 soldiers lost their lives"), no part of
the noun, as a regular "-ed" form is; and the present (plural) forms of common news verbs
(:data:`PRESENT_VERBS_EN`): after a plural counted noun they are its verb ("40 workers strike",
"300 residents flee"), as headlines and present-tense reports write them.
"""

from __future__ import annotations

_DETERMINERS = ("a an the all any both each every either neither no none few several many much most more some such "
                "other another own half enough less least this that these those what which whose whatever")
_PRONOUNS = ("i you he she it we they me him her them my your his its our their mine yours hers ours theirs who whom "
             "whoever someone somebody something anyone anybody anything everyone everybody everything nobody nothing")
_PREPOSITIONS = ("about above across after against along amid amidst among amongst around as at before behind below "
                 "beneath beside besides between beyond by despite during except for from in inside into like near of "
                 "off on onto out outside over past per since than through throughout till to toward towards under "
                 "underneath unlike until up upon via with within without according")
_CONJUNCTIONS = "and but or nor so yet because although though while whereas whether if unless once when whenever where"
_AUXILIARIES = "is are was were be been being am do does did has have had can could might must shall should would"
_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy "
            "ninety hundred hundreds thousand thousands million millions billion billions tens dozens dozen "
            "scores")
_ADVERBS = ("also still even just only however moreover meanwhile nevertheless nonetheless instead indeed thus hence "
            "therefore otherwise perhaps maybe not now then there here earlier later late early soon already again "
            "often sometimes never always almost nearly rather quite too very finally eventually today yesterday "
            "tomorrow tonight yes how why whatever ever each")

# The prepositions alone (lower case): after a list of persons following a verb of speech one opens
# an adverbial ("said A and B in a statement"), where a verb would open a clause of B's.
PREPOSITIONS_EN = frozenset(_PREPOSITIONS.split())
# The sentence adverbs alone (lower case): one may also open a body's name (Later Life Trust, Still
# Waters Inc), where a determiner or a preposition never does (extract_en.adverb_opens_name).
SENTENCE_ADVERBS_EN = frozenset(_ADVERBS.split())
# The adverbs that only link a clause to the one before (conjuncts of addition, contrast, result and
# sequence: Quirk et al. 8.137-8.140) and never stand before a noun: never a name's first word
# ("Also Life Trust said" is Life Trust speaking), where "Later", "Next", "Still", "Now" modify a
# noun as well (later life, the next generation) and open bodies' names.
CONNECTIVE_ADVERBS_EN = frozenset("also however moreover meanwhile nevertheless nonetheless instead thus hence "
                                  "therefore otherwise separately subsequently afterwards furthermore then".split())
# The sentence adverbs that also stand before a noun as its adjective (later life, the next
# generation, early years, late night, still waters, ever after, finally home): the only ones that
# may open a body's name (extract_en.adverb_opens_name). Focus particles (only, even, just, not,
# already), sentence adverbs (perhaps, indeed, now, soon), days (today, yesterday), here/there and
# question words qualify the clause or the name after them: "Only Toyota Motor Corp reported",
# "Now Delta Air Lines said", "Yesterday Acme Holdings said" name Toyota Motor Corp, Delta Air Lines,
# Acme Holdings.
NAME_OPENING_ADVERBS_EN = frozenset("later next early late still ever finally".split())
# Lower case; a capitalized word is looked up by its lower-case form.
FUNCTION_WORDS_EN = frozenset(
    " ".join((_DETERMINERS, _PRONOUNS, _PREPOSITIONS, _CONJUNCTIONS, _AUXILIARIES, _NUMBERS, _ADVERBS)).split())

# Past tense and past participle forms of the common irregular verbs (the standard table: Quirk et
# al. 3.14-3.16; Biber et al. 5.3), lower case. After a plural noun they are the clause's verb, never
# a part of the noun phrase (`numbers_en._counted_after`: "200 people fled", "three firefighters
# hurt", "40 families left their homes"). Left out: forms that are as often a noun after another
# noun ("found", "ground", "bound", "wound", "set", "cut", "put", "let", "cast", "bet", "fit", "read",
# "shed", "shut", "lay", "saw", "bear", "lead", "beat", "bit", "spit", "sink").
IRREGULAR_PAST_EN = frozenset("""
arose became begun began bent bled blew blown broke broken brought built burnt
bought caught chose chosen came crept dealt dug did done drew drawn drank drunk drove driven ate eaten
fell fallen fed felt fought fled flew flown forgot forgotten froze frozen
got gotten gave given went gone grew grown hung heard hid hidden held hurt kept knew known laid led
left lent lain lit lost made meant met paid rode ridden rang rung rose risen ran sought sold sent shook
shaken shot shone sang sung sank sunk sat slept slid spoke spoken spent spread stood stole
stolen stuck struck swore sworn swept swung took taken taught tore torn told thought
threw thrown understood woke wore worn won withdrew withdrawn wrote written
""".split())

# The present plural (base) forms of common verbs of news reports: happenings and actions of people
# (strike, flee, protest, die, rally), of speech and stance (say, demand, warn, vow), of states (face,
# fear, remain, lack). After a plural noun (workers, residents, people) they are the clause's verb,
# never a part of the noun phrase (`numbers_en._counted_after`: "40 workers strike at the plant",
# "300 residents flee", "12 families face eviction"). Left out: forms that are as often a noun after
# a plural noun ("arms control", "sales tax", "goods trains", "news conference": control, check, tax,
# race, deal, trade, help, aid, cause, report, record, need).
PRESENT_VERBS_EN = frozenset("""
strike flee die protest march rally gather clash riot demonstrate picket boycott occupy storm block
fight attack kill injure wound capture seize kidnap abduct arrest detain free release rescue evacuate
escape survive drown starve suffer perish shelter hide wait await return arrive leave depart stay remain
sleep camp queue walk run swim cross enter head move flock pour crowd fill line
say tell claim deny demand urge warn vow pledge threaten refuse agree vote call ask plead beg
face fear lack lose risk want seek expect hope plan prepare try continue begin start stop quit resign
join back support oppose reject accept receive get take make earn pay owe share mourn celebrate
mark honour honor watch cheer chant sing pray
""".split())
