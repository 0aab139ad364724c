"""The kg command as a user runs it: real processes, temporary store, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import CORPUS, ROOT


def kg(*args, cwd, env_store=None):
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("cli")
    r = kg("build", str(CORPUS), "--store", str(work / "st"), "--exports", str(work / "exports"), cwd=work)
    assert r.returncode == 0, r.stderr
    return work


def test_cli_build_writes_exports_and_counts(built):
    assert (built / "exports" / "kg.ttl").stat().st_size > 0
    html = (built / "exports" / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in html and "https://" not in html.split("<script type=\"application/json\"")[0]


def test_cli_named_query_who_met(built):
    r = kg("query", "who-met", "--param", "actor=Xi Jinping", "--store", str(built / "st"), "--format", "json", cwd=built)
    assert r.returncode == 0, r.stderr
    assert "Antony Blinken" in {row["label"] for row in json.loads(r.stdout)}


def test_cli_events_jsonl(built):
    r = kg("events", "--format", "jsonl", "--store", str(built / "st"), cwd=built)
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and all("participants" in row for row in rows)


def test_cli_export_is_deterministic(built):
    a = kg("export", "--store", str(built / "st"), "-o", str(built / "a.ttl"), cwd=built)
    b = kg("export", "--store", str(built / "st"), "-o", str(built / "b.trig"), "--format", "trig", cwd=built)
    assert a.returncode == 0 and b.returncode == 0
    assert (built / "a.ttl").read_bytes() == (built / "exports" / "kg.ttl").read_bytes()


def test_cli_validate_passes(built):
    r = kg("validate", "--store", str(built / "st"), cwd=built)
    assert r.returncode == 0, r.stderr + r.stdout


@pytest.mark.parametrize("args,code,needle", [
    (["build", "no-such-dir"], 2, "no such file or directory"),
    (["query", "SELECT WHERE {"], 4, "SPARQL syntax error"),
    (["query", "DELETE WHERE { ?s ?p ?o }"], 4, "read-only"),
    (["query", "no-such-query"], 4, "unknown named query"),
    (["query", "who-met"], 4, "needs --param actor"),
    (["export", "--format", "xml"], 2, "unknown format"),
])
def test_cli_errors_are_one_line(built, args, code, needle):
    r = kg(*args, "--store", str(built / "st"), cwd=built)
    assert r.returncode == code, (r.returncode, r.stderr)
    assert needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_cli_update_refused_leaves_graph_intact(built):
    before = kg("export", "--store", str(built / "st"), "--format", "nquads", cwd=built).stdout
    kg("query", "DROP ALL", "--store", str(built / "st"), cwd=built)
    after = kg("export", "--store", str(built / "st"), "--format", "nquads", cwd=built).stdout
    assert before == after and before


def test_cli_missing_store_for_query(tmp_path):
    r = kg("query", "meetings", "--store", str(tmp_path / "none"), cwd=tmp_path)
    assert r.returncode == 5 and "run `kg build` first" in r.stderr


def test_cli_rules_check_passes_on_shipped_rules(tmp_path):
    r = kg("rules", "check", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 failed" in r.stdout.splitlines()[-1]


def test_cli_rules_check_fails_on_a_bad_example(tmp_path):
    import shutil
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    path = onto / "rules" / "triggers.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["counter_examples"].append("Emmanuel Macron met Narendra Modi in Paris.")
    path.write_text("\n".join([json.dumps(first)] + lines[1:]) + "\n", encoding="utf-8")
    r = kg("rules", "check", "--ontology", str(onto), cwd=tmp_path)
    assert r.returncode == 1
    assert "FAIL " + first["id"] in r.stdout
    assert r.stderr.strip().startswith("kg: [KG700]") and "Traceback" not in r.stderr


def test_cli_version(tmp_path):
    r = kg("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("kg ") and r.stdout.count("\n") == 1


def test_cli_lexicon_import_missing_file(tmp_path):
    r = kg("lexicon", "import-phoenix", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "no such file" in r.stderr


def test_cli_output_path_that_is_a_folder_is_one_line(built, tmp_path):
    r = kg("export", "-o", str(tmp_path), "--store", str(built / "st"), cwd=built)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("kg: [KG100]") and r.stderr.count("\n") == 1


def test_cli_bad_sparql_points_into_the_users_text(built):
    r = kg("query", "SELECT ?x WHERE { ?x a }", "--store", str(built / "st"), cwd=built)
    assert r.returncode == 4
    assert "error at 1:" in r.stderr


def test_cli_serve_on_a_port_in_use_is_one_line(built):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "kg", "serve", "--port", str(port), "--store", str(built / "st")],
                           cwd=built, capture_output=True, text=True, timeout=60)
    assert r.returncode == 5 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "already in use" in r.stderr


def test_cli_build_in_the_article_folder_does_not_read_its_own_exports(tmp_path):
    (tmp_path / "a.txt").write_text((CORPUS / "blinken-xi-meeting.txt").read_text(encoding="utf-8"), encoding="utf-8")
    first = kg("build", ".", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = kg("build", ".", cwd=tmp_path)
    assert again.returncode == 0 and "articles 1 (read 1, new or changed 0, unchanged 1)" in again.stdout, again.stdout


def test_cli_build_of_nothing_or_of_unreadable_files_exits_non_zero_and_keeps_the_rest(tmp_path):
    (tmp_path / "empty").mkdir()
    r = kg("build", "empty", "--store", "st", "--no-exports", cwd=tmp_path)
    assert r.returncode == 2 and "no article files found" in r.stderr
    news = tmp_path / "news"
    news.mkdir()
    (news / "noise.txt").write_bytes(bytes(range(256)) * 4)
    (news / "ok.txt").write_text("Antony Blinken met Wang Yi in Beijing on Monday.", encoding="utf-8")
    r = kg("build", "news", "--store", "st", "--no-exports", cwd=tmp_path)
    assert r.returncode == 2 and "skipped news/noise.txt" in r.stderr and "Traceback" not in r.stderr
    assert "read 1, new or changed 1" in r.stdout
