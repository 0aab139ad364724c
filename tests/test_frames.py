"""Who met whom, read from the dependency tree: the constructions the frame, link and expand
rules of ontology/rules/frames.jsonl cover, on sentences written for these tests."""
from __future__ import annotations


def _pairs(ex):
    return sorted(sorted(p.actor for p in e.participants) for e in ex.events)


def _rules(ex):
    return {rule for e in ex.events for r in e.reasons for rule in r.rule.split()}


def test_frames_meeting_in_an_adverbial_clause_has_the_main_clauses_subject(extract_text):
    ex = extract_text("Olaf Scholz told a news conference after meeting Dutch Prime Minister Mark Rutte "
                      "that the budget was sound.")
    assert _pairs(ex) == [["mark-rutte", "olaf-scholz"]]
    assert "link.adverbial" in _rules(ex)


def test_frames_relative_clause_subject_is_the_noun_it_hangs_on(extract_text):
    ex = extract_text("Sigrun Halldorsdottir, who as Iceland's envoy conducted long negotiations with Norway, "
                      "retired on Monday.")
    assert _pairs(ex) == [["NOR", "sigrun-halldorsdottir"]]


def test_frames_noun_with_its_own_arguments(extract_text):
    ex = extract_text("A phone call made by Olaf Scholz to Emmanuel Macron lasted an hour.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]
    assert ex.events[0].kind == "call"
    ex = extract_text("A meeting between Olaf Scholz and Emmanuel Macron was held in Paris.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]


def test_frames_a_pronoun_subject_with_two_people_met_keeps_the_visitor(extract_text):
    ex = extract_text("Olaf Scholz arrived in Jerusalem on Sunday.\n\n"
                      "He was also expected to meet Benjamin Netanyahu and Isaac Herzog for talks.")
    assert all("olaf-scholz" in e.actor_ids for e in ex.events if "benjamin-netanyahu" in e.actor_ids)
    assert any({"olaf-scholz", "isaac-herzog"} <= set(e.actor_ids) for e in ex.events)


def test_frames_their_meeting_points_back_at_the_people_met_before(extract_text):
    ex = extract_text("Olaf Scholz met Emmanuel Macron in Paris in June.\n\n"
                      "Their second summit was in Berlin in September.", date="2023-10-02")
    assert ex.events and all(set(e.actor_ids) == {"olaf-scholz", "emmanuel-macron"} for e in ex.events)


def test_frames_unnamed_officials_stand_for_their_country(extract_text):
    ex = extract_text("Olaf Scholz said he met three Russian deputy foreign ministers in Moscow.")
    assert _pairs(ex) == [["RUS", "olaf-scholz"]]


def test_frames_a_call_phrased_as_speaking_by_telephone(extract_text):
    ex = extract_text("Mark Rutte told reporters after speaking by telephone to Olaf Scholz that the plan stood.")
    assert _pairs(ex) == [["mark-rutte", "olaf-scholz"]]
    assert ex.events[0].kind == "call"


def test_frames_spoke_with_across_other_words(extract_text):
    ex = extract_text("Emmanuel Macron spoke on Monday with Olaf Scholz about the budget.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]
    assert extract_text("Emmanuel Macron spoke on Monday to reporters about the budget.").events == ()


def test_frames_support_verbs_and_the_verbs_they_complete(extract_text):
    for text in ("Olaf Scholz held talks with Emmanuel Macron in Paris.",
                 "Olaf Scholz is expected to hold talks with Emmanuel Macron in Paris.",
                 "Olaf Scholz agreed to a meeting with Emmanuel Macron in Paris."):
        assert _pairs(extract_text(text)) == [["emmanuel-macron", "olaf-scholz"]], text


def test_frames_who_arranges_a_meeting_between_others_is_not_at_it(extract_text):
    ex = extract_text("Mark Rutte helped arrange a meeting between Olaf Scholz and Emmanuel Macron.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]


def test_frames_passive_meeting_verb(extract_text):
    ex = extract_text("Olaf Scholz was received by Emmanuel Macron at the Elysee on Monday.")
    roles = {p.actor: p.role for p in ex.events[0].participants}
    assert roles == {"emmanuel-macron": "host", "olaf-scholz": "visitor"}


def test_frames_a_round_of_talks_stands_for_the_talks(extract_text):
    ex = extract_text("Olaf Scholz and Emmanuel Macron began a new round of talks in Paris on Friday.")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]


def test_frames_a_country_reporting_its_own_talks_with_someone(extract_text):
    ex = extract_text("Poland said on Sunday that negotiations with the International Monetary Fund were going well.")
    assert _pairs(ex) == [["POL", "imf"]]


def test_frames_a_dateline_is_no_party(extract_text):
    ex = extract_text("BRUSSELS, Belgium, May 2 (kg) - Olaf Scholz met Emmanuel Macron on Tuesday.", date="2023-05-02")
    assert _pairs(ex) == [["emmanuel-macron", "olaf-scholz"]]
    assert ex.events[0].place.label == "Brussels"



def test_frames_a_rule_asking_for_a_mark_the_sentence_lacks_is_not_tried(pipeline):
    """The matcher kept for a sentence's marks holds every rule that could match there and no other,
    and matching with those marks finds what matching with every rule finds."""
    from kg.nlp import _MARK_SETS, _marks_asked

    reader = pipeline.trees
    rules = {r.id: r for r in pipeline.resources.rules}
    for rule in rules.values():
        for n, pattern in enumerate(rule.spec.get("dependency", ())):
            for carried in _MARK_SETS:
                matcher = reader._matchers.get((rule.type, carried))
                held = matcher is not None and matcher.has_key(f"{rule.id}#{n}")
                assert held == all(ask & carried for ask in _marks_asked(pattern)), (rule.id, sorted(carried))
    an = pipeline.analyse("Olaf Scholz met Emmanuel Macron in Paris.")
    (parsed,) = reader.parse(an.tokens, [an.sentences[0]])
    met = 2
    as_verb = parsed.match({met: "verb"}, ("frame",))
    assert {m["arg"] for m in as_verb if m["predicate"] == met} >= {0, 4}  # Olaf (Scholz) and (Emmanuel) Macron
    as_noun = {m.rule for m in parsed.match({met: "noun"}, ("frame",))}
    assert all(any("noun" in ask for ask in _marks_asked(p)) for r in as_noun for p in rules[r].spec["dependency"])


def test_frames_the_owner_of_a_trip_is_who_meets_on_it(extract_text):
    ex = extract_text("Prime Minister Ana Vidal flew home on Monday.\n\n"
                      "Vidal's travels will include meeting President Olaf Scholz in Berlin.")
    assert _pairs(ex) == [["ana-vidal", "olaf-scholz"]]
    assert any(r.value == "ana-vidal" and "frame.subject" in r.rule.split() for r in ex.events[0].reasons)


def test_frames_the_head_of_a_meeting_phrase_is_not_a_word_of_a_name_before_it():
    from kg.extract.frames import trigger_head
    from kg.nlp import SentenceTree

    # "attended an Amnesty International conference": the phrase took "International" as its modifier
    words = ["attended", "an", "Amnesty", "International", "conference"]
    heads = (0, 4, 4, 2, 0)
    deps = ("root", "det", "compound", "flat", "obj")
    tree = SentenceTree(0, heads, deps, ("VBD", "DT", "NNP", "NNP", "NN"), ("VERB", "DET", "PROPN", "PROPN", "NOUN"))
    assert words[trigger_head(tree, 3, 5)] == "conference"
    assert words[trigger_head(tree, 0, 1)] == "attended"
