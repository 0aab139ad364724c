"""A meeting as one sentence reports it: the frame's parties as participants with their roles,
its status, place, date, issues and evidence, or the reason it is no meeting.

Each function takes the frozen :class:`~kg.extract.view.ArticleView` and returns new records."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import Place, Reason, Suppressed
from ..nlp import ParsedSentence
from . import surface
from .agenda import sentence_issues
from .candidates import Candidate, Parties, add_party
from .coref import NON_PARTY_ROLES
from .effects import COORDINATED, coordinated_groups, group_marks, mention_effects
from .frames import Frame, Party, expansions, read_frame
from .mentions import CAPITAL, COUNTERPART, COUNTRY, ORG, PERSON, PLURAL, PRONOUN
from .places import FREE_PLACE, MODIFIER_PLACE, free_place, modifier_place, place_of, sentence_place, visited_place
from .status import HELD, NOT_MEETINGS, PLANNED, meeting_status
from .timing import meeting_date
from .view import VERB_AS_NOUN, ArticleView, SentenceParts

#: offices that have one holder per country, so "his counterpart" can be told from the date
_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                      "finance_minister", "trade_minister", "interior_minister", "national_security_adviser"})
#: kinds an anaphor ("the summit") must share with the meeting it points back at
SPECIFIC_KINDS = frozenset({"summit", "conference", "call", "visit"})
KIND_PRIORITY = ("summit", "conference", "call", "visit", "negotiations", "talks", "meeting")
#: roles a mention keeps whatever a context rule says of it elsewhere in the sentence
_MARKED_ROLES = {"side": "participant", "host": "host"}

# ids of the built-in decisions (each has a record in ontology/rules/builtin.jsonl)
INSIDE_NAME = "builtin.inside-a-name"
HOST_AS_NOUN = "builtin.host-as-noun"
NO_GUEST = "builtin.no-guest"
HOSTED_MEETING = "builtin.hosted-meeting"
ATTRIBUTIVE = "builtin.attributive-visitor"
VENUE = "builtin.venue"
ANOTHER_MEETING = "builtin.another-meeting"
BETWEEN_SECOND = "surface.between-second"
NO_PLACE = "builtin.visit-needs-a-place"
NO_PARTICIPANTS = "builtin.no-participants"
QUOTED = "builtin.quoted"
ANAPHOR = "builtin.anaphor"
PLURAL_ANAPHOR = "builtin.plural-anaphor"
JUDGING_SPEAKER = "builtin.judging-speaker"
FRONTED_SPEAKER = "builtin.fronted-speaker"
COUNTERPART_RULE = "builtin.counterpart-office"
UNCONFIRMED = "builtin.trigger-unconfirmed"
NO_SUBJECT = "builtin.no-subject"
SENTENCE_DATE = "builtin.sentence-date"
HELD_RULE = "builtin.held"


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What the context rules and name lists make of a sentence's mentions."""

    effects: dict[int, str]
    effect_rules: dict[int, str]
    groups: list[list[int]]
    group_of: dict[int, list[int]]


def sentence_context(view: ArticleView, s: int) -> SentenceContext:
    effects, why = mention_effects(view, s)
    groups = coordinated_groups(view, s, effects)
    effects, why = group_marks(groups, effects, why)
    return SentenceContext(effects, why, groups, {k: g for g in groups for k in g})


def sentence_reports(view: ArticleView, s: int, parsed: ParsedSentence | None, earlier: list[Candidate],
                     sides: tuple[int, tuple[str, ...]] | None) -> tuple[list[Candidate], list[Suppressed]]:
    """The meetings one sentence reports (and the triggers that gave none, with why)."""
    parts = view.parts.get(s, SentenceParts())
    if not parts.triggers or parsed is None:
        return [], []
    ctx = sentence_context(view, s)
    widen = expansions(parsed)
    cands: list[Candidate] = []
    frames: list[Frame] = []
    suppressed: list[Suppressed] = []
    bare_kinds: list[str] = []
    for trig in parts.triggers:
        frame = read_frame(view, s, trig, parsed, widen)
        frame = replace(frame, parties=tuple(_with_surface(view, frame, ctx)))
        for frame, window in _sequels(view, frame, ctx):
            out = report(view, frame, ctx, earlier + cands, sides, window)
            if isinstance(out, Suppressed):
                suppressed.append(out)
                if out.reason == NO_PARTICIPANTS:
                    bare_kinds.append(frame.rule.spec["kind"])
            else:
                cands.append(out)
                frames.append(frame)
    cands, venues = _without_venues(view, cands, frames)
    suppressed += venues
    real = [c for c in cands if not c.anaphoric]
    fixed = []
    for c in cands:
        if not c.anaphoric:
            # "when the members gather for a summit": the gathering is the summit
            same = [d.kind for d in real if set(d.participants) == set(c.participants)]
            c = replace(c, kind=min(same, key=_priority))
        fixed.append(c)
    if real and bare_kinds:
        # "... held talks with Macron in Paris, the high point of a state visit": the sentence's
        # meeting is of the more specific kind its other trigger names
        first = fixed.index(next(c for c in fixed if not c.anaphoric))
        fixed[first] = replace(fixed[first], kind=min([fixed[first].kind, *bare_kinds], key=_priority))
    return fixed, suppressed


