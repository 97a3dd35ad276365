"""PROVISIONAL stub matcher (keyword only) so the edges can be built; replaced by the real one."""

from __future__ import annotations

from dataclasses import dataclass

from .intents import IntentData
from .knowledge import KnowledgeBase
from .reply import Intent


@dataclass(frozen=True)
class Match:
    intent: Intent
    confidence: float
    roles: tuple[str, ...] = ()
    unknown_role: str | None = None
    completed_step: int | None = None


class Matcher:
    def __init__(self, knowledge: KnowledgeBase, intents: IntentData) -> None:
        self.knowledge = knowledge
        self.intents = intents

    def match(self, text: str) -> Match:
        t = text.lower()
        roles = tuple(r.id for r in self.knowledge.roles if r.title.lower() in t)
        for word, intent in (("salary", Intent.SALARY), ("pay", Intent.SALARY), ("do they", Intent.RESPONSIBILITIES),
                             ("become", Intent.CAREER_PATH), ("next", Intent.NEXT_STEP), ("hello", Intent.GREETING),
                             ("bye", Intent.GOODBYE), ("thank", Intent.THANKS), ("help", Intent.HELP)):
            if word in t:
                return Match(intent, 0.9, roles)
        return Match(Intent.OUT_OF_SCOPE, 0.1, roles)
