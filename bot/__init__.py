"""careerbot: a conversational career-advice chatbot over a role knowledge base.

Only the public names live here; importing `bot` loads no YAML (the shipped knowledge base is
loaded on the first `answer()` call).
"""

from .core import Bot, answer
from .errors import DataError
from .knowledge import KnowledgeError
from .reply import Intent, Reply

__all__ = ["Bot", "DataError", "Intent", "KnowledgeError", "Reply", "answer"]
