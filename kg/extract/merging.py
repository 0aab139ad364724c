"""One event per real meeting: reports of the same meeting merged, sides reduced to the people
who speak for them, visits split per host, and records too thin to be meetings dropped.

Every function takes the candidates and returns new ones (and the suppressed reports)."""
from __future__ import annotations

from dataclasses import replace

from ..model import Event, Participant, Place, Reason, Suppressed
from ..resources import GENERIC_ROLES
from .candidates import Candidate, Parties, absorb, copy_for
from .coref import mention_roles
from .mentions import PERSON
from .places import dateline_place
from .agenda import LEAD_SENTENCES
from .reports import drop_redundant_countries
from .status import HELD, ONGOING, PLANNED
from .view import ArticleView

#: how many sentences around a group's summit its member leaders are looked for
SUMMIT_REACH = 2
_LEADERS = frozenset({"head_of_state", "head_of_government"})
_FAMILIES = ({"meeting", "talks", "negotiations", "visit"}, {"call", "talks", "negotiations"},
             {"summit", "conference", "visit"})
ONE_PARTICIPANT = "builtin.one-participant"
VISIT_PLACE = "builtin.visit-place"
HEADLINE_SUMMARY = "builtin.headline-summary"
COVERED_VISIT = "builtin.covered-visit"
QUOTED = "builtin.quoted"
PRIVATE_TRAVEL = "builtin.private-travel"
TRAVEL_ONLY = "builtin.travel-only"
COUNTRY_SPEAKER = "builtin.country-speaker"
COUNTRY_PEER = "builtin.country-peer"
SUMMIT_LEADERS = "builtin.summit-leaders"


def same_family(a: str, b: str) -> bool:
    """Kinds one encounter may be reported as: a summit is not the talks held beside it, nor a
    phone call the visit the same two made."""
    return a == b or any(a in f and b in f for f in _FAMILIES)


def _call_and_visit(a: str, b: str) -> bool:
    """A phone call and a visit or meeting of the same two are two encounters."""
    return ("call" in (a, b)) and not same_family(a, b)


def merge(view: ArticleView, cands: list[Candidate]) -> tuple[list[Event], list[Suppressed]]:
    """The article's events from its sentence reports, and the reports that became none."""
    suppressed: list[Suppressed] = []
    # "Blair has met Berlusconi and Schroeder ... The Downing Street talks covered ...": a later
    # report of the same three is of one joint meeting, not of one meeting with each
    joint = {frozenset(c.actors) for c in cands if c.anaphoric}
    cands = [replace(c, hosts=()) if c.hosts and frozenset(c.actors) in joint else c for c in cands]
    merged: list[Candidate] = []
    for c in (part for c in cands for part in _split_hosts(view, c)):
        at = _merge_target(view, c, merged)
        if at is not None:
            target = merged[at]
            if c.quoted:
                # a speaker's words about the meeting ("holding a summit in June would not be
                # provocative") add parties and issues, not its time, place or status
                c = replace(c, place=None, date=None, precision=None, status=target.status)
            else:
                target = _finer_place(view, target, c)
            merged[at] = absorb(target, c)
        elif c.quoted:
            suppressed.append(_suppressed(view, c, QUOTED))
        else:
            merged.append(c)
    merged = _merge_again(view, merged)
    # (a visit to a country whose people the visitor met is told by those meetings: before a
    # country side is put down to the one person of it the sentence names)
    merged, covered = _drop_covered_visits(view, merged)
    suppressed += covered
    merged = [_participants(view, c) for c in merged]
    merged = _places_of_visits(view, merged)
    merged = _dateline_places(view, merged)
    kept = []
    for c in merged:
        if _private_travel(view, c, merged):
            suppressed.append(_suppressed(view, c, PRIVATE_TRAVEL))
        elif _travel_only(c):
            suppressed.append(_suppressed(view, c, TRAVEL_ONLY))
        elif _keeps(view, c):
            kept.append(c)
        else:
            suppressed.append(_suppressed(view, c, ONE_PARTICIPANT))
    kept, summaries = _drop_headline_summaries(view, kept)
    suppressed += summaries
    return [_event(view, c) for c in kept], suppressed


