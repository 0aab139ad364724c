from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.ingest import Skipped, article_id, content_ranges, discover, read_article, read_articles


def test_ingest_sidecar_metadata_keeps_text_intact(tmp_path):
    text = "Leaders meet\n\nThe body of the article.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "T", "date": "2024-03-05", "source": "S", "url": "http://x"}')
    art = read_article(tmp_path / "a.txt")
    assert art.text == text
    assert (art.title, art.date, art.source, art.url) == ("T", "2024-03-05", "S", "http://x")
    assert art.id == "a"


def test_ingest_front_matter_markdown(tmp_path):
    (tmp_path / "b.md").write_text("---\ntitle: Hello\ndate: 2020-01-02\n---\nBody text here.\n")
    art = read_article(tmp_path / "b.md")
    assert art.title == "Hello" and art.date == "2020-01-02" and art.text == "Body text here.\n"


def test_ingest_dateline_date_when_no_metadata(tmp_path):
    (tmp_path / "c.txt").write_text("Headline\n\nAMMAN 1996-08-29\n\nThe king met the envoy.\n")
    assert read_article(tmp_path / "c.txt").date == "1996-08-29"


def test_ingest_boilerplate_left_out_of_content(resources):
    text = "Real news paragraph.\n\nLeave a Reply\n\nYour email address will not be published.\n"
    ranges = content_ranges(text, resources.boilerplate)
    kept = [text[a:b] for a, b in ranges]
    assert kept == ["Real news paragraph."]


def test_ingest_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nope"])


def test_ingest_binary_and_bad_utf8_are_skipped_not_fatal(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Fine\n\nText.")
    items = list(read_articles(discover([tmp_path])))
    skipped = sorted(i.path.rsplit("/", 1)[-1] for i in items if isinstance(i, Skipped))
    assert skipped == ["bin.txt", "latin.txt"]
    assert [i.id for i in items if not isinstance(i, Skipped)] == ["ok"]


def test_ingest_jsonl_one_article_per_line(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"id": "x1", "text": "One.", "title": "A"}\n{"text": "Two."}\n')
    items = list(read_articles(discover([tmp_path])))
    assert [i.id for i in items] == ["x1", "feed-2"]


def test_ingest_article_id_is_iri_safe():
    assert article_id("Blinken Xi (2023)") == "Blinken-Xi-2023"


def test_ingest_symlinked_article_in_a_manifest_folder(tmp_path):
    from kg.ingest import read_article

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("Headline\n\nBody text.", encoding="utf-8")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "a.txt").symlink_to(real / "a.txt")
    (linked / "MANIFEST.tsv").write_text("file\ttitle\tdate\na.txt\tA title\t2024-01-02\n", encoding="utf-8")
    art = read_article(linked / "a.txt")
    assert art.title == "A title" and art.date == "2024-01-02"


def test_ingest_date_from_a_city_dateline(tmp_path):
    from kg.ingest import read_article

    path = tmp_path / "a.txt"
    path.write_text("Ministers meet\n\nKYIV, September 6, 2023 - Antony Blinken met Dmytro Kuleba.\n", encoding="utf-8")
    assert read_article(path).date == "2023-09-06"


def test_ingest_markdown_without_front_matter_is_an_article_in_a_folder(tmp_path):
    from kg.ingest import discover

    (tmp_path / "note.md").write_text("# Talks\n\nAntony Blinken met Xi Jinping.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["note.md"]


def test_ingest_a_named_file_of_another_kind_is_refused_and_skip_folders_are_left_out(tmp_path):
    (tmp_path / "graph.ttl").write_text("@prefix ex: <http://example.org/> .\n")
    with pytest.raises(InputError, match="not an article file"):
        discover([tmp_path / "graph.ttl"])
    (tmp_path / "a.txt").write_text("Talks\n\nText.")
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "graph.html").write_text("<html><title>kg graph</title></html>")
    assert [p.name for p in discover([tmp_path])] == ["a.txt", "graph.html"]
    assert [p.name for p in discover([tmp_path], skip=[tmp_path / "exports"])] == ["a.txt"]