def _without_venues(view: ArticleView, cands: list[Candidate], frames: list[Frame]
                    ) -> tuple[list[Candidate], list[Suppressed]]:
    """ "will hold talks with Prescott at Labour's spring conference": a conference or summit
    named only as where another meeting of the sentence is held, whose parties are all that
    meeting's, is its venue, not a meeting of its own; its place is the meeting's."""
    tree = view.trees.get(frames[0].sentence) if frames else None
    if tree is None:
        return cands, []
    kept, venues = list(cands), []
    for c, f in zip(cands, frames):
        if c.kind not in ("summit", "conference") or f.pos != "noun" or c.anaphoric \
                or not all(p.level for p in f.parties) \
                or not any(tree.dep(k) == "case" and view.toks[k].lower == "at" for k in tree.children(f.head)):
            continue
        for i, (d, g) in enumerate(zip(cands, frames)):
            if d is not c and tree.head(f.head) in {p for p, _, _ in g.predicates} and c.actors <= d.actors:
                # "the Authority would meet at a London conference": one party's meeting there is the conference
                one = kept[i].kind == "meeting" and len(kept[i].participants) == 1
                kept[i] = replace(kept[i], place=c.place or kept[i].place, kind=c.kind if one else kept[i].kind)
                kept[kept.index(c)] = None
                venues.append(Suppressed(view.article.id, c.rule.id, VENUE, c.sentence, c.evidence[0].quote,
                                         tuple(c.actors)))
                break
    return [c for c in kept if c is not None], venues


def _sequels(view: ArticleView, frame: Frame, ctx: SentenceContext) -> list[tuple[Frame, tuple[int, int] | None]]:
    """ "met with the IMF, then with President Trump, where he denounced ...": the frame of the
    first meeting and that of the second (the subject with the party met in turn), each with
    the words whose issues are its own."""
    later = {p.mention for p in frame.parties if p.role == "sequel"}
    if not later:
        return [(frame, None)]
    later |= {k for p in frame.parties if p.mention in later for k in ctx.group_of.get(p.mention, ())}
    at = min(view.mentions[k].start for k in later)
    a, b = view.sentences[frame.sentence]
    first = replace(frame, parties=tuple(p for p in frame.parties if p.mention not in later and p.role != "sequel"))
    second = replace(frame, parties=tuple(p for p in frame.parties if p.role == "subject") + tuple(
        replace(p, role="party") for p in frame.parties if p.role == "sequel"))
    return [(first, (a, at)), (second, (at, b))]


def _priority(kind: str) -> int:
    return KIND_PRIORITY.index(kind) if kind in KIND_PRIORITY else len(KIND_PRIORITY)


