"""PROVISIONAL intents loader."""
from __future__ import annotations
from dataclasses import dataclass
from pathlib import Path

@dataclass(frozen=True)
class IntentData:
    pass

def load_intents(directory: Path) -> IntentData:
    return IntentData()
