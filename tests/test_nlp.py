"""The analysis layer: kg's tokens match spaCy's, sentences split where news text ends them,
and phrase rules with modifiers match as the rules say."""
from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from kg.errors import ResourceError
from kg.nlp import TOKENIZER_CACHE, Pipeline
from kg.resources import load_resources

from .conftest import ROOT


def _sentences(pipeline, text):
    an = pipeline.analyse(text)
    return [text[an.tokens[a].idx:an.tokens[b - 1].end] for a, b in an.sentences]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.\n-'\"’”(é")) | st.characters(exclude_categories=("Cs",)),
               max_size=80))  # text read as UTF-8 holds no lone surrogates
def test_nlp_tokens_are_spacys_tokens(pipeline, text):
    doc = pipeline.nlp.make_doc(text)
    tokens = pipeline.analyse(text).tokens
    assert [(t.i, t.text, t.lower, t.idx, t.end, t.space, t.is_title) for t in tokens] == [
        (t.i, t.text, t.lower_, t.idx, t.idx + len(t.text), bool(t.whitespace_), t.text[:1].isupper())
        for t in doc]


def test_nlp_sentences_end_at_stops_quotes_and_line_breaks(pipeline):
    text = ('Mr. Blinken met Xi in the U.S. embassy. "We talked," he said. Then\n'
            'A HEADLINE LINE\nGeorge W. Bush arrived! Was it late?')
    assert _sentences(pipeline, text) == [
        "Mr. Blinken met Xi in the U.S. embassy.", '"We talked," he said.', "Then",
        "A HEADLINE LINE", "George W. Bush arrived!", "Was it late?"]


def test_nlp_capital_letter_before_a_common_word_ends_a_sentence(pipeline):
    assert _sentences(pipeline, "They posted it on the platform X. The talks went on.") == [
        "They posted it on the platform X.", "The talks went on."]
    assert len(_sentences(pipeline, "Ministers plan to visit S. Africa soon.")) == 1


def test_nlp_phrase_rule_takes_its_modifier_unless_excluded(pipeline):
    def conferences(text):
        an = pipeline.analyse(text)
        return [" ".join(t.text for t in an.tokens[m.start:m.end]) for m in an.matches
                if m.value == "trigger.conference.noun"]

    assert conferences("They attended a London conference on aid.") == ["London conference"]
    assert conferences("She gave a press conference. Conferences bore him.") == ["Conferences"]
    assert conferences("Donor conferences and news conferences differ.") == ["Donor conferences"]


def test_nlp_malformed_modifier_list_is_reported(tmp_path):
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    (onto / "rules" / "broken.jsonl").write_text(json.dumps(
        {"id": "x.mod", "type": "trigger", "kind": "conference", "pos": "noun", "phrases": ["forum"],
         "modifier_not_in": ["two words"]}) + "\n")
    with pytest.raises(ResourceError) as err:
        load_resources(onto)
    assert any("[x.mod]" in p and "modifier_not_in" in p for p in err.value.problems)


def test_nlp_news_text_gets_a_large_fresh_tokenizer_cache(resources):
    pipeline = Pipeline(resources)
    assert pipeline.nlp.tokenizer.max_cache_size == TOKENIZER_CACHE >= 100_000
    # the tokenizer replaced after the phrases were made still feeds the same matchers
    an = pipeline.analyse("Antony Blinken met Xi Jinping in Beijing to discuss climate change.")
    assert {m.value for m in an.matches} >= {"antony-blinken", "xi-jinping", "trigger.meet.verb"}


def test_nlp_token_patterns_see_every_word_attribute(tmp_path):
    # the pipeline drops spaCy's word attributes only while no rule has token patterns to read them
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    (onto / "rules" / "numbers.jsonl").write_text(json.dumps(
        {"id": "x.numbered", "type": "trigger", "kind": "summit", "pos": "noun",
         "patterns": [[{"LIKE_NUM": True}, {"IS_TITLE": True, "SHAPE": "Xxxxx"}]]}) + "\n")
    pipeline = Pipeline(load_resources(onto))
    an = pipeline.analyse("Forty Heads met. Then seven Talks and 12 Forum followed, but not 3 FORUM.")
    found = [" ".join(t.text for t in an.tokens[m.start:m.end]) for m in an.matches if m.value == "x.numbered"]
    assert found == ["Forty Heads", "seven Talks", "12 Forum"]