def _participants(view: ArticleView, c: Candidate) -> Candidate:
    """The merged report with each country side put down to the person who speaks for it, and
    a grouping's summit with the leaders named around it; each new party with its rule."""
    parts, reasons = c.participants, list(c.reasons)
    for rule, step in ((COUNTRY_SPEAKER, lambda p: _speakers_for_countries(view, c, p)),
                       (COUNTRY_PEER, lambda p: _peers_for_countries(view, p)),
                       (None, lambda p: drop_redundant_countries(view, p)),
                       (SUMMIT_LEADERS, lambda p: p + _leaders_at_summit(view, c))):
        new = step(parts)
        if rule:
            had = {a for a, _ in parts}
            reasons += [Reason("participant", a, rule, c.sentence) for a, _ in new if a not in had]
        parts = new
    return replace(c, participants=parts, reasons=tuple(reasons))


def _suppressed(view: ArticleView, c: Candidate, reason: str) -> Suppressed:
    return Suppressed(view.article.id, c.rule.id, reason, c.sentence, c.evidence[0].quote, tuple(c.actors))


def _drop_headline_summaries(view: ArticleView, cands: list[Candidate]) -> tuple[list[Candidate], list[Suppressed]]:
    """A headline meeting that no report in the body matches only sums up the body's own
    ("Talbott to meet Russian, Canadian counterparts" above the two meetings)."""
    body = [c for c in cands if any(e.sentence > 0 and e.rule.startswith("trigger.") for e in c.evidence)]
    if not body or not view.headline_line():
        return cands, []
    return body, [_suppressed(view, c, HEADLINE_SUMMARY) for c in cands if c not in body]


def _merge_again(view: ArticleView, merged: list[Candidate]) -> list[Candidate]:
    """Merging grows events; merge the grown ones once more until nothing changes."""
    changed = True
    while changed:
        changed = False
        for j in range(1, len(merged)):
            at = _merge_target(view, merged[j], merged[:j])
            if at is not None:
                merged[at] = absorb(_finer_place(view, merged[at], merged[j]), merged[j])
                merged.pop(j)
                changed = True
                break
    return merged


def _merge_target(view: ArticleView, c: Candidate, merged: list[Candidate]) -> int | None:
    """The index of the earlier report ``c`` is another report of, if any."""
    ids = c.actors
    hosts = {a for a, r in c.participants if r == "host"}
    if c.anaphoric and ids:
        # "the London conference" points back at the conference with those parties, before any other
        for k in range(len(merged) - 1, -1, -1):
            if ids <= merged[k].actors and same_family(c.kind, merged[k].kind):
                if c.status == PLANNED and merged[k].status == HELD and c.status_rule is not None:
                    return None  # "Discussions will resume next week": a later session of the same sides
                return k
    for k in range(len(merged) - 1, -1, -1):
        prev = merged[k]
        pids = prev.actors
        prev_hosts = {a for a, r in prev.participants if r == "host"}
        if hosts and prev_hosts and not hosts & prev_hosts:
            continue  # visits to different hosts are different visits
        same_sentence = c.sentence in {e.sentence for e in prev.evidence if e.rule.startswith("trigger.")}
        if (c.distinct or prev.distinct) and not same_sentence:
            continue  # "their second summit": not the first one
        if ids == pids and same_sentence and not _call_and_visit(c.kind, prev.kind):
            return k  # "would meet his counterpart, Gordon Smith, for talks": one meeting, one sentence
        if same_sentence and len(ids & pids) >= 2 and c.status == prev.status and c.date == prev.date:
            return k  # two words for one meeting, seen from two sides
        if ids == pids and len(ids) == 1 and _grouping(view, next(iter(ids))):
            return k  # "G7 was scheduled to meet", "discussed at the G-7": the one summit of the article
        if c.date and prev.date and c.date != prev.date:
            continue
        if c.kind == prev.kind and any(_grouping(view, a) for a in ids & pids):
            return k  # "Chidambaram is attending the G7 meeting" and "India has been invited to it"
        if {c.status, prev.status} == {PLANNED, HELD} and not (c.date and c.date == prev.date and len(c.date) == 10):
            continue  # a planned and a held meeting are two, unless reported for the same day (talks under
            # way and their next session are one)
        if (c.anaphoric and (ids <= pids or same_family(c.kind, prev.kind))) or (
                ids == pids and ((len(ids) > 1 and not _call_and_visit(c.kind, prev.kind))
                                 or same_family(c.kind, prev.kind))):
            return k
        if ((len(ids) == 1 and ids <= pids) or (len(pids) == 1 and pids <= ids)) and same_family(c.kind, prev.kind):
            return k  # "Blinken's visit" after "Blinken met Xi"; not the WTO summit into talks with the WTO
        if len(ids) >= 2 and len(pids) >= 2 and (_covers(view, ids, pids) or _covers(view, pids, ids)):
            return k
        if len(ids) >= 2 and len(pids) >= 2 and (ids <= pids or pids <= ids) and same_family(c.kind, prev.kind):
            return k  # "Seifert met LSE chief executive Furse" and, later, "discussed by Seifert with Furse"
        if any(_grouping(view, a) for a in ids & pids):
            return k  # "the G7 talks", "G7 ministers discussed ...": one meeting of the group
        own, prev_own = ids - hosts, pids - prev_hosts  # the hosts aside: "Kishida, who hosted it, welcomed ..."
        if (_members_of_group(view, own, prev_own) or _members_of_group(view, prev_own, own)) \
                and (same_family(c.kind, prev.kind) or c.anaphoric or prev.anaphoric
                     or _most_members(view, own, prev_own) or _most_members(view, prev_own, own)):
            return k  # the G7 summit and the seven leaders Kishida welcomed to it
    return None


