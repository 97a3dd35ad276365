"""The exit codes every `careerbot` command returns, in one place the edges share.

A module of its own so that `regress`, `report` and `web` can return them without importing
`cli`, which imports those modules in turn.
"""

from __future__ import annotations

#: The command did what was asked.
EXIT_OK = 0
#: A regression question or conversation failed.
EXIT_FAILED = 1
#: Unusable input: a bad knowledge directory, regression file or option.
EXIT_UNUSABLE = 2
#: Interrupted with Ctrl-C (128 + SIGINT, as shells report it).
EXIT_INTERRUPTED = 130
