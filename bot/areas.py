"""Areas of the BLS wage figures: the nation, states and territories, metro and nonmetro areas.

An area's key is BLS's areatype code plus its seven-digit area code ("S4800000" Texas), the
same key the compiled base stores wages under, so a mention found in a question maps straight
to a row.
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL = "N0000000"


@dataclass(frozen=True)
class Area:
    key: str  # "S4800000"
    name: str  # as BLS writes it: "Texas", "Austin-Round Rock-San Marcos, TX"
    kind: str  # "national", "state" or "metro" (BLS's nonmetropolitan areas are metro-type areas)
    short: str = ""  # a state's postal code ("TX"), derived at build time from BLS's metro names
    states: tuple[str, ...] = ()  # postal codes the area lies in: a metro's from its name, a state's own


def postal_codes(areas: list[tuple[str, str, str]]) -> dict[str, str]:
    """A postal code per BLS state code, learned from metro names such as "Abilene, TX".

    BLS's oe.area names no postal codes, but every metro name ends with the codes of the
    states it lies in, the first being the state BLS files it under (its state_code); the most
    frequent first code per state_code is that state's postal code. Input rows are
    (state_code, name, kind); states without a metro (territories) get none.
    """
    counts: dict[str, dict[str, int]] = {}
    for state_code, name, kind in areas:
        codes = metro_states(name) if kind == "metro" else ()
        if codes:
            tally = counts.setdefault(state_code, {})
            tally[codes[0]] = tally.get(codes[0], 0) + 1
    return {state: max(sorted(tally), key=lambda code: tally[code]) for state, tally in counts.items()}


def metro_states(name: str) -> tuple[str, ...]:
    """The postal codes at the end of a metro name ("New York-Newark-Jersey City, NY-NJ")."""
    _, _, tail = name.rpartition(", ")
    parts = tuple(tail.split("-"))
    return parts if tail and all(len(p) == 2 and p.isalpha() and p.isupper() for p in parts) else ()