def report(view: ArticleView, frame: Frame, ctx: SentenceContext, earlier: list[Candidate],
           sides: tuple[int, tuple[str, ...]] | None, window: tuple[int, int] | None = None) -> Candidate | Suppressed:
    """The meeting a frame reports, or why it reports none."""
    s, trig, rule, pos = frame.sentence, frame.trigger, frame.rule, frame.pos
    kind, kind_frame = rule.spec["kind"], frame.frame
    evidence = view.sentence_evidence(s, rule.id)

    def suppress(reason: str, parties: Parties = ()) -> Suppressed:
        return Suppressed(view.article.id, rule.id, reason, s, evidence.quote, tuple(a for a, _ in parties))

    if kind_frame == "host" and pos == "noun":
        return suppress(HOST_AS_NOUN)
    if pos == "noun" and rule.spec.get("pos") == "verb" and _noun_phrase(view, frame):
        return suppress(VERB_AS_NOUN)  # "agreed to stay in close contact": the word names no meeting
    if "dependency" in rule.spec and not frame.confirmed:
        return suppress(UNCONFIRMED)  # "spoke" with no with-phrase in the tree: no meeting word here
    if pos == "noun" and _inside_name(view, frame):
        return suppress(INSIDE_NAME)
    parties = _with_groups(ctx, list(frame.parties))
    if kind_frame == "visit" and _attributive(view, frame):
        parties = [replace(p, role={"subject": "object", "object": "subject"}.get(p.role, p.role),
                           rules=(ATTRIBUTIVE, *p.rules)) for p in parties]
    participants, where, plural, reasons, used = _participants(view, frame, parties, ctx)
    place = where[0] if where else None
    if pos == "verb" and kind_frame in ("meet", "visit") and not any(
            p.role == "subject" and (view.mentions[p.mention].actor or view.mentions[p.mention].form == PLURAL)
            for p in parties) \
            and any(p.role == "object" for p in parties) and not plural:
        # "The monarch was scheduled to meet Jiang Zemin and Li Peng" with the monarch unknown: who
        # was met is known, who met them is not; the two met are no meeting of their own
        return suppress(NO_SUBJECT, participants)
    hosts_named = [a for a, r in participants if r == "host"]
    if kind_frame == "visit" and pos == "verb" and trig.end - trig.start > 1 and hosts_named and not place \
            and all(_is_person(view, a) for a in hosts_named):
        return suppress(NO_PLACE, participants)  # "the award went to Argentine Chango Spasiuk"
    if kind_frame == "host" and _hosts_a_meeting(view, frame):
        return suppress(HOSTED_MEETING, participants)  # "hosted the summit": the summit is the meeting
    if kind_frame == "host" and not any(r == "visitor" for _, r in participants):
        return suppress(NO_GUEST, participants)  # "hosted", "received" with nobody received
    status, status_rule = meeting_status(view, frame)
    b = view.sentences[s][1]
    place_rule = where[1] if where else ""
    if place is None:
        place, place_rule = modifier_place(view, trig), MODIFIER_PLACE
    if place is None and kind_frame == "visit" and pos == "verb":
        place, place_rule = visited_place(view, trig, b), FREE_PLACE
    if place is None:
        place, place_rule = free_place(view, trig, b), FREE_PLACE
    if place is None:
        place, place_rule = sentence_place(view, s, ctx.effects, trig, kind_frame == "visit"), "context.place.preposition"
    date, precision = meeting_date(view, s, trig, status)
    if status == HELD and date and view.date and date > view.date[: len(date)]:
        status = PLANNED
    spans = [(view.mentions[k].start, view.mentions[k].end) for k in used]
    issues = sentence_issues(view, s, spans, window)
    parts = view.parts.get(s, SentenceParts())
    anaphor_cue = _cue_before(view, frame, parts, "anaphor")
    joined = False
    joins_cue = _cue_before(view, frame, parts, "joins")
    if pos == "noun" and earlier and len(participants) == 1 and anaphor_cue and (
            joins_cue or participants[0][1] == "host"):
        # "The Italian foreign minister joined the talks", "Kishida, who hosted the gathering": one
        # more party to the talks before
        same = antecedents(earlier, kind, date)
        if same:
            participants = same[-1].participants + tuple(p for p in participants
                                                         if all(p[0] != q for q, _ in same[-1].participants))
            reasons += tuple(Reason("participant", a, f"{anaphor_cue} {joins_cue or ''} {ANAPHOR}".replace("  ", " "), s)
                             for a, _ in same[-1].participants)
            joined = True
            date = precision = None
    if plural and not earlier and not participants:
        participants = _sides_before(view, frame, sides)  # "Ministers of the G7 ... at their talks"
        named = _people_of(view, s - 1) if not participants else []
        if len(named) >= 2:
            # "Scholz and Macron were both in Rome. They met on Monday.": the people named just before
            participants = tuple((a, "participant") for a in named)
        reasons += tuple(Reason("participant", a, f"{PLURAL_ANAPHOR} coref.plural", s) for a, _ in participants)
    if plural and earlier:
        # "During Rosati's trip the two countries will sign ...": the visit reported before
        last = next((e for e in reversed(earlier) if not e.anaphoric), earlier[-1])
        before = last.participants
        named = _people_of(view, s - 1) if s - 1 > last.sentence else []
        if len(named) >= 2:
            # "Both Arafat and Netanyahu have expressed willingness to meet. They last met in
            # Washington": the people the sentence before named, not the meeting before it
            before = tuple((a, "participant") for a in named)
        participants = before + tuple(p for p in participants if all(p[0] != q for q, _ in before))
        reasons += tuple(Reason("participant", a, f"{PLURAL_ANAPHOR} coref.plural", s) for a, _ in before)
    anaphoric = joined or (not participants and pos == "noun" and anaphor_cue is not None)
    if anaphoric and not joined:
        # "the summit" points back at a summit; "the meeting" or "the talks" at the last encounter;
        # a date beside it ("the summit ends on Sunday") is seldom the day it was held
        same = antecedents(earlier, kind, date, held=status == HELD) if earlier else []
        participants = same[-1].participants if same else _sides_before(view, frame, sides)
        reasons += tuple(Reason("participant", a, f"{anaphor_cue} {ANAPHOR}", s) for a, _ in participants)
        date = precision = None
        if participants and status == HELD and same and same[-1].status != PLANNED:
            speaker = _judging_speaker(view, frame, ctx)
            if speaker and speaker not in {a for a, _ in participants}:
                participants = add_party(participants, speaker)
                reasons += (Reason("participant", speaker, JUDGING_SPEAKER, s),)
    a = view.sentences[s][0]
    if view.toks[a].lower in view.res.words(FRONTED_SPEAKER, "openers") and trig.start - a <= 12 or (
            view.toks[a].lower == "at" and pos == "noun" and trig.start - a <= 3):
        # "Speaking to NATO brass gathered in Paris, Dutch Defence Minister Brekelmans stressed ...",
        # "At a conference hosted by Gordon Brown, he said ...": who spoke at the gathering was at it,
        # whatever the parser made of the opening phrase
        for k in _fronted_speaker(view, frame, ctx):
            actor = view.mentions[k].actor
            if actor and actor not in {x for x, _ in participants}:
                participants = add_party(participants, actor)
                reasons += (Reason("participant", actor, f"{FRONTED_SPEAKER} {view.mentions[k].rule}", s),)
    # marked anywhere in the sentence: "The G7 talks ... brought together ministers from Britain,
    # Canada and France" (sides); "at the invitation of Prime Minister Kabariti" (the host)
    for k in view.by_sentence.get(s, ()):
        actor, role = view.mentions[k].actor, _MARKED_ROLES.get(ctx.effects.get(k, ""))
        if role and actor and all(actor != x for x, _ in participants):
            participants = add_party(participants, actor, role)
            reasons += (Reason("participant", actor, ctx.effect_rules.get(k, "context"), s),)
            used.add(k)
    confidence = float(rule.spec.get("confidence", 0.7)) - (0.1 if anaphoric or any(
        p.level for p in frame.parties) else 0.0)
    subject = tuple(dict.fromkeys(a for a, r in _roles_of(view, frame, parties, "subject") if a))
    hosts = _hosts(view, frame, parties, subject, kind)
    if status in NOT_MEETINGS:
        return suppress(status_rule or status, participants)
    # "... holding an in-person Quad Summit would not be provocative," he said: a speaker's words
    # about a meeting add to one reported elsewhere but are no report of one
    quoted = rule.spec.get("pos") == "noun" and trig.start in view.quoted
    if not participants:
        return suppress(NO_PARTICIPANTS)
    reasons += (Reason("event", kind, rule.id, s), Reason("status", status, status_rule or HELD_RULE, s))
    if place:
        reasons += (Reason("place", place.label, place_rule, s),)
    if date:
        reasons += (Reason("date", date, SENTENCE_DATE, s),)
    reasons += tuple(Reason("issue", i, view.issue_rule(s, i, rule.id), s) for i in issues)
    distinct = _ordinal(view, frame)
    if distinct:
        reasons += (Reason("event", kind, ANOTHER_MEETING, s),)
    return Candidate(s, trig, rule, kind, status, status_rule, participants, anaphoric, place, date, precision,
                     tuple(issues), (evidence,), round(max(confidence, 0.1), 2), quoted=quoted,
                     subject=subject, hosts=hosts, fronted=_fronted(view, frame), background=_background(view, frame),
                     distinct=distinct, reasons=reasons)