def _grouping(view: ArticleView, actor: str) -> bool:
    org = view.res.organisations.get(actor)
    return org is not None and org.kind == "grouping"


def _offices(view: ArticleView, actor: str) -> set[str]:
    return {r for m in view.mentions if m.actor == actor for r in mention_roles(m, view.res, view.date)}


def _peers_for_countries(view: ArticleView, participants: Parties) -> Parties:
    """At a meeting of office holders ("Rubio, Joly and ministers from Britain and Japan"), a
    country's side is the one person of that country the article names in the same office."""
    res = view.res
    people = [a for a, _ in participants if a not in res.countries and a not in res.organisations]
    if len(participants) < 3 or len(people) < 2:
        return participants
    held: dict[str, int] = {}
    for a in people:
        for office in _offices(view, a) - GENERIC_ROLES:
            held[office] = held.get(office, 0) + 1
    shared = {o for o, n in held.items() if n >= 2 and 2 * n >= len(people)}
    if not shared:
        return participants
    taken = {a for a, _ in participants}
    out: Parties = ()
    for actor, role in participants:
        if actor in res.countries:
            peers = {m.actor for m in view.mentions if m.type == PERSON and m.actor and m.actor not in taken
                     and view.country_of(m.actor) == actor and _offices(view, m.actor) & shared}
            if len(peers) == 1:
                actor = peers.pop()
                taken.add(actor)
        out = (*out, (actor, role))
    return out


def _leaders_at_summit(view: ArticleView, c: Candidate) -> Parties:
    """A summit of a grouping with no one named at it ("G7 was scheduled to meet this weekend")
    has the member countries' leaders the article names around it."""
    ids = [a for a, r in c.participants if r != "host"]  # its host aside: "Kishida hosted the gathering"
    if c.kind != "summit" or len(ids) != 1 or not _grouping(view, ids[0]):
        return ()
    members = set(view.res.organisations[ids[0]].members)
    near = {s for e in c.evidence for s in range(e.sentence - SUMMIT_REACH, e.sentence + SUMMIT_REACH + 1)}
    leaders: Parties = ()
    for m in view.mentions:
        if m.sentence in near and m.type == PERSON and m.actor and m.form == "name" \
                and view.country_of(m.actor) in members and _offices(view, m.actor) & _LEADERS \
                and all(m.actor != a for a, _ in leaders):
            leaders = (*leaders, (m.actor, "participant")) if all(m.actor != a for a, _ in c.participants) else leaders
    return leaders


