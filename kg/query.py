"""SPARQL over the store: ad-hoc queries, ``.rq`` files and named queries with parameters.

Named queries live in ``ontology/queries/*.rq``. A header line ``# param: NAME = help``
declares a parameter; its value is bound to the variable ``?NAME`` as a literal through
the store's substitution mechanism, never pasted into the query text. Queries are
read-only: an update is refused before it reaches the store.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import QueryError
from .graph.store import Store
from .graph.vocab import PREFIXES

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_COMMENT = re.compile(r"#[^\n<>\"']*$", re.M)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]  # name -> help
    text: str
    path: Path


@dataclass(frozen=True, slots=True)
class Result:
    """A query result in plain Python: rows for SELECT, a bool for ASK, N-Triples for CONSTRUCT."""

    kind: str  # select | ask | graph
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: bytes = b""


def named_queries(folder: Path) -> dict[str, NamedQuery]:
    out = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        desc, params = "", {}
        for line in text.splitlines():
            if line.startswith("# description:"):
                desc = line.split(":", 1)[1].strip()
            elif line.startswith("# param:"):
                name, _, help_ = line.split(":", 1)[1].partition("=")
                params[name.strip()] = help_.strip()
        out[path.stem] = NamedQuery(path.stem, desc, params, text, path)
    return out


def resolve_query(query: str, folder: Path, params: dict[str, str]) -> tuple[str, dict[str, ox.Literal]]:
    """The SPARQL text and bindings for a named query, a ``.rq`` file or inline SPARQL."""
    bad = [k for k in params if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k)]
    if bad:
        raise QueryError(f"parameter names are letters, digits and _: {bad[0]!r}")
    named = named_queries(folder)
    if query in named:
        nq = named[query]
        unknown = sorted(set(params) - set(nq.params))
        if unknown:
            raise QueryError(f"query {query!r} has no parameter {unknown[0]!r}"
                             f" (it takes: {', '.join(nq.params) or 'none'})")
        missing = sorted(set(nq.params) - set(params))
        if missing:
            raise QueryError(f"query {query!r} needs --param {missing[0]}=VALUE ({nq.params[missing[0]]})")
        return nq.text, {k: ox.Literal(v) for k, v in params.items()}
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and Path(query).suffix == ".rq"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"no such query file: {query}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {query}: {exc}") from None
        return text, {k: ox.Literal(v) for k, v in params.items()}
    if re.fullmatch(r"[a-z][a-z0-9-]*", query.strip()):
        raise QueryError(f"unknown named query {query!r}; `kg query --list` shows the named queries")
    return query, {k: ox.Literal(v) for k, v in params.items()}


def run_query(store: Store, sparql: str, bindings: dict[str, ox.Literal] | None = None) -> Result:
    """Run a read-only query over the union of all graphs."""
    if _UPDATE.match(_COMMENT.sub("", sparql)):
        raise QueryError("kg query is read-only: SPARQL updates (INSERT, DELETE, DROP, ...) are refused;"
                         " change the graph with `kg build`")
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items()
                       if not re.search(rf"PREFIX\s+{k}:", sparql, re.I))
    try:
        return _to_result(store.query(prefixes + bind_values(sparql, bindings or {})))
    except QueryError as exc:
        # positions in the user's own text, not in the prefixes kg adds in front of it
        added = prefixes.count("\n")
        message = re.sub(r"\b(\d+):(\d+)\b", lambda m: f"{max(int(m.group(1)) - added, 1)}:{m.group(2)}",
                         str(exc).split("] ", 1)[-1], count=1)
        raise QueryError(message) from None


def bind_values(sparql: str, bindings: dict[str, ox.Literal]) -> str:
    """Bind parameters with a VALUES block at the top of every WHERE clause, subqueries
    included (a subquery that looks a name up first is what keeps the lookup fast, and it
    only sees the parameter this way). Each value is an RDF term serialised (and escaped) by
    Oxigraph, so a value can never change the query."""
    if not bindings:
        return sparql
    if re.search(r"\bWHERE\s*\{", sparql, re.I) is None:
        raise QueryError("parameters need a query with a WHERE clause")
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in sorted(bindings.items())
                     if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name))
    return re.sub(r"\bWHERE\s*\{", lambda m: m.group(0) + " " + block + " ", sparql, flags=re.I)


def _to_result(res: Any) -> Result:
    if isinstance(res, ox.QueryBoolean) or isinstance(res, bool):
        return Result("ask", boolean=bool(res))
    if not isinstance(res, ox.QuerySolutions):  # QueryTriples, or a list of triples from a SPARQL server
        # a graph is a set: its N-Triples lines in order, the same from every store
        lines = (ox.serialize(res, format=ox.RdfFormat.N_TRIPLES) or b"").splitlines(keepends=True)
        return Result("graph", triples=b"".join(sorted(set(lines))))
    columns = tuple(v.value for v in res.variables)
    rows = tuple(tuple(_plain(sol[c]) for c in columns) for sol in res)
    return Result("select", columns, rows)


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt.endswith(("#decimal", "#double", "#float")):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    return term.value


def render(result: Result, fmt: str) -> str:
    """Text for the terminal or a file: table, csv or json (Turtle for CONSTRUCT)."""
    if result.kind == "ask":
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.kind == "graph":
        if not result.triples:
            return ""
        quads = ox.parse(result.triples, format=ox.RdfFormat.N_TRIPLES)
        rdf_fmt = ox.RdfFormat.JSON_LD if fmt == "json" else ox.RdfFormat.TURTLE
        return ox.serialize(quads, format=rdf_fmt, prefixes=PREFIXES if rdf_fmt == ox.RdfFormat.TURTLE else None
                            ).decode("utf-8")
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buf.getvalue().rstrip("\n")
    return table(result.columns, [[_short(v) for v in row] for row in result.rows])


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(ns) > 20:
            return f"{prefix}:{text[len(ns):]}"
    return text


def table(columns: tuple[str, ...] | list[str], rows: list[list[str]], width: int = 60) -> str:
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in map(str, row)] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