def _with_surface(view: ArticleView, frame: Frame, ctx: SentenceContext) -> list[Party]:
    """The frame's parties, and where the tree gives a meeting verb no subject or no object (or
    a meeting noun no party at all), those the order of the words gives."""
    parties = list(frame.parties)
    roles = {p.role for p in parties if ctx.effects.get(p.mention) not in _SKIP.get(p.role, ())
             and view.mentions[p.mention].actor} | set(frame.unnamed)
    noun = frame.pos == "noun"
    parties += _between_second(view, frame, parties)
    if noun and roles - {"place"}:
        return parties
    rule = frame.rule.id
    if "subject" in frame.unnamed and not noun and not any(p.role == "subject" for p in parties):
        parties += [Party(k, "subject", (rule, surface.SUBJECT_RULE)) for k in
                    surface.appositive_subject(view, frame.trigger, ctx.groups, ctx.effects)]
    if "subject" not in roles:
        parties += [Party(k, "subject", (rule, surface.SUBJECT_RULE)) for k in
                    surface.subject(view, frame.trigger, noun, ctx.groups, ctx.effects)]
    if not roles & {"object", "party"}:
        taken = {p.mention for p in parties}
        parties += [Party(k, "party" if noun else "object", (rule, surface.OBJECT_RULE)) for k in
                    surface.object_(view, frame.trigger, ctx.groups, ctx.effects) if k not in taken]
    return parties


