"""Article → mentions → statements: the extraction stage, one article at a time."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Article, Extraction, Mention, Sentence
from ..nlp import Pipeline, Token
from ..resources import Resources
from . import coref
from .meetings import build_events
from .mentions import PERSON, ActorMention, ArticleActors, find_actor_mentions, sentence_index
from .places import after_dateline
from .view import ArticleView, sentence_parts

__all__ = ["extract"]


def extract(article: Article, pipeline: Pipeline) -> Extraction:
    """Everything kg reads from one article: its sentences, actors, mentions and events."""
    res = pipeline.resources
    an = pipeline.analyse(article.text)
    sent_of = sentence_index(an.sentences)
    acts = coref.resolve(find_actor_mentions(an, article.text, res, sent_of, article.date), res, article.date,
                         an.tokens, an.sentences)
    parts = sentence_parts(an, res, sent_of)
    view = ArticleView(article, an, res, acts.mentions, acts.new_actors, tuple(sent_of), parts)
    # only sentences that can hold an event are parsed
    wanted = [s for s in sorted(parts) if parts[s].triggers and view.in_content(s)]
    spans = [(after_dateline(an.tokens, article.text, *an.sentences[s]), an.sentences[s][1]) for s in wanted]
    names = [(m.start, m.end) for m in acts.mentions if m.end - m.start > 1]
    parsed = dict(zip(wanted, pipeline.trees.parse(an.tokens, spans, names, common_names(an.tokens, acts.mentions, res))
                      )) if wanted else {}
    view = replace(view, trees={s: p.tree for s, p in parsed.items()})
    events, suppressed, hits = build_events(view, parsed)
    sentences = tuple(Sentence(k, an.tokens[a].idx, an.tokens[b - 1].end)
                      for k, (a, b) in enumerate(an.sentences))
    used = {p.actor for e in events for p in e.participants}
    written: dict[str, list[str]] = {}
    for m in acts.mentions:
        if m.actor in used and m.form in ("name", "surname"):
            form = article.text[an.tokens[m.start].idx:an.tokens[m.end - 1].end]
            written.setdefault(m.actor, []).append(form)
            if m.title and form.startswith(m.title) and form != m.title:
                # "Minister of Defence and Aviation Prince Sultan": the name after the title
                written[m.actor].append(form[len(m.title):].strip())
    actors = tuple(_with_article_name(_actor(a, res, acts), article.text, res, written.get(a, []))
                   for a in sorted(used))
    mentions = tuple(
        Mention("actor", an.tokens[m.start].idx, an.tokens[m.end - 1].end,
                article.text[an.tokens[m.start].idx:an.tokens[m.end - 1].end], m.sentence, m.actor,
                m.rule, m.title)
        for m in acts.mentions if m.actor in used)
    fired = hits | {ev.rule for e in events for ev in e.evidence} | {m.rule for m in mentions} \
        | {rule for e in events for r in e.reasons for rule in r.rule.split()} \
        | {x.reason for x in suppressed}
    return Extraction(article, sentences, actors, mentions, tuple(events), tuple(suppressed),
                      tuple(sorted(fired)))


def common_names(tokens: tuple[Token, ...], mentions: tuple[ActorMention, ...], res: Resources) -> dict[int, str]:
    """The words the parser reads for people's names: a common English name for the name after
    any title ("Japanese Prime Minister Fumio Kishida" is read as "Japanese Prime Minister John
    Smith"), a different one for each person. A rare or foreign name is where the parser errs
    most; a common one it knows, and the tree it gives stays the tokens' own."""
    titles = res.title_words
    particles = frozenset(res.naming.get("particles", ()))
    given, family = res.naming["parser_names"]["given"], res.naming["parser_names"]["family"]
    out: dict[int, str] = {}
    person: dict[str, int] = {}
    for m in mentions:
        if m.type != PERSON or m.form not in ("name", "surname"):
            continue
        n = person.setdefault(m.actor or f"?{m.start}", len(person))
        i = m.end - 1
        name: list[int] = []
        while i >= m.start and tokens[i].lower not in titles and (tokens[i].text[:1].isupper() or name and (
                tokens[i].text in ("-", "'") or tokens[i].lower in particles)):
            name.append(i)
            i -= 1
        for k, i in enumerate(sorted(name)):
            out[i] = family[n % len(family)] if k == len(name) - 1 else given[n % len(given)]
    return out


def _with_article_name(actor: Actor, text: str, res: Resources, mentions: list[str]) -> Actor:
    """The article's own spelling of a gazetteer person's name ("Tareq Aziz"), else the fullest
    form it refers to them by ("King Hassan" for Hassan II); for an organisation, the fullest
    name the article spells out ("International Monetary Fund" for IMF, "United Nations Security
    Council" for the UN Security Council)."""
    org = res.organisations.get(actor.id)
    if org is not None:
        written = [n for n in (org.name, *org.aliases) if len(n.split()) > 1 and re.search(
            r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)]
        best = max(written, key=lambda n: (len(n.split()), len(n)), default=None)
        return replace(actor, article_name=best) if best and best != actor.label else actor
    person = res.people.get(actor.id)
    if person is None:
        return actor
    lowered = text.lower()
    used = [n for n in (person.name, *person.aliases) if n and n.lower() in lowered]
    if not used:
        fuller = [n for n in mentions if 2 <= len(n.split()) <= 3]  # not a bare surname, not a long title
        best = max(fuller, key=lambda n: (len(n.split()), len(n)), default=None)
        return replace(actor, article_name=best) if best and best != actor.label else actor
    best = max(used, key=lambda n: (len(n.split()), len(n)))
    start = lowered.index(best.lower())
    written = text[start:start + len(best)]
    return actor if written == actor.label else replace(actor, article_name=written)


def _actor(actor_id: str, res: Resources, acts: ArticleActors) -> Actor:
    """The actor record for an id: from the gazetteer, or as the article introduced it."""
    if actor_id in res.people:
        p = res.people[actor_id]
        titles = [m.title for m in acts.mentions if m.actor == actor_id and m.title]
        return Actor(p.id, p.name, "Person", p.country, p.aliases, titles[0] if titles else None, p.qid)
    if actor_id in res.countries:
        c = res.countries[actor_id]
        return Actor(c.id, c.name, "Country", c.id, c.aliases, None, c.qid)
    if actor_id in res.organisations:
        o = res.organisations[actor_id]
        return Actor(o.id, o.name, "Organization", None, o.aliases, None, o.qid)
    new = acts.new_actors.get(actor_id)
    if new is not None:
        if new.country is None:
            # "his Spanish counterpart, Ana Vidal": a country learnt from the context, not the name
            country = next((m.country for m in acts.mentions if m.actor == actor_id and m.country), None)
            return replace(new, country=country) if country else new
        return new
    return Actor(actor_id, actor_id, "Person", in_gazetteer=False)
