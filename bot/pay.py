"""Pay answers for the place and level a question names: an area, two areas side by side,
percentiles, entry level, or the best-paying states or metros.

The figures and their wording are bot/figures.py's (BLS as published, source named); this module
only chooses which one a turn asks for, so the renderers stay one per intent.
"""

from __future__ import annotations

from .areas import NATIONAL
from .dialogue import Turn
from .figures import areas_side_by_side_text, best_paying_text, salary_text
from .knowledge import KnowledgeBase, Role
from .phrasing import Phrases


def asks_place_or_level(turn: Turn) -> bool:
    """Whether the turn names a place, a pay level or a ranking."""
    return bool(turn.area or turn.areas or turn.percentiles or turn.entry_level or turn.rank_areas)


def pay_text(turn: Turn, knowledge: KnowledgeBase, role: Role, phrases: Phrases) -> str | None:
    """The answer from BLS figures for the role's occupation, or None when it has none (a role
    page without an SOC code answers with its own figure)."""
    if knowledge.occupation(role) is None:
        return None
    if turn.rank_areas:
        return best_paying_text(knowledge, role, turn.rank_areas, phrases=phrases)
    if len(turn.areas) > 1:
        return areas_side_by_side_text(knowledge, role, turn.areas, phrases)
    return salary_text(knowledge, role, turn.area or NATIONAL, turn.percentiles, turn.entry_level, phrases)