def _between_second(view: ArticleView, frame: Frame, parties: list[Party]) -> list[Party]:
    """ "a meeting between Giuliani, claiming to represent the State Department, and Andriy
    Yermak": where the tree gives "between" one party, the name after the next "and" of the
    sentence is the other (an aside between the two is where a parser loses the second)."""
    between = [p for p in parties if "frame.between" in p.rules]
    if len(between) != 1 or between[0].rules[-1] != "frame.between":
        return []
    first = view.mentions[between[0].mention]
    b = view.sentences[frame.sentence][1]
    toks = view.toks
    for i in range(first.end, min(b, first.end + 16)):
        if toks[i].lower in (";", "said", "says") or (toks[i].text == "." and i + 1 == b):
            return []
        if toks[i].lower == "and" and i + 1 < b and toks[i - 1].text == ",":
            k = view.mention_at.get(i + 1)
            if k is not None and view.mentions[k].actor and all(k != p.mention for p in parties):
                return [Party(k, "party", (*between[0].rules[:-1], "frame.between", BETWEEN_SECOND), between[0].level)]
            return []
    return []


def _with_groups(ctx: SentenceContext, parties: list[Party]) -> list[Party]:
    """The parties and the names listed with each ("Britain, Canada and Japan")."""
    out = list(parties)
    have = {(p.mention, p.role) for p in out}
    for p in parties:
        if p.role in ("sequel", "place") or BETWEEN_SECOND in p.rules:
            continue  # (the name after "and" ends the list the aside before it belongs to)
        for k in ctx.group_of.get(p.mention, ()):
            if (k, p.role) not in have and all(k != q.mention for q in out):
                have.add((k, p.role))
                out.append(Party(k, p.role, (*p.rules, COORDINATED), p.level))
    return out


def _noun_phrase(view: ArticleView, frame: Frame) -> bool:
    """The tree makes the trigger the head of a noun phrase, with an article, an adjective or a
    preposition of its own ("in close contact")."""
    tree = view.trees.get(frame.sentence)
    return tree is not None and any(tree.dep(c) in ("det", "amod", "case", "nmod:poss") for c in tree.children(frame.head))


def _attributive(view: ArticleView, frame: Frame) -> bool:
    """ "assured visiting Foreign Minister Payne" read by the parser as a clause ("visiting
    Payne"): the one after the word is the visitor, the subject the host. The trigger rule's
    ``attributive`` lists the words and the words they follow in that use."""
    spec = frame.rule.spec.get("attributive")
    trig, tree = frame.trigger, view.trees.get(frame.sentence)
    if not spec or tree is None or tree.dep(frame.head) == "amod" or trig.end - trig.start != 1 \
            or view.toks[trig.start].lower not in spec["words"] or trig.start == view.sentences[frame.sentence][0]:
        return False
    nxt = view.toks[trig.end] if trig.end < view.sentences[frame.sentence][1] else None
    return view.toks[trig.start - 1].lower in spec["after"] and nxt is not None and nxt.is_title


def _hosts_a_meeting(view: ArticleView, frame: Frame) -> bool:
    """The object of "hosted" is a meeting word of its own ("Japan hosted the G7 summit")."""
    tree = view.trees.get(frame.sentence)
    if tree is None:
        return False
    others = [t for t in view.parts[frame.sentence].triggers if t != frame.trigger]
    return any(tree.dep(c) == "obj" and tree.tag(c).startswith("NN") and any(t.start <= c < t.end for t in others)
               for c in tree.children(frame.head))


