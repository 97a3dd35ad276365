"""PROVISIONAL renderer."""
from __future__ import annotations
from .reply import Reply, Intent
HELP_SUGGESTIONS = ("What does it pay?", "What would I do?", "How do I become one?")

def render(turn, knowledge) -> Reply:
    role = knowledge.get(turn.roles[0]) if turn.roles else (knowledge.roles[0] if len(knowledge.roles) == 1 else None)
    if turn.intent == Intent.SALARY and role and role.salary:
        return Reply(f"The average salary for a {role.title} is ${role.salary.average:,}.", turn.intent, role.id, turn.confidence, None, HELP_SUGGESTIONS)
    return Reply(f"({turn.intent.value})", turn.intent, role.id if role else None, turn.confidence, turn.step, HELP_SUGGESTIONS)