def _speakers_for_countries(view: ArticleView, c: Candidate, participants: Parties) -> Parties:
    """A country side is the one person of that country its own sentences name ("ministers from
    Canada and Japan ... Canadian Foreign Minister Melanie Joly said"); not one named only as the
    owner of something ("confirmed Primakov's pledge")."""
    sentences = {e.sentence for e in c.evidence}
    taken = set(c.actors)
    sides = {view.country_of(a) for a in taken if a not in view.res.countries}
    reporting = view.res.words(COUNTRY_SPEAKER, "reporting_roles")
    out: Parties = ()
    for actor, role in participants:
        if actor in view.res.countries and actor not in sides:  # a side no named party speaks for yet
            named = {m.actor for s in sentences for k in view.by_sentence.get(s, ()) for m in (view.mentions[k],)
                     if m.type == PERSON and m.actor and m.form in ("name", "surname") and not _possessor(view, m)
                     and m.role not in reporting and not _names_another_meeting(view, m)
                     and view.country_of(m.actor) == actor and m.actor not in taken}
            if len(named) == 1:
                actor = named.pop()
                taken.add(actor)
        out = (*out, (actor, role))
    return out


def _names_another_meeting(view: ArticleView, m) -> bool:
    """The name is a side of a meeting noun right after it ("an Arafat-Netanyahu meeting"):
    that meeting's party, not a speaker for this one."""
    toks, i = view.toks, m.end
    while i + 1 < len(toks) and toks[i].text in ("-", "–") and toks[i + 1].is_title:
        i += 2
        while i < len(toks) and toks[i].is_title:
            i += 1
    return i < len(toks) and toks[i].lower in view.meeting_nouns


def _possessor(view: ArticleView, m) -> bool:
    """The name owns a thing ("Primakov's pledge"): named, not present."""
    return m.end < len(view.toks) and view.toks[m.end].lower in ("'s", "’s")


def _split_hosts(view: ArticleView, c: Candidate) -> list[Candidate]:
    """ "Suga will meet Modi and Duterte": one meeting with each country's side."""
    if len(c.hosts) < 2:
        return _split_visit(view, c)
    met = {a for side in c.hosts for a in side}
    return [copy_for(c, tuple(p for p in c.participants if p[0] not in met or p[0] in side)) for side in c.hosts]


def _split_visit(view: ArticleView, c: Candidate) -> list[Candidate]:
    """ "He visited Japan, South Korea and China": one visit per host country."""
    hosts = [a for a, r in c.participants if r == "host" and a in view.res.countries]
    if c.kind != "visit" or len(hosts) < 2 or any(r == "participant" for _, r in c.participants):
        return [c]
    visitors = tuple((a, r) for a, r in c.participants if r != "host")
    return [copy_for(c, (*visitors, (h, "host")), place=Place(view.res.countries[h].name, h, h)) for h in hosts]


def _finer_place(view: ArticleView, target: Candidate, c: Candidate) -> Candidate:
    """A town the other report names beats the country one report gives ("host country Canada"
    and "gathered in Charlevoix, Quebec")."""
    if target.place is None or c.place is None or target.place.key not in view.res.countries:
        return target
    country = view.res.countries[target.place.key]
    if target.place.label in (country.name, *country.aliases) and c.place.key in (None, target.place.key) \
            and c.place.label not in (country.name, *country.aliases):
        return replace(target, place=c.place)
    return target


def _members_of_group(view: ArticleView, group: set[str], members: set[str]) -> bool:
    """``group`` is one grouping (G7, Quad) and ``members`` are at least two people of its
    member countries and nobody else."""
    if len(group) != 1 or len(members) < 2:
        return False
    org = view.res.organisations.get(next(iter(group)))
    if org is None or org.kind != "grouping" or not org.members:
        return False
    return all(a in view.res.people or view.country_of(a) for a in members) and \
        all(view.country_of(a) in org.members for a in members)