def _is_person(view: ArticleView, actor: str) -> bool:
    return actor in view.res.people or any(m.actor == actor and m.type == PERSON for m in view.mentions)


_SKIP = {"subject": ("place", "topic", "reporter", "not-participant", "dateline"),
         "object": ("topic", "reporter", "not-participant", "dateline"),
         "party": ("topic", "reporter", "not-participant", "dateline"),
         "place": ("dateline",)}


def _participants(view: ArticleView, frame: Frame, parties: list[Party], ctx: SentenceContext
                  ) -> tuple[Parties, tuple[Place, str] | None, bool, tuple[Reason, ...], set[int]]:
    """(actor, role) pairs of the frame's parties, the place a visited country or a capital
    gives, whether "the two leaders" stood there, why each is there, and the mentions used."""
    participants: Parties = ()
    where: list[tuple[Place, str]] = []  # places the parties give, and the rule of each
    first_at: dict[str, int] = {}
    plural = False
    reasons: list[Reason] = []
    used: set[int] = set()
    kind_frame = frame.frame
    order = {"subject": 0, "object": 1, "party": 2, "place": 3, "sequel": 4}
    for p in sorted(parties, key=lambda p: order[p.role]):  # the subject first: "his counterpart" is its
        m = view.mentions[p.mention]
        effect = ctx.effects.get(p.mention)
        if p.role == "sequel":
            continue
        if p.role == "place":
            if effect == "dateline":
                continue
            if m.type == COUNTRY and m.form in ("name", CAPITAL, "seat"):
                if kind_frame == "visit" and not any(r == "host" for _, r in participants):
                    participants = add_party(participants, m.actor, "host")
                    reasons.append(Reason("participant", m.actor or "", p.rules[-1], frame.sentence))
                where.append((place_of(view, m), p.rules[-1]))
            continue
        if effect in _SKIP.get(p.role, ()) and not (effect == "topic" and "expand.including" in p.rules) \
                and not (effect == "reporter" and p.level):
            # ("visited several states, including Qatar": the list names the hosts; "After talks with
            # Macron, Modi said": who speaks is the linked predicate's subject)
            continue
        if m.form == PLURAL:
            plural = True
            continue
        if m.role in NON_PARTY_ROLES:
            continue  # "a U.S. embassy spokesman said ...": reports, does not take part
        role = _role(view, kind_frame, p.role, m)
        if p.role == "subject":
            # "Kishida hosted the summit": the subject a linking verb gives plays the part it says
            role = next((view.rules[r].spec["subject_role"] for r in p.rules
                         if r in view.rules and "subject_role" in view.rules[r].spec), role)
        if role is None:
            continue
        modifier = p.rules[-1] == "frame.modifier"
        if m.form in (CAPITAL, "seat") or (role == "host" and m.type == COUNTRY):
            if role == "host":
                where.append((place_of(view, m), p.rules[-1]))
            elif modifier or effect == "place":
                # "a Beijing summit", "talks in Beijing"
                where.append((place_of(view, m), p.rules[-1] if modifier else ctx.effect_rules.get(p.mention, "")))
                continue
        elif effect == "place" and m.type == COUNTRY and kind_frame != "visit":
            where.append((place_of(view, m), ctx.effect_rules.get(p.mention, "")))
            continue
        actor = _counterpart(view, p.mention, participants) if m.form == COUNTERPART and not m.actor else m.actor
        if actor and all(actor != a for a, _ in participants):
            first_at[actor] = m.start
            participants = add_party(participants, actor, role)
            # the chain of rules that put the party here, then the rule that named it
            why = " ".join((*p.rules, COUNTERPART_RULE, m.rule) if m.form == COUNTERPART and not m.actor
                           else (*p.rules, m.rule))
            reasons.append(Reason("participant", actor, why, frame.sentence))
            used.add(p.mention)
    participants = tuple(sorted(participants, key=lambda p: first_at.get(p[0], 0)))  # in the order the text names them
    return drop_redundant_countries(view, participants), (where[0] if where else None), plural, tuple(reasons), used


