"""Resolve short and indirect actor mentions inside one article.

Order of preference, after the architecture's known trap ("Kim", "Lee"): a surname or
title first resolves against people named in full in the same article, and only then
against the gazetteer (people holding that office on the article's date). Pronouns
resolve only when exactly one person of that gender is in reach.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Actor
from ..nlp import Token
from ..resources import Resources
from .mentions import (
    COUNTRY,
    ORG,
    PERSON,
    COUNTERPART,
    PRONOUN,
    TITLE_ONLY,
    ActorMention,
    ArticleActors,
    fronted_phrase_end,
    slug,
)

#: offices whose holders speak about meetings rather than take part in them
NON_PARTY_ROLES = frozenset({"spokesperson"})
#: generic titles that may stand for either top office
_LEADER_ROLES = ("head_of_government", "head_of_state")

#: a leader's name before one of the rule's ``government_nouns`` stands for the leader's government
LEADER_GOVERNMENT = "coref.leader-government"


def resolve(acts: ArticleActors, res: Resources, article_date: str | None,
            tokens: tuple[Token, ...] = (), sentences: tuple[tuple[int, int], ...] = ()) -> ArticleActors:
    """The article's mentions with ``actor`` filled on surname, title, counterpart and pronoun
    mentions where it can be told for sure, as new records (the input is left as it was)."""
    ms = list(acts.mentions)
    new_actors = dict(acts.new_actors)
    for k, m in enumerate(ms):
        if m.form == TITLE_ONLY:
            nxt = _apposed_name(k, ms, tokens)
            if nxt is None:
                nxt = _name_apposed_to(k, ms, tokens)  # "Ana Vidal, the Spanish foreign minister,"
            if nxt is not None:
                ms[k] = replace(m, actor=ms[nxt].actor, rule="coref.apposed-name")
                ms[nxt] = replace(ms[nxt], country=ms[nxt].country or m.country)
    _respective_counterparts(ms, tokens)
    _apposed_counterparts(ms, tokens)
    _possessor_countries(ms, tokens)
    named = [m for m in ms if m.type == PERSON and m.actor and m.form == "name"]
    for k, m in enumerate(ms):
        if m.actor is not None:
            continue
        if m.form == "surname":
            actor = _by_surname(m, named, res, article_date)
            if actor is None and m.name:
                actor = slug(m.name)
                new_actors.setdefault(actor, Actor(actor, m.name, PERSON, m.country, role=m.title,
                                                   in_gazetteer=False))
            ms[k] = replace(m, actor=actor)
        elif m.form == TITLE_ONLY:
            actor = _by_title(m, ms, res, article_date)
            if actor is None and m.country and m.role not in NON_PARTY_ROLES:
                # "Iraq's national security adviser met ...": unnamed, the office speaks for its country
                ms[k] = replace(m, actor=m.country, type=COUNTRY, rule="coref.office-country")
            else:
                ms[k] = replace(m, actor=actor)
    asides = _in_fronted_phrases(ms, tokens, sentences, frozenset(res.naming.get("fronted_openers", ())))
    for k, m in enumerate(ms):
        if m.form == PRONOUN and m.actor is None:
            ms[k] = replace(m, actor=_by_pronoun(m, ms, res, _relative_head(m, ms, tokens), asides))
    for k, m in enumerate(ms):
        if m.type == PERSON and m.actor in res.people:
            person = res.people[m.actor]
            ms[k] = replace(m, gender=m.gender or person.gender, country=m.country or person.country)
    for k, m in enumerate(ms):
        if m.type == PERSON and m.country is None and m.role and m.form == "name" and m.actor not in res.people:
            # "Pakistan said ... Finance Minister Muhammad Aurangzeb confirmed that Islamabad ...": an
            # office holder among one country's names holds that country's office
            near = {x.actor for x in ms if x.type == COUNTRY and x.form in ("name", "capital", "seat")
                    and m.sentence - 1 <= x.sentence <= m.sentence}
            if len(near) == 1:
                ms[k] = replace(m, country=next(iter(near)))
    for k, m in enumerate(ms):
        nxt = m.end + 1 if m.end < len(tokens) and tokens[m.end].lower in ("'s", "’s") else m.end
        if m.type == PERSON and m.country and m.form in ("name", "surname") and nxt < len(tokens) \
                and tokens[nxt].lower in res.words(LEADER_GOVERNMENT, "government_nouns"):
            # "the first Trump administration", "Netanyahu's government": the leader's country
            ms[k] = replace(m, actor=m.country, type=COUNTRY, rule=LEADER_GOVERNMENT)
    return ArticleActors(tuple(ms), new_actors)


def _respective_counterparts(ms: list[ActorMention], tokens: tuple[Token, ...]) -> None:
    """ "his Greek, Cypriot and French counterparts, Dendias, Christodoulides and Le Drian": the
    names take the demonyms' countries in order, and the demonyms no longer stand as parties."""
    run: list[int] = []
    for k, m in enumerate(ms):
        if m.form == "group" and m.type == COUNTRY:
            if run and not all(t.text in (",", "and") for t in tokens[ms[run[-1]].end:m.start]):
                run = []
            run.append(k)
            continue
        last = ms[run[-1]] if run else None
        if last is None or tokens[last.head].lower not in ("counterpart", "counterparts") \
                or [t.text for t in tokens[last.end:m.start]] != [","]:
            run = []
            continue
        names = list(range(k, min(k + len(run), len(ms))))
        if len(names) == len(run) and all(ms[n].type == PERSON for n in names) and all(
                all(t.text in (",", "and") for t in tokens[ms[x].end:ms[y].start]) for x, y in zip(names, names[1:])):
            for g, n in zip(run, names):
                ms[n] = replace(ms[n], country=ms[n].country or ms[g].country, rule="coref.respective-counterparts")
                ms[g] = replace(ms[g], actor=None, rule="coref.respective-counterparts")
        run = []