def _most_members(view: ArticleView, group: set[str], members: set[str]) -> bool:
    """More than half of the group's member countries are there: the group's own meeting."""
    if len(group) != 1:
        return False
    org = view.res.organisations.get(next(iter(group)))
    countries = {view.country_of(a) for a in members}
    return org is not None and 2 * len(countries & set(org.members)) > len(org.members)


def _covers(view: ArticleView, small: set[str], big: set[str]) -> bool:
    """Every actor of ``small`` is in ``big``, or is a country that a person of ``big`` speaks for
    ("talks with Iraqi officials" and "talks with Iraqi Deputy Prime Minister Tareq Aziz")."""
    res = view.res
    countries = {view.country_of(a) for a in big}
    people_countries = {view.country_of(a) for a in big if a not in res.countries}
    spoken_for = [a for a in small if a in res.countries
                  and ((a not in big and a in countries) or (a in big and a in people_countries))]
    rest = [a for a in small if a not in big and a not in spoken_for]
    # a person whose country the article does not say may speak for one of the rest
    unplaced = [a for a in big if view.country_of(a) is None and a not in res.organisations]
    return bool(spoken_for) and all(a in res.countries for a in rest) and len(rest) <= len(unplaced)


def _keeps(view: ArticleView, c: Candidate) -> bool:
    """Two parties or more; or one organisation meeting in its own summit, conference or session."""
    ids = [a for a, _ in c.participants]
    if len(ids) >= 2:
        return True
    # (a named organisation no lexicon knows, or a body in session such as "the cabinet"; not an
    # unnamed group such as "the unions")
    bodies = frozenset(view.res.naming.get("body_nouns", ()))
    org = len(ids) == 1 and (ids[0] in view.res.organisations or any(
        m.actor == ids[0] and (m.rule == "name.organisation" or view.toks[m.head].lower in bodies)
        for m in view.mentions))
    if org and c.kind in ("summit", "conference", "meeting", "talks", "negotiations"):
        return True
    # a person who attended, addressed or was at a conference or summit ("told a regional
    # conference", "is at a summit in Brussels"): the gathering's named attendee
    return len(ids) == 1 and c.kind in ("summit", "conference") and ids[0] not in view.res.countries and any(
        r.part == "participant" and r.value == ids[0] and any(rule.startswith("link.") or rule == "frame.copular-subject"
                                                            for rule in r.rule.split()) for r in c.reasons)


def _travel_only(c: Candidate) -> bool:
    """A visit with visitors and no host, no place and no one met ("Scholz and Macron travelled to
    a village"): travel, not a meeting."""
    return c.kind == "visit" and c.place is None and all(r == "visitor" for _, r in c.participants)


def _private_travel(view: ArticleView, c: Candidate, cands: list[Candidate]) -> bool:
    """A visit to a country by people who hold no office the article or the gazetteer knows, who
    meet no one else in the article, and whose sentence names no office holder they might act for
    ("the accused had visited Slovakia several times"): travel, not a visit of state."""
    if c.kind != "visit" or not all(r in ("visitor", "host") for _, r in c.participants):
        return False
    visitors = [a for a, r in c.participants if r == "visitor"]
    hosts = [a for a, r in c.participants if r == "host"]
    if not visitors or not hosts or not all(h in view.res.countries for h in hosts):
        return False
    if any(set(visitors) & d.actors and (d.kind != "visit" or d.actors - set(visitors) - set(view.res.countries))
           for d in cands if d is not c):
        return False  # "Specter met Saudi officials ... He had earlier visited Japan"
    if any(view.mentions[k].type == PERSON and view.mentions[k].actor not in visitors
           for e in c.evidence for k in view.by_sentence.get(e.sentence, ())):
        return False  # "arrived in Tripoli to represent President Ben Ali"
    return all(a not in view.res.people and _is_named_person(view, a) and not _titled(view, a) for a in visitors)


