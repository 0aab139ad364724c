"""`kg explain`: why an article's meetings came out as they did, and why others did not."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import CORPUS


def kg(*args, cwd):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True)


def test_explain_names_the_rules_behind_each_part_and_each_stopped_meeting(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Talks in Paris\n\nOlaf Scholz met Emmanuel Macron in Paris on Monday.\n\n"
                       "Olaf Scholz will not meet Viktor Orban this week.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "Talks in Paris", "date": "2023-06-19"}), encoding="utf-8")
    r = kg("explain", str(article), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "event 1: meeting, held, 2023-06-19, in Paris" in out
    assert "participant Olaf Scholz" in out and "trigger.meet.verb > frame.subject" in out
    assert "participant Emmanuel Macron" in out and "trigger.meet.verb > frame.object" in out
    assert "place Paris" in out and "date 2023-06-19" in out
    assert "stopped by status.negated.not" in out and "Viktor Orban" in out


def test_explain_a_feed_record_by_its_id(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "one", "text": "Olaf Scholz met Emmanuel Macron in Paris."}) + "\n"
                    + json.dumps({"id": "two", "text": "Xi Jinping met Joe Biden in Bali."}) + "\n", encoding="utf-8")
    r = kg("explain", f"{feed}#two", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Xi Jinping" in r.stdout and "Olaf Scholz" not in r.stdout


def test_explain_a_missing_file_is_one_line_and_a_non_zero_exit(tmp_path):
    r = kg("explain", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert r.returncode != 0
    assert r.stderr.strip().count("\n") == 0 and "nope.txt" in r.stderr


def test_explain_an_articles_metadata_file_is_no_article(tmp_path):
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "Talks", "date": "2023-06-19"}), encoding="utf-8")
    r = kg("explain", str(tmp_path / "a.meta.json"), cwd=tmp_path)
    assert r.returncode != 0
    assert r.stderr.strip().count("\n") == 0 and "not an article file" in r.stderr


def test_explain_the_sample_corpus_articles(tmp_path):
    r = kg("explain", str(CORPUS / "trump-kim-summit-cancelled.txt"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "stopped by status.cancelled.verb" in r.stdout


def test_explain_one_event_by_its_number(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Olaf Scholz met Emmanuel Macron in Paris on Monday.\n\n"
                       "Viktor Orban held talks with Giorgia Meloni in Rome on Tuesday.\n", encoding="utf-8")
    r = kg("explain", str(article), "--event", "2", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "event 2: talks" in r.stdout and "event 1" not in r.stdout and "Olaf Scholz" not in r.stdout
    r = kg("explain", str(article), "--event", "3", cwd=tmp_path)
    assert r.returncode != 0 and r.stderr.strip().count("\n") == 0 and "no event 3" in r.stderr
