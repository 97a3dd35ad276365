"""The value every stage hands to the outside world, and the one place intent names are spelled.

`Reply` is frozen so it can be cached, shared between threads and compared in tests; the
intent names are part of the public contract (see CONTRACT.md), so they live in one enum.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Intent(str, enum.Enum):
    """What a person asked for. The values are the contract's names."""

    SALARY = "salary"
    RESPONSIBILITIES = "responsibilities"
    CAREER_PATH = "career_path"
    NEXT_STEP = "next_step"
    EDUCATION = "education"
    SKILLS = "skills"
    JOB_OPENINGS = "job_openings"
    OVERVIEW = "overview"
    COMPARE = "compare"
    LIST_ROLES = "list_roles"
    GREETING = "greeting"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    HELP = "help"
    OUT_OF_SCOPE = "out_of_scope"

    def __str__(self) -> str:
        return self.value


#: Intents whose answer is about one role's facts; they need a role to be answered.
ROLE_INTENTS: frozenset[Intent] = frozenset(
    {
        Intent.SALARY,
        Intent.RESPONSIBILITIES,
        Intent.CAREER_PATH,
        Intent.NEXT_STEP,
        Intent.EDUCATION,
        Intent.SKILLS,
        Intent.JOB_OPENINGS,
        Intent.OVERVIEW,
    }
)


@dataclass(frozen=True)
class Reply:
    """One answer: the text shown to the person plus what the bot understood.

    The extra fields let a widget show buttons, a test check behaviour rather than prose, and
    a developer see why the bot answered as it did.
    """

    text: str
    intent: Intent
    role: str | None = None
    confidence: float = 0.0
    step: int | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    #: What decided the answer (rules, cues, scores), only when asked for (`Bot.reply(debug=True)`).
    debug: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (intent as its name, suggestions as a list; `debug` only when set)."""
        data = {
            "text": self.text,
            "intent": self.intent.value,
            "role": self.role,
            "confidence": round(self.confidence, 3),
            "step": self.step,
            "suggestions": list(self.suggestions),
        }
        if self.debug:
            data["debug"] = list(self.debug)
        return data