def _titled(view: ArticleView, actor: str) -> bool:
    """A title or an office goes with the person somewhere in the article ("FBI Director Louis Freeh")."""
    words = view.res.title_words | frozenset(view.res.naming.get("office_nouns", ()))
    return bool(_offices(view, actor)) or any(
        m.actor == actor and (m.title or m.role or any(t.lower in words for t in view.toks[max(0, m.start - 2):m.start]))
        for m in view.mentions)


def _is_named_person(view: ArticleView, actor: str) -> bool:
    return any(m.actor == actor and m.type == PERSON and m.form in ("name", "surname") for m in view.mentions)


def _drop_covered_visits(view: ArticleView, cands: list[Candidate]) -> tuple[list[Candidate], list[Suppressed]]:
    """A visit to a country whose named hosts the visitor met is recorded as those meetings."""
    out = list(cands)
    gone: set[int] = set()
    for i, c in enumerate(cands):
        hosts = [a for a, r in c.participants if r == "host" and a in view.res.countries]
        visitors = {a for a, r in c.participants if r == "visitor"}
        if c.kind != "visit" or not hosts or len(c.participants) != 2:
            continue
        sentences = {e.sentence for e in c.evidence}
        for k, other in enumerate(out):
            if k == i or k in gone:
                continue
            others = other.actors
            # the visitor met the country's people, or met others on the trip the same sentence
            # reports ("will travel to Canada for meetings with G7 foreign ministers")
            same_trip = bool(sentences & {e.sentence for e in other.evidence}) and other.kind != "visit" \
                and len(others - visitors) >= 1 and not hosts[0] in others \
                and c.trigger.start < other.trigger.start and other.sentence == c.sentence \
                and (other.place is None or other.place.key in (None, hosts[0])) \
                and any("link.travel-for" in r.rule.split() for r in other.reasons)
            if visitors & others and (same_trip or any(view.country_of(a) in hosts for a in others - visitors)):
                if other.place is None:
                    out[k] = replace(other, place=c.place)
                gone.add(i)
                break
    return ([c for k, c in enumerate(out) if k not in gone],
            [_suppressed(view, cands[k], COVERED_VISIT) for k in sorted(gone)])


def _places_of_visits(view: ArticleView, cands: list[Candidate]) -> list[Candidate]:
    """A meeting with no place of its own between a visitor and the people of the country visited
    took place on that visit ("Prodi will visit Turkey ... Prodi will also meet President Demirel")."""
    visits = [c for c in cands if c.kind == "visit" and c.place is not None]
    out = []
    for c in cands:
        if c.place is None:
            for v in visits:
                visitors = {a for a, r in v.participants if r == "visitor"}
                hosts = {a for a, r in v.participants if r == "host"}
                host_countries = {view.country_of(a) for a in hosts} - {None}
                others = c.actors - visitors
                if visitors & c.actors and others and all(view.country_of(a) in host_countries for a in others):
                    c = replace(c, place=v.place, reasons=(*c.reasons, Reason("place", v.place.label, VISIT_PLACE, c.sentence)))
                    break
        out.append(c)
    return out


def _dateline_places(view: ArticleView, cands: list[Candidate]) -> list[Candidate]:
    """A meeting the lead reports with no place of its own happened where the dateline says
    ("KHASAVYURT, Russia 1996-08-30 ... started a new round of talks in this settlement")."""
    place = dateline_place(view)
    if place is None:
        return cands
    here = place.key  # the country of the dateline's town, where known
    return [replace(c, place=place, reasons=(*c.reasons, Reason("place", place.label, "builtin.dateline-place", c.sentence)))
            if c.sentence <= LEAD_SENTENCES + 1 and c.place is None and c.status in (HELD, ONGOING) and c.kind != "call"
            and not any(r == "host" and a in view.res.countries and here and a != here for a, r in c.participants)
            else c for c in cands]


def _event(view: ArticleView, c: Candidate) -> Event:
    return Event(
        article=view.article.id, kind=c.kind, status=c.status,
        participants=tuple(Participant(a, r) for a, r in c.participants),
        issues=c.issues, place=c.place, date=c.date, date_precision=c.precision,
        confidence=c.confidence, evidence=tuple(dict.fromkeys(c.evidence)),
        reasons=tuple(dict.fromkeys(c.reasons)))
