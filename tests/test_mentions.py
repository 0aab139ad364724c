"""Actor mentions no lexicon knows, and references back to them, on sentences written for these tests."""
from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest


def _mentions(pipeline, text, date="2023-06-19"):
    from kg.extract import coref
    from kg.extract.mentions import find_actor_mentions, sentence_index

    an = pipeline.analyse(text)
    found = find_actor_mentions(an, text, pipeline.resources, sentence_index(an.sentences), date)
    acts = coref.resolve(found, pipeline.resources, date, an.tokens)
    return acts, [(text[an.tokens[m.start].idx:an.tokens[m.end - 1].end], m.actor, m.type, m.rule) for m in acts.mentions]


def test_mentions_organisation_names_by_their_last_word(pipeline):
    acts, ms = _mentions(pipeline, "The Northern Farmers Union and the Green Valley Mining Corp signed the deal.")
    orgs = {(t, a) for t, a, kind, rule in ms if rule == "name.organisation"}
    assert orgs == {("Northern Farmers Union", "northern-farmers-union"),
                    ("Green Valley Mining Corp", "green-valley-mining-corp")}
    assert acts.new_actors["northern-farmers-union"].type == "Organization"


def test_mentions_organisation_names_with_of_and_a_country_inside(pipeline):
    _, ms = _mentions(pipeline, "The Party of Rural Renewal met the Bank of Ruritania on Monday.")
    assert {t for t, _, _, rule in ms if rule == "name.organisation"} == {"Party of Rural Renewal", "Bank of Ruritania"}


def test_mentions_two_companies_joined_by_and_are_two(pipeline):
    _, ms = _mentions(pipeline, "Alpine Minerals Ltd and Coastal Gold Corp are to continue negotiations.")
    assert [t for t, _, _, rule in ms if rule == "name.organisation"] == ["Alpine Minerals Ltd", "Coastal Gold Corp"]


def test_mentions_a_body_of_a_state_stands_for_its_country(pipeline):
    _, ms = _mentions(pipeline, "The Israeli Foreign Ministry said talks would go on.")
    assert ("The Israeli Foreign Ministry", "ISR", "Country", "name.organisation") in ms or \
        any(a == "ISR" and rule == "name.organisation" for _, a, _, rule in ms)


def test_mentions_an_organisation_before_an_office_is_no_party(pipeline):
    _, ms = _mentions(pipeline, "Northern Farmers Union chairman Tomasz Wierzbicki met Olaf Scholz.")
    assert not any(rule == "name.organisation" for *_, rule in ms)
    assert any(a == "tomasz-wierzbicki" for _, a, _, _ in ms)


def test_mentions_bracketed_initials_and_the_definite_head_word_refer_back(pipeline):
    text = ("The Northern Farmers Union (NFU) called a strike. The NFU met Olaf Scholz on Monday. "
            "The union said talks would resume.")
    _, ms = _mentions(pipeline, text)
    refs = [(t, rule) for t, a, _, rule in ms if a == "northern-farmers-union"]
    assert ("NFU", "coref.short-form") in refs
    assert ("The union", "coref.definite-organisation") in refs


def test_mentions_collective_groups_take_their_describing_words(pipeline):
    _, ms = _mentions(pipeline, "Five public sector unions met Olaf Scholz, and striking farmers met Emmanuel Macron.")
    groups = {t for t, _, _, rule in ms if rule == "name.collective"}
    assert groups == {"public sector unions", "striking farmers"}
    _, ms = _mentions(pipeline, "Olaf Scholz met farmers from Poland and union leaders in Berlin.")
    assert not any(rule == "name.collective" for *_, rule in ms)


def test_mentions_a_long_title_gives_way_to_the_name_after_it(pipeline):
    _, ms = _mentions(pipeline, "Olaf Scholz met the Assistant Secretary for Near Eastern Affairs Robert Pelletreau.")
    assert any(t == "Robert Pelletreau" and a == "robert-pelletreau" for t, a, _, _ in ms)


def test_mentions_the_two_party_leaders_refer_back(pipeline):
    _, ms = _mentions(pipeline, "The two party leaders met again on Monday.")
    assert ("The two party leaders", None, None, "coref.plural") in ms


def test_mentions_demonym_and_describing_words_before_a_side_noun(pipeline):
    _, ms = _mentions(pipeline, "He met three Russian deputy foreign ministers in Moscow.")
    assert any(a == "RUS" and t.startswith("Russian") for t, a, _, _ in ms)


def test_mentions_a_shared_surname_goes_to_the_person_named_most(pipeline):
    text = ("Ahmed Rahimi won the prize. Ahmed Rahimi thanked his teachers. His father, Karim Rahimi, was proud. "
            "Rahimi met Olaf Scholz on Monday.")
    _, ms = _mentions(pipeline, text)
    assert [a for t, a, _, _ in ms if t == "Rahimi"] == ["ahmed-rahimi"]


def test_mentions_are_frozen_and_coreference_returns_new_records(pipeline):
    from kg.extract import coref
    from kg.extract.mentions import find_actor_mentions, sentence_index

    text = "Olaf Scholz arrived in Paris. He met Emmanuel Macron."
    an = pipeline.analyse(text)
    found = find_actor_mentions(an, text, pipeline.resources, sentence_index(an.sentences), "2023-06-19")
    before = found.mentions
    resolved = coref.resolve(found, pipeline.resources, "2023-06-19", an.tokens)
    assert found.mentions is before and any(m.form == "pronoun" and m.actor is None for m in before)
    assert any(m.form == "pronoun" and m.actor == "olaf-scholz" for m in resolved.mentions)
    with pytest.raises(FrozenInstanceError):
        before[0].actor = "x"  # type: ignore[misc]


def test_mentions_an_acronym_ends_a_personal_name(pipeline):
    _, ms = _mentions(pipeline, "A meeting of Suffolk Coastal UKIP members is due next week.")
    assert not [m for m in ms if m[2] == "Person"]
    _, ms = _mentions(pipeline, "Tomasz Wierzbicki met the board on Monday.")
    assert ("Tomasz Wierzbicki", "tomasz-wierzbicki", "Person", "pattern.capitalised-name") in ms


def test_mentions_a_chief_executive_is_an_office_not_a_body(pipeline):
    _, ms = _mentions(pipeline, "The Harbour Mining Corp (HMC) rejected the bid.\n\n"
                                "Tomasz Wierzbicki met HMC chief executive Ana Lindqvist on Monday.")
    assert not [m for m in ms if m[0].startswith("HMC chief")]
    assert [m[1:3] for m in ms if m[0].endswith("Ana Lindqvist")] == [("ana-lindqvist", "Person")]


def test_mentions_the_first_word_after_a_bullet_opens_the_sentence(pipeline):
    _, ms = _mentions(pipeline, "Daily digest\n\n- Seven ministers will visit Mexico in May.")
    assert not [m for m in ms if m[0].startswith("Seven")]
    _, ms = _mentions(pipeline, "Daily digest\n\n- Mexico said Halvard executives will visit Peru.")
    assert ("Halvard executives", "halvard", "Organization", "name.organisation") in ms


def test_mentions_a_title_after_a_name_and_a_comma_describes_that_person(pipeline):
    _, ms = _mentions(pipeline, "Ana Vidal, the Spanish foreign minister, arrived in Kabul.")
    assert [m[1] for m in ms if "foreign minister" in m[0]] == ["ana-vidal"]