def _role(view: ArticleView, kind_frame: str, role: str, m) -> str | None:
    """The part a party plays: participant, host or visitor (None: not a party, e.g. a topic)."""
    if kind_frame == "visit":
        if role == "subject":
            return "visitor"
        if role == "object":
            return "host"
        if role == "party" and m.type == PERSON and m.form != PRONOUN:
            return "participant"
        return "host" if m.type in (COUNTRY, ORG) else "participant"
    if kind_frame == "host":
        return {"subject": "host", "object": "visitor"}.get(role, "participant")
    if kind_frame == "discuss" and role == "object":
        return None  # "to discuss North Korea's nuclear programme": a topic
    return "participant"


def _roles_of(view: ArticleView, frame: Frame, parties: list[Party], role: str) -> list[tuple[str | None, str]]:
    return [(view.mentions[p.mention].actor, p.role) for p in parties if p.role == role]


def _hosts(view: ArticleView, frame: Frame, parties: list[Party], subject: tuple[str, ...], kind: str
           ) -> tuple[tuple[str, ...], ...]:
    """ "Suga will meet Modi and Duterte": one meeting with each country's people; after a verb,
    two people of one country met are two meetings too ("will meet President Demirel and Foreign
    Minister Ciller"), where a longer list is one delegation ("will meet the president, the
    finance minister and the foreign minister")."""
    if len(subject) != 1 or frame.frame not in ("meet", "visit") or kind == "summit":
        return ()
    objs = [view.mentions[p.mention] for p in parties if p.role in ("object", "party") and "frame.between" not in p.rules]
    objs = [m for m in objs if m.actor and m.actor not in subject]
    if len(objs) < 2 or not all(m.type == PERSON and m.form != PRONOUN for m in objs):
        return ()
    people = tuple(dict.fromkeys((m.actor or "",) for m in objs))
    if frame.pos == "verb" and len(people) == 2:
        return people
    if not all(m.country for m in objs):
        return ()
    sides: dict[str, list[str]] = {}
    for m in objs:
        sides.setdefault(m.country or m.actor or "", []).append(m.actor or "")
    return tuple(tuple(dict.fromkeys(v)) for v in sides.values()) if len(sides) >= 2 else ()


def drop_redundant_countries(view: ArticleView, participants: Parties) -> Parties:
    """A country is a participant only when no person speaks for its side."""
    person_countries = set()
    for actor, _ in participants:
        person = view.res.people.get(actor)
        if person is not None and person.country:
            person_countries.add(person.country)
        for m in view.mentions:
            if m.actor == actor and m.type == PERSON and m.country:
                person_countries.add(m.country)
                break
    hosts = {a for a, r in participants if r == "host" and a in view.res.countries and a in person_countries}
    out: Parties = ()
    for a, r in participants:
        if a in view.res.countries and a in person_countries:
            continue
        if hosts and r != "visitor" and view.country_of(a) in hosts:
            r = "host"  # the visited country is spoken for by its named host
        out = (*out, (a, r))
    return out


def _counterpart(view: ArticleView, k: int, participants: Parties) -> str | None:
    """Who "his Ukrainian counterpart" is: the one holder of the same office in that country on
    the article's date, else the person of that country the article names nearest, else the country."""
    m = view.mentions[k]
    if m.country is None:
        return None
    for actor, _ in participants:
        person = view.res.people.get(actor)
        if person is None or not view.date:
            continue
        offices = {r.role for r in person.roles if r.covers(view.date)} & _OFFICES
        holders = view.res.holders(offices, m.country, view.date)
        if len(holders) == 1:
            return holders.pop()
    taken = {a for a, _ in participants}
    people = [x for x in view.mentions if x.type == PERSON and x.actor and x.form == "name"
              and x.country == m.country and x.actor not in taken]
    if people:
        return min(people, key=lambda x: abs(x.start - m.start)).actor
    return m.country


def _inside_name(view: ArticleView, frame: Frame) -> bool:
    """ "the Tour Championships", "the Summit Series": a capitalised visit word inside a name."""
    trig = frame.trigger
    a = view.sentences[frame.sentence][0]
    first = view.toks[trig.start]
    after = view.toks[trig.end] if trig.end < len(view.toks) else None
    return trig.start > a and first.is_title and after is not None and after.is_title \
        and frame.rule.spec["kind"] == "visit"


def _cue_before(view: ArticleView, frame: Frame, parts: SentenceParts, effect: str) -> str | None:
    """The id of a context rule of ``effect`` whose phrase stands within its window of the
    trigger: before it ("the talks", "joined the talks"), or after it for rules of scope
    "after" ("Discussions will resume")."""
    trig = frame.trigger
    for c in parts.contexts:
        rule = view.rules[c.value]
        if rule.spec.get("effect") != effect:
            continue
        window = int(rule.spec.get("window", 3))
        if rule.spec.get("scope") == "after":
            if c.start >= trig.end and c.start - trig.end <= window:
                return rule.id
        elif c.end <= trig.start and trig.start - c.end <= window:
            return rule.id
    return None


