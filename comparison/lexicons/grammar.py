"""English closed-class words: what opens a sentence with a capital without being a name.

A name extractor reading capitalized words takes every sentence's first word for one
("According", "Both", "Three", "Moreover"); these are the words that are never a name on their
own. Closed classes of English grammar (determiners, pronouns, prepositions, conjunctions,
auxiliaries, number words) and the common sentence adverbs. Left out on purpose: words that are
also names or months ("May", "Will", "Mark"), ordinals (First Amendment), and "us" (written US,
it is the country). Read only at a sentence's start.
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

# Lower case; a capitalized word is looked up by its lower-case form.
FUNCTION_WORDS_EN = frozenset(
    " ".join((_DETERMINERS, _PRONOUNS, _PREPOSITIONS, _CONJUNCTIONS, _AUXILIARIES, _NUMBERS, _ADVERBS)).split())