def _apposed_counterparts(ms: list[ActorMention], tokens: tuple[Token, ...]) -> None:
    """ "his Canadian counterpart, Gordon Smith": the counterpart is the person named after the
    comma, and that person is of the counterpart's country."""
    for k in range(len(ms) - 1):
        m, nxt = ms[k], ms[k + 1]
        if m.form != COUNTERPART or m.actor is not None:
            continue
        if [t.text for t in tokens[m.end:nxt.start]] == [","] and nxt.type == PERSON and nxt.actor:
            ms[k] = replace(m, actor=nxt.actor, type=PERSON, rule="coref.apposed-counterpart")
            ms[k + 1] = replace(nxt, country=nxt.country or m.country)


def _possessor_countries(ms: list[ActorMention], tokens: tuple[Token, ...]) -> None:
    """ "Russia's Alexander Lebed": a person right after a country's possessive is of that country."""
    for k in range(1, len(ms)):
        prev, m = ms[k - 1], ms[k]
        if m.type == PERSON and prev.type == COUNTRY and prev.form == "name" and m.country is None \
                and [t.lower for t in tokens[prev.end:m.start]] in (["'s"], ["’s"]):
            ms[k] = replace(m, country=prev.actor)


def _name_apposed_to(k: int, mentions: list[ActorMention], tokens: tuple[Token, ...]) -> int | None:
    """The person a title describes after a comma: "Ana Vidal, the Spanish foreign minister,"."""
    j = mentions[k].start
    if j > 0 and tokens[j - 1].lower in ("the", "a", "an"):
        j -= 1
    if k == 0 or j < 1 or tokens[j - 1].text != ",":
        return None
    prev = mentions[k - 1]
    if prev.end != j - 1 or prev.type != PERSON or prev.form != "name" or not prev.actor:
        return None
    return k - 1


