"""What the words around a mention make of it (context rules: a place, a topic, a reporter,
not a party, a side, a host) and which mentions are coordinated into one group ("Britain,
Canada and the United States")."""
from __future__ import annotations

from collections import defaultdict

from spacy.lang.en.stop_words import STOP_WORDS as COMMON_WORDS

from ..resources import Rule
from .mentions import CAPITAL, COUNTRY, ORG, PERSON, ActorMention, fronted_phrase_end
from .view import ArticleView, SentenceParts

DATELINE = "builtin.dateline"
COORDINATED = "builtin.coordinated-names"


def mention_effects(view: ArticleView, s: int) -> tuple[dict[int, str], dict[int, str]]:
    """Mention index → effect of a context rule on it, and → the id of that rule."""
    parts = view.parts.get(s, SentenceParts())
    toks = view.toks
    effects: dict[int, str] = {}
    why: dict[int, str] = {}

    def mark(k: int, effect: str, rule: str) -> None:
        if k not in effects:
            effects[k] = effect
            why[k] = rule

    ends: dict[int, list[Rule]] = defaultdict(list)
    starts: dict[int, list[Rule]] = defaultdict(list)
    for c in parts.contexts:
        rule = view.rules[c.value]
        ends[c.end].append(rule)
        starts[c.start].append(rule)
    topic_spans = _topic_lists(view, parts)
    tree = view.trees.get(s)
    for k in view.by_sentence.get(s, ()):
        m = view.mentions[k]
        if tree is not None and m.start < tree.start:
            mark(k, "dateline", DATELINE)  # "RAMALLAH, West Bank, Aug 29 -": where the report was filed
        # a phrase ending just before the mention (allowing "the" between)
        for gap in (0, 1):
            pos = m.start - gap
            if gap and (pos < 1 or toks[pos].lower != "the"):
                continue
            # the longest phrase decides: "ministers from" (a side) over "from" (a place)
            for rule in sorted(ends.get(pos, ()), key=lambda r: -max(len(p.split()) for p in r.spec.get("phrases", ["x"]))
                               if r.spec["effect"] == "side" else 0):
                effect = rule.spec["effect"]
                if rule.spec.get("scope") == "before" and effect in ("place", "topic", "not-participant", "host", "side"):
                    if effect == "place" and not (m.type == COUNTRY and m.form in ("name", CAPITAL, "seat")):
                        continue  # "talks to Macron", "in Chinese officials' view": not places
                    mark(k, effect, rule.id)
        if k not in effects and _modifies_a_thing(view, m, parts):
            mark(k, "not-participant", "builtin.modified-thing")  # "in a Red Cross plane"
        for a0, b0, rule_id in topic_spans:
            if a0 <= m.start and m.end <= b0:
                mark(k, "topic", rule_id)  # "a summit with Ukraine and climate on the table"
        for rule in starts.get(m.end, ()):
            # "UK bank Barclays", "South Africa's biggest retailer": the country names a company
            if rule.spec.get("scope") == "after" and rule.spec.get("effect") == "not-participant" and m.type == COUNTRY:
                mark(k, "not-participant", rule.id)
        for gap in range(0, 3):
            for rule in starts.get(m.end + gap, ()):
                if rule.spec.get("effect") == "reporter" and (m.type != PERSON or (gap == 0 and _after_comma(view, m))) \
                        and _subject_of(view, s, m, m.end + gap):
                    mark(k, "reporter", rule.id)
    return effects, why


def _subject_of(view: ArticleView, s: int, m: ActorMention, verb: int) -> bool:
    """The mention is the one who says, where the sentence has a tree: one of its words hangs on
    the reporting word ("China said"; not "talks with Syria, told Israel Radio")."""
    tree = view.trees.get(s)
    if tree is None or not tree.covers(verb):
        return True
    return any(tree.head(i) == verb for i in range(m.start, m.end))


def _modifies_a_thing(view: ArticleView, m: ActorMention, parts: SentenceParts) -> bool:
    """An organisation or country between "a" and a common noun that names neither people nor
    a meeting ("a Red Cross plane", "a U.S. warship")."""
    toks = view.toks
    if m.type not in (ORG, COUNTRY) or m.form != "name" or m.start == 0 or m.end >= len(toks):
        return False
    nxt = toks[m.end]
    if toks[m.start - 1].lower not in ("a", "an") or not (nxt.text.isalpha() and nxt.text.islower()):
        return False
    # "an Australian cabinet minister": the noun after the name starts a title
    return all(t.lower not in view.people_or_offices for t in toks[m.end:m.end + 2]) \
        and all(not t.start <= m.end < t.end for t in parts.triggers)  # (the trigger may have taken the
    # name's last word as its modifier: "an Amnesty International conference")


