"""Role names at real scale: every title, title part and alias as an exact name, and the
evidence that ranks the roles sharing one.

O*NET titles are compounds ("Heavy and Tractor-Trailer Truck Drivers", "Claims Adjusters,
Examiners, and Investigators") and its 56k alternate titles repeat across occupations
("Sonographer" is an alternate title of two). People name one part ("truck driver"), so a title
is split into the names it holds, residual wording ("All Other", "Except ...") is dropped, and a
name several roles share is settled by evidence in the order O*NET's own search uses: a role
page's names, then title parts, then alternate titles; a tie is a question back ("which one?"),
offered by employment, never a silent pick and never an "All Other" group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from .knowledge import KnowledgeBase, Role
from .name_tables import ALIAS, FILE_NAME, PAGE_NAME, TITLE_PART, MemoryTable, Merged, NameTable, fingerprint, open_file

#: Two words are read as one compound name word only when it is this long ("brickmason").
MIN_COMPOUND = 6
#: Longest run of question words tried as one name (O*NET's longest everyday names have six).
MAX_NAME_WORDS = 6
#: At most this many roles are offered when a name fits several.
MAX_OFFERED = 6
#: A qualifier matches a role's name word that begins with the same this many letters.
QUALIFIER_PREFIX = 5
#: At most this many words before a bare occupation word qualify it ("physical therapy assistant").
MAX_QUALIFIERS = 2
#: A one-word alternate title this many edits from a title word spells it ("dietician").
SPELLING_EDITS = 1
#: A role employing this many times the others sharing a bare word is the one it names.
DOMINANT = 10
#: O*NET codes of broad occupations end so; others are specialties of the same SOC group.
BROAD = ".00"

_RESIDUAL = re.compile(r",?\s*\b(All Other\b.*|Except\b.*)$")
#: A title part that is a list or has a complement has no one head word.
_LIST_OR_OF = re.compile(r",| and | or | of ")
_LIST_SEP = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+")


@dataclass(frozen=True)
class NameForms:
    """Name-side vocabulary from `intents/names.yaml`, as stems: words that carry no name of
    their own ("of", "and"), the one form several worker words share ("tech" for technician and
    technologist), and the words around an occupation that say how it is meant."""

    stop_words: frozenset[str] = frozenset()
    #: Endings of words for workers ("er", "ist"), as stems; a tuple, as `str.endswith` takes it.
    worker_endings: tuple[str, ...] = ()
    #: Words that end a name in a question ("and", "versus").
    breaks: frozenset[str] = frozenset()
    canonical: Mapping[str, str] = field(default_factory=dict)
    #: Word pairs before an occupation that make it who the person is ("been a").
    background: frozenset[tuple[str, str]] = frozenset()
    #: Words that stand before a role asked about ("a", "for", "become").
    role_leads: frozenset[str] = frozenset()
    #: Words before an occupation that mention it in passing ("with").
    in_passing: frozenset[str] = frozenset()
    #: Words after an occupation word that make it a subject ("degree").
    study_next: frozenset[str] = frozenset()
    #: Endings of a word as typed that make it a verb or a field ("hiring", "nursing"), not a
    #: word of a role's name; a tuple, as `str.endswith` takes it.
    verbal_endings: tuple[str, ...] = ()

    def names_worker(self, word: str, occupations: frozenset[str]) -> bool:
        """Whether one word (a stem) names a worker: an everyday worker word ("nurse") or one
        with a worker's ending ("telemarketer", "weaver"); "benefit" and "hand" do not."""
        return word in occupations or word.endswith(self.worker_endings)


@dataclass(frozen=True)
class Named:
    """What a question's words name: roles in order of appearance with their positions, or
    (when a name fits several) the candidates to offer, likeliest first."""

    roles: tuple[str, ...]
    positions: dict[str, frozenset[int]]
    candidates: tuple[str, ...] = ()
    asked_at: frozenset[int] = frozenset()
    #: A bare name word with qualifiers no name here fits ("professional gamer"): another role.
    unknown_at: frozenset[int] = frozenset()