def antecedents(earlier: list[Candidate], kind: str, date: str | None, held: bool = False) -> list[Candidate]:
    """The earlier meetings a "the talks" or "joined the talks" may point back at, the last one
    last: of the same kind for specific kinds, else of the same family; in a held context ("the
    meeting was efficient") one that took place; none when the sentence's own date falls in
    another year ("The committee's last tour was in September 1995")."""
    from .merging import same_family

    same = [e for e in earlier if (e.kind == kind if kind in SPECIFIC_KINDS else same_family(e.kind, kind)
                                   or kind == "meeting" and e.kind != "call")]  # "the gathering": any
    if held and any(e.status != PLANNED for e in same):
        same = [e for e in same if e.status != PLANNED]
    if same and date and same[-1].date and date[:4] != same[-1].date[:4]:
        return []
    return same


def _sides_before(view: ArticleView, frame: Frame, sides: tuple[int, tuple[str, ...]] | None) -> Parties:
    """The sides "their talks" belong to when no meeting came before: those the sentence or the
    one before named as sides ("Top diplomats from the Group of Seven urged ... the diplomats said
    from the site of their talks")."""
    trig = frame.trigger
    if sides is None or frame.sentence - sides[0] > 1 or view.toks[trig.start - 1].lower != "their":
        return ()
    return tuple((a, "participant") for a in sides[1])


def _people_of(view: ArticleView, s: int) -> list[str]:
    """The people a sentence names, in order (none when it names more than two)."""
    people = list(dict.fromkeys(view.mentions[k].actor for k in view.by_sentence.get(s, ())
                                if view.mentions[k].type == PERSON and view.mentions[k].actor))
    return [p for p in people if p] if len(people) <= 2 else []


def _judging_speaker(view: ArticleView, frame: Frame, ctx: SentenceContext) -> str | None:
    """ "Australia said it was one of the best meetings": who judges a meeting pointed back at
    from the inside sat in it."""
    toks = view.toks
    i = frame.trigger.start - 1
    while i >= 0 and toks[i].lower in ("the", "that", "this"):
        i -= 1
    if i < 1 or toks[i].lower != "said":
        return None
    for g in ctx.groups:
        last = view.mentions[g[-1]]
        if last.end == i and len(g) == 1 and last.actor and last.role not in NON_PARTY_ROLES:
            return last.actor
    return None


def _fronted_speaker(view: ArticleView, frame: Frame, ctx: SentenceContext) -> list[int]:
    """The person group right after the comma that closes a fronted "Speaking to ..." phrase."""
    toks = view.toks
    for g in ctx.groups:
        first = view.mentions[g[0]]
        if first.start <= frame.trigger.end:
            continue
        if toks[first.start - 1].text == "," and all(
                view.mentions[k].type == PERSON or (view.mentions[k].form == PRONOUN and view.mentions[k].actor)
                for k in g):
            return g
        if any(t.text == "," for t in toks[frame.trigger.end:first.start]):
            return []
    return []


def _fronted(view: ArticleView, frame: Frame) -> bool:
    """The trigger opens the sentence in an adverbial clause before its main clause ("Before
    visiting Israel, Mr Blair made a visit to Iraq")."""
    linked = [p for p, level, rule in frame.predicates if level == 1 and rule == "link.adverbial"]
    return bool(linked) and all(frame.trigger.start < p for p in linked)


def _ordinal(view: ArticleView, frame: Frame) -> bool:
    """ "Their second summit was in Hanoi": another meeting than the first one reported."""
    tree = view.trees.get(frame.sentence)
    if tree is None:
        return False
    ordinals = view.res.words(ANOTHER_MEETING, "ordinals")
    return any(view.toks[c].lower in ordinals for c in tree.children(frame.head) if tree.dep(c) in ("amod", "det"))


def _background(view: ArticleView, frame: Frame) -> bool:
    """A meeting told in the past perfect ("had earlier visited", "had met") is background."""
    toks = view.toks
    i = frame.trigger.start - 1
    while i >= 0 and toks[i].lower in ("earlier", "previously", "already", "also", "once", "twice"):
        i -= 1
    return i >= 0 and toks[i].lower == "had" and frame.pos == "verb"

