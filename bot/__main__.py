"""`python -m bot` is the `careerbot` command."""

from .cli import main

raise SystemExit(main())
