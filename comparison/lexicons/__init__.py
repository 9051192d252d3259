"""General lexicons of the comparison stage, in one place (see README.md for sources).

Every list here is general vocabulary of news language (units, vague quantifiers,
reporting verbs, attribution markers, time words, place levels, categories of
counted things and events). No entry exists because one labeled story uses it:
``tests/test_comparison_lexicons.py`` checks that every entry found in a labeled
story also occurs in unlabeled reference text.
"""
