"""Read article files into :class:`~kg.model.Article` records.

Accepted inputs: plain text (``.txt``, with an optional ``<stem>.meta.json`` sidecar or a
``MANIFEST.tsv`` beside it or one level up), Markdown with front matter (``.md``), HTML
(``.html``/``.htm``) and JSON lines (``.jsonl``, one article per line). Offsets in the
rest of the pipeline point into ``Article.text``, which is the file's text as read
(universal newlines), so evidence quotes can always be checked against the file.
"""
from __future__ import annotations

import csv
import html.parser
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .model import Article

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".jsonl"}
SKIPPED_NAMES = {"readme.md", "source.md", "license.md", "changelog.md"}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATELINE_ISO = re.compile(r"^[A-Z][A-Za-z .,'()/-]{1,60}\s(\d{4}-\d{2}-\d{2})\s*$", re.M)
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
_DATELINE_LONG = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s+(\d{4})\s*$", re.M)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read; the build goes on without it."""

    path: str
    reason: str


def discover(paths: Iterable[str | Path], skip: Iterable[str | Path] = ()) -> list[Path]:
    """Expand files and directories into a sorted list of article files, leaving out the
    folders in ``skip`` (kg's own exports and store, when they lie inside an article folder).

    A path that does not exist, or a file of a kind kg does not read, is an error before
    anything is read, so a typo never leaves a half-built graph.
    """
    skipped = [Path(p).resolve() for p in skip]
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_article_file(child) \
                        and not any(child.resolve().is_relative_to(d) for d in skipped):
                    found.append(child)
        elif path.is_file():
            if path.suffix.lower() not in TEXT_SUFFIXES:
                raise InputError(f"{path}: not an article file (kg reads {', '.join(sorted(TEXT_SUFFIXES))})")
            found.append(path)
        else:
            raise InputError(f"not a regular file or directory: {path}")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    if path.suffix.lower() not in TEXT_SUFFIXES or name in SKIPPED_NAMES:
        return False
    if any(part.startswith(".") for part in path.parts[-2:]):
        return False
    return True


def read_articles(paths: Iterable[Path], boilerplate: tuple[re.Pattern[str], ...] = ()
                  ) -> Iterator[Article | Skipped]:
    """Yield one Article per article in ``paths`` (a Skipped record for unreadable ones)."""
    for path in paths:
        try:
            yield from _read_path(path, boilerplate)
        except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            yield Skipped(str(path), _reason(exc))
        except OSError as exc:
            yield Skipped(str(path), exc.strerror or str(exc))


def read_article(path: str | Path, boilerplate: tuple[re.Pattern[str], ...] = ()) -> Article:
    """Read exactly one article from a file, raising InputError when it cannot be read."""
    items = list(read_articles([Path(path)], boilerplate))
    if len(items) != 1:
        raise InputError(f"{path}: expected one article, found {len(items)}")
    item = items[0]
    if isinstance(item, Skipped):
        raise InputError(f"{item.path}: {item.reason}")
    return item


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text (save it as UTF-8 and build again)"
    return str(exc)


def _read_path(path: Path, boilerplate: tuple[re.Pattern[str], ...]) -> Iterator[Article]:
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ValueError("binary file, not text")
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _from_json(path, n, line, boilerplate)
        return
    meta: dict[str, object] = dict(_manifest_entry(path))
    if suffix == ".md":
        front, text = _split_front_matter(text)
        meta.update(front)
    elif suffix in (".html", ".htm"):
        title, text = _html_text(text)
        if title:
            meta.setdefault("title", title)
    meta.update(_sidecar(path))
    yield _article(path, text, meta, boilerplate)


def _article(path: Path, text: str, meta: dict[str, object],
             boilerplate: tuple[re.Pattern[str], ...], stem: str | None = None) -> Article:
    title = str(meta.get("title") or _first_line(text) or path.stem)
    date = _clean_date(meta.get("date") or meta.get("published")) or _date_in_text(text)
    return Article(
        id=article_id(stem or str(meta.get("id") or path.stem)),
        path=str(path),
        title=title,
        text=text,
        date=date,
        source=_str_or_none(meta.get("source")),
        url=_str_or_none(meta.get("url")),
        content=content_ranges(text, boilerplate),
    )


def _from_json(path: Path, n: int, line: str, boilerplate: tuple[re.Pattern[str], ...]) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {n}: not JSON ({exc.msg})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise ValueError(f"line {n}: an article needs a \"text\" string")
    stem = str(record.get("id") or f"{path.stem}-{n}")
    return _article(path, record["text"].replace("\r\n", "\n"), record, boilerplate, stem=stem)


def article_id(stem: str) -> str:
    """A stable, IRI-safe id from a file stem (``Blinken Xi.txt`` → ``blinken-xi``)."""
    value = unicodedata.normalize("NFKD", stem)
    value = "".join(c for c in value if not unicodedata.combining(c))
    value = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-")
    return value or "article"


def content_ranges(text: str, boilerplate: tuple[re.Pattern[str], ...]) -> tuple[tuple[int, int], ...]:
    """Paragraph ranges that are content: paragraphs matching a boilerplate pattern, and
    everything after a boilerplate paragraph that ends an article (comment forms), are left out."""
    ranges: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\n](?:.|\n(?!\s*\n))*", text):
        para = match.group()
        if any(p.search(para) for p in boilerplate):
            continue
        ranges.append((match.start(), match.end()))
    return tuple(ranges)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _clean_date(value: object) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.search(str(value))
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None

#: "KYIV, September 6, 2023 - ...", "WASHINGTON, Sept. 6, 2023 (Reuters) -": a dateline with a year
_DATELINE_CITY = re.compile(
    r"^[A-Z][A-Z .'-]{1,40}(?:,\s+[A-Z][A-Za-z .'-]{1,30})?,\s+"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(\d{1,2}),\s+(\d{4})\b", re.M)


def _date_in_text(text: str) -> str | None:
    head = text[:1500]
    m = _DATELINE_ISO.search(head)
    if m:
        return m.group(1)
    for rx in (_DATELINE_LONG, _DATELINE_CITY):
        m = rx.search(head)
        if m:
            return f"{int(m.group(3)):04d}-{_MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return None


def _sidecar(path: Path) -> dict[str, object]:
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"metadata sidecar {side.name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"metadata sidecar {side.name} must hold a JSON object")
    return data


def _manifest_entry(path: Path) -> dict[str, str]:
    for folder in (path.parent, path.parent.parent):
        table = _manifest(str(folder / "MANIFEST.tsv"))
        if table:
            # the path as given: a symlinked article is looked up under its own name
            rel = path.absolute().relative_to(folder.absolute()).as_posix()
            if rel in table:
                return table[rel]
    return {}


@lru_cache(maxsize=16)
def _manifest(path: str) -> dict[str, dict[str, str]]:
    """A folder's MANIFEST.tsv (columns ``file`` and any of title/date/published/url)."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    table = {}
    for row in rows:
        name = row.get("file")
        if name:
            table[name] = {k: v for k, v in row.items()
                           if k in ("title", "date", "published", "url", "source") and v}
    return table


def _split_front_matter(text: str) -> tuple[dict[str, object], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        raise ValueError("front matter opened with --- but never closed")
    meta: dict[str, object] = {}
    for line in text[4:end].splitlines():
        if ":" in line:
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip().strip('"').strip("'")
    return meta, text[end + 5:]


class _HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "section", "article", "tr"}
    SKIP = {"script", "style", "nav", "footer", "header", "aside", "form", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def _html_text(source: str) -> tuple[str, str]:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    text = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text).strip()
    return " ".join("".join(parser.title).split()), text
