"""The common base of careerbot's data errors, so a caller can catch every unusable-data case.

A broken knowledge directory (`KnowledgeError`) and a broken intents directory
(`IntentDataError`) are different problems for different people (someone adding roles versus
someone teaching phrasings); both are `DataError`s, whose message names the file.
"""

from __future__ import annotations


class DataError(ValueError):
    """A data file or directory that cannot be used; the message names the file and the problem."""
