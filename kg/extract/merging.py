"""One event per real meeting: mentions of the same meeting merged, sides reduced to the
people who speak for them, visits split per host, and records too thin to be meetings dropped."""
from __future__ import annotations


from ..model import Event, Participant, Place, Suppressed
from ..resources import GENERIC_ROLES
from .candidates import HELD, PLANNED, Candidate, absorb, copy_with
from .coref import mention_roles
from .mentions import PERSON


class EventMerging:
    """The merging part of :class:`~kg.extract.statements.EventBuilder`."""

    def _merge(self, cands: list[Candidate]) -> list[Event]:
        merged: list[Candidate] = []
        # "Blair has met Berlusconi and Schroeder ... The Downing Street talks covered ...": a later
        # report of the same three is of one joint meeting, not of one meeting with each
        joint = {frozenset(a for a, _ in c.participants) for c in cands if c.anaphoric}
        for c in cands:
            if c.hosts and frozenset(a for a, _ in c.participants) in joint:
                c.hosts = []
        for c in (part for c in cands for part in self._split_hosts(c)):
            target = self._merge_target(c, merged)
            if target is not None:
                if c.quoted:
                    # a speaker's words about the meeting ("holding a summit in June would not be
                    # provocative") add parties and issues, not its time, place or status
                    c.place, c.date, c.precision, c.status = None, None, None, target.status
                else:
                    self._finer_place(target, c)
                absorb(target, c)
            elif c.quoted:
                self.suppressed.append(Suppressed(self.article, c.rule.id, "quoted", c.sentence,
                                                  c.evidence[0].quote))
            else:
                merged.append(c)
        merged = self._merge_again(merged)
        for c in merged:
            c.participants = self._drop_redundant_countries(self._peers_for_countries(self._speakers_for_countries(c)))
            c.participants += self._leaders_at_summit(c)
        self._dateline_places(merged)
        merged = [c for c in merged if self._keep(c)]
        merged = self._drop_covered_visits(merged)
        merged = self._drop_headline_summaries(merged)
        return [self._event(c) for c in merged]

    def _drop_headline_summaries(self, cands: list[Candidate]) -> list[Candidate]:
        """A headline meeting that no report in the body matches only sums up the body's own
        ("Talbott to meet Russian, Canadian counterparts" above the two meetings)."""
        body = [c for c in cands if any(e.sentence > 0 and e.rule.startswith("trigger.") for e in c.evidence)]
        if not body or not self._headline_line():
            return cands
        kept = []
        for c in cands:
            if c not in body:
                self.suppressed.append(Suppressed(self.article, c.rule.id, "headline-summary", 0,
                                                  c.evidence[0].quote))
                continue
            kept.append(c)
        return kept

    def _merge_again(self, merged: list[Candidate]) -> list[Candidate]:
        """Merging grows events; merge the grown ones once more until nothing changes."""
        changed = True
        while changed:
            changed = False
            for j in range(1, len(merged)):
                target = self._merge_target(merged[j], merged[:j])
                if target is not None:
                    self._finer_place(target, merged[j])
                    absorb(target, merged.pop(j))
                    changed = True
                    break
        return merged

    def _merge_target(self, c: Candidate, merged: list[Candidate]) -> Candidate | None:
        ids = {a for a, _ in c.participants}
        hosts = {a for a, r in c.participants if r == "host"}
        if c.anaphoric and ids:
            # "the London conference" points back at the conference with those parties, before any other
            for prev in reversed(merged):
                if ids <= {a for a, _ in prev.participants} and same_family(c.kind, prev.kind):
                    return prev
        for prev in reversed(merged):
            pids = {a for a, _ in prev.participants}
            prev_hosts = {a for a, r in prev.participants if r == "host"}
            if hosts and prev_hosts and not hosts & prev_hosts:
                continue  # visits to different hosts are different visits
            same_sentence = c.sentence in {e.sentence for e in prev.evidence if e.rule.startswith("trigger.")}
            if ids == pids and same_sentence:
                return prev  # "would meet his counterpart, Gordon Smith, for talks": one meeting, one sentence
            if same_sentence and len(ids & pids) >= 2 and c.status == prev.status and c.date == prev.date:
                # "The United States, with Britain and France, called a meeting of the Security Council
                # to discuss ...": two words for one meeting, seen from two sides
                return prev
            if ids == pids and len(ids) == 1 and self._grouping(next(iter(ids))):
                return prev  # "G7 was scheduled to meet", "discussed at the G-7": the one summit of the article
            if c.date and prev.date and c.date != prev.date:
                continue
            if c.kind == prev.kind and any(self._grouping(a) for a in ids & pids):
                # "Chidambaram is attending the G7 meeting" and "India has been invited to it"; "the
                # meeting of the G7" says nothing of its time, "the next meeting of G7 countries" does
                for x, y in ((c, prev), (prev, c)):
                    if x.status == HELD and x.status_rule is None and x.rule.spec.get("pos") == "noun" \
                            and y.status == PLANNED:
                        x.status = PLANNED
                return prev
            if (c.status == PLANNED) != (prev.status == PLANNED) and not (c.date and c.date == prev.date
                                                                          and len(c.date) == 10):
                continue  # a planned and a held meeting are two, unless reported for the same day
            if (c.anaphoric and (ids <= pids or same_family(c.kind, prev.kind))) or (
                    ids == pids and ((len(ids) > 1 and not _call_and_visit(c.kind, prev.kind))
                                     or same_family(c.kind, prev.kind))):
                return prev
            if ((len(ids) == 1 and ids <= pids) or (len(pids) == 1 and pids <= ids)) and same_family(c.kind, prev.kind):
                return prev  # "Blinken's visit" after "Blinken met Xi"; not the WTO summit into talks with the WTO
            if len(ids) >= 2 and len(pids) >= 2 and (self._covers(ids, pids) or self._covers(pids, ids)):
                return prev
            if any(self._grouping(a) for a in ids & pids):
                return prev  # "the G7 talks", "G7 ministers discussed ...": one meeting of the group
            if (self._members_of_group(ids, pids) or self._members_of_group(pids, ids)) \
                    and (same_family(c.kind, prev.kind) or c.anaphoric or prev.anaphoric
                         or self._most_members(ids, pids) or self._most_members(pids, ids)):
                return prev  # the G7 summit and the seven leaders Kishida welcomed to it
        return None

    def _peers_for_countries(self, participants: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """At a meeting of office holders ("Rubio, Joly and ministers from Britain and Japan"), a
        country's side is the one person of that country the article names in the same office
        ("British foreign minister David Lammy")."""
        people = [a for a, _ in participants if a not in self.res.countries and a not in self.res.organisations]
        if len(participants) < 3 or len(people) < 2:
            return participants
        held: dict[str, int] = {}
        for a in people:
            for office in self._offices(a) - GENERIC_ROLES:
                held[office] = held.get(office, 0) + 1
        shared = {o for o, n in held.items() if n >= 2 and 2 * n >= len(people)}
        if not shared:
            return participants
        taken = {a for a, _ in participants}
        out = []
        for actor, role in participants:
            if actor in self.res.countries:
                peers = {m.actor for m in self.mentions if m.type == PERSON and m.actor and m.actor not in taken
                         and self._country_of(m.actor) == actor and self._offices(m.actor) & shared}
                if len(peers) == 1:
                    actor = peers.pop()
                    taken.add(actor)
            out.append((actor, role))
        return out

    def _leaders_at_summit(self, c: Candidate) -> list[tuple[str, str]]:
        """A summit of a grouping with no one named at it ("G7 was scheduled to meet this weekend")
        has the member countries' leaders the article names around it ("Macron called for G7 action",
        "seconded by Merkel and Johnson")."""
        ids = [a for a, _ in c.participants]
        if c.kind != "summit" or len(ids) != 1 or not self._grouping(ids[0]):
            return []
        members = set(self.res.organisations[ids[0]].members)
        near = {s for e in c.evidence for s in range(e.sentence - SUMMIT_REACH, e.sentence + SUMMIT_REACH + 1)}
        leaders = []
        for m in self.mentions:
            if m.sentence in near and m.type == PERSON and m.actor and m.form == "name" \
                    and self._country_of(m.actor) in members and self._offices(m.actor) & _LEADERS \
                    and all(m.actor != a for a, _ in leaders):
                leaders.append((m.actor, "participant"))
        return leaders

    def _offices(self, actor: str) -> set[str]:
        return {r for m in self.mentions if m.actor == actor for r in mention_roles(m, self.res, self.date)}

    def _speakers_for_countries(self, c: Candidate) -> list[tuple[str, str]]:
        """A country side is the one person of that country its own sentences name ("ministers
        from Canada and Japan ... Canadian Foreign Minister Melanie Joly said")."""
        sentences = {e.sentence for e in c.evidence}
        taken = {a for a, _ in c.participants}
        sides = {self._country_of(a) for a in taken if a not in self.res.countries}
        out = []
        for actor, role in c.participants:
            if actor in self.res.countries and actor not in sides:  # a side no named party speaks for yet
                named = {m.actor for s in sentences for m in (self.mentions[k] for k in self.by_sentence.get(s, ()))
                         if m.type == PERSON and m.actor and m.form in ("name", "surname")
                         and self._country_of(m.actor) == actor and m.actor not in taken}
                if len(named) == 1:
                    actor = named.pop()
                    taken.add(actor)
            out.append((actor, role))
        return out

    def _split_hosts(self, c: Candidate) -> list[Candidate]:
        """ "Suga will meet Modi and Duterte": one meeting with each country's side."""
        if len(c.hosts) < 2:
            return self._split_visit(c)
        met = {a for side in c.hosts for a in side}
        return [copy_with(c, [p for p in c.participants if p[0] not in met or p[0] in side]) for side in c.hosts]

    def _split_visit(self, c: Candidate) -> list[Candidate]:
        """ "He visited Japan, South Korea and China": one visit per host country."""
        hosts = [a for a, r in c.participants if r == "host" and a in self.res.countries]
        if c.kind != "visit" or len(hosts) < 2 or any(r == "participant" for _, r in c.participants):
            return [c]
        visitors = [(a, r) for a, r in c.participants if r != "host"]
        parts = []
        for h in hosts:
            part = copy_with(c, [*visitors, (h, "host")])
            part.place = Place(self.res.countries[h].name, h, h)
            parts.append(part)
        return parts

    def _finer_place(self, target: Candidate, c: Candidate) -> None:
        """A town the other report names beats the country one report gives ("host country
        Canada" and "gathered in Charlevoix, Quebec")."""
        if target.place is None or c.place is None or target.place.key not in self.res.countries:
            return
        country = self.res.countries[target.place.key]
        if target.place.label in (country.name, *country.aliases) and c.place.key in (None, target.place.key) \
                and c.place.label not in (country.name, *country.aliases):
            target.place = c.place

    def _grouping(self, actor: str) -> bool:
        org = self.res.organisations.get(actor)
        return org is not None and org.kind == "grouping"

    def _members_of_group(self, group: set[str], members: set[str]) -> bool:
        """``group`` is one grouping (G7, Quad) and ``members`` are at least two people of its
        member countries and nobody else."""
        if len(group) != 1 or len(members) < 2:
            return False
        org = self.res.organisations.get(next(iter(group)))
        if org is None or org.kind != "grouping" or not org.members:
            return False
        return all(a in self.res.people or self._country_of(a) for a in members) and \
            all(self._country_of(a) in org.members for a in members)

    def _most_members(self, group: set[str], members: set[str]) -> bool:
        """More than half of the group's member countries are there: the group's own meeting
        (Kishida welcoming the six other leaders), not two members' talks beside it."""
        if len(group) != 1:
            return False
        org = self.res.organisations.get(next(iter(group)))
        countries = {self._country_of(a) for a in members}
        return org is not None and 2 * len(countries & set(org.members)) > len(org.members)

    def _covers(self, small: set[str], big: set[str]) -> bool:
        """Every actor of ``small`` is in ``big``, or is a country that a person of ``big`` speaks for
        ("talks with Iraqi officials" and "talks with Iraqi Deputy Prime Minister Tareq Aziz")."""
        countries = {self._country_of(a) for a in big}
        people_countries = {self._country_of(a) for a in big if a not in self.res.countries}
        # a country in both that a person of ``big`` speaks for ("met Saudi officials" and "talks with
        # Saudi officials ... met Crown Prince Abdullah") is covered too
        spoken_for = [a for a in small if a in self.res.countries
                      and ((a not in big and a in countries) or (a in big and a in people_countries))]
        rest = [a for a in small if a not in big and a not in spoken_for]
        # a person whose country the article does not say may speak for one of the rest
        unplaced = [a for a in big if self._country_of(a) is None and a not in self.res.organisations]
        return bool(spoken_for) and all(a in self.res.countries for a in rest) and len(rest) <= len(unplaced)

    def _keep(self, c: Candidate) -> bool:
        ids = [a for a, _ in c.participants]
        if len(ids) >= 2 or (len(ids) == 1 and ids[0] in self.res.organisations
                             and c.kind in ("summit", "conference", "meeting")):
            return True
        self.suppressed.append(Suppressed(self.article, c.rule.id, "one-participant", c.sentence,
                                          c.evidence[0].quote))
        return False

    def _drop_covered_visits(self, cands: list[Candidate]) -> list[Candidate]:
        """A visit to a country whose named hosts the visitor met is recorded as those meetings."""
        out = []
        for c in cands:
            hosts = [a for a, r in c.participants if r == "host" and a in self.res.countries]
            visitors = [a for a, r in c.participants if r == "visitor"]
            covered = False
            if c.kind == "visit" and hosts and len(c.participants) == 2:
                for other in cands:
                    if other is c:
                        continue
                    others = {a for a, _ in other.participants}
                    if set(visitors) & others and any(self._country_of(a) in hosts for a in others - set(visitors)):
                        covered = True
                        if other.place is None:
                            other.place = c.place
                        break
            if not covered:
                out.append(c)
        return out

    def _drop_redundant_countries(self, participants: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """A country is a participant only when no person speaks for its side."""
        person_countries = set()
        for actor, _ in participants:
            person = self.res.people.get(actor)
            if person is not None and person.country:
                person_countries.add(person.country)
            for m in self.mentions:
                if m.actor == actor and m.type == PERSON and m.country:
                    person_countries.add(m.country)
                    break
        hosts = {a for a, r in participants if r == "host" and a in self.res.countries and a in person_countries}
        out = []
        for a, r in participants:
            if a in self.res.countries and a in person_countries:
                continue
            if hosts and r != "visitor" and self._country_of(a) in hosts:
                r = "host"  # the visited country is spoken for by its named host
            out.append((a, r))
        return out

    def _country_of(self, actor: str) -> str | None:
        person = self.res.people.get(actor)
        if person is not None:
            return person.country
        for m in self.mentions:
            if m.actor == actor and m.country:
                return m.country
        return None

    def _event(self, c: Candidate) -> Event:
        return Event(
            article=self.article, kind=c.kind, status=c.status,
            participants=tuple(Participant(a, r) for a, r in c.participants),
            issues=tuple(c.issues), place=c.place, date=c.date, date_precision=c.precision,
            confidence=c.confidence, evidence=tuple(dict.fromkeys(c.evidence)))


#: how many sentences around a group's summit its member leaders are looked for
SUMMIT_REACH = 2
_LEADERS = frozenset({"head_of_state", "head_of_government"})
_FAMILIES = ({"meeting", "talks", "negotiations", "visit"}, {"call", "talks", "negotiations"},
             {"summit", "conference", "visit"})


def same_family(a: str, b: str) -> bool:
    """Kinds one encounter may be reported as: a summit is not the talks held beside it, nor a
    phone call the visit the same two made."""
    return a == b or any(a in f and b in f for f in _FAMILIES)


def _call_and_visit(a: str, b: str) -> bool:
    """A phone call and a visit or meeting of the same two are two encounters."""
    return ("call" in (a, b)) and not same_family(a, b)