def _apposed_name(k: int, mentions: list[ActorMention], tokens: tuple[Token, ...]) -> int | None:
    """The person a title names in apposition: "The Italian foreign minister, Luigi Di Maio", "the
    Secretary-General of the Kurdistan Democratic Party of Iran (KDPI) Hassan Rastegar"."""
    i = mentions[k].end
    if i < len(tokens) and tokens[i].text == ",":
        i += 1
    elif i + 1 < len(tokens) and tokens[i].lower == "of":
        i += 2 if tokens[i + 1].lower == "the" else 1
        orgs = 0
        for org in mentions[k + 1:]:
            if org.start != i or org.type != ORG:
                break
            i, orgs = org.end, orgs + 1
            while i < len(tokens) and tokens[i].text in ("(", ")"):
                i += 1
        if not orgs:
            return None  # "president of the International Brotherhood": no name follows an organisation
        if i < len(tokens) and tokens[i].text == ",":
            i += 1
    elif i < len(tokens) and tokens[i].lower in ("in", "for", "to"):
        # "The Russian army commander in the region, General Vyacheslav Tikhomirov", "the U.S.
        # envoy for Ukraine negotiations, Kurt Volker", "Pakistan's permanent representative to
        # the United Nations, Munir Akram": a short phrase, then the name; or a capitalised
        # domain and the name right after it ("Assistant Secretary for Near Eastern Affairs
        # Robert Pelletreau")
        j = next((j for j in range(i + 1, min(i + 5, len(tokens))) if not tokens[j].text.isalnum()), None)
        if j is not None and tokens[j].text == ",":
            i = j + 1
        else:
            n = next((n for n in range(k + 1, len(mentions)) if mentions[n].start > i), None)
            if n is None or mentions[n].start - i > 6 or mentions[n].type != PERSON or mentions[n].form != "name" \
                    or not mentions[n].actor or not all(t.text[:1].isupper() or t.lower in ("of", "and", "the")
                                                      for t in tokens[i + 1:mentions[n].start]):
                return None
            return n
    else:
        return None
    n = next((n for n in range(k + 1, len(mentions)) if mentions[n].start >= i), None)
    nxt = mentions[n] if n is not None else None
    if nxt is None or nxt.start != i or nxt.type != PERSON or nxt.form != "name" or not nxt.actor:
        return None
    return n


def _by_surname(m: ActorMention, named: list[ActorMention], res: Resources, date: str | None) -> str | None:
    name = m.name or ""
    local = [x for x in named if x.actor and name in _surnames_of_actor(x, res)]
    actors = {x.actor for x in local}
    if len(actors) == 1:
        return next(iter(actors))
    if actors:
        # two people share the surname ("Ahmed Mohamed" and his father "Mohamed El-Hassan
        # Mohamed"): the one the article names most, else the one it named first, the story's own
        # ("Alessandra Mussolini, the granddaughter of Benito Mussolini, ... Mussolini said")
        counts = {a: sum(x.actor == a for x in local) for a in actors}
        top = max(counts.values())
        best = [a for a, c in counts.items() if c == top]
        if len(best) == 1:
            return best[0]
        before = [x for x in local if x.start < m.start and x.actor in best]
        return before[0].actor if before else None
    candidates = [pid for pid in res.surname_index.get(name, ())
                  if _fits(res, pid, m.role, m.country, date)]
    return candidates[0] if len(candidates) == 1 else None


def _surnames_of_actor(m: ActorMention, res: Resources) -> tuple[str, ...]:
    person = res.people.get(m.actor or "")
    if person is not None:
        return res.surnames(person.name, person.country)
    return res.surnames(m.name or "", m.country)


def _fits(res: Resources, person_id: str, role: str | None, country: str | None, date: str | None) -> bool:
    person = res.people[person_id]
    if country and person.country != country and not any(r.org == country for r in person.roles):
        return False
    if date is None:
        return role is None or any(r.role == role for r in person.roles)
    roles = _role_family(role)
    return any(r.covers(date) and (not roles or r.role in roles) for r in person.roles)


def _role_family(role: str | None) -> tuple[str, ...]:
    if role is None:
        return ()
    if role in ("leader", "head_of_state", "head_of_government"):
        return (role, *_LEADER_ROLES) if role == "leader" else (role,)
    return (role,)


