"""A per-user cache of the loaded intent data, so a fresh process skips parsing intents/.

Loading intents/ (YAML parsing and normalising every cue phrase) is most of a one-shot
`careerbot ask` with a small knowledge base. The cache is generic: it stores whatever
`load_intents` returns, keyed by a digest of every file in the intents directory and of
careerbot's own code (normalisation is code), so any change to either rebuilds it. A missing,
stale or unreadable cache is never an error: the data is loaded from intents/ as before.
The cache lives under $XDG_CACHE_HOME/careerbot (default ~/.cache/careerbot) and holds only
what this user's own careerbot wrote there: one file per installation (intents directory and
code location), so two checkouts or virtual environments of one user never evict each other's
file and pay the parsing again on every start.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from pathlib import Path

from .intents import IntentData, load_intents

log = logging.getLogger(__name__)
_CODE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "careerbot"


def digest(directory: Path) -> str:
    """What the loaded data depends on: the intents files, careerbot's code, Python's version."""
    h = hashlib.sha256(sys.version.encode())
    for root in (directory, _CODE):
        for path in sorted(p for p in root.iterdir() if p.is_file() and p.suffix in (".yaml", ".json", ".py", ".txt")):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def _where(directory: Path) -> str:
    """Which installation a cache file belongs to: its intents directory and code location."""
    return hashlib.sha256(f"{directory.resolve()}\0{_CODE}".encode()).hexdigest()[:12]


def cached_intents(directory: Path) -> IntentData:
    """`load_intents(directory)`, from the cache when it matches (errors still come from loading)."""
    path: Path | None = None
    try:
        where = _where(directory)
        path = cache_dir() / f"intents-{where}-{digest(directory)}.pickle"
        if path.is_file():
            data = pickle.loads(path.read_bytes())
            if isinstance(data, IntentData):
                return data
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as error:
        log.debug("intents cache not used: %s", error)
        path = None
    data = load_intents(directory)
    if path is not None:
        _write(path, data, where)
    return data


def _write(path: Path, data: IntentData, where: str) -> None:
    """Write atomically (a temporary file renamed), so concurrent processes never read half a file."""
    import tempfile  # only when writing: a start that finds its cache does not pay the import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"intents-{where}-*.pickle"):  # keep one per installation: older ones are stale
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, path)
    except OSError as error:
        log.debug("intents cache not written: %s", error)
