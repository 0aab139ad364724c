"""Extraction behaviour on sentences written for these tests."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st


def _pairs(ex):
    return [sorted(p.actor for p in e.participants) for e in ex.events]


def test_extract_verbal_meeting_with_titles(extract_text):
    ex = extract_text("U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]
    ev = ex.events[0]
    assert ev.place.label == "Beijing" and ev.status == "held" and ev.date == "2023-06-19"


def test_extract_surname_and_title_coreference_make_one_event(extract_text):
    ex = extract_text("Antony Blinken held talks with Xi Jinping on Monday.\n\n"
                      "During the meeting, Blinken and President Xi discussed trade and human rights.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]
    cats = {i for i in ex.events[0].issues}
    assert "trade" in cats and "human-rights" in cats


def test_extract_negated_and_refused_meetings_are_not_events(extract_text):
    ex = extract_text("Antony Blinken will not meet Xi Jinping this week.")
    assert ex.events == ()
    assert ex.suppressed and ex.suppressed[0].reason.startswith("status.negated")
    ex = extract_text("Xi Jinping refused to meet Antony Blinken.")
    assert ex.events == ()


def test_extract_planned_meeting(extract_text):
    ex = extract_text("Antony Blinken is expected to meet Xi Jinping on Friday.", date="2023-06-19")
    assert ex.events[0].status == "planned"
    assert ex.events[0].date == "2023-06-23"


def test_extract_visit_to_country_has_host(extract_text):
    ex = extract_text("Antony Blinken's visit to China began on Sunday.")
    roles = {p.actor: p.role for p in ex.events[0].participants}
    assert roles == {"antony-blinken": "visitor", "CHN": "host"}


def test_extract_side_group_stands_for_country(extract_text):
    ex = extract_text("Antony Blinken held talks with Chinese officials in Beijing.")
    assert _pairs(ex) == [["CHN", "antony-blinken"]]


def test_extract_reporting_country_is_not_a_participant(extract_text):
    ex = extract_text("Antony Blinken met Xi Jinping for 35 minutes, China said.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]


def test_extract_no_meeting_no_event(extract_text):
    ex = extract_text("Antony Blinken gave a speech on trade at a university in Washington.")
    assert ex.events == ()


def test_extract_evidence_offsets_point_at_quote(extract_text):
    ex = extract_text("Intro line.\n\nAntony Blinken met Xi Jinping in Beijing.")
    for ev in ex.events:
        for e in ev.evidence:
            assert ex.article.text[e.start:e.end] == e.quote


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300))
def test_extract_never_crashes_and_offsets_hold(pipeline, text):
    from kg.extract import extract
    from kg.model import Article

    art = Article("x", "x.txt", "x", text, "2024-01-01", content=((0, len(text)),))
    ex = extract(art, pipeline)
    for ev in ex.events:
        for e in ev.evidence:
            assert text[e.start:e.end] == e.quote
