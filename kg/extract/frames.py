"""Who stands where around a meeting word, read from the dependency tree.

The rules are data (``ontology/rules/frames.jsonl``), spaCy DependencyMatcher patterns of three
types:

- ``link`` rules find the predicates a trigger shares its parties with: the verb that holds
  the talks a noun names ("held talks"), the verb a meeting verb completes ("expected to
  meet"), the main clause of an adverbial one ("told reporters after meeting X"). A link says
  which roles it shares; links are followed up to :data:`LINK_DEPTH` deep.
- ``frame`` rules find the arguments of a predicate and their role: subject, object, party
  (both sides: "with", "between"), place.
- ``expand`` rules widen an argument: its conjuncts, its apposition, the country that
  "officials from" stand for.

An argument token is then read as the actor mentions that cover it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..nlp import Match, ParsedSentence, SentenceTree, TreeMatch
from ..resources import Rule
from .view import ArticleView

#: how many links a trigger's predicates may be from it ("is expected to travel to Paris to hold talks")
LINK_DEPTH = 4
ROLES = ("subject", "object", "party", "place", "sequel")
#: relations inside a name or title: an argument on "leader" in "opposition leader Shimon Peres"
#: is on the name the words belong to
#: pronouns an argument may be without naming anyone the tree could resolve
_PRONOUNS = frozenset({"who", "which", "that", "he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
_NAME_PARTS = ("flat", "compound", "nmod:desc", "amod", "nmod:poss", "nummod")


@dataclass(frozen=True, slots=True)
class Party:
    """A mention in a role of a frame, and the rules that put it there."""

    mention: int
    role: str  # subject | object | party | place
    rules: tuple[str, ...]
    level: int = 0  # how many links from the trigger its predicate is
    token: int = -1  # the argument token the frame rule found


@dataclass(frozen=True, slots=True)
class Frame:
    """A trigger with the parties the tree gives it."""

    sentence: int
    trigger: Match
    rule: Rule  # the trigger rule, for the reading the tree gives the word (verb or noun)
    pos: str  # verb | noun
    head: int  # the trigger's head token
    parties: tuple[Party, ...]
    #: the trigger's predicates: (token, level, rule that linked it), the trigger first
    predicates: tuple[tuple[int, int, str], ...]
    #: roles the tree fills with words that name no actor ("welcomed the proposal")
    unnamed: tuple[str, ...] = ()
    #: a trigger rule with dependency patterns: one of them matched around the trigger
    confirmed: bool = False

    @property
    def frame(self) -> str:
        return self.rule.spec.get("frame", "meet")

    def of_role(self, *roles: str) -> list[Party]:
        return [p for p in self.parties if p.role in roles]


_FUNCTION_DEPS = frozenset({"case", "mark", "det", "punct", "cc", "aux", "aux:pass", "advmod"})


def trigger_head(tree: SentenceTree, start: int, end: int) -> int:
    """The token of a trigger phrase whose head lies outside it: "met" of "met with", "visit"
    of "visit to", "held" of "held a phone call"."""
    heads = [i for i in range(start, end) if not start <= tree.head(i) < end or tree.head(i) == i]
    content = [i for i in heads if tree.dep(i) not in _FUNCTION_DEPS]
    # not a word that is part of a name before the phrase ("International" of "an Amnesty
    # International conference", which the phrase took as its modifier)
    own = [i for i in content if tree.dep(i) not in ("flat", "compound")]
    return (own or content or heads or [end - 1])[0]


#: relations only a noun takes
_NOUN_RELATIONS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "nmod", "nmod:poss", "appos"})


def tree_pos(tree: SentenceTree, i: int, rule: Rule) -> str:
    tag = tree.tag(i)
    if tag.startswith("NN"):
        return "noun"
    if tag.startswith("VB") and tree.dep(i) in _NOUN_RELATIONS and tag != "VBG":
        return "noun"  # "that negotiations with the IMF were going well" tagged a verb, related as a noun
    if tag.startswith("VB"):
        return "verb"
    return rule.spec.get("pos", "verb")


def reading(view: ArticleView, trig: Match, pos: str) -> Rule:
    """The trigger rule for the tree's reading of the word: "visit" as a noun is the noun rule."""
    rule = view.rules[trig.value]
    if rule.spec.get("pos") == pos:
        return rule
    words = view.span_text(trig.start, trig.end).lower()
    for other in view.res.rules_of("trigger"):
        if other.spec.get("pos") == pos and other.spec.get("kind") == rule.spec.get("kind") \
                and words in (p.lower() for p in other.spec.get("phrases", ())):
            return other
    return rule