def mention_roles(m: ActorMention, res: Resources, date: str | None) -> set[str]:
    """The offices a mention gives its person: its title's, and the gazetteer's on the date."""
    roles = {m.role} if m.role else set()
    person = res.people.get(m.actor or "")
    if person is not None:
        roles.update(r.role for r in person.roles if date is None or r.covers(date))
    return roles


def _by_title(m: ActorMention, mentions: list[ActorMention], res: Resources, date: str | None) -> str | None:
    wanted = set(_role_family(m.role))
    for prev in reversed([x for x in mentions if x.start < m.start and x.type == PERSON and x.actor]):
        if m.country and prev.country and prev.country != m.country:
            continue
        if wanted & mention_roles(prev, res, date):
            return prev.actor
    if m.country and date:
        holders = res.holders(wanted, m.country, date)
        if len(holders) == 1:
            return holders.pop()
    return None


def _relative_head(m: ActorMention, mentions: list[ActorMention], tokens: tuple[Token, ...]) -> str | None:
    """The person a relative clause the pronoun stands in hangs on ("Macron, whom he met"): the
    pronoun is someone else."""
    i = m.start
    if i < 3 or tokens[i - 1].lower not in ("whom", "who") or tokens[i - 2].text != ",":
        return None
    return next((x.actor for x in mentions if x.end == i - 2 and x.type == PERSON), None)


def _in_fronted_phrases(ms: list[ActorMention], tokens: tuple[Token, ...], sentences: tuple[tuple[int, int], ...],
                        openers: frozenset[str]) -> frozenset[int]:
    """Starts of the mentions inside a fronted phrase ("After meeting Milosevic, Kornblum flew
    ..."): not the subject of their sentence."""
    out = set()
    for m in ms:
        if 0 <= m.sentence < len(sentences):
            end = fronted_phrase_end(tokens, *sentences[m.sentence], openers)
            if end is not None and end >= m.end:
                out.add(m.start)
    return frozenset(out)


def _by_pronoun(m: ActorMention, mentions: list[ActorMention], res: Resources, other: str | None = None,
                asides: frozenset[int] = frozenset()) -> str | None:
    """The one person of the pronoun's gender mentioned in this or the previous sentence (but
    ``other``, the person the pronoun's relative clause hangs on; ``asides``: starts of mentions
    in fronted phrases, not their sentence's subject)."""
    seen: list[str] = []
    subjects: list[str] = []
    for prev in mentions:
        if prev.start >= m.start:
            break
        if prev.actor == other:
            continue
        if prev.form == PRONOUN and prev.sentence == m.sentence and prev.actor and prev.gender == m.gender:
            return prev.actor  # "His comments come days before he meets Putin": the same man
        if prev.sentence < m.sentence - 1 or prev.type != PERSON or not prev.actor or prev.form == PRONOUN:
            continue
        gender = prev.gender or (res.people[prev.actor].gender if prev.actor in res.people else None)
        if gender in (m.gender, None) and prev.actor not in seen:
            seen.append(prev.actor)
            if prev.start not in asides:
                subjects.append(prev.actor)
    if not seen:
        # "Saying he needed ... he flew back. He met ...": a chain of pronouns keeps its referent
        chained = [prev.actor for prev in mentions if prev.start < m.start and prev.form == PRONOUN
                   and prev.actor and prev.gender == m.gender and prev.sentence >= m.sentence - 1]
        if chained:
            return chained[-1]
    if len(seen) == 1:
        return seen[0]
    if seen and m.initial:
        # "He had earlier visited Japan": a sentence-initial pronoun continues the subject of
        # the sentence before (the first person named there outside a fronted phrase)
        return (subjects or seen)[0]
    if not seen and m.possessive:
        # "During his trip to Japan, Joe Biden met ...": a possessive before any name points
        # at the first person named after it in the sentence
        for nxt in mentions:
            if nxt.start > m.start and nxt.sentence == m.sentence and nxt.type == PERSON and nxt.actor \
                    and nxt.form != PRONOUN:
                gender = nxt.gender or (res.people[nxt.actor].gender if nxt.actor in res.people else None)
                return nxt.actor if gender in (m.gender, None) else None
    # several in reach: ambiguous; give up
    return None