def _topic_lists(view: ArticleView, parts: SentenceParts) -> list[tuple[int, int, str]]:
    """Token spans "with ... on the table": what comes between is the agenda, not the guests."""
    spans = []
    for c in parts.contexts:
        rule = view.rules[c.value]
        if rule.spec.get("effect") != "topic" or rule.spec.get("scope") != "after":
            continue
        window = int(rule.spec.get("window", 10))
        for i in range(c.start - 1, max(c.start - window, 0) - 1, -1):
            if view.toks[i].lower == "with":
                spans.append((i + 1, c.start, rule.id))
                break
    return spans


def _after_comma(view: ArticleView, m: ActorMention) -> bool:
    a = view.sentences[m.sentence][0]
    return m.start > a and view.toks[m.start - 1].text == ","


def coordinated_groups(view: ArticleView, s: int, effects: dict[int, str]) -> list[list[int]]:
    """Coordinated actor mentions ("Blinken and President Xi", "Britain, Canada and the United
    States", "U.S.-Ukraine") as lists of mention indexes. Names in a list are where a parser
    errs most, so the list is read from the words between them."""
    toks = view.toks
    groups: list[list[int]] = []
    marks = dict(effects)
    fronted_end = fronted_phrase_end(toks, *view.sentences[s], view.res.naming.get("fronted_openers", ()))

    def words(key: str) -> frozenset[str]:
        return view.res.words(COORDINATED, key)

    # "Shoukry and his Greek, Cypriot and French counterparts": demonyms between parties join them
    demonym_tokens = {i for k in view.by_sentence.get(s, ()) if view.mentions[k].form == "demonym"
                      for i in range(view.mentions[k].start, view.mentions[k].end)}
    for k in view.by_sentence.get(s, ()):
        m = view.mentions[k]
        if m.form == "demonym":
            continue
        if groups:
            last = view.mentions[groups[-1][-1]]
            between = [t.lower for i, t in enumerate(toks[last.end:m.start], last.end) if i not in demonym_tokens]
            if len(between) < m.start - last.end and between[-1:] == [","]:
                between = between[:-1]
            if len(between) < m.start - last.end and between[-2:-1] == ["and"] and between[-1] in words("possessives"):
                between = between[:-1]
            pair = (marks.get(k), marks.get(groups[-1][-1]))
            same_mark = pair[0] == pair[1] or (pair[0] is None and pair[1] in ("side", "not-participant"))
            # "Britain, Canada and the United States" (a mark on the first covers the list), but not
            # "Before visiting Israel, Mr Blair made ...": a clause's end, then its subject
            clause_end = between == [","] and m.type == PERSON and last.type == COUNTRY and last.form == "name"
            # nor "Catherine Russell, UNICEF's executive director": the owner of her office
            clause_end = clause_end or (between == [","] and last.type == PERSON and m.type != PERSON
                                        and m.end < len(toks) and toks[m.end].lower in ("'s", "’s"))
            # nor "After meeting Vucic, Kornblum flew ...": the comma closes a fronted phrase
            clause_end = clause_end or (between == [","] and fronted_end is not None and last.end <= fronted_end < m.start)
            if between and len(between) <= 3 and all(w in words("joiners") or w == "the" for w in between) \
                    and between[0] != "the" and same_mark and not clause_end:
                groups[-1].append(k)
                continue
            if 2 <= len(between) <= 5 and between[0] in words("joiners") and m.title \
                    and marks.get(k) == marks.get(groups[-1][-1]) \
                    and all(t.text.isalpha() and t.lower not in COMMON_WORDS for t in toks[last.end + 1:m.start]) \
                    and not any(w in words("clause_marks") for w in between):
                groups[-1].append(k)  # "Lebed and Chechen rebel leader Maskhadov"
                continue
            if not between or (between in (["-"], ["–"], ["/"]) and not toks[last.end - 1].space
                               and not toks[last.end].space):
                groups[-1].append(k)  # "U.S.-Ukraine talks"
                continue
            if between in (["'s"], ["’s"]) and m.type == PERSON and last.type == COUNTRY:
                groups[-1].append(k)  # "Russia's Alexander Lebed": the country's own man
                continue
        groups.append([k])
    return groups


def group_marks(groups: list[list[int]], effects: dict[int, str], why: dict[int, str]
                ) -> tuple[dict[int, str], dict[int, str]]:
    """A group inherits a "not-participant" or "side" mark, and its rule, from its first member
    ("tensions between X and Y", "ministers from Britain, Canada and Japan")."""
    out, rules = dict(effects), dict(why)
    for g in groups:
        mark = effects.get(g[0])
        if mark in ("not-participant", "side"):
            for k in g:
                out[k] = mark
                rules[k] = why.get(g[0], "")
    return out, rules


def is_org_or_country(m: ActorMention) -> bool:
    return m.type in (ORG, COUNTRY)
