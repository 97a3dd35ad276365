"""Finding the roles a question names: known roles by title, alias and short form, and
occupations the knowledge base does not hold.

An inverted index from token to role names narrows the candidates, so a base of thousands of
roles costs a few lookups per question rather than a scan. Names match as token sets weighted
by rarity: "engineer" says little, "machine learning" a lot.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .intents import Lexicon
from .knowledge import KnowledgeBase
from .names import NameForms, NameIndex, default_role
from .normalize import stem
from .normalize import words as folded_words

#: Share of a name's (rarity-weighted) words a question must contain to name that role.
MIN_NAME_COVERAGE = 0.74
#: A lower share suffices when the words matched set this role apart from the others in the
#: base ("the data one" for Data Engineer); a one-role base has no such words.
MIN_DISTINCT_COVERAGE = 0.6
#: At most this many words before an occupation word belong to the unknown role's name.
MAX_MODIFIERS = 2
#: At most this many qualifiers with the head word make a part of a title: "turbine blade
#: inspector" has two; the bound keeps a long title from adding hundreds of names.
MAX_PART_QUALIFIERS = 3


def _reordered(title: str, lexicon: Lexicon) -> tuple[str, ...]:
    """ "Software Engineer Machine Learning" is asked for as "machine learning engineer": a title
    whose occupation word stands before a field also names the field plus the occupation."""
    words = title.split()
    tokens = [lexicon.tokens(w) for w in words]
    for i in range(1, len(words) - 1):
        if tokens[i] and tokens[i][-1] in lexicon.occupations:
            return (" ".join([*words[i + 1 :], words[i]]),)
    return ()


def _title_parts(title: tuple[str, ...], others: list[frozenset[str]]) -> list[frozenset[str]]:
    """Parts of a title people name it by ("blade inspector", "the hotel inspector" for Hotel
    Hygiene Inspector, "vault warden" for Dew Vault Warden beside Fog Net Warden and Dew Vault
    Cartographer): its head word with some of its qualifiers, together in no other role's
    names (`others`), so that the part sets the role apart."""
    head, qualifiers = title[-1], tuple(dict.fromkeys(title[:-1]))
    return [
        part
        for size in range(1, min(len(qualifiers), MAX_PART_QUALIFIERS + 1))
        for chosen in combinations(qualifiers, size)
        if not any((part := frozenset((*chosen, head))) <= tokens for tokens in others)
    ]


def _merged(exact: RoleMention, covered: RoleMention) -> RoleMention:
    """Exact names, plus roles the word-coverage search found elsewhere in the question ("nurse
    vs electrician" where only "Electrician" is an exact name)."""
    taken = exact.positions
    extra = {r: p for r, p in covered.role_positions.items() if r not in exact.roles and not p & taken}
    if not extra:
        return exact
    where = {**exact.role_positions, **extra}
    roles = tuple(sorted(where, key=lambda r: min(where[r])))
    return replace(exact, roles=roles, positions=taken.union(*extra.values()), role_positions=where)


def _tightest(tokens: tuple[str, ...], words: frozenset[str]) -> tuple[int, int] | None:
    """The shortest stretch of `tokens` holding every one of `words` present, as (first, last)."""
    present = words.intersection(tokens)
    if len(present) < 2:
        return None
    best: tuple[int, int] | None = None
    for start, token in enumerate(tokens):
        if token not in present:
            continue
        seen: set[str] = set()
        for end in range(start, len(tokens)):
            if tokens[end] in present:
                seen.add(tokens[end])
                if seen == present:
                    if best is None or end - start < best[1] - best[0]:
                        best = (start, end)
                    break
    return best


@dataclass(frozen=True)
class RoleMention:
    """The roles a question names: known ids in order of appearance, and where an unknown one stands."""

    roles: tuple[str, ...] = ()
    positions: frozenset[int] = field(default_factory=frozenset)
    #: Where each named role stands in the question.
    role_positions: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Roles named only in part ("the research one"), when no role is named in full: those whose
    #: names hold more of the question's words first, then in id order.
    candidates: tuple[str, ...] = ()
    #: The candidates share one name ("designer") and are ranked, likeliest first: ask which.
    ranked: bool = False
    unknown_positions: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class _Name:
    role_id: str
    tokens: frozenset[str]
    #: A short form derived from the title's head word ("nurse" for "Registered Nurse"), which a
    #: different qualifier in the question overrules ("web designer" is not "Graphic Designer").
    head_only: bool = False
    #: A part of a title ("blade inspector"), which names the role only when all there: one
    #: word of it ("hotel") is not the part, whatever its weight in a small base.
    part: bool = False


class RoleFinder:
    """Built once per knowledge base; `find` is called per question."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        lexicon: Lexicon,
        not_in_names: frozenset[str] = frozenset(),
        forms: NameForms = NameForms(),
        compiled_names: bool = True,
    ) -> None:
        """`not_in_names` are words that never qualify an unknown occupation ("compare data
        engineer" names a data engineer), besides filler words and other occupations;
        `compiled_names` false builds the name index in memory even where a compiled one exists."""
        self.lexicon = lexicon
        self.forms = forms
        self._not_in_names = not_in_names | lexicon.function_words | lexicon.occupations
        # Exact names first (every title part and alias); the word-coverage search below covers
        # what no exact name fits ("the research one"), over role pages only: over O*NET's
        # titles and 56k alternate titles it would make every word a name word.
        self.names = NameIndex(
            knowledge, lambda text: lexicon.analyse(folded_words(text), canonical=False)[0], forms,
            fillers=self._not_in_names - lexicon.occupations, derived=lambda title: _reordered(title, lexicon),
            occupations=lexicon.occupations, signature=sorted(lexicon.expansions.items()), compiled=compiled_names,
        )
        pages = tuple(r for r in knowledge.roles if r.kind == "page")
        self._names: list[_Name] = []
        for role in pages:
            for text in (role.title, *role.aliases, *_reordered(role.title, lexicon)):
                tokens = frozenset(lexicon.tokens(text)) - lexicon.function_words
                if tokens:
                    self._names.append(_Name(role.id, tokens))
                field_form = frozenset(lexicon.fields.get(t, t) for t in tokens)
                if field_form != tokens:  # "Data Scientist" is also asked for as "data science"
                    self._names.append(_Name(role.id, field_form))
        self._role_tokens: dict[str, frozenset[str]] = {}
        for name in self._names:
            self._role_tokens[name.role_id] = self._role_tokens.get(name.role_id, frozenset()) | name.tokens
        holders: dict[str, set[str]] = defaultdict(set)
        for role_id, tokens in self._role_tokens.items():
            for token in tokens:
                holders[token].add(role_id)
        for role in pages:
            title = tuple(t for t in lexicon.tokens(role.title) if t not in lexicon.function_words)
            # A lone role stands apart from nothing: in a one-role base "software engineer" is
            # another occupation, not a part of Software Engineer Machine Learning.
            if len(pages) > 1 and len(title) > 2 and forms.names_worker(title[-1], lexicon.occupations):
                others = [tokens for other, tokens in self._role_tokens.items() if other != role.id]
                self._names.extend(_Name(role.id, part, part=True) for part in _title_parts(title, others))
        for role in pages:
            title = lexicon.tokens(role.title)
            head = title[-1] if len(title) > 1 else ""
            # A head word any other role's name also uses ("engineer") names none of them alone.
            if forms.names_worker(head, lexicon.occupations) and head not in lexicon.generic_heads and all(
                head not in tokens for other, tokens in self._role_tokens.items() if other != role.id
            ):
                self._names.append(_Name(role.id, frozenset({head}), head_only=True))
        self._index: dict[str, list[int]] = defaultdict(list)
        for number, name in enumerate(self._names):
            for token in name.tokens:
                self._index[token].append(number)
        role_count = max(1, len(pages))
        # Parts and head words are words of the role's names already: `holders` still counts them.
        self._weight = {t: 1.0 + math.log(role_count / len(ids)) for t, ids in holders.items()}
        self._totals = [sum(self._weight[t] for t in name.tokens) for name in self._names]
        self._role_names: dict[str, list[int]] = defaultdict(list)
        for number, name in enumerate(self._names):
            self._role_names[name.role_id].append(number)
        prefixes: dict[str, set[str]] = defaultdict(set)
        for token in self._index:
            for end in range(3, len(token)):
                prefixes[token[:end]].add(token)
        self._prefixes = {p: tuple(sorted(ws)) for p, ws in prefixes.items()}
        self._long_words = sorted(w for w in self._index if len(w) >= 4)
        # Called for every word of every question: the answer depends only on the word.
        self._unshorten: Callable[[str], str] = lru_cache(maxsize=8192)(self._unshorten_uncached)
        self.vocabulary: frozenset[str] = frozenset(self._index)
        self.only_role: str | None = default_role(knowledge)
        initials: dict[str, list[str]] = defaultdict(list)
        for role in pages:
            words = role.title.split()
            acronym = "".join(w[0] for w in words).casefold()
            if len(words) > 1 and acronym.isalpha() and stem(acronym) not in lexicon.function_words:
                initials[acronym].append(role.id)
        self._acronyms = {a: ids[0] for a, ids in initials.items() if len(ids) == 1}

    def find(
        self, tokens: tuple[str, ...], surfaces: tuple[str, ...] | None = None, stems: tuple[str, ...] | None = None
    ) -> RoleMention:
        """The known roles named in `tokens`, else an occupation the base does not hold.

        `surfaces` (the typed word behind each token) tells a field of study from a role:
        "engineering" stems like "engineer" but names a subject. `stems` are the tokens without
        concept synonyms, for exact names.
        """
        exact = self._exact(tokens, surfaces or tokens, stems) if stems is not None and len(stems) == len(tokens) else None
        if exact is not None and not exact.roles:
            return exact  # a name several roles share, or a qualified one this base lacks
        covered = self._covered(tokens, surfaces)
        return covered if exact is None else _merged(exact, covered)

    def _covered(self, tokens: tuple[str, ...], surfaces: tuple[str, ...] | None) -> RoleMention:
        """Roles whose names the question's words cover, in good part ("the research one")."""
        tokens = self._join_compounds(tokens)
        # A worker word no role here uses reads as its usual stand-in ("ML developer" -> engineer).
        tokens = tuple(
            self.lexicon.stand_ins[t] if t in self.lexicon.stand_ins and t not in self._index else t for t in tokens
        )
        mention = self._match(tokens, surfaces or tokens)
        if not mention.roles and surfaces:
            mention = self._acronym(surfaces) or mention
        # Short forms of a title's words ("vet tech", "civ engineer") count only when they name a
        # role in full: "a vet" alone is a veterinarian, not a Veterinary Technician.
        shortened = tuple(self._unshorten(t) for t in tokens)
        if shortened != tokens:
            full = self._match(shortened, surfaces or tokens)
            added = set(full.roles) - set(mention.roles)
            if added and set(mention.roles) <= set(full.roles) and all(self._named_in_full(shortened, r) for r in added):
                return full
        return mention

    def _exact(self, tokens: tuple[str, ...], surfaces: tuple[str, ...], stems: tuple[str, ...]) -> RoleMention | None:
        """Roles named by an exact name, unless the words around it make it another occupation
        ("data engineering manager") or a field of study ("nursing degree")."""
        named = self.names.find(stems)
        if named is None:
            return None
        if named.unknown_at:
            return None if self._verbal(surfaces[max(named.unknown_at)]) else RoleMention(unknown_positions=named.unknown_at)
        spans = [named.asked_at] if named.candidates else list(named.positions.values())
        for span in spans:
            last = max(span)
            after = tokens[last + 1 : last + 2]
            if self._verbal(surfaces[last]) or any(t in self.lexicon.occupations or t in self.forms.study_next for t in after):
                return None
        if named.candidates:
            return RoleMention(positions=named.asked_at, candidates=named.candidates, ranked=True)
        where = frozenset().union(*named.positions.values())
        return RoleMention(roles=named.roles, positions=where, role_positions=named.positions)

    def words(self, role_id: str) -> frozenset[str]:
        """The words of a role's names (title, aliases, derived forms)."""
        return self._role_tokens.get(role_id, frozenset())

    def _acronym(self, surfaces: tuple[str, ...]) -> RoleMention | None:
        """A role asked for by its title's initials, as typed ("RN", "SRE", "PT")."""
        for i, word in enumerate(surfaces):
            role_id = self._acronyms.get(word)
            if role_id is not None:
                where = frozenset(j for j, w in enumerate(surfaces) if w == word)
                return RoleMention(roles=(role_id,), positions=where, role_positions={role_id: where})
        return None

    def _unshorten_uncached(self, token: str) -> str:
        """The one role-name word that `token` begins, if it is not a word of its own."""
        if token in self._index or len(token) < 3 or not token.isalpha() or token in self.lexicon.function_words:
            return token
        words = self._prefixes.get(token, ())
        if len(words) == 1:
            return words[0]
        if len(token) >= 4:  # "clod architect": one letter off a word of a title ("clod" is a word too)
            near = process.extract(token, self._long_words, scorer=OSA.distance, processor=None, score_cutoff=1, limit=2)
            if len(near) == 1:
                return near[0][0]
        return token

    def _named_in_full(self, tokens: tuple[str, ...], role_id: str) -> bool:
        """Whether a name of two or more words is all there ("vet tech" for Veterinary Technician;
        a single short word, "the", never names "Therapist")."""
        present = set(tokens)
        return any(
            len(self._names[i].tokens) > 1 and self._names[i].tokens <= present for i in self._role_names[role_id]
        )

    def _match(self, tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> RoleMention:
        present = set(tokens)
        covered: dict[int, float] = defaultdict(float)
        for token in present:  # walk the postings: cost grows with matches, not with the base
            for number in self._index.get(token, ()):
                covered[number] += self._weight[token]
        best: dict[str, float] = {}
        for number, weight in covered.items():
            score = weight / self._totals[number]
            if score < MIN_DISTINCT_COVERAGE:
                continue
            name = self._names[number]
            if score < 1.0 and (name.part or any(t in present for t in name.tokens & self.lexicon.occupations)):
                continue  # "site engineer" is not "Site Reliability Engineer": named in full or not at all
            if self._other_occupation(tokens, name):  # "data engineering manager" is a manager
                continue
            if (name.head_only or len(name.tokens) == 1) and self._other_qualifier(tokens, surfaces, name):
                continue
            if name.part and self._qualifies_part(tokens, surfaces, name):
                continue  # "food hygiene inspector" is not Hotel Hygiene Inspector
            if self._word_inside(tokens, name):
                continue  # "machine learning ops engineer" is not "machine learning engineer"
            needed = MIN_DISTINCT_COVERAGE if self._distinct(name, present) else MIN_NAME_COVERAGE
            if score >= needed and score > best.get(name.role_id, 0.0):
                best[name.role_id] = score
        if best and (max(best.values()) >= 1.0 or not self._shared(best, covered, present)):
            return self._known(tokens, best)
        parts = [n for n in covered if self._distinct(self._names[n], present)]
        # Likeliest first: "I work in hotel housekeeping; what does an inspector do?" offers the
        # hotel's inspector before the others.
        partial = sorted(
            {self._names[n].role_id for n in parts},
            key=lambda r: (-sum(self._weight[t] for t in self._role_tokens[r] & present), r),
        )
        # The words of a role named in part are role words, not cues ("marketing" is no "job market").
        where = frozenset(i for i, t in enumerate(tokens) if any(t in self._names[n].tokens for n in parts))
        return replace(self._unknown(tokens, surfaces), candidates=tuple(partial), positions=where)

    def _shared(self, best: dict[str, float], covered: dict[int, float], present: set[str]) -> bool:
        """Whether the words that named roles only in part name another role just as well:
        "machine learning" is as much ML Researcher as ML Engineer, so it names neither."""
        words = {t for n in covered if self._names[n].role_id in best for t in self._names[n].tokens & present}
        return any(
            self._names[n].role_id not in best and words <= self._names[n].tokens
            for n in covered
        )

    def _distinct(self, name: _Name, present: set[str]) -> bool:
        """Whether the words present of a name set its role apart (not shared by every role)."""
        return any(self._weight[t] > 1.0 for t in name.tokens if t in present)

    def _join_compounds(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Two words that a role name writes as one ("cyber security" for "cybersecurity") are read
        as that word in both places, so positions still line up with the question."""
        joined = list(tokens)
        for i in range(len(tokens) - 1):
            compound = tokens[i] + tokens[i + 1]
            if compound in self._index and tokens[i] not in self._index:
                joined[i] = joined[i + 1] = compound
        return tuple(joined)

    def _other_occupation(self, tokens: tuple[str, ...], name: _Name) -> bool:
        """Whether a matched name is followed by another occupation ("data scientist" is not
        "data engineer", "data engineering manager" is a manager)."""
        window = _tightest(tokens, name.tokens)
        last = window[1] if window else max(i for i, t in enumerate(tokens) if t in name.tokens)
        return any(t in self.lexicon.occupations and t not in name.tokens for t in tokens[last + 1 : last + 2])

    def _other_qualifier(self, tokens: tuple[str, ...], surfaces: tuple[str, ...], name: _Name) -> bool:
        """Whether the word before a bare head word qualifies it as another role ("web designer",
        "data engineer"), rather than being part of this role's own name or a filler word."""
        own = self._role_tokens[name.role_id]
        return any(
            i > 0 and t in name.tokens and not self._verbal(surfaces[i])  # "state nursing licence": the field
            and tokens[i - 1] not in self._not_in_names and tokens[i - 1] not in own
            for i, t in enumerate(tokens)
        )

    def _verbal(self, surface: str) -> bool:
        """Whether a word as typed is a verb's or a field's "-ing" form ("hiring", "nursing"),
        which says what is done with an occupation, not which one it is."""
        return surface.endswith(self.forms.verbal_endings)

    def _qualifies_part(self, tokens: tuple[str, ...], surfaces: tuple[str, ...], name: _Name) -> bool:
        """Whether the word before a title part qualifies it as another role, being no word of
        this role's names nor a filler word; a verb's "-ing" form ("hiring blade inspectors")
        does not."""
        window = _tightest(tokens, name.tokens)
        before = window[0] - 1 if window else -1
        return before >= 0 and not self._verbal(surfaces[before]) and (
            tokens[before] not in self._not_in_names and tokens[before] not in self._role_tokens[name.role_id]
        )

    def _word_inside(self, tokens: tuple[str, ...], name: _Name) -> bool:
        """Whether a content word the name lacks stands between the name's words, as in "machine
        learning ops engineer": the question names a different role, or one more precisely."""
        window = _tightest(tokens, name.tokens)
        if window is None:
            return False
        start, end = window
        return any(tokens[i] not in name.tokens and tokens[i] not in self._not_in_names for i in range(start + 1, end))

    def _known(self, tokens: tuple[str, ...], best: dict[str, float]) -> RoleMention:
        """Known roles in order of first appearance. A role whose words another role's match
        contains goes: "software engineer in machine learning" names the longer title only."""
        positions = {r: {i for i, t in enumerate(tokens) if t in self._role_tokens[r]} for r in best}
        kept = [
            r for r in best
            if not any(
                o != r and (positions[r] < positions[o] or (positions[r] == positions[o] and best[o] > best[r]))
                for o in best
            )
        ]
        kept.sort(key=lambda r: min(positions[r]))
        if len(kept) > 1 and all(best[r] < 1.0 and positions[r] == positions[kept[0]] for r in kept):
            # "machine learning" fits ML Engineer and ML Researcher alike: ask, do not pick one.
            return RoleMention(positions=frozenset(positions[kept[0]]), candidates=tuple(sorted(kept)))
        covered = frozenset(i for r in kept for i in positions[r])
        return RoleMention(roles=tuple(kept), positions=covered, role_positions={r: frozenset(positions[r]) for r in kept})

    def _unknown(self, tokens: tuple[str, ...], surfaces: tuple[str, ...]) -> RoleMention:
        """An occupation word (with the words that qualify it) that names no known role."""
        for i, token in enumerate(tokens):
            if token not in self.lexicon.occupations:
                continue
            field = self._verbal(surfaces[i]) or any(t in self.forms.study_next for t in tokens[i + 1 : i + 2])
            if field and tokens[max(0, i - 2) : i] not in (("job", "in"), ("job", "into")):
                continue  # a field of study ("computer engineering degree"), not a role; but "a career in nursing" asks about one
            start = i
            while (
                start > 0
                and i - start < MAX_MODIFIERS
                and tokens[start - 1] not in self._not_in_names
            ):
                start -= 1
            if start == i and token in self._index:
                continue  # a bare generic word of a known title ("engineer"): not another role
            if tokens[max(0, start - 2) : start] in self.forms.background or (
                "job" in tokens[max(0, start - 3) : start] and "as" in tokens[max(0, start - 2) : start]
            ):  # "I work as an events assistant now"
                continue  # "I'm a self-taught programmer": who the person is, not what they ask about
            if start > 0 and tokens[start - 1] in self.forms.in_passing:
                continue  # "do they work with data scientists?": mentioned, not asked about
            if token in self.lexicon.generic_heads and start > 0 and tokens[start - 1] not in self.forms.role_leads:
                continue  # "my AWS associate certifications": a generic head needs "a", "as a", "of" ...
            return RoleMention(unknown_positions=frozenset(range(start, i + 1)))
        return RoleMention()
