"""Extraction behaviour on sentences written for these tests."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st


def _pairs(ex):
    return [sorted(p.actor for p in e.participants) for e in ex.events]


def _roles(event):
    return {p.actor: p.role for p in event.participants}


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
    roles = _roles(ex.events[0])
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


def _labels(ex):
    names = {a.id: a.article_name or a.label for a in ex.actors}
    return [sorted(names[p.actor] for p in e.participants) for e in ex.events]


def test_extract_names_no_lexicon_knows(extract_text):
    ex = extract_text("Icelandic mediator Sigrun Halldorsdottir met Marwan Qasimi, the rebel negotiator, "
                      "in a village near the border.", date="1996-08-30")
    assert _labels(ex) == [["Marwan Qasimi", "Sigrun Halldorsdottir"]]
    ex = extract_text("Senior U.N. official Tomasz Wierzbicki held talks with Ghanaian envoy Kofi Asante-Mensah.")
    assert _labels(ex) == [["Kofi Asante-Mensah", "Tomasz Wierzbicki"]]


def test_extract_hyphenated_and_particle_names(extract_text):
    ex = extract_text("Jordanian Prime Minister Abdul-Karim al-Kabariti met South Korean President Moon Jae-in.",
                      date="1996-08-29")
    assert _labels(ex) == [["Abdul-Karim al-Kabariti", "Moon Jae-in"]]


def test_extract_place_words_and_titlecase_headlines_are_not_people(extract_text):
    ex = extract_text("Leaders Gather To Discuss Regional Security\n\n"
                      "Antony Blinken met Xi Jinping on the shore of Lake Geneva.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]


def test_extract_subject_past_places_visited(extract_text):
    ex = extract_text("Jordanian Prime Minister Abdul-Karim al-Kabariti left Amman on Thursday for the West Bank "
                      "town of Ramallah to hold talks with Palestinian President Yasser Arafat.", date="1996-08-29")
    assert _pairs(ex) == [["abdul-karim-al-kabariti", "yasser-arafat"]]
    assert ex.events[0].place.label == "Ramallah"


def test_extract_counterpart_in_apposition(extract_text):
    ex = extract_text("Olaf Scholz met his French counterpart, Emmanuel Macron, in Berlin.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]


def test_extract_counterpart_is_the_office_holder_on_the_date(extract_text):
    ex = extract_text("Antony Blinken flew to Kyiv to meet his Ukrainian counterpart.", date="2023-06-19")
    assert _pairs(ex) == [["antony-blinken", "dmytro-kuleba"]]


def test_extract_inviter_hosts_the_visit(extract_text):
    ex = extract_text("Narendra Modi will visit France next month at the invitation of Emmanuel Macron.")
    roles = _roles(ex.events[0])
    assert roles == {"narendra-modi": "visitor", "emmanuel-macron": "host"}


def test_extract_one_visit_per_host_country(extract_text):
    ex = extract_text("Antony Blinken held talks in Washington on Monday.\n\n"
                      "He had earlier visited Japan, South Korea and India.")
    hosts = sorted(p.actor for e in ex.events for p in e.participants if p.role == "host")
    assert hosts == ["IND", "JPN", "KOR"]
    assert all("antony-blinken" in e.actor_ids for e in ex.events)


def test_extract_compound_country_modifiers(extract_text):
    ex = extract_text("U.S.-China talks opened in Geneva on Monday.")
    assert _pairs(ex) == [["CHN", "USA"]]
    assert ex.events[0].status == "ongoing"


def test_extract_discussed_takes_parties_only_after_with(extract_text):
    ex = extract_text("Antony Blinken and Dmytro Kuleba will meet next week to discuss Russia's attacks.")
    assert _pairs(ex) == [["antony-blinken", "dmytro-kuleba"]]


def test_extract_main_clause_speaker_after_fronted_talks(extract_text):
    ex = extract_text("After talks with Emmanuel Macron, Narendra Modi said the two countries would build jets.")
    assert _pairs(ex) == [["emmanuel-macron", "narendra-modi"]]


def test_extract_quoted_summit_is_no_report(extract_text):
    ex = extract_text('"A summit between Joe Biden and Xi Jinping would be welcome," an analyst said.')
    assert ex.events == ()
    assert ex.suppressed[0].reason == "builtin.quoted"


def test_extract_issue_words_inside_names_are_not_issues(extract_text):
    ex = extract_text("Antony Blinken met the head of the UN Security Council in New York.")
    assert all(i not in ("security",) for e in ex.events for i in e.issues)


def test_extract_issues_from_the_following_sentence(extract_text):
    ex = extract_text("Emmanuel Macron met Narendra Modi in Paris on Friday.\n\n"
                      "Defence purchases and climate change dominated the day.")
    assert {"climate-change"} <= set(ex.events[0].issues)


def test_extract_article_spelling_of_a_gazetteer_name(extract_text, resources):
    person = next(p for p in resources.people.values() if p.id == "sergei-lavrov")
    assert "Sergey Lavrov" in person.aliases
    ex = extract_text("Sergey Lavrov met Antony Blinken in Geneva.")
    lavrov = next(a for a in ex.actors if a.id == "sergei-lavrov")
    assert lavrov.article_name == "Sergey Lavrov"


def test_extract_place_no_lexicon_knows(extract_text):
    ex = extract_text("Emmanuel Macron met Narendra Modi and Olaf Scholz on Thursday at the lakeside resort of "
                      "Bellavista, south of the capital.")
    assert ex.events[0].place.label == "Bellavista"


def test_extract_dateline_places_the_lead_meeting(extract_text):
    ex = extract_text("Leaders meet\n\nBELLAVISTA, Ruritania 2023-06-19\n\n"
                      "Emmanuel Macron and Narendra Modi held talks on Monday in this lakeside town.\n\n"
                      "Olaf Scholz will meet Antony Blinken in Berlin next month.")
    places = {tuple(e.actor_ids): e.place.label if e.place else None for e in ex.events}
    assert places[("emmanuel-macron", "narendra-modi")] == "Bellavista"
    assert places[("olaf-scholz", "antony-blinken")] == "Berlin"


def test_extract_ministers_from_a_list_of_countries(extract_text):
    ex = extract_text("The talks in Geneva brought together ministers from Britain, France, Japan and the "
                      "United States.")
    assert _pairs(ex) == [["FRA", "GBR", "JPN", "USA"]]


def test_extract_mentions_of_a_group_meeting_are_one_event(extract_text):
    ex = extract_text("G7 foreign ministers met in Charlevoix on Thursday.\n\n"
                      "Antony Blinken attended the G7 meeting on its second day.\n\n"
                      "G7 ministers also discussed climate change with Dmytro Kuleba.")
    assert len(ex.events) == 1
    assert {"g7", "antony-blinken", "dmytro-kuleba"} <= set(ex.events[0].actor_ids)


def test_extract_coordinated_demonyms_share_the_noun(extract_text):
    ex = extract_text("Japanese and South Korean officials held talks in Seoul.")
    assert _pairs(ex) == [["JPN", "KOR"]]


def test_extract_unnamed_office_holder_speaks_for_the_country(extract_text):
    ex = extract_text("Iraq's national security adviser met Antony Blinken on Monday.")
    assert _pairs(ex) == [["IRQ", "antony-blinken"]]


def test_extract_appositive_subject_before_the_verb(extract_text):
    ex = extract_text("The U.S. envoy to the region, Gordon Smithers, held talks with Xi Jinping in Beijing.")
    assert sorted(a.article_name or a.label for a in ex.actors) == ["Gordon Smithers", "Xi Jinping"]


def test_extract_visit_to_countries_listed_after_including(extract_text):
    ex = extract_text("Narendra Modi visited several Gulf states, including Qatar, during a week-long tour.")
    roles = _roles(ex.events[0])
    assert roles == {"narendra-modi": "visitor", "QAT": "host"}


def test_extract_demonym_and_modified_title(extract_text):
    ex = extract_text("An Australian cabinet minister will visit Taiwan next month.")
    assert _pairs(ex) == [["AUS", "TWN"]]


def test_extract_joint_news_conference_with_a_participle_clause(extract_text):
    ex = extract_text("Antony Blinken, speaking at a joint news conference with Dmytro Kuleba, urged patience.")
    assert _pairs(ex) == [["antony-blinken", "dmytro-kuleba"]]


def test_extract_named_person_speaks_for_a_country_side(extract_text):
    ex = extract_text("Ministers from France and Germany held talks in Brussels on Monday. "
                      "German Chancellor Olaf Scholz said the talks were useful.")
    assert _pairs(ex) == [["FRA", "olaf-scholz"]]


def test_extract_host_as_a_noun_or_without_a_guest_is_no_visit(extract_text):
    assert extract_text("Former chatshow host Robert Kilroy-Silk attacked the policy.").events == ()
    assert extract_text("Olaf Scholz received a letter from farmers on Monday.").events == ()
    ex = extract_text("Olaf Scholz will host Emmanuel Macron in Berlin.")
    roles = _roles(ex.events[0])
    assert roles == {"olaf-scholz": "host", "emmanuel-macron": "visitor"}


def test_extract_capitalised_tour_in_a_name_is_no_visit(extract_text):
    ex = extract_text("Amelie Mauresmo and Maria Sharapova won their matches at the Tour Championships.")
    assert ex.events == ()


def test_extract_headline_that_only_sums_up_the_body_is_dropped(extract_text):
    ex = extract_text("Blinken to meet Chinese, Ukrainian counterparts\n\n"
                      "Antony Blinken will meet Dmytro Kuleba in Kyiv on Monday.\n\n"
                      "He will also meet Wang Yi in Beijing on Friday.")
    assert all(any(e.sentence > 0 for e in ev.evidence) for ev in ex.events)
    assert any(s.reason == "builtin.headline-summary" for s in ex.suppressed)


def test_extract_parties_met_one_after_the_other_are_two_meetings(extract_text):
    ex = extract_text("Later on Tuesday Olaf Scholz met with the International Monetary Fund, then with "
                      "President Emmanuel Macron.")
    assert sorted(_pairs(ex)) == [["emmanuel-macron", "olaf-scholz"], ["imf", "olaf-scholz"]]


def test_extract_spokespeople_report_and_do_not_take_part(extract_text):
    ex = extract_text("A U.S. embassy spokesman said Antony Blinken held talks with Xi Jinping.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]


def test_extract_organisation_known_by_initials_takes_the_spelled_out_name(extract_text):
    ex = extract_text("Olaf Scholz met the International Monetary Fund in Washington.")
    imf = next(a for a in ex.actors if a.id == "imf")
    assert imf.article_name == "International Monetary Fund"


def test_extract_visit_after_to_is_the_verb(extract_text):
    ex = extract_text("The talks covered plans by an Australian cabinet minister to visit Taiwan.")
    assert _pairs(ex) == [["AUS", "TWN"]]


def test_extract_a_chain_of_pronouns_keeps_its_referent(extract_text):
    ex = extract_text("Antony Blinken spent the weekend in Kyiv.\n\n"
                      "Saying he needed more time, he flew back to Washington on Sunday.\n\n"
                      "He met Xi Jinping on Monday.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]


def test_extract_leaders_of_member_countries_join_their_groups_summit(extract_text):
    ex = extract_text("G7 leaders opened their summit in Hiroshima on Friday.\n\n"
                      "Fumio Kishida welcomed Joe Biden, Emmanuel Macron and Olaf Scholz to the gathering.",
                      date="2023-05-19")
    assert len(ex.events) == 1
    assert {"g7", "fumio-kishida", "joe-biden", "emmanuel-macron", "olaf-scholz"} == set(ex.events[0].actor_ids)


def test_extract_relative_clause_does_not_hide_the_subject(extract_text):
    ex = extract_text("Antony Blinken, who has questioned whether Olaf Scholz should resign, met Xi Jinping on Monday.")
    assert _pairs(ex) == [["antony-blinken", "xi-jinping"]]


def test_extract_two_triggers_for_the_same_pair_in_one_sentence_are_one_meeting(extract_text):
    ex = extract_text("Antony Blinken will also meet his Canadian counterpart, Melanie Joly, on Tuesday "
                      "for talks that took months to arrange.")
    assert len(ex.events) == 1


def test_extract_a_countrys_own_person_after_a_possessive(extract_text):
    ex = extract_text("Talks between Russia's Sergei Lavrov and Antony Blinken went well on Thursday.")
    assert _pairs(ex) == [["antony-blinken", "sergei-lavrov"]]


def test_extract_counterparts_listed_respectively_take_their_countries(extract_text):
    ex = extract_text("Egyptian Foreign Minister Sameh Shoukry and his Spanish, Dutch and Irish counterparts, "
                      "Ana Vidal, Pieter Smit and Aoife Byrne, respectively, gathered in Cairo on Monday.")
    assert len(ex.events) == 1
    people = {p.actor for p in ex.events[0].participants}
    assert people == {"sameh-shoukry", "ana-vidal", "pieter-smit", "aoife-byrne"}
    countries = {a.id: a.country for a in ex.actors}
    assert (countries["ana-vidal"], countries["pieter-smit"], countries["aoife-byrne"]) == ("ESP", "NLD", "IRL")


def test_extract_joining_the_talks_adds_a_party_to_them(extract_text):
    ex = extract_text("Emmanuel Macron met Narendra Modi in Paris on Monday.\n\n"
                      "The Indian finance minister, Ravi Menon, joined the talks later.")
    assert _pairs(ex) == [["emmanuel-macron", "narendra-modi", "ravi-menon"]]
    ex = extract_text("Emmanuel Macron met Narendra Modi in Paris on Monday.\n\n"
                      "Ravi Menon praised the talks later.")
    assert _pairs(ex) == [["emmanuel-macron", "narendra-modi"]]


def test_extract_a_title_of_an_organisation_names_the_person_after_it(extract_text):
    ex = extract_text("Opposition leader Ana Reyes met in Brussels the Secretary-General of NATO Luis Mora on Monday.")
    assert _pairs(ex) == [["ana-reyes", "luis-mora"]]


def test_extract_a_visit_by_someone_has_the_visitor_after_by(extract_text):
    ex = extract_text("The talks were overshadowed by a visit to Chile by Peru's vice president Luis Vargas.")
    roles = _roles(ex.events[0])
    assert roles == {"luis-vargas": "visitor", "CHL": "host"}


def test_extract_one_subject_meeting_people_of_two_countries_is_two_meetings(extract_text):
    ex = extract_text("Antony Blinken held talks with his Chinese counterpart, Wang Yi, and the Japanese "
                      "foreign minister, Yoshimasa Hayashi, on Monday.")
    assert sorted(_pairs(ex)) == [["antony-blinken", "wang-yi"], ["antony-blinken", "yoshimasa-hayashi"]]
    ex = extract_text("In Beijing, Antony Blinken will meet President Xi Jinping and Foreign Minister Wang Yi.")
    assert sorted(_pairs(ex)) == [["antony-blinken", "wang-yi"], ["antony-blinken", "xi-jinping"]]
    ex = extract_text("In Beijing, Antony Blinken will meet President Xi Jinping, Premier Li Qiang and Foreign "
                      "Minister Wang Yi.")  # a longer list is one delegation
    assert _pairs(ex) == [["antony-blinken", "li-qiang", "wang-yi", "xi-jinping"]]


def test_extract_a_country_side_is_its_minister_in_the_same_office(extract_text):
    ex = extract_text("Foreign ministers Antony Blinken and Melanie Joly met ministers from Italy and Spain "
                      "in Rome on Monday.\n\nItalian Foreign Minister Antonio Tajani told reporters it went well.\n\n"
                      "Italian Defence Minister Guido Crosetto was not there.")
    assert _pairs(ex) == [sorted(["antony-blinken", "melanie-joly", "antonio-tajani", "ESP"])]


def test_extract_royal_names_by_given_name_and_honorific_after_a_title(extract_text):
    ex = extract_text("Antony Blinken met Crown Prince Abdullah and Minister of Defence Prince Sultan in Jeddah.",
                      date="1996-08-26")
    assert sorted(_pairs(ex)) == [["abdullah-bin-abdulaziz", "antony-blinken"], ["antony-blinken", "sultan-bin-abdulaziz"]]


def test_extract_a_country_before_an_institution_gives_the_title_holder_its_country(extract_text):
    ex = extract_text("U.S. Senate Armed Services Committee chairman Tom Ridley met Saudi officials in Riyadh.")
    countries = {a.id: a.country for a in ex.actors}
    assert countries["tom-ridley"] == "USA"


def test_extract_a_groups_summit_has_the_member_leaders_named_around_it(extract_text):
    ex = extract_text("French President Emmanuel Macron called for G7 action on the fires.\n\n"
                      "The G7 summit opens in Biarritz on Saturday.\n\n"
                      "The call was backed by German Chancellor Olaf Scholz.\n\n"
                      "Brazilian President Lula da Silva objected.", date="2023-06-19")
    assert len(ex.events) == 1
    assert set(ex.events[0].actor_ids) == {"g7", "emmanuel-macron", "olaf-scholz"}


def test_extract_a_definite_meeting_in_the_past_points_at_one_that_took_place(extract_text):
    ex = extract_text("Antony Blinken held talks with Wang Yi in Beijing on Monday.\n\n"
                      "Olaf Scholz is due to meet Emmanuel Macron next week.\n\n"
                      "Officials said the meeting was productive and focused on trade.")
    by_pair = {tuple(sorted(p.actor for p in e.participants)): e for e in ex.events}
    assert "trade" in by_pair[("antony-blinken", "wang-yi")].issues
    assert "trade" not in by_pair[("emmanuel-macron", "olaf-scholz")].issues


def test_extract_a_gathering_for_a_summit_is_the_summit(extract_text):
    ex = extract_text("The leaders of the G7 gathered for a summit in Hiroshima on Friday.", date="2023-05-19")
    assert [e.kind for e in ex.events] == ["summit"]


def test_extract_a_visit_by_someone_to_a_place_and_a_country_shaken_during_one(extract_text):
    ex = extract_text("During a visit by Keir Starmer to the White House last month, Donald Trump praised the deal.",
                      date="2025-03-20")
    assert _pairs(ex) == [["donald-trump", "keir-starmer"]]
    ex = extract_text("A storm hit Costa Rica on Wednesday during a visit by Japanese Prime Minister "
                      "Ryutaro Hashimoto.", date="1996-08-28")
    roles = _roles(ex.events[0])
    assert roles == {"ryutaro-hashimoto": "visitor", "CRI": "host"}


def test_extract_a_later_report_of_all_three_keeps_one_joint_meeting(extract_text):
    ex = extract_text("Tony Blair has met Italian Prime Minister Silvio Berlusconi and German Chancellor "
                      "Gerhard Schroeder to talk about the budget.\n\n"
                      "The Downing Street talks covered a range of other topics.", date="2004-12-14")
    assert _pairs(ex) == [["gerhard-schroeder", "silvio-berlusconi", "tony-blair"]]


def test_extract_a_month_an_agreement_was_reached_is_not_the_meetings(extract_text):
    ex = extract_text("Rolf Ekeus would hold talks with Tariq Aziz as part of an agreement Iraq reached "
                      "with the United Nations in June.", date="1996-08-26")
    assert ex.events[0].status == "planned" and ex.events[0].date is None


def test_extract_the_two_countries_pointing_back_do_not_repeat_a_party(extract_text):
    ex = extract_text("Dariusz Rosati will visit Chile on September 3.\n\n"
                      "During Rosati's trip the two countries will sign an agreement.", date="1996-08-30")
    for e in ex.events:
        actors = [p.actor for p in e.participants]
        assert len(actors) == len(set(actors))


def test_extract_an_epithet_before_a_title_and_a_since_date(extract_text):
    ex = extract_text("Romano Prodi, in office since May 18, will be the first Western leader to meet "
                      "Islamist Prime Minister Necmettin Erbakan since he came to power on June 28.",
                      date="1996-08-28")
    assert _pairs(ex) == [["necmettin-erbakan", "romano-prodi"]]
    assert ex.events[0].date is None


def test_extract_the_speaker_of_a_fronted_speaking_phrase_was_at_the_meeting(extract_text):
    ex = extract_text("Speaking to NATO and European Union officials gathered in Paris on Tuesday, Dutch Defence "
                      "Minister Ruben Brekelmans urged more spending.", date="2025-03-11")
    assert set(ex.events[0].actor_ids) == {"nato", "european-union", "ruben-brekelmans"}
    ex = extract_text("NATO and European Union officials gathered in Paris on Tuesday, and Dutch Defence "
                      "Minister Ruben Brekelmans urged more spending.", date="2025-03-11")
    assert "ruben-brekelmans" not in ex.events[0].actor_ids


def test_extract_people_who_will_also_attend_join_the_last_meeting(extract_text):
    ex = extract_text("NATO's military committee will visit Spain and Portugal next month.\n\n"
                      "General Ana Ruiz, the alliance's top commander, and General Tom Hale will also attend.",
                      date="1996-08-28")
    assert {"ana-ruiz", "tom-hale"} <= set(ex.events[0].actor_ids)


def test_extract_a_tour_of_another_year_is_not_the_one_reported(extract_text):
    ex = extract_text("Antony Blinken will visit Spain next month.\n\n"
                      "His last visit was in September 2019 in Italy.", date="2023-06-19")
    assert len(ex.events) == 1 and ex.events[0].status == "planned"


def test_extract_sides_from_countries_are_the_subject_and_beyond_marks_a_topic(extract_text):
    ex = extract_text("Olaf Scholz said leaders from Brazil and China will meet next month.")
    assert _pairs(ex) == [["BRA", "CHN"]]
    ex = extract_text("Beyond Ukraine, G7 foreign ministers also discussed trade in Quebec.")
    assert "UKR" not in ex.events[0].actor_ids


def test_extract_invited_to_take_part_with_a_parenthetical_list(extract_text):
    ex = extract_text("India, along with China, Brazil and Russia, has been invited to take part in the G7 "
                      "meeting in London on Friday.", date="2005-02-01")
    assert ex.events[0].status == "planned"
    assert set(ex.events[0].actor_ids) == {"IND", "CHN", "BRA", "RUS", "g7"}
    ex = extract_text("Antony Blinken invited Wang Yi to visit Washington.")
    assert ex.events == ()


def test_extract_two_reports_of_a_groups_meeting_are_one(extract_text):
    ex = extract_text("Nirmala Sitharaman is attending the G7 meeting as a guest.\n\n"
                      "India, along with Brazil, has been invited to take part in the G7 meeting in London.",
                      date="2023-06-19")
    assert len(ex.events) == 1


def test_extract_who_said_the_meeting_was_good_sat_in_it(extract_text):
    ex = extract_text("Russia held talks with the World Trade Organization in Geneva on Monday.\n\n"
                      "Canada said the meeting was much more efficient than before.")
    assert set(ex.events[0].actor_ids) == {"RUS", "wto", "CAN"}
    ex = extract_text("Russia will hold talks with the World Trade Organization in Geneva next week.\n\n"
                      "Canada said the meeting would be hard.")
    assert "CAN" not in ex.events[0].actor_ids


def test_extract_going_to_a_person_is_no_visit_and_next_weeks_meeting_is_planned(extract_text):
    ex = extract_text("The newcomer award went to Argentine singer Ana Lopez.")
    assert ex.events == ()
    ex = extract_text("Ali Alatas spoke about next week's ministerial meeting of the Organisation of "
                      "Islamic Cooperation in Jakarta.", date="1996-12-06")
    assert [e.status for e in ex.events] == ["planned"]


def test_extract_a_fronted_participle_visit_and_a_definite_conference(extract_text):
    ex = extract_text("Before visiting Israel, Tony Blair made a surprise visit to Iraq.", date="2004-12-23")
    hosts = sorted(next(p.actor for p in e.participants if p.role == "host") for e in ex.events)
    assert hosts == ["IRQ", "ISR"] and all("tony-blair" in e.actor_ids for e in ex.events)
    ex = extract_text("Tony Blair said the Palestinian Authority would meet at a London conference in March.\n\n"
                      "Tony Blair visited Iraq on Tuesday.\n\n"
                      "Analysts say the London conference will be a limited measure.", date="2004-12-23")
    kinds = {e.kind: e for e in ex.events}
    assert kinds["conference"].status == "planned" and "IRQ" not in kinds["conference"].actor_ids


def test_extract_joining_a_meeting_of_another_year_is_not_joining_the_last(extract_text):
    ex = extract_text("Kyriakos Mitsotakis met Donald Trump on Tuesday.\n\n"
                      "The United States sent Mike Pompeo to join the trilateral meeting on March 20 last year.",
                      date="2020-01-10")
    assert _pairs(ex) == [["donald-trump", "kyriakos-mitsotakis"]]


def test_extract_a_past_perfect_visit_is_an_aside_that_takes_no_following_issues(extract_text):
    ex = extract_text("Arlen Specter met Saudi officials in Riyadh on Monday.\n\n"
                      "He had earlier visited Japan.\n\n"
                      "Specter said the bombing showed the need for counterterrorism cooperation.",
                      date="1996-08-26")
    by_host = {next((p.actor for p in e.participants if p.role == "host"), None): e for e in ex.events}
    assert by_host["JPN"].issues == ()


def test_extract_a_reporting_country_in_talks_and_its_unnamed_country_minister(extract_text):
    ex = extract_text("Pakistan said on Sunday that discussions with the International Monetary Fund are "
                      "progressing well.", date="2024-06-30")
    assert _pairs(ex) == [["PAK", "imf"]]
    ex = extract_text("Pakistan said on Sunday that discussions with the International Monetary Fund are "
                      "progressing well.\n\nFinance Minister Ahmed Qureshi confirmed that Islamabad is "
                      "negotiating a loan to avoid a debt default.", date="2024-06-30")
    assert _pairs(ex) == [["ahmed-qureshi", "imf"]]


def test_extract_the_speaker_after_wrapping_up_meetings_was_in_them_not_a_quotes_they(extract_text):
    ex = extract_text("Antony Blinken said China and India would meet at some point.\n\n"
                      "“Whether they agree or not, they should talk,” Marco Rubio said after wrapping up "
                      "meetings with G7 foreign ministers.", date="2025-03-14")
    g7 = next(e for e in ex.events if "g7" in e.actor_ids)
    assert set(g7.actor_ids) == {"g7", "marco-rubio"}


def test_extract_an_issue_word_in_a_title_is_no_topic(extract_text):
    ex = extract_text("Alexander Lebed held talks with Aslan Maskhadov on Sunday.\n\n"
                      "Lebed, the Kremlin security chief, then flew back to Moscow.", date="1996-08-26")
    assert "security" not in ex.events[0].issues
    ex = extract_text("Alexander Lebed held talks with Aslan Maskhadov on Sunday on security.", date="1996-08-26")
    assert "security" in ex.events[0].issues


def test_extract_an_opening_quote_starts_the_next_sentence_in_the_evidence(extract_text):
    ex = extract_text('Antony Blinken met Wang Yi in Beijing on Monday. "It went well," Blinken said.')
    quote = ex.events[0].evidence[0].quote
    assert quote == "Antony Blinken met Wang Yi in Beijing on Monday."


def test_extract_the_host_another_report_names_keeps_that_role(extract_text):
    ex = extract_text("G7 leaders opened their summit in Hiroshima on Friday.\n\n"
                      "Fumio Kishida, who chose his home city to host the gathering, welcomed Joe Biden, "
                      "Emmanuel Macron, Olaf Scholz and Giorgia Meloni to the first session.", date="2023-05-19")
    roles = _roles(ex.events[0])
    assert roles["fumio-kishida"] == "host"


def test_extract_support_for_ukraine_and_the_korean_peninsula_are_issues(extract_text):
    ex = extract_text("Olaf Scholz met Fumio Kishida in Tokyo on Monday to discuss support for Ukraine and the "
                      "situation on the Korean peninsula.")
    assert {"war-in-ukraine", "security"} <= set(ex.events[0].issues)


def test_extract_their_talks_belong_to_the_sides_just_named(extract_text):
    ex = extract_text("Officials from India and Pakistan traded accusations on Monday. "
                      "Their talks in Geneva ended without a statement.")
    assert _pairs(ex) == [["IND", "PAK"]]
    assert ex.events[0].place.label == "Geneva"
    ex = extract_text("India and Pakistan traded accusations on Monday. Their talks in Geneva ended without a statement.")
    assert ex.events == ()  # nobody named as a side: "their" has no owner to point at


def test_extract_a_later_sentence_about_one_sides_person_carries_the_agenda(extract_text):
    ex = extract_text("Talks between Washington and Pyongyang failed at a summit in Hanoi in February. "
                      "Kim asked for sanctions relief. Trump asked instead for denuclearization.", date="2019-12-18")
    assert len(ex.events) == 1
    assert {"sanctions-relief", "denuclearization"} <= set(ex.events[0].issues)


def test_extract_what_follows_a_fronted_clause_is_about_the_main_report(extract_text):
    ex = extract_text("Before visiting Spain, Mr Costa made a surprise trip to Libya, where he met officials in Tripoli. "
                      "He was briefed on the national poll planned for May.")
    issues = {next(p.actor for p in e.participants if p.role == "host"): e.issues for e in ex.events}
    assert issues == {"ESP": (), "LBY": ("elections",)}


def test_extract_a_peace_mission_in_the_headline_is_the_leads_topic(extract_text):
    ex = extract_text("Ana Costa returns from peace mission\n\nForeign Minister Ana Costa held talks with Mahmoud Abbas on Monday.")
    assert [e.issues for e in ex.events] == [("peace-process",)]


def test_extract_who_spoke_at_a_fronted_meeting_was_at_it(extract_text):
    ex = extract_text("Palaniappan Chidambaram arrived in London. At a conference on trade hosted by Gordon Brown "
                      "on Friday, he said that rates should float.")
    roles = _roles(ex.events[0])
    assert roles == {"palaniappan-chidambaram": "participant", "gordon-brown": "host"}
    assert ex.events[0].kind == "conference"


def test_extract_who_arranged_a_meeting_between_others_was_not_at_it(extract_text):
    ex = extract_text("In July, Kurt Volker helped arrange a meeting between Rudy Giuliani and Andriy Yermak.")
    assert _pairs(ex) == [["andriy-yermak", "rudy-giuliani"]]
    ex = extract_text("Kurt Volker attended a meeting between Rudy Giuliani and Andriy Yermak.")
    assert _pairs(ex) == [["andriy-yermak", "kurt-volker", "rudy-giuliani"]]


def test_extract_a_status_after_a_closed_relative_clause_is_the_main_clauses(extract_text):
    ex = extract_text("India, which attends the summit with China on Friday, is unlikely to be cowed.")
    assert _pairs(ex) == [["CHN", "IND"]]
    ex = extract_text("A summit between Joe Biden and Vladimir Putin is unlikely, officials said.")
    assert ex.events == () and ex.suppressed[0].reason == "status.negated.after"


def test_extract_a_letter_after_a_lower_case_word_ends_its_sentence(extract_text):
    ex = extract_text("Volodymyr Zelensky wrote on the platform X. On Monday Antony Blinken met Wang Yi in Beijing.")
    assert _pairs(ex) == [["antony-blinken", "wang-yi"]]
    assert ex.events[0].evidence[0].quote == "On Monday Antony Blinken met Wang Yi in Beijing."
    ex = extract_text("Cyril Ramaphosa will visit S. Africa's neighbours and meet Xi Jinping in October.")
    assert ex.events[0].evidence[0].quote.endswith("in October.")
    ex = extract_text("George W. Bush met Tony Blair in London on Monday.", date="2003-11-20")
    assert ex.events[0].evidence[0].quote == "George W. Bush met Tony Blair in London on Monday."


def test_extract_welcoming_someones_proposal_is_no_visit(extract_text):
    ex = extract_text("Emmanuel Macron welcomed Olaf Scholz's proposal on Monday.")
    assert ex.events == () and ex.suppressed[0].reason == "builtin.no-guest"
    ex = extract_text("Emmanuel Macron welcomed Olaf Scholz's delegation to Paris on Monday.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]


def test_extract_words_before_a_title_name_the_office_not_a_person(extract_text):
    ex = extract_text("International Development Secretary Hilary Benn will visit Sri Lanka next week.")
    assert _pairs(ex) == [["LKA", "hilary-benn"]]
    ex = extract_text("Green MEP Caroline Lucas met Tony Blair in London.", date="2004-12-01")
    assert _pairs(ex) == [["caroline-lucas", "tony-blair"]]


def test_extract_who_joins_the_subject_for_talks_takes_part(extract_text):
    ex = extract_text("Marco Rubio will join Mike Waltz for talks with Ukrainian officials in Jeddah on Tuesday.",
                      date="2025-03-10")
    assert _pairs(ex) == [["UKR", "marco-rubio", "mike-waltz"]]
    assert ex.events[0].status == "planned"
    ex = extract_text("Marco Rubio praised Mike Waltz for talks with Ukrainian officials in Jeddah on Tuesday.",
                      date="2025-03-10")
    assert _pairs(ex) == [["UKR", "mike-waltz"]]


def test_extract_opposed_talks_are_no_meeting_and_a_relative_clause_keeps_its_status(extract_text):
    ex = extract_text("Benjamin Netanyahu opposed talks between Ezer Weizman and Yasser Arafat.", date="1996-08-20")
    assert ex.events == () and ex.suppressed[0].reason == "status.refused.verb"
    ex = extract_text("Joe Biden, who opposed the war, met Keir Starmer in London.")
    assert _pairs(ex) == [["joe-biden", "keir-starmer"]]


def test_extract_talks_between_named_sides_leave_out_the_sentence_subject_unless_it_ran_them(extract_text):
    pairs = {text: _pairs(extract_text(text, date="2024-05-02")) for text in (
        "Egypt welcomed talks between Israel and Hamas.",
        "Egypt hosted talks between Israel and Hamas.",
        "Qatar mediated talks between Israel and Hamas.")}
    assert list(pairs.values()) == [[["ISR", "hamas"]], [["EGY", "ISR", "hamas"]], [["ISR", "QAT", "hamas"]]]


def test_extract_an_issue_word_before_leader_is_a_title(extract_text):
    ex = extract_text("Opposition leader Keir Starmer met Joe Biden in Washington.")
    assert ex.events[0].issues == ()


def test_extract_an_organisation_naming_whose_thing_it_is_takes_no_part(extract_text):
    ex = extract_text("Dana Rohrabacher flew into Bagram in a Red Cross plane on Tuesday after meeting militia officials.",
                      date="1996-08-20")
    assert ex.events == ()
    ex = extract_text("Other issues include plans by an Australian cabinet minister to visit Taiwan.", date="1996-08-20")
    assert _pairs(ex) == [["AUS", "TWN"]]


def test_extract_words_describing_an_office_before_its_title_do_not_hide_the_person(extract_text):
    pairs = [_pairs(extract_text(text, date="1996-08-20")) for text in (
        "Alexander Lebed met rebel leader Aslan Maskhadov on Monday.",
        "Dana Rohrabacher met northern opposition militia leader General Abdul Rashid Dostum on Monday.",
        "The Russian army commander in the region, General Vyacheslav Tikhomirov, held talks with "
        "rebel chief-of-staff Aslan Maskhadov on Monday.")]
    assert pairs == [[["alexander-lebed", "aslan-maskhadov"]], [["abdul-rashid-dostum", "dana-rohrabacher"]],
                     [["aslan-maskhadov", "vyacheslav-tikhomirov"]]]
    ex = extract_text("Habib Boulares arrived in Tripoli to represent President Zine al-Abidine Ben Ali.",
                      date="1996-08-20")
    assert _roles(ex.events[0]) == {"habib-boulares": "visitor", "LBY": "host"}


def test_extract_the_one_after_hosted_by_is_the_host(extract_text):
    ex = extract_text("Antony Blinken was hosted by Xi Jinping in Beijing.")
    assert _roles(ex.events[0]) == {"xi-jinping": "host", "antony-blinken": "visitor"}
    ex = extract_text("Tony Blair spoke at a dinner hosted by deputy PM John Prescott in November 2003.")
    assert ex.events == ()


def test_extract_issues_named_after_the_second_party_met_are_that_meetings(extract_text):
    ex = extract_text("Later on Tuesday Kyriakos Mitsotakis met with the International Monetary Fund, then with "
                      "President Donald Trump, where he denounced the maritime deal.", date="2020-01-08")
    issues = {tuple(sorted(p.actor for p in e.participants)): e.issues for e in ex.events}
    assert issues == {("imf", "kyriakos-mitsotakis"): (), ("donald-trump", "kyriakos-mitsotakis"): ("maritime-disputes",)}


def test_extract_they_are_the_two_people_the_sentence_before_named(extract_text):
    ex = extract_text("Hosni Mubarak held talks with Yasser Arafat in Cairo on Monday. Both Arafat and Benjamin "
                      "Netanyahu have said they could meet soon. They last met in Washington in September.",
                      date="1996-12-06")
    assert ["benjamin-netanyahu", "yasser-arafat"] in _pairs(ex)


def test_extract_barred_prohibited_or_conditional_travel_is_no_visit(extract_text):
    for text in ("Under the sanctions, Argita Berisha is barred from travel to the United States.",
                 "Richard Bennett's travel to Afghanistan has been prohibited, Zabihullah Mujahid said.",
                 "Robert O'Brien said Donald Trump would meet Kim Jong Un if there is a prospect of progress."):
        assert extract_text(text, date="2020-02-19").events == (), text


def test_extract_the_town_named_after_a_descriptive_of_is_the_place(extract_text):
    places = [extract_text(text).events[0].place.label for text in (
        "Mohammed bin Salman met with Marco Rubio in the Red Sea port city of Jeddah on Monday.",
        "Vladimir Putin met Recep Tayyip Erdogan in the Black Sea resort of Sochi on Monday.")]
    assert places == ["Jeddah", "Sochi"]


def test_extract_where_things_go_after_a_meeting_word_is_not_its_place(extract_text):
    ex = extract_text("Robert Wood spoke at a meeting of the U.N. Security Council on North Korea's transfer of "
                      "arms to Russia.", date="2024-03-20")
    assert ex.events[0].place is None
    ex = extract_text("Antony Blinken flew to Beijing to meet Xi Jinping.")
    assert {e.place.label for e in ex.events} == {"Beijing"}


def test_extract_a_leaders_administration_or_government_is_the_country(extract_text):
    ex = extract_text("Benjamin Netanyahu's government held talks with Egypt on Monday.")
    assert _pairs(ex) == [["EGY", "ISR"]]
    ex = extract_text("The United States, which the first Trump administration led, called a meeting with Britain.")
    assert _pairs(ex) == [["GBR", "USA"]]


def test_extract_who_told_a_meeting_was_at_it(extract_text):
    ex = extract_text('"The fighting is at their doorsteps," Catherine Russell, UNICEF\'s executive director, told '
                      'a meeting of the U.N. Security Council on Wednesday.', date="2025-03-13")
    assert _pairs(ex) == [["catherine-russell", "un-security-council"]]


def test_extract_doubted_or_undecided_meetings_are_hypothetical(extract_text):
    for text in ("There is little reason to think that Donald Trump and Kim Jong Un will meet this year.",
                 "The EU will decide on 17 December whether to begin entry talks with Turkey."):
        ex = extract_text(text, date="2020-02-19")
        assert ex.events == () and ex.suppressed[0].reason.startswith("status.hypothetical"), text


def test_extract_a_place_in_a_relative_clause_after_the_meeting_is_not_its_place(extract_text):
    ex = extract_text("Robert Wood spoke at a meeting of the U.N. Security Council on arms sent to Russia, which "
                      "are helping drive its war in Ukraine.", date="2024-03-20")
    assert ex.events[0].place is None


def test_extract_two_meeting_words_of_one_sentence_with_the_same_parties_are_one_meeting(extract_text):
    ex = extract_text("The United States, along with Britain and France, called a private meeting Wednesday of the "
                      "U.N. Security Council to discuss Iran's nuclear programme with Britain and France.",
                      date="2025-03-13")
    assert _pairs(ex) == [["FRA", "GBR", "USA", "un-security-council"]]


def test_extract_the_one_after_an_attributive_visiting_is_the_visitor(extract_text):
    ex = extract_text("Antony Blinken assured visiting Australian Foreign Minister Marise Payne of support.",
                      date="2021-05-14")
    assert _roles(ex.events[0]) == {"marise-payne": "visitor", "antony-blinken": "host"}
    ex = extract_text("Tang Shubei told a visiting delegation from Taiwan on Wednesday that it was time.", date="1996-08-22")
    assert _roles(ex.events[0]) == {"TWN": "visitor", "tang-shubei": "host"}
    ex = extract_text("Joe Biden is visiting Japan this week.", date="2023-05-18")
    assert _roles(ex.events[0]) == {"joe-biden": "visitor", "JPN": "host"}


def test_extract_a_meeting_at_some_point_is_hypothetical(extract_text):
    ex = extract_text("Marco Rubio said leaders from the U.S. and China will meet at some point.", date="2025-03-14")
    assert ex.events == () and ex.suppressed[0].reason == "status.hypothetical.condition-after"


def test_extract_a_date_after_since_is_the_meetings_when_the_meeting_is_in_the_phrase(extract_text):
    dates = [extract_text(text, date=d).events[0].date for text, d in (
        ("Relations have been cold since Joe Biden met Xi Jinping in November.", "2023-12-18"),
        ("Washington and Pyongyang have been stuck since talks failed at the Hanoi Summit held in February. "
         "There, Kim Jong Un asked Donald Trump for sanctions relief.", "2019-12-18"),
        ("Joe Biden, in office since January, met Xi Jinping.", "2021-11-20"))]
    assert dates == ["2023-11", "2019-02", None]


def test_extract_an_envoy_to_somewhere_named_after_a_comma_is_that_person(extract_text):
    ex = extract_text("Speaking at a United Nations Security Council meeting on Afghanistan this week, Pakistan's "
                      "permanent representative to the United Nations, Munir Akram, said Kabul was failing.",
                      date="2025-03-13")
    assert _pairs(ex) == [["munir-akram", "un-security-council"]]


def test_extract_a_speakers_words_about_a_meeting_lend_it_no_date_or_place(extract_text):
    ex = extract_text('In March, Quad leaders met at a virtual summit. "Holding an in-person Quad summit in London '
                      'in June would not be provocative," he said.', date="2021-04-16")
    assert [(e.date, e.place) for e in ex.events] == [("2021-03", None)]


def test_extract_a_conference_named_only_as_where_talks_are_held_is_their_venue(extract_text):
    ex = extract_text("Five unions will hold talks with Keir Starmer at the party's spring conference in Liverpool.")
    assert [(e.kind, e.status) for e in ex.events] == [("talks", "planned")]
    assert ex.events[0].place.label == "Liverpool"
    assert any(s.reason == "builtin.venue" for s in ex.suppressed)
    ex = extract_text("The G20 summit opened in New Delhi on Saturday, and Joe Biden held talks with Narendra Modi "
                      "at the summit.", date="2023-09-09")
    assert "summit" in [e.kind for e in ex.events]  # a summit with a party of its own is a meeting


def test_extract_talks_that_will_resume_are_a_later_session(extract_text):
    ex = extract_text("Olaf Scholz held talks with Emmanuel Macron in Paris on Monday.\n\nDiscussions will resume next week.")
    assert [(e.kind, e.status) for e in ex.events] == [("talks", "held"), ("talks", "planned")]
    assert all(set(e.actor_ids) == {"olaf-scholz", "emmanuel-macron"} for e in ex.events)


def test_extract_the_modal_of_a_clause_above_a_subordinate_one_is_not_its_status(extract_text):
    ex = extract_text("Analysts doubt Olaf Scholz will change course, although Olaf Scholz and Emmanuel Macron "
                      "spoke by phone last week.")
    assert [(e.kind, e.status) for e in ex.events] == [("call", "held")]


def test_extract_a_capitalised_issue_word_inside_a_sentence_is_a_name(extract_text):
    ex = extract_text("Olaf Scholz met Keir Starmer at Labour's conference in Liverpool.")
    assert ex.events[0].issues == () and ex.events[0].place.label == "Liverpool"
    ex = extract_text("Olaf Scholz met Keir Starmer to discuss labour rights in Liverpool.")
    assert ex.events[0].issues


def test_extract_who_hosts_a_summit_is_its_host(extract_text):
    ex = extract_text("Fumio Kishida hosted the G7 summit in Hiroshima.", date="2023-05-19")
    assert [(e.kind, _roles(e)) for e in ex.events] == [("summit", {"fumio-kishida": "host", "g7": "participant"})]
    ex = extract_text("Emmanuel Macron will host talks between Olaf Scholz and Viktor Orban.")
    assert _roles(ex.events[0]) == {"emmanuel-macron": "host", "olaf-scholz": "participant",
                                    "viktor-orban": "participant"}


def test_extract_a_verb_only_meeting_word_used_as_a_noun_is_no_meeting(extract_text):
    ex = extract_text("Olaf Scholz and Emmanuel Macron agreed to stay in close contact.")
    assert ex.events == () and ex.suppressed[0].reason == "builtin.verb-as-noun"
    ex = extract_text("Olaf Scholz contacted Emmanuel Macron on Monday.")
    assert len(ex.events) == 1


def test_extract_the_second_party_after_an_aside_in_a_between_phrase(extract_text):
    ex = extract_text("Olaf Scholz arranged a meeting between Mark Rutte, who spoke for the alliance, and Emmanuel Macron.")
    assert _pairs(ex) == [["emmanuel-macron", "mark-rutte"]]
    ex = extract_text("Olaf Scholz arranged a meeting between Mark Rutte and Emmanuel Macron on Monday, and Viktor "
                      "Orban stayed at home.")
    assert _pairs(ex) == [["emmanuel-macron", "mark-rutte"]]


def test_extract_a_call_made_to_someone_after_a_time_phrase(extract_text):
    ex = extract_text("The White House released a summary of a phone call made by President Donald Trump late last "
                      "July to Ukrainian President Volodymyr Zelensky.", date="2019-09-30")
    assert [(e.kind, sorted(e.actor_ids)) for e in ex.events] == [("call", ["donald-trump", "volodymyr-zelensky"])]


def test_extract_whom_a_pronoun_met_is_the_noun_the_relative_clause_hangs_on(extract_text):
    ex = extract_text("Olaf Scholz praised Emmanuel Macron, whom he met in Paris on Monday.")
    assert _roles(ex.events[0]) == {"olaf-scholz": "participant", "emmanuel-macron": "participant"}
    assert ex.events[0].place.label == "Paris"


def test_extract_the_governor_of_a_body_stands_for_it(extract_text):
    ex = extract_text("The governor of the Bank of Israel met Olaf Scholz in Berlin.")
    assert _pairs(ex) == [["bank-of-israel", "olaf-scholz"]]


def test_extract_an_issue_word_describing_a_thing_is_no_topic(extract_text):
    ex = extract_text("Police finalised security arrangements for the visit of Olaf Scholz to London on Monday.")
    assert ex.events and ex.events[0].issues == ()
    ex = extract_text("Olaf Scholz visited London on Monday for talks on security and trade.")
    assert {"security", "trade"} <= set(ex.events[0].issues)


def test_extract_settlement_building_is_an_issue(extract_text):
    ex = extract_text("Olaf Scholz met Benjamin Netanyahu in Jerusalem to discuss settlement expansion in the West Bank.",
                      date="2023-02-06")
    assert "israeli-settlements" in ex.events[0].issues


def test_extract_who_interrupts_talks_was_in_them(extract_text):
    ex = extract_text("Olaf Scholz interrupted talks with Viktor Orban to fly home.")
    assert _pairs(ex) == [["olaf-scholz", "viktor-orban"]]



def test_extract_a_meeting_inside_a_bid_belongs_to_whose_bid_it_is(extract_text):
    ex = extract_text("Olaf Scholz flew to Tokyo on Monday in a bid to strengthen ties after meeting with Joe Biden.",
                      date="2021-04-16")
    assert sorted((e.kind, tuple(sorted(e.actor_ids))) for e in ex.events) == [
        ("meeting", ("joe-biden", "olaf-scholz")), ("visit", ("JPN", "olaf-scholz"))]


def test_extract_travel_by_someone_with_no_office_is_no_visit(extract_text):
    ex = extract_text("Marek Dvorsky, a businessman from Prague, had visited Slovakia several times.")
    assert ex.events == () and ex.suppressed[0].reason == "builtin.private-travel"
    ex = extract_text("Czech Trade Minister Marek Dvorsky visited Slovakia on Monday.")
    assert [e.kind for e in ex.events] == ["visit"]
    ex = extract_text("FBI Director Marek Dvorsky visited Slovakia on Monday.")
    assert [e.kind for e in ex.events] == ["visit"]


def test_extract_a_later_report_of_two_of_a_meetings_three_is_the_same_meeting(extract_text):
    ex = extract_text("Olaf Scholz, Emmanuel Macron and Giorgia Meloni met in Rome on Monday.\n\n"
                      "Mr Scholz and Mr Macron discussed a joint fund, officials said.")
    assert len(ex.events) == 1 and set(ex.events[0].actor_ids) == {"olaf-scholz", "emmanuel-macron", "giorgia-meloni"}


def test_extract_a_demonym_before_a_meeting_noun_is_a_side(extract_text):
    ex = extract_text("French talks with Omar Haddad resumed in Doha on Monday.")
    assert [set(e.actor_ids) for e in ex.events] == [{"FRA", "omar-haddad"}]
    ex = extract_text("Israeli-Palestinian negotiations resumed in Cairo on Monday.")
    assert [set(e.actor_ids) for e in ex.events] == [{"ISR", "PSE"}]


def test_extract_a_spokesman_reporting_a_meeting_does_not_stand_for_his_side(extract_text):
    ex = extract_text("Officials from Canada and Japan met in Rome on Monday, Canadian spokesman Marc Tremblay said.")
    assert [set(e.actor_ids) for e in ex.events] == [{"CAN", "JPN"}]
    ex = extract_text("Officials from Canada and Japan met in Rome on Monday, Canadian Foreign Minister Marc Tremblay said.")
    assert [set(e.actor_ids) for e in ex.events] == [{"marc-tremblay", "JPN"}]


def test_extract_the_head_word_of_an_issue_named_before_stands_for_it(extract_text):
    ex = extract_text("The stability pact limits budget deficits.\n\n"
                      "Finance ministers from France and Italy will meet on Monday to discuss the pact.")
    assert [e.issues for e in ex.events] == [("public-finances",)]
    assert any(r.part == "issue" and "issue.anaphora" in r.rule.split() for r in ex.events[0].reasons)
    ex = extract_text("Finance ministers from France and Italy will meet on Monday to discuss the pact.")
    assert [e.issues for e in ex.events] == [()]


def test_extract_a_general_secretary_is_an_office_before_a_name(extract_text):
    ex = extract_text("Olaf Scholz met Ostwerk general secretary Dana Lukic in Berlin.")
    assert [set(e.actor_ids) for e in ex.events] == [{"olaf-scholz", "dana-lukic"}]


def test_extract_a_countrys_politicians_are_its_side(extract_text):
    ex = extract_text("Olaf Scholz met Spanish politicians in Madrid on Monday.")
    assert [set(e.actor_ids) for e in ex.events] == [{"olaf-scholz", "ESP"}]


def test_extract_a_name_set_off_by_commas_before_the_verb_is_its_subject(extract_text):
    ex = extract_text("Co-founder of Vantor, Sergey Brin, personally met with Ahmed Mohamed during his visit to the company.")
    assert [set(e.actor_ids) for e in ex.events] == [{"sergey-brin", "ahmed-mohamed"}]


def test_extract_talks_under_way_and_their_next_session_are_one_meeting(extract_text):
    ex = extract_text("Vantor Corp began talks with Halvard Group.\n\n"
                      "Ahead of talks with Halvard Group on Friday, the company said it may raise its offer.", date=None)
    assert [(e.kind, e.status, set(e.actor_ids)) for e in ex.events] == \
        [("talks", "ongoing", {"vantor-corp", "halvard-group"})]


def test_extract_talks_that_will_begin_are_planned_for_a_day_to_come(extract_text):
    ex = extract_text("Talks between Chile and Peru will begin by September 2, Jean Dufour said.")
    assert [(e.status, e.date) for e in ex.events] == [("planned", "2023-09-02")]


def test_extract_an_aside_between_commas_does_not_hide_the_subject(extract_text):
    ex = extract_text("Mr Olaf Scholz, meanwhile, is visiting Tanzania and Kenya to highlight the plight of refugees.")
    assert sorted(tuple(sorted(e.actor_ids)) for e in ex.events) == [("KEN", "olaf-scholz"), ("TZA", "olaf-scholz")]
    ex = extract_text("Prime Minister Olaf Scholz called an election.\n\nBefore the election this month, Scholz, as a "
                      "member of the German Social Democratic Party, visited Taiwan in August and told Taiwan "
                      "President Lai Ching-te that deterrence was needed.")
    assert [set(e.actor_ids) for e in ex.events] == [{"olaf-scholz", "lai-ching-te"}]


def test_extract_a_surname_two_people_share_is_the_one_the_story_named_first(extract_text):
    ex = extract_text("Ana Vidal, the granddaughter of former president Carlos Vidal, rejoined the party on Friday.\n\n"
                      "Party leader Luis Ortega met Vidal on Thursday.")
    assert [set(e.actor_ids) for e in ex.events] == [{"luis-ortega", "ana-vidal"}]


def test_extract_a_name_in_a_fronted_phrase_is_not_the_next_sentences_he(extract_text):
    ex = extract_text("After meeting Aleksandar Vucic, John Kornblum flew to Zagreb.\n\n"
                      "He was due to head to Sarajevo on Friday to meet Bosnian President Denis Becirovic.")
    assert {frozenset(e.actor_ids) for e in ex.events} == {frozenset({"aleksandar-vucic", "john-kornblum"}),
                                                          frozenset({"john-kornblum", "HRV"}),
                                                          frozenset({"john-kornblum", "denis-becirovic"})}


def test_extract_a_progressive_meeting_on_another_weekday_is_planned_for_that_day(extract_text):
    ex = extract_text("European Union finance ministers are meeting on Thursday in Brussels.")  # a Monday's news
    assert [(e.status, e.date) for e in ex.events] == [("planned", "2023-06-22")]
    ex = extract_text("European Union finance ministers are meeting on Monday in Brussels.")
    assert [(e.status, e.date) for e in ex.events] == [("ongoing", "2023-06-19")]


def test_extract_trips_to_a_countrys_capital_named_by_demonym_are_a_visit(extract_text):
    ex = extract_text("Ana Vidal, the Spanish foreign minister, made several trips to the Afghan capital last year.")
    assert [(e.kind, set(e.actor_ids), e.place.key) for e in ex.events] == [("visit", {"ana-vidal", "AFG"}, "AFG")]


def test_extract_a_side_of_another_meeting_noun_does_not_speak_for_a_country(extract_text):
    ex = extract_text("Yasser Arafat wrote to Benjamin Netanyahu last week.\n\nThe Palestine Liberation Organisation "
                      "(PLO) negotiators said two weeks of talks with Israel on Hebron had been meaningless, "
                      "necessitating an Arafat-Netanyahu meeting.", date="1996-09-01")
    talks = [x for x in ex.suppressed if x.trigger_rule == "trigger.talks.noun"]
    assert [x.participants for x in talks] == [("ISR",)]


def test_extract_the_place_of_a_visit_to_a_town_no_lexicon_knows(extract_text):
    ex = extract_text("Ana Vidal would visit Valdemora for talks with Olaf Scholz.")
    assert [e.place.label for e in ex.events] == ["Valdemora"]
    ex = extract_text("Ana Vidal would visit President Olaf Scholz for talks.")
    assert [e.place for e in ex.events] == [None]


def test_extract_a_capital_opening_the_meeting_word_is_its_place(extract_text):
    ex = extract_text("He said a drive for reform would come at a Madrid conference with Olaf Scholz and Emmanuel Macron.")
    assert [(e.place.label, e.place.key) for e in ex.events] == [("Madrid", "ESP")]


def test_extract_a_body_named_on_the_word_that_describes_its_members_office(extract_text):
    ex = extract_text("A meeting of NATO defence ministers in Brussels on Monday discussed the pact.")
    assert [set(e.actor_ids) for e in ex.events] == [{"nato"}]


def test_extract_a_present_tense_meeting_on_a_date_to_come_is_planned(extract_text):
    ex = extract_text("Talks between Ukraine and Russia open on 16 December.")
    assert [(e.status, e.date) for e in ex.events] == [("planned", "2023-12-16")]
    ex = extract_text("Talks between Ukraine and Russia open on 10 June.")  # before the article's day
    assert [e.status for e in ex.events] == ["ongoing"]


def test_extract_travel_with_no_host_no_place_and_no_one_met_is_no_meeting(extract_text):
    ex = extract_text("Olaf Scholz and Emmanuel Macron travelled to a village on Monday.")
    assert not ex.events and [x.reason for x in ex.suppressed] == ["builtin.travel-only"]
    ex = extract_text("Olaf Scholz and Emmanuel Macron travelled to Madrid on Monday.")
    assert [e.kind for e in ex.events] == ["visit"]


def test_extract_a_news_conference_is_a_meeting_only_with_a_with_phrase(extract_text):
    ex = extract_text("Ana Vidal told reporters during a news conference at the ministry on Monday with "
                      "Olaf Scholz that the talks had gone well.")
    assert [set(e.actor_ids) for e in ex.events] == [{"ana-vidal", "olaf-scholz"}]
    ex = extract_text("Ana Vidal told a news conference on Monday that Olaf Scholz would not resign.")
    assert not ex.events


def test_extract_the_organisation_whose_name_opens_a_conference_takes_part(extract_text):
    ex = extract_text("Olaf Scholz and Emmanuel Macron attended an Amnesty International conference in Paris.")
    assert [set(e.actor_ids) for e in ex.events] == [{"olaf-scholz", "emmanuel-macron", "amnesty-international"}]
    ex = extract_text("Olaf Scholz met Emmanuel Macron in a Red Cross plane.")
    assert [set(e.actor_ids) for e in ex.events] == [{"olaf-scholz", "emmanuel-macron"}]


def test_extract_a_meeting_in_a_fronted_phrase_has_the_main_clauses_subject(extract_text):
    ex = extract_text("After meeting Aleksandar Vucic, John Kornblum flew to Zagreb.", date=None)
    assert {frozenset(e.actor_ids) for e in ex.events} == {frozenset({"aleksandar-vucic", "john-kornblum"}),
                                                          frozenset({"john-kornblum", "HRV"})}