def expansions(parsed: ParsedSentence) -> dict[int, list[tuple[int, str, str]]]:
    """Token → (token, how, rule) for each argument widening the expand rules find."""
    out: dict[int, list[tuple[int, str, str]]] = {}
    for m in parsed.match({}, ("expand",)):
        out.setdefault(m["arg"], []).append((m["also"], "", m.rule))
    return out


def read_frame(view: ArticleView, s: int, trig: Match, parsed: ParsedSentence,
               widen: dict[int, list[tuple[int, str, str]]]) -> Frame:
    tree = parsed.tree
    head = trigger_head(tree, trig.start, trig.end)
    pos = tree_pos(tree, head, view.rules[trig.value])
    rule = reading(view, trig, pos)
    preds = _predicates(view, parsed, head, pos, rule.id)
    marks = {i: ("link" if level else pos) for i, (level, _, _) in preds.items()}
    frame = rule.spec.get("frame", "meet")
    found: list[tuple[int, str, int, tuple[str, ...]]] = []  # (token, role, level, rules)
    for m in parsed.match(marks, ("frame",)):
        p = m["predicate"]
        if p not in preds:
            continue
        level, shares, chain = preds[p]
        frule = view.rules[m.rule]
        role = frule.spec.get("frame_roles", {}).get(frame, frule.spec["role"])
        if level and role not in shares:
            continue
        if level:
            # "praised X for talks": the link's object is the meeting's subject
            role = view.rules[chain[-1]].spec.get("maps", {}).get(role, role)
        arg = m["arg"]
        if trig.start <= arg < trig.end:
            continue  # "bilateral talks", "phone call": words of the trigger itself
        if any(tree.dep(c) == "case" and view.toks[c].lower == "as" for c in tree.children(arg)) \
                or view.toks[tree.left_edge(arg) - 1].lower == "as":
            continue  # "who as Israel's ambassador conducted talks": a capacity, not a party
        found.append((arg, role, level, (*chain, m.rule)))
    resolved = [(arg, role, level, rules, _mentions_of(view, tree, arg, widen, rules))
                for arg, role, level, rules in sorted(found, key=lambda f: (f[2], f[0]))]
    # a subject of the predicate nearest the trigger: its own before one it shares
    nearest = min((level for _, role, level, _, ks in resolved if role == "subject"
                   and any(view.mentions[k].form != "plural" for k, _ in ks)), default=0)
    parties: list[Party] = []
    seen: set[tuple[int, str]] = set()
    for arg, role, level, rules, ks in resolved:
        if role == "subject" and level != nearest and not all(view.mentions[k].form == "plural" for k, _ in ks):
            continue
        for k, why in ks:
            if (k, role) not in seen:
                seen.add((k, role))
                parties.append(Party(k, role, why, level, arg))
    predicates = tuple(sorted(((i, level, chain[-1]) for i, (level, _, chain) in preds.items()),
                              key=lambda x: (x[1], x[0])))
    unnamed = tuple(sorted({role for arg, role, level, _, ks in resolved if not ks and level == 0
                            and view.toks[arg].text.isalpha() and view.toks[arg].lower not in _PRONOUNS
                            and tree.tag(arg).startswith("NN")}))
    confirmed = "dependency" in rule.spec and any(
        m.rule == rule.id and m["trigger"] == head for m in parsed.match({head: pos}, ("trigger",)))
    return Frame(s, trig, rule, pos, head, tuple(parties), predicates, unnamed, confirmed)