def title_parts(title: str) -> tuple[str, ...]:
    """The names an O*NET title holds: "Fire Inspectors and Investigators" -> "Fire Inspectors
    and Investigators", "Fire Inspectors", "Investigators", "Fire Investigators"; "Opticians,
    Dispensing" -> "Opticians", "Dispensing Opticians"; residual wording dropped."""
    if "--" in title:  # "Helpers--Electricians": electrician helpers, not electricians
        worker, _, of = title.partition("--")
        return tuple(dict.fromkeys(f"{part} {worker}" for part in title_parts(of)))
    core = _RESIDUAL.sub("", title).strip(" ,")
    complement = ""
    if " of " in core:
        core, complement = core.split(" of ", 1)
    qualifier = ""
    segments = core.split(", ")
    trailing = [i for i in _LIST_SEP.split(", ".join(segments[1:])) if i.strip()]
    if len(segments) > 1 and _plural(segments[0]) and (len(trailing) == 1 or not all(map(_plural, trailing))):
        # "Opticians, Dispensing", "Roustabouts, Oil and Gas": after a plural, words that are no
        # workers qualify it; "Hotel, Motel, and Resort Desk Clerks" is a list sharing a head
        qualifier, core = ", ".join(segments[1:]), segments[0]
    items = [i.strip() for i in _LIST_SEP.split(core) if i.strip()]
    parts: list[str] = [core] if core else []
    if len(items) > 1:
        full = [i for i in items if _plural(i)]
        head_of = {n: next((f for f in items[n + 1 :] if f in full), "") for n in range(len(items))}
        lead = items[0].split()[:-1] if items[0] in full else []
        for n, item in enumerate(items):
            if item in full:
                parts.append(item)
                if lead and n > 0 and len(item.split()) == 1:
                    parts.append(" ".join([*lead, item]))  # "Fire ... Investigators"
            elif len(head_of[n].split()) > 1:  # "Compensation, Benefits, and ...": no shared head
                tail = head_of[n].split()[1:]
                parts.append(" ".join([item, *tail]))  # "Heavy ... Truck Drivers"
                parts.append(" ".join(tail))  # "Truck Drivers"
    named = [p for p in parts if p]
    with_context = [f"{p} of {complement}" for p in named] if complement else []
    with_qualifier = [f"{qualifier} {p}" for p in named] if qualifier else []
    return tuple(dict.fromkeys([*named, *with_context, *with_qualifier]))


def _plural(item: str) -> bool:
    """Whether a title's list item ends in a plural, so names workers ("Heavy" and "Bus" do not)."""
    word = item.split()[-1]
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "as", "is", "ys"))


def _alike(typed: str, word: str) -> bool:
    """Whether a qualifier names a name's word: the same, or the same first letters of a long word."""
    return typed == word or (len(typed) >= QUALIFIER_PREFIX and word[:QUALIFIER_PREFIX] == typed[:QUALIFIER_PREFIX])


def default_role(knowledge: KnowledgeBase) -> str | None:
    """The role a question naming none is about: the only role, or the only role page in a
    base of one page and O*NET occupations (where the one-role question sets still hold)."""
    if len(knowledge.roles) == 1:
        return knowledge.roles[0].id
    pages = [r.id for r in knowledge.roles if r.kind == "page"]
    return pages[0] if len(pages) == 1 and len(knowledge.roles) > 1 and _has_onet(knowledge) else None


def _has_onet(knowledge: KnowledgeBase) -> bool:
    return any(r.kind == "onet" for r in knowledge.roles)


