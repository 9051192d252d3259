"""Compare coverage within a story: facts side by side and where outlets differ.

Public API: :func:`compare`, :func:`compare_story`, :data:`COMPARISON_VERSION`,
and :mod:`comparison.report` (``to_json``, ``to_markdown``, ``to_csv``).
"""

from comparison import report
from comparison.compare import COMPARISON_VERSION, compare, comparison_signature
from comparison.model import Comparison, Finding, Span
from comparison.story import compare_story

__all__ = ["COMPARISON_VERSION", "Comparison", "Finding", "Span", "compare", "compare_story", "report",
           "comparison_signature"]
