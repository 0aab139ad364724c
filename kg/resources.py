"""Load and check everything under ``ontology/`` into one read-only :class:`Resources`.

Lexicons and rules are data. Loading checks all of them and reports every problem at
once, each with its file, line and id, so a broken rule file is fixed in one pass.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import ResourceError

SKOS = "http://www.w3.org/2004/02/skos/core#"
ISSUE_NS = "https://w3id.org/kg/issue/"
#: affiliations too vague to identify a person by surname alone (what imported lexicons give)
#: "bin", "ibn": a name made of given name and father's name is used by its given name
_PATRONYMIC_MARKERS = frozenset({"bin", "ibn", "bint"})
GENERIC_ROLES = frozenset({"government_official", "politician", "military_officer", "opposition_figure",
                           "legislator", "judge", "intelligence_officer"})
RULE_TYPES = ("trigger", "status", "context", "boilerplate", "group", "frame", "link", "expand", "builtin", "name")
#: the roles a frame rule gives an argument, and that a link rule shares
FRAME_ROLES = ("subject", "object", "party", "place", "sequel")
#: the parts an actor plays in an event
EVENT_ROLES = ("participant", "host", "visitor")
#: what an expand rule makes of the token it reaches from an argument
EXPANSIONS = ("member", "same", "side")
#: relation operators of spaCy's DependencyMatcher
_REL_OPS = (">", "<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--", ">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--")
#: the nodes each dependency rule type's patterns must name
_NODES = {"frame": ("predicate", "arg"), "link": ("predicate", "link"), "expand": ("arg", "also"), "trigger": ("trigger",)}
TRIGGER_KINDS = ("meeting", "talks", "visit", "call", "summit", "conference", "negotiations")
#: how a trigger's frame reads its subject and object (visit: visitor and host; discuss: "with" only)
TRIGGER_FRAMES = ("meet", "visit", "host", "discuss")
CONTEXT_EFFECTS = ("place", "not-participant", "topic", "reporter", "anaphor", "agenda", "host", "side", "joins")
STATUSES = ("held", "ongoing", "planned", "negated", "cancelled", "refused", "hypothetical")


def default_ontology_dir() -> Path:
    """``$KG_ONTOLOGY``, else the ``ontology/`` folder beside the package."""
    env = os.environ.get("KG_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True, slots=True)
class Country:
    id: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_aliases: tuple[str, ...]
    seats: tuple[str, ...]
    qid: str | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str | None
    members: tuple[str, ...]
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class RoleSpan:
    role: str
    title: str
    org: str
    start: str | None
    end: str | None

    def covers(self, date: str | None) -> bool:
        """True when the role was held on ``date``; partial dates ("1996", "1996-08") work."""
        if date is None:
            return self.end is None
        if self.start and date < self.start[: len(date)]:
            return False
        if self.end and date[: len(self.end)] > self.end:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    country: str | None
    roles: tuple[RoleSpan, ...]
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    label: str
    titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IssueConcept:
    id: str  # slug, e.g. "trade-imbalance"
    label: str
    category: str  # prefLabel of its top concept
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    type: str
    file: str
    line: int
    spec: dict[str, Any] = field(hash=False, compare=False)

    @property
    def examples(self) -> tuple[str, ...]:
        return tuple(self.spec.get("examples", ()))

    @property
    def counter_examples(self) -> tuple[str, ...]:
        return tuple(self.spec.get("counter_examples", ()))


def surname_of(name: str) -> str:
    """The family name as news uses it alone: the last word, or a hyphenated/particle form.

    Names written family name first (Xi Jinping) are handled by :meth:`Resources.surname`.
    """
    words = name.replace(",", " ").split()
    if not words:
        return name
    last = words[-1]
    if last.lower().rstrip(".") in {"jr", "sr", "ii", "iii"} and len(words) > 1:
        last = words[-2]
    return last


@dataclass(frozen=True)
class Resources:
    """Read-only bundle of lexicons, issue scheme and rules that every stage receives."""

    root: Path
    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    roles: dict[str, Role]
    issues: dict[str, IssueConcept]
    rules: tuple[Rule, ...]
    naming: dict[str, Any] = field(default_factory=dict)
    event_kinds: dict[str, Any] = field(default_factory=dict)

    # ---- derived look-ups (computed once, on first use) ----
    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Demonym or adjective → ISO3 (first country wins; the gazetteer checks clashes)."""
        table: dict[str, str] = {}
        for c in self.countries.values():
            for d in c.demonyms:
                table.setdefault(d, c.id)
        return table

    @cached_property
    def org_by_name(self) -> dict[str, str]:
        """Lower-case name or alias → organisation id."""
        table: dict[str, str] = {}
        for o in self.organisations.values():
            for n in (o.name, *o.aliases):
                table.setdefault(n.lower(), o.id)
        return table

    @cached_property
    def capitals(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for c in self.countries.values():
            for name in (c.capital, *c.capital_aliases):
                if name:
                    table.setdefault(name, c.id)
        return table

    @cached_property
    def titles(self) -> dict[str, str]:
        """Title phrase (as written) → role id."""
        table: dict[str, str] = {}
        for role in self.roles.values():
            for t in role.titles:
                table.setdefault(t, role.id)
        return table

    @cached_property
    def issue_labels(self) -> dict[str, str]:
        """Lower-case label → issue concept id."""
        table: dict[str, str] = {}
        for concept in self.issues.values():
            for label in concept.labels:
                table.setdefault(label.lower(), concept.id)
        return table

    def rules_of(self, rule_type: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.type == rule_type)

    @cached_property
    def _rule_words(self) -> dict[tuple[str, str], frozenset[str]]:
        return {(r.id, key): frozenset(words) for r in self.rules for key, words in r.spec.get("words", {}).items()}

    def words(self, rule_id: str, key: str) -> frozenset[str]:
        """A word list a rule's record keeps for the code that applies it ("words": {key: [...]});
        a missing list is an error in the shipped rules, raised at once."""
        try:
            return self._rule_words[(rule_id, key)]
        except KeyError:
            raise ResourceError([f"rule {rule_id!r} has no word list {key!r}"]) from None

    @cached_property
    def boilerplate(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(r.spec["regex"]) for r in self.rules_of("boilerplate"))

    def actor_label(self, actor_id: str) -> str:
        for table in (self.countries, self.organisations, self.people):
            entry = table.get(actor_id)
            if entry is not None:
                return entry.name
        return actor_id

    @cached_property
    def family_name_first(self) -> frozenset[str]:
        return frozenset(self.naming.get("family_name_first", ()))

    def surnames(self, name: str, country: str | None) -> tuple[str, ...]:
        """The forms of the name news uses alone: "Blinken"; for countries that write the family
        name first, both ends ("Xi" of Xi Jinping, "Tsang" of Donald Tsang)."""
        words = name.split()
        last = surname_of(name)
        if len(words) > 1 and country in self.family_name_first and words[0] != last:
            return (words[0], last)
        if len(words) > 2 and words[1].lower() in _PATRONYMIC_MARKERS:
            return (words[0], last)  # "Crown Prince Abdullah" of Abdullah bin Abdulaziz
        return (last,)

    @cached_property
    def roles_by_org(self) -> dict[str, tuple[tuple[str, RoleSpan], ...]]:
        """Country or organisation id → (person id, role span) of everyone who held a post there."""
        table: dict[str, list[tuple[str, RoleSpan]]] = {}
        for p in self.people.values():
            for r in p.roles:
                table.setdefault(r.org, []).append((p.id, r))
        return {k: tuple(v) for k, v in table.items()}

    def holders(self, roles: set[str] | frozenset[str], org: str, date: str) -> set[str]:
        """The people who held one of ``roles`` at ``org`` on ``date``."""
        return {pid for pid, r in self.roles_by_org.get(org, ()) if r.role in roles and r.covers(date)}

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Lower-case words of the titles and honorifics ("prime", "minister", "mr")."""
        honorifics = self.naming.get("honorifics", ())
        return frozenset(w.lower() for t in (*self.titles, *honorifics) for w in t.split())

    @cached_property
    def given_names(self) -> frozenset[str]:
        """First names of the gazetteer's people (written given name first) that are not also
        titles or country words: where a capitalised run turns from description to a name
        ("Near Eastern Affairs Robert Pelletreau")."""
        first = self.family_name_first
        titles = {w for t in self.titles for w in t.split()}
        places = {w for c in self.countries.values() for n in (c.name, *c.aliases, *c.demonyms) for w in n.split()}
        names = {p.name.split()[0] for p in self.people.values()
                 if len(p.name.split()) >= 2 and p.country not in first}
        return frozenset(n for n in names if n.isalpha() and n[:1].isupper() and len(n) > 2
                         and n not in titles and n not in places)

    @cached_property
    def surname_index(self) -> dict[str, tuple[str, ...]]:
        """Surname → ids of gazetteer people with a named office (not only a generic affiliation,
        as imported lexicons give): a bare "Mr Blair" may resolve to them alone."""
        table: dict[str, list[str]] = {}
        for p in self.people.values():
            if not any(r.role not in GENERIC_ROLES for r in p.roles):
                continue
            for name in (p.name, *p.aliases):
                for s in self.surnames(name, p.country):
                    if p.id not in table.setdefault(s, []):
                        table[s].append(p.id)
        return {k: tuple(v) for k, v in table.items()}


# ---------------------------------------------------------------------------
# loading


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _jsonl(path: Path, problems: _Problems) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.exists():
        problems.add(str(path), "missing file")
        return
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.add(f"{path}:{n}", f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                problems.add(f"{path}:{n}", "a line must be a JSON object")
                continue
            yield n, record


def _strings(record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key) or ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _need(record: dict[str, Any], keys: tuple[str, ...], where: str, problems: _Problems) -> bool:
    missing = [k for k in keys if not record.get(k)]
    if missing:
        problems.add(where, f"missing {', '.join(missing)}")
        return False
    return True


def load_resources(root: str | Path | None = None, *, imported: bool = True) -> Resources:
    """Load ``ontology/`` (or ``root``); raise ResourceError listing every problem found.

    People files in ``actors/imported/`` (written by ``kg lexicon import-*``) add to the
    curated gazetteer but never override it: an imported id or name the curated files
    already have is left out. ``imported=False`` loads the curated files only.
    """
    base = Path(root) if root else default_ontology_dir()
    if not base.is_dir():
        raise ResourceError([f"{base}: ontology folder not found (set KG_ONTOLOGY or --ontology)"])
    problems = _Problems()
    actors = base / "actors"
    countries = _load_countries(actors / "countries.jsonl", problems)
    organisations = _load_organisations(actors / "organisations.jsonl", problems)
    roles = _load_roles(actors / "roles.jsonl", problems)
    people: dict[str, Person] = {}
    for path in sorted(actors.glob("people*.jsonl")) or [actors / "people.jsonl"]:
        _load_people(path, roles, problems, people)
    if imported:
        _add_imported(actors / "imported", roles, problems, people, {*countries, *organisations})
    naming = _load_json(actors / "naming.json", problems)
    event_kinds = _load_json(base / "event-kinds.json", problems)
    for kind in TRIGGER_KINDS:
        if kind not in event_kinds.get("kinds", {}):
            problems.add(str(base / "event-kinds.json"), f"no entry for meeting kind {kind!r}")
    issues = _load_issues(base / "issues.ttl", problems)
    rules = _load_rules(base / "rules", problems)
    for path in (base / "ontology.ttl", base / "shapes.ttl"):
        if not path.exists():
            problems.add(str(path), "missing file")
    counts = Counter([*countries, *organisations, *people])
    for clash in sorted(i for i, n in counts.items() if n > 1):
        problems.add(str(actors), f"actor id {clash!r} is used twice (ids of countries, organisations and people must differ)")
    if problems.items:
        raise ResourceError(problems.items)
    return Resources(base, countries, organisations, people, roles, issues, rules, naming, event_kinds)


def _load_json(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(str(path), "missing file")
        return {}
    except json.JSONDecodeError as exc:
        problems.add(f"{path}:{exc.lineno}", f"not JSON ({exc.msg})")
        return {}
    return data if isinstance(data, dict) else {}


def _load_countries(path: Path, problems: _Problems) -> dict[str, Country]:
    table: dict[str, Country] = {}
    for n, r in _jsonl(path, problems):
        where = f"{path}:{n}"
        if not _need(r, ("id", "name"), where, problems):
            continue
        if not re.fullmatch(r"[A-Z]{3}", r["id"]):
            problems.add(where, f"country id {r['id']!r} is not an ISO 3166 alpha-3 code")
        if r["id"] in table:
            problems.add(where, f"duplicate country id {r['id']}")
        table[r["id"]] = Country(
            r["id"], r["name"], _strings(r, "aliases"), _strings(r, "demonyms"),
            r.get("capital"), _strings(r, "capital_aliases"), _strings(r, "seats"),
            r.get("qid"), bool(r.get("former")))
    return table


def _load_organisations(path: Path, problems: _Problems) -> dict[str, Organisation]:
    table: dict[str, Organisation] = {}
    for n, r in _jsonl(path, problems):
        where = f"{path}:{n}"
        if not _need(r, ("id", "name"), where, problems):
            continue
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", r["id"]):
            problems.add(where, f"organisation id {r['id']!r} must be a lower-case slug")
        if r["id"] in table:
            problems.add(where, f"duplicate organisation id {r['id']}")
        table[r["id"]] = Organisation(
            r["id"], r["name"], _strings(r, "aliases"), r.get("kind") or "intergovernmental",
            r.get("parent"), _strings(r, "members"), r.get("qid"))
    return table


def _load_roles(path: Path, problems: _Problems) -> dict[str, Role]:
    table: dict[str, Role] = {}
    for n, r in _jsonl(path, problems):
        if _need(r, ("id", "titles"), f"{path}:{n}", problems):
            table[r["id"]] = Role(r["id"], r.get("label") or r["id"], _strings(r, "titles"))
    return table


def _load_people(path: Path, roles: dict[str, Role], problems: _Problems,
                 table: dict[str, Person]) -> None:
    """Add the people of one file to ``table``; an id may appear in one file only."""
    for n, r in _jsonl(path, problems):
        where = f"{path}:{n}"
        if not _need(r, ("id", "name"), where, problems):
            continue
        if r["id"] in table:
            problems.add(where, f"duplicate person id {r['id']}")
        spans = []
        for span in r.get("roles") or ():
            if roles and span.get("role") not in roles:
                problems.add(where, f"{r['id']}: unknown role {span.get('role')!r}")
            start, end = span.get("from"), span.get("to")
            if start and end and str(end) < str(start)[: len(str(end))]:
                problems.add(where, f"{r['id']}: role {span.get('title')!r} ends before it starts")
            spans.append(RoleSpan(span.get("role", ""), span.get("title", ""), span.get("org", ""),
                                  start, end))
        table[r["id"]] = Person(r["id"], r["name"], _strings(r, "aliases"), r.get("gender"),
                                r.get("country"), tuple(spans), r.get("qid"))


def _add_imported(folder: Path, roles: dict[str, Role], problems: _Problems, people: dict[str, Person],
                  taken: set[str]) -> None:
    names = {n.lower() for p in people.values() for n in (p.name, *p.aliases)}
    for path in sorted(folder.glob("*.jsonl")):
        found: dict[str, Person] = {}
        _load_people(path, roles, problems, found)
        for pid, person in found.items():
            if pid in people or pid in taken or person.name.lower() in names:
                continue
            people[pid] = person


def _load_issues(path: Path, problems: _Problems) -> dict[str, IssueConcept]:
    if not path.exists():
        problems.add(str(path), "missing file")
        return {}
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError, OSError) as exc:
        problems.add(str(path), f"not valid Turtle: {exc}")
        return {}
    pref: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    broader: dict[str, str] = {}
    tops: set[str] = set()
    for q in quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(ISSUE_NS):
            continue
        key = s.value[len(ISSUE_NS):]
        if p == SKOS + "prefLabel":
            pref[key] = o.value
            labels.setdefault(key, []).insert(0, o.value)
        elif p in (SKOS + "altLabel", SKOS + "hiddenLabel"):
            labels.setdefault(key, []).append(o.value)
        elif p == SKOS + "broader" and isinstance(o, ox.NamedNode):
            broader[key] = o.value[len(ISSUE_NS):]
        elif p == SKOS + "topConceptOf":
            tops.add(key)
    table: dict[str, IssueConcept] = {}
    for key, label in pref.items():
        top = key
        seen = set()
        while top in broader and top not in seen:
            seen.add(top)
            top = broader[top]
        if top not in tops:
            problems.add(str(path), f"issue {key} has no top concept above it")
            continue
        table[key] = IssueConcept(key, label, pref.get(top, top), tuple(sorted(set(labels[key]),
                                                                              key=labels[key].index)))
    return table


def _token_patterns_valid(rule_id: str, patterns: list[Any]) -> None:
    """Raises spaCy's own error for a malformed token pattern. spaCy is imported only here: a
    build that finds nothing new, or a query, need not pay for it."""
    from spacy.lang.en import English
    from spacy.matcher import Matcher

    Matcher(English().vocab, validate=True).add(rule_id, patterns)


def _load_rules(folder: Path, problems: _Problems) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []
    if not files:
        problems.add(str(folder), "no rule files (*.jsonl)")
    for path in files:
        for n, r in _jsonl(path, problems):
            where = f"{path}:{n}"
            rid = r.get("id")
            if not rid:
                problems.add(where, "rule without an id")
                continue
            where = f"{where} [{rid}]"
            if rid in seen:
                problems.add(where, f"duplicate rule id (first at {seen[rid]})")
            seen[rid] = f"{path.name}:{n}"
            rtype = r.get("type")
            if rtype not in RULE_TYPES:
                problems.add(where, f"type must be one of {', '.join(RULE_TYPES)}, not {rtype!r}")
                continue
            for msg in _check_rule(r):
                problems.add(where, msg)
            rules.append(Rule(rid, rtype, str(path), n, r))
    return tuple(rules)


def _check_rule(r: dict[str, Any]) -> list[str]:
    msgs: list[str] = []
    rtype = r["type"]
    for key in ("examples", "counter_examples"):
        if not isinstance(r.get(key, []), list) or not all(isinstance(x, str) for x in r.get(key, [])):
            msgs.append(f"{key} must be a list of sentences")
    if rtype in _NODES and rtype != "trigger":
        return msgs + _check_dependency_rule(r)
    if rtype == "trigger" and "dependency" in r:
        msgs += [m for m in _check_dependency_rule(r) if not m.startswith(("role", "shares", "maps", "as "))]
    if rtype == "name":
        if not isinstance(r.get("heads"), list) or not r["heads"] or not all(isinstance(h, str) and h for h in r["heads"]):
            msgs.append("heads must be a list of words")
        if r.get("entity") not in ("Organization", "Person", "Country"):
            msgs.append("entity must be Organization, Person or Country")
        return msgs
    if rtype == "builtin":
        if not r.get("comment"):
            msgs.append("a builtin rule says what it does in its comment")
        return msgs
    if rtype == "boilerplate":
        try:
            re.compile(r.get("regex", ""))
        except re.error as exc:
            msgs.append(f"regex does not compile: {exc}")
        if not r.get("regex"):
            msgs.append("missing regex")
        return msgs
    phrases, patterns = r.get("phrases"), r.get("patterns")
    if not phrases and not patterns:
        msgs.append("needs phrases or patterns")
    if phrases is not None and (not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases)):
        msgs.append("phrases must be a list of non-empty strings")
    modifiers = r.get("modifier_not_in")
    if modifiers is not None and (not phrases or not isinstance(modifiers, list) or not all(
            isinstance(w, str) and w.strip() and " " not in w.strip() for w in modifiers)):
        msgs.append("modifier_not_in must be a list of single words, beside phrases")
    if patterns is not None:
        if not isinstance(patterns, list) or not all(isinstance(p, list) and p for p in patterns):
            msgs.append("patterns must be a list of spaCy token patterns (lists of token dicts)")
        else:
            try:
                _token_patterns_valid(r.get("id", "rule"), patterns)
            except (ValueError, TypeError, KeyError) as exc:
                first = str(exc).strip().splitlines()
                msgs.append("invalid token pattern: " + " ".join(first[:3])[:300])
    if rtype == "trigger":
        if r.get("kind") not in TRIGGER_KINDS:
            msgs.append(f"kind must be one of {', '.join(TRIGGER_KINDS)}")
        if r.get("pos") not in ("verb", "noun"):
            msgs.append("pos must be verb or noun")
        if r.get("frame", "meet") not in TRIGGER_FRAMES:
            msgs.append(f"frame must be one of {', '.join(TRIGGER_FRAMES)}")
    elif rtype == "status":
        if r.get("status") not in STATUSES:
            msgs.append(f"status must be one of {', '.join(STATUSES)}")
        if r.get("scope") not in ("before", "after", "sentence"):
            msgs.append("scope must be before, after or sentence")
        if r.get("trigger_pos") not in (None, "verb", "noun"):
            msgs.append("trigger_pos must be verb or noun")
    elif rtype == "context":
        if r.get("effect") not in CONTEXT_EFFECTS:
            msgs.append(f"effect must be one of {', '.join(CONTEXT_EFFECTS)}")
    elif rtype == "group":
        pass
    return msgs


def _check_dependency_rule(r: dict[str, Any]) -> list[str]:
    """The shape of a frame, link or expand rule and its DependencyMatcher patterns (spaCy
    checks their token attributes when the parser loads them)."""
    msgs: list[str] = []
    rtype = r["type"]
    patterns = r.get("dependency")
    if not isinstance(patterns, list) or not patterns:
        return ["needs dependency: a list of DependencyMatcher patterns"]
    for n, pattern in enumerate(patterns):
        if not isinstance(pattern, list) or not pattern or not all(isinstance(node, dict) for node in pattern):
            msgs.append(f"dependency pattern {n} must be a list of node dicts")
            continue
        names = [node.get("RIGHT_ID") for node in pattern]
        if any(not isinstance(x, str) for x in names):
            msgs.append(f"dependency pattern {n}: every node needs a RIGHT_ID")
        if "LEFT_ID" in pattern[0] or "REL_OP" in pattern[0]:
            msgs.append(f"dependency pattern {n}: the first node is the anchor and has no LEFT_ID or REL_OP")
        for node in pattern[1:]:
            if node.get("LEFT_ID") not in names or node.get("REL_OP") not in _REL_OPS:
                msgs.append(f"dependency pattern {n}: node {node.get('RIGHT_ID')!r} needs a known LEFT_ID and REL_OP")
        for need in _NODES[rtype]:
            if need not in names:
                msgs.append(f"dependency pattern {n} must name a {need!r} node")
    if rtype == "frame" and r.get("role") not in FRAME_ROLES:
        msgs.append(f"role must be one of {', '.join(FRAME_ROLES)}")
    if rtype == "frame" and not all(v in FRAME_ROLES for v in r.get("frame_roles", {}).values()):
        msgs.append(f"frame_roles must map frames to {', '.join(FRAME_ROLES)}")
    if rtype == "link" and (not isinstance(r.get("shares"), list) or not set(r["shares"]) <= set(FRAME_ROLES)):
        msgs.append(f"shares must be a list of roles ({', '.join(FRAME_ROLES)})")
    if rtype == "link" and not (isinstance(r.get("maps", {}), dict)
                                and set(r.get("maps", {}).keys()) | set(r.get("maps", {}).values()) <= set(FRAME_ROLES)):
        msgs.append(f"maps must map roles to roles ({', '.join(FRAME_ROLES)})")
    if rtype == "link" and not (isinstance(r.get("overridden_by", []), list)
                                and all(isinstance(d, str) for d in r.get("overridden_by", []))):
        msgs.append("overridden_by must be a list of link rule ids")
    if rtype == "link" and r.get("subject_role", "host") not in EVENT_ROLES:
        msgs.append(f"subject_role must be one of {', '.join(EVENT_ROLES)}")
    if not (isinstance(r.get("words", {}), dict) and all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in r.get("words", {}).values())):
        msgs.append("words must map names to lists of words")
    if rtype == "expand" and r.get("as") not in EXPANSIONS:
        msgs.append(f"as must be one of {', '.join(EXPANSIONS)}")
    return msgs