class NameIndex:
    """Built once per knowledge base; `find` is called per question with its word stems."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        stems: Callable[[str], tuple[str, ...]],
        forms: NameForms,
        fillers: frozenset[str] = frozenset(),
        derived: Callable[[str], tuple[str, ...]] = lambda title: (),
        occupations: frozenset[str] = frozenset(),
        signature: object = (),
        compiled: bool = True,
    ) -> None:
        """`stems` reads a text as name stems; `fillers` are question words that never qualify a
        name ("a", "salary", "compare"); `derived` gives a role page's title its other word
        orders ("machine learning engineer" for "Software Engineer Machine Learning");
        `occupations` are the everyday worker words an alternate title of one word must be
        ("zookeeper"; not "timer", an alternate title of inspectors). `signature` is what else
        `stems` depends on (the abbreviations), for the compiled file's fingerprint; with
        `compiled` false the file is not read."""
        self._occupations = occupations
        self.forms = forms
        self._stems = stems
        self._fillers = fillers | forms.stop_words
        self._roles: dict[str, Role] = {r.id: r for r in knowledge.roles}

        def parts(role: Role) -> tuple[str, ...]:
            return (role.title, *role.aliases, *derived(role.title)) if role.kind == "page" else title_parts(role.title)

        def is_head(part: str, found: tuple[str, ...]) -> bool:
            # A one-word title part names a worker only as an everyday worker word or with a
            # worker's ending ("Telemarketers"); "Benefits" (of "Compensation, Benefits, and Job
            # Analysis Specialists") and "Hand" do not.
            return not _LIST_OR_OF.search(part) and (len(found) > 1 or forms.names_worker(found[-1], occupations))

        pages = [r for r in knowledge.roles if r.kind == "page"]
        onet = [r for r in knowledge.roles if r.kind != "page"]
        self.onet_table: NameTable | None = None
        if onet:
            meta = sorted(knowledge.compiled.meta.items()) if knowledge.compiled is not None else []
            self.fingerprint = fingerprint(
                signature, sorted(forms.stop_words), sorted(forms.canonical.items()), sorted(forms.worker_endings),
                sorted(occupations), meta, len(onet),
            )
            path = knowledge.compiled.path.parent / FILE_NAME if knowledge.compiled is not None else None
            stored = open_file(path, self.fingerprint) if compiled and path is not None else None
            self.onet_table = stored or MemoryTable(onet, self.words, parts, is_head)
        page_table = MemoryTable(pages, self.words, parts, is_head)
        self._tables = Merged([page_table, self.onet_table] if self.onet_table is not None else [page_table])

    def words(self, text: str) -> tuple[str, ...]:
        """A name's stems in order, without stop words, in their canonical name form."""
        canonical = self.forms.canonical
        return tuple(canonical.get(s, s) for s in self._stems(text) if s not in self.forms.stop_words)

    def find(self, stems: tuple[str, ...]) -> Named | None:
        """The roles the longest exact names among the question's stems name, left to right;
        None when no run of words is a name."""
        words = self._joined(tuple(self.forms.canonical.get(s, s) for s in stems))
        taken: set[int] = set()
        found: list[tuple[int, frozenset[int], tuple[str, ...], bool]] = []
        for length in range(min(MAX_NAME_WORDS, len(words)), 0, -1):
            for start in range(len(words) - length + 1):
                span = range(start, start + length)
                if taken.intersection(span) or words[start] in self.forms.stop_words or words[span[-1]] in self.forms.stop_words:
                    continue
                if length > 1 and (any(words[i] in self.forms.breaks for i in span) or len(set(words[start:start + length])) < length):
                    continue  # "a data engineer with a devops engineer" is two names
                key = frozenset(words[i] for i in span if words[i] not in self.forms.stop_words)
                if length == 1 and words[start] in self._fillers:
                    continue  # "new" is no name, whatever "News Vendors" makes of it
                if not self._tables.holders(key) and not (length == 1 and self._tables.heads(words[start])):
                    continue
                qualifiers = self._qualifiers(words, start, taken) if length == 1 else ()
                if qualifiers and PAGE_NAME in self._tables.holders(key).values():
                    qualifiers = ()  # a role page's own name keeps its old reading ("apprentice electrician")
                if qualifiers:  # "physical therapy assistant", "professional gamer"
                    roles, settled = self._qualified(words[start], qualifiers)
                    span = range(start - len(qualifiers), start + 1)
                    if not roles:  # a qualified word no name here fits: a role this base lacks
                        return Named(roles=(), positions={}, unknown_at=frozenset(span))
                    taken.update(span)
                    found.append((span.start, frozenset(span), roles, settled))
                    continue
                roles, settled = self._settle(key, words, frozenset(span))
                if roles:
                    taken.update(span)
                    found.append((start, frozenset(span), roles, settled))
        if not found:
            return None
        found.sort()
        unsettled = [f for f in found if not f[3]]
        if unsettled:
            _, where, offered, _ = unsettled[0]
            return Named(roles=(), positions={}, candidates=offered, asked_at=where)
        roles = tuple(dict.fromkeys(r[0] for _, _, r, _ in found))
        positions: dict[str, frozenset[int]] = {}
        for _, where, (role_id, *_), _ in found:
            positions[role_id] = positions.get(role_id, frozenset()) | where
        return Named(roles=roles, positions=positions)

    def _qualifiers(self, words: tuple[str, ...], start: int, taken: set[int]) -> tuple[str, ...]:
        """The content words right before a bare name word, nearest last."""
        first = start
        while first > 0 and start - first < MAX_QUALIFIERS and first - 1 not in taken and words[first - 1] not in self._fillers:
            first -= 1
        return words[first:start]

    def _qualified(self, word: str, qualifiers: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
        """The roles with one name holding a bare word and every qualifier before it (a
        qualifier may differ at its end: "therapy" for "therapist")."""
        roles: set[str] = set()
        for key in self._tables.keys_with(word):
            if all(any(_alike(q, w) for w in key) for q in qualifiers):
                roles.update(r for r in self._tables.holders(key) if not self._roles[r].residual)
        roles = self._broad(roles)
        if len(roles) == 1:
            return tuple(roles), True
        return self._ranked(roles), False

    def _joined(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Two words a name writes as one ("brick mason" for "brickmason") read as that word."""
        joined = list(words)
        for i in range(len(words) - 1):
            compound = words[i] + words[i + 1]
            if len(compound) >= MIN_COMPOUND and self._tables.knows(compound) and not self._tables.knows(words[i]):
                joined[i] = joined[i + 1] = compound
        return tuple(joined)

    def _settle(self, key: frozenset[str], words: tuple[str, ...], span: frozenset[int]) -> tuple[tuple[str, ...], bool]:
        """The role a name names ((id,), True), or the roles to offer when it fits several
        near-equally ((ids...), False)."""
        held = {r: t for r, t in self._tables.holders(key).items() if not self._roles[r].residual or t >= TITLE_PART}
        if len(key) == 1:
            (word,) = key
            heads = self._broad(set(self._tables.heads(word)))
            dominant = self._dominant(heads, word, held)
            if dominant is not None:
                return (dominant,), True
            if len(heads) > 1 and not any(t == PAGE_NAME for t in held.values()):
                offered = self._ranked(heads)  # "designer": ask which, likeliest first
                return offered, len(offered) == 1
            if len(heads) == 1 and not held:
                return tuple(heads), True
            if not heads and word not in self._occupations and not self._tables.is_short(key):
                # one everyday word ("timer") names a role only as a spelling of its title's word
                held = {r: t for r, t in held.items() if t > ALIAS or self._spells_title(word, r)}
        if not held:
            return (), True
        context = frozenset(words[i] for i in range(len(words)) if i not in span)
        ranks = {r: self._evidence(r, t, key, context) for r, t in held.items()}
        top = max(ranks.values())
        best = self._broad({r for r, rank in ranks.items() if rank == top})
        if len(best) == 1:
            return tuple(best), True
        offered = self._ranked(best)
        return offered, len(offered) == 1

    def _dominant(self, heads: set[str], word: str, held: Mapping[str, int]) -> str | None:
        """The role a bare word names outright among several that end a title part with it:
        the one whose title part is the word itself, employing DOMINANT times the others
        ("cashier": Cashiers, not Gambling Change Persons and Booth Cashiers)."""
        own = [r for r in heads if held.get(r, 0) >= TITLE_PART]
        if len(own) != 1:
            return None
        first = self._roles[own[0]].employment or 0
        others = max((self._roles[r].employment or 0) for r in heads - {own[0]}) if len(heads) > 1 else 0
        return own[0] if first >= DOMINANT * others else None

    def _spells_title(self, word: str, role_id: str) -> bool:
        """Whether a word is another spelling of a word of the role's title ("dietician")."""
        return any(
            w[0] == word[0] and 0 < OSA.distance(w, word, score_cutoff=SPELLING_EDITS) <= SPELLING_EDITS
            for w in self._tables.title_words(role_id)
        )

    def _evidence(self, role_id: str, tier: int, key: frozenset[str], context: frozenset[str]) -> tuple[int, int, int, int]:
        """How strongly a name points at a role: its tier, the question's other words found in
        the role's title ("hotel front desk clerk"), the name's words found in the title, and
        the fewest title words besides ("high school teacher" is Secondary School Teachers, not
        Special Education Teachers, Secondary School)."""
        title = self._tables.title_words(role_id)
        return tier, len(context & title), len(key & title), -len(title - key - context)

    def _broad(self, roles: set[str]) -> set[str]:
        """Specialties (eight-digit O*NET codes) give way to their broad occupation when both fit."""
        broad = {self._group(r) for r in roles if self._is_broad(r)}
        return {r for r in roles if self._is_broad(r) or self._group(r) not in broad}

    def _group(self, role_id: str) -> str:
        soc = self._roles[role_id].soc or role_id
        return soc[:7]

    def _is_broad(self, role_id: str) -> bool:
        soc = self._roles[role_id].soc
        return soc is None or soc.endswith(BROAD) or len(soc) == 7

    def _ranked(self, roles: Iterable[str]) -> tuple[str, ...]:
        """Roles to offer, likeliest first: by national employment, then title."""
        chosen = [r for r in roles if not self._roles[r].residual]
        chosen.sort(key=lambda r: (-(self._roles[r].employment or 0), self._roles[r].title))
        return tuple(chosen[:MAX_OFFERED])