def _predicates(view: ArticleView, parsed: ParsedSentence, head: int, pos: str, trigger_rule: str
                ) -> dict[int, tuple[int, frozenset[str], tuple[str, ...]]]:
    """The trigger's head and the predicates linked to it: token → (level, roles shared, rules)."""
    tree = parsed.tree
    preds: dict[int, tuple[int, frozenset[str], tuple[str, ...]]] = {head: (0, frozenset(ROLES), (trigger_rule,))}
    for level in range(1, LINK_DEPTH + 1):
        marks = {i: ("link" if lv else pos) for i, (lv, _, _) in preds.items()}
        added = False
        found = parsed.match(marks, ("link",))
        pairs = {(m["predicate"], m["link"], m.rule) for m in found}
        for m in found:
            p, link = m["predicate"], m["link"]
            if p not in preds or link in preds or preds[p][0] != level - 1:
                continue
            spec = view.rules[m.rule].spec
            if any((p, link, other) in pairs for other in spec.get("overridden_by", ())):
                continue  # "asked Macron to meet Orban": the one asked meets, not the one who asks
            shares = preds[p][1] & frozenset(spec.get("shares", ()))
            if shares == {"subject"} and tree.tag(p).startswith("VB") and tree.dep(p) not in _NOUN_RELATIONS \
                    and any(tree.dep(c) in ("nsubj", "nsubj:pass") for c in tree.children(p)):
                continue  # "..., although Duterte and Suga spoke by phone": a clause with a subject of its own
            if shares:
                preds[link] = (level, shares, (*preds[p][2], m.rule))
                added = True
        if not added:
            break
    return preds


def _mentions_of(view: ArticleView, tree: SentenceTree, arg: int, widen: dict[int, list[tuple[int, str, str]]],
                 rules: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """The mentions an argument token stands for, with the rules that led to each: the mention
    that covers it (or a name inside its noun phrase), then its conjuncts and appositions, and
    the country or body that the people it names are "from"."""
    out: list[tuple[int, tuple[str, ...]]] = []
    todo = [(arg, rules)]
    seen = {arg}
    while todo:
        tok, why = todo.pop(0)
        k = _mention_at(view, tree, tok)
        if k is not None and all(k != x for x, _ in out):
            out.append((k, why))
        # the conjunct or apposition may hang on any word of the name ("Emmanuel Macron and ...")
        words = range(view.mentions[k].start, view.mentions[k].end) if k is not None else (tok,)
        for w in words:
            for also, _, rule in widen.get(w, ()):
                if k is not None and view.rules[rule].spec.get("as") == "side":
                    continue  # "Barzani, leader of the KDP": a named person is no body's stand-in
                if also not in seen and tree.covers(also) and not (k is not None and view.mention_at.get(also) == k):
                    other = view.mention_at.get(also)
                    if k is not None and other is not None and view.rules[rule].spec.get("as") == "same" \
                            and view.mentions[other].type != view.mentions[k].type:
                        continue  # "in Paris, Dutch Defence Minister Brekelmans": a person is no apposition of a city
                    seen.add(also)
                    todo.append((also, (*why, rule)))
    return out


def _mention_at(view: ArticleView, tree: SentenceTree, tok: int) -> int | None:
    k = view.mention_at.get(tok)
    if k is not None:
        return k
    people = view.toks[tok].lower in view.people_nouns
    # "Scholz's delegation" are his people; "Suga's travels will include meeting Modi": his trip
    owned = people or view.toks[tok].lower in view.res.naming.get("itinerary_nouns", ())
    for child in tree.children(tok):
        if tree.dep(child) in _NAME_PARTS and child in view.mention_at:
            m = view.mentions[view.mention_at[child]]
            # "Netanyahu's government", "Scholz's delegation": the owner of a body of people is its side
            if m.type is not None and (tree.dep(child) != "nmod:poss" or owned):
                return view.mention_at[child]
    if people:
        # "NATO defence ministers": the name on the word that describes the office
        for child in tree.children(tok):
            if tree.dep(child) in ("compound", "amod") and view.toks[child].text.islower():
                for grand in tree.children(child):
                    if tree.dep(grand) in ("compound", "amod", "flat") and grand in view.mention_at \
                            and view.mentions[view.mention_at[grand]].type is not None:
                        return view.mention_at[grand]
    return None


def tree_matches_summary(matches: list[TreeMatch]) -> list[str]:
    """Rule ids of matches, for explanations."""
    return sorted({m.rule for m in matches})
