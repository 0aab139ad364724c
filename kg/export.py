"""Deterministic exports of the store: Turtle, TriG, N-Quads and JSON-LD.

Byte-identical output for the same graph: statements are sorted as N-Triples/N-Quads lines
before Oxigraph's serialiser writes them, so neither insertion order nor storage layout
shows through. Bookkeeping (graph digests) is left out. Stores hand the graphs over one at
a time (``graph_ntriples``), which is Oxigraph's fastest way out of an on-disk store.

Reading an on-disk store is mostly Oxigraph looking up the text of every term, one core's
work; with two cores or more, a forked worker reads from a snapshot of the store (hard
links, made in milliseconds) while this process reads too, and each writes its part. For
N-Quads and TriG a part is one run of graphs in export order. Turtle, which needs no graph
names, is read predicate by predicate (``kg.graph.lines``: half the term lookups of a dump),
the two processes taking the next predicate as they are free; then they trade statements
so that each holds one run of subjects. Oxigraph's serialisers give the parts the bytes of
one pass, and no step after the reading waits on a single core.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import tempfile
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from itertools import compress
from multiprocessing.connection import Connection
from operator import ne
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .graph.lines import predicate_lines, predicates, sampled_predicates
from .graph.store import DIGEST_GRAPH, MEMORY, OxigraphStore, Store
from .graph.vocab import PREFIXES


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"


def _split(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\n") if line]


def _unique(lines: list[bytes]) -> list[bytes]:
    """Sorted lines without repeats (a statement that several graphs hold is written once)."""
    lines.sort()
    return list(compress(lines, map(ne, lines, [None, *lines[:-1]])))


def _opened(store: ox.Store | None, path: str | None) -> ox.Store:
    return store if store is not None else ox.Store.read_only(path)


def _take(taken: Any) -> int:
    """The next predicate for this process (``taken``: a counter the two processes share)."""
    with taken.get_lock():
        index = taken.value
        taken.value += 1
    return int(index)


def _sorted_lines(store: ox.Store | None, path: str | None, predicates: list[ox.NamedNode], taken: Any,
                  more: Callable[[], list[ox.NamedNode]] | None = None) -> list[bytes]:
    """The N-Triples lines of the predicates this process takes, one at a time until none is
    left (so that two share the work whatever the predicates' sizes), sorted, repeats left
    in; ``more()`` gives the predicates after ``predicates`` when they are reached. ``store``
    None: open ``path`` read-only (in a worker)."""
    store = _opened(store, path)
    work = list(predicates)
    chunks = []
    while True:
        index = _take(taken)
        if index >= len(work) and more is not None:
            work += more()
            more = None
        if index >= len(work):
            break
        chunks.append(predicate_lines(store, work[index], DIGEST_GRAPH))
    lines = b"".join(chunks).split(b"\n")
    lines.pop()  # after the last newline
    lines.sort()
    return lines


def _token(graph: str) -> bytes:
    return f"<{graph}>".encode("utf-8")


def _nquads(graphs: list[tuple[bytes, list[bytes]]]) -> bytes:
    """N-Quads of (``<graph>`` token, its sorted N-Triples lines) in that order."""
    data = b"\n".join(line[:-1] + token + b" ." for token, lines in graphs for line in lines)
    return data + (b"\n" if data else b"")


def _serialised(nquads: bytes, fmt: ExportFormat) -> bytes:
    """N-Quads as they are, or parsed and written in ``fmt`` (TriG, JSON-LD)."""
    if fmt is ExportFormat.nquads:
        return nquads
    quads = ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    rdf = ox.RdfFormat.TRIG if fmt is ExportFormat.trig else ox.RdfFormat.JSON_LD
    return ox.serialize(quads, format=rdf, prefixes=PREFIXES if rdf is ox.RdfFormat.TRIG else None) or b""


def _graph_run(store: ox.Store, part: int) -> list[str]:
    """The first or the second half of the graphs (digests left out) in the order of their
    tokens, which is the order of the export."""
    names = sorted((g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value != DIGEST_GRAPH),
                   key=_token)
    return names[:len(names) // 2] if part == 0 else names[len(names) // 2:]


def _quads_part(store: ox.Store | None, path: str | None, part: int, fmt: ExportFormat) -> bytes:
    """``fmt`` (N-Quads or TriG) of one run of graphs (see ``_graph_run``); ``store`` None:
    open ``path`` read-only (in a worker)."""
    store = _opened(store, path)
    nt = ox.RdfFormat.N_TRIPLES
    graphs = [(_token(graph), sorted(set(_split(store.dump(format=nt, from_graph=ox.NamedNode(graph))))))
              for graph in _graph_run(store, part)]
    return _serialised(_nquads(graphs), fmt)


def _workers() -> int:
    """Processes for an export: two where two cores and ``fork`` are there, else one."""
    if "fork" not in mp.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 1


PARALLEL_BYTES = 64 << 20  # an on-disk store this large (about 200k triples) is read by two processes
PARALLEL_LINES = 200_000  # Turtle of this many statements is written by two processes


def _disk_size(path: str) -> int:
    try:
        return sum(entry.stat().st_size for entry in os.scandir(path) if entry.is_file())
    except OSError:
        return 0


SNAPSHOT_PREFIX = ".kg-export-"  # then the exporting process's id


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # somebody else's process
        return True
    return True


def _remove_stale_snapshots(folder: Path) -> None:
    """Snapshots that exports which were killed left beside the store (their process is gone)."""
    for entry in folder.glob(SNAPSHOT_PREFIX + "*"):
        pid = entry.name[len(SNAPSHOT_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def _snapshot(store: Store) -> Iterator[str | None]:
    """A snapshot of an on-disk store for a forked worker to read (hard links, so made in
    milliseconds, and nobody writes to it); None where two processes would be no faster or
    the snapshot cannot be made, and the caller reads alone."""
    if (not isinstance(store, OxigraphStore) or store.location == MEMORY or _workers() < 2
            or _disk_size(store.location) < PARALLEL_BYTES):
        yield None
        return
    folder = Path(store.location).resolve().parent
    _remove_stale_snapshots(folder)
    try:
        tmp = tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", dir=folder)
    except OSError:
        yield None
        return
    try:
        snapshot = str(Path(tmp) / "snapshot")
        try:
            store.raw.backup(snapshot)  # on the same file system: hard links, not a copy
        except OSError:
            snapshot = None
        yield snapshot
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _worker(job: Callable[[Connection], None]) -> Iterator[Connection | None]:
    """A forked process running ``job`` with its end of a pipe; yields this process's end, or
    None where no process is to be had. Each process closes the other's end, so that each
    sees the pipe end when the other dies: a worker whose parent was killed stops at its next
    message instead of waiting for ever. On the way out the pipe is closed and the worker,
    done by then unless this process gave up on it, is waited for or stopped."""
    ctx = mp.get_context("fork")
    here, there = ctx.Pipe()

    def run() -> None:
        here.close()
        try:
            job(there)
        except (OSError, EOFError):  # the parent is gone, or gave up
            pass
        finally:
            there.close()

    try:
        process = ctx.Process(target=run, daemon=True)
        process.start()
    except OSError:
        here.close()
        there.close()
        yield None
        return
    there.close()
    try:
        yield here
    finally:
        here.close()
        process.join(timeout=1)
        if process.is_alive():
            process.terminate()
            process.join()


def _quads_in_two(store: Store, fmt: ExportFormat) -> bytes | None:
    """N-Quads or TriG of an on-disk store, the second run of graphs read and written by a
    forked worker from a snapshot; None where that cannot be done."""
    with _snapshot(store) as snapshot:
        if snapshot is None:
            return None
        with _worker(lambda conn: conn.send_bytes(_quads_part(None, snapshot, 1, fmt))) as conn:
            if conn is None:
                return None
            try:
                first = _quads_part(store.raw, None, 0, fmt)  # type: ignore[attr-defined]
                second = conn.recv_bytes()
            except (OSError, EOFError):  # the worker died: read alone
                return None
    return first + second if fmt is ExportFormat.nquads else _joined([first, second], ox.RdfFormat.TRIG)


def _graph_lines(store: Store) -> list[tuple[bytes, list[bytes]]]:
    """(``<graph>`` token, its sorted N-Triples lines) per named graph (digests left out), in token order."""
    out = [(_token(graph), sorted(set(_split(data)))) for graph, data in store.graph_ntriples()]
    out.sort(key=lambda item: item[0])
    return out


def _all_lines(store: Store) -> list[bytes]:
    """Every statement of the graphs (digests left out) as a sorted N-Triples line, once."""
    lines: list[bytes] = []
    for _, data in store.graph_ntriples():
        lines += _split(data)
    return _unique(lines)


def _turtle_part(lines: list[bytes]) -> bytes:
    triples = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""


def _header(rdf: ox.RdfFormat) -> bytes:
    """What Oxigraph's Turtle or TriG serialiser writes before the first statement (the prefixes)."""
    x = ox.NamedNode("urn:x")
    trig = rdf is ox.RdfFormat.TRIG
    out = ox.serialize([ox.Quad(x, x, x, x) if trig else ox.Triple(x, x, x)], format=rdf, prefixes=PREFIXES) or b""
    return out[:out.index(b"<urn:x>")]


def _joined(parts: list[bytes], rdf: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes | None:
    """Turtle (TriG) parts of consecutive runs of subjects (graphs) as the bytes of one pass:
    the prefixes of all but the first dropped (parts of no statements left out); None if a
    part does not start with the prefixes, as a serialiser that writes otherwise would."""
    parts = [part for part in parts if part]
    if not parts:
        return b""
    header = _header(rdf)
    if not all(part.startswith(header) for part in parts):
        return None
    return parts[0] + b"".join(part[len(header):] for part in parts[1:])


def _subject_of(line: bytes) -> bytes:
    """A line's subject and the space after it: every line of that subject sorts on the same
    side of it, so it cuts sorted lines between two subjects."""
    return line[:line.index(b" ") + 1]


def _subject_cut(lines: list[bytes]) -> bytes:
    """Where sorted lines split into two runs of whole subjects of about the same size."""
    return _subject_of(lines[len(lines) // 2]) if lines else b""


SAMPLES = 512  # lines of its share a process tells the other, to choose where to cut


def _sample(lines: list[bytes]) -> bytes:
    """How many sorted lines there are and every few of them, for ``_balanced_cut``."""
    step = max(1, len(lines) // SAMPLES)
    return b"\n".join([str(len(lines)).encode("ascii"), *lines[::step]])


def _balanced_cut(lines: list[bytes], sample: bytes) -> bytes:
    """Where this process's sorted lines and the other's (known by ``_sample``) together split
    into two runs of whole subjects of about the same size (the two processes' shares can hold
    different subjects: they read different predicates)."""
    count, *theirs = sample.split(b"\n")
    step = int(count) / len(theirs) if theirs else 0.0
    mine = lines[::max(1, len(lines) // SAMPLES)]
    candidates = sorted(mine + theirs)
    if not candidates:
        return b""
    half = (len(lines) + int(count)) / 2

    def below(line: bytes) -> float:
        return bisect_left(lines, line) + bisect_left(theirs, line) * step

    lo, hi = 0, len(candidates) - 1
    while lo < hi:  # the first candidate with half of all lines before it
        mid = (lo + hi) // 2
        if below(candidates[mid]) < half:
            lo = mid + 1
        else:
            hi = mid
    return _subject_of(candidates[lo])


def _names(data: bytes) -> list[ox.NamedNode]:
    return [ox.NamedNode(iri) for iri in data.decode("utf-8").split("\n") if iri]


def _turtle_worker(conn: Connection, snapshot: str, first: list[ox.NamedNode], taken: Any) -> None:
    """The second process of ``_turtle_in_two``: reads its share of the predicates (``first``,
    then the rest, which it is sent), trades the statements of the first run of subjects for
    those of the second, writes their Turtle."""
    lines = _sorted_lines(None, snapshot, first, taken, more=lambda: _names(conn.recv_bytes()))
    conn.send_bytes(_sample(lines))
    cut = bisect_left(lines, conn.recv_bytes())
    conn.send_bytes(b"\n".join(lines[:cut]))
    mine = lines[cut:] + _split(conn.recv_bytes())
    del lines
    conn.send_bytes(_turtle_part(_unique(mine)) if mine else b"")


def _send(conn: Connection, data: bytes) -> None:
    """Send from a thread: a worker that died shows as the end of what it sends, not here."""
    try:
        conn.send_bytes(data)
    except OSError:
        pass


def _turtle_in_two(store: Store) -> bytes | None:
    """Turtle of an on-disk store read by two processes, predicate by predicate (see
    ``kg.graph.lines``); then each takes one run of subjects (the statements of the other
    run go to the other process) and writes its Turtle, so that reading, sorting and writing
    are all split. None where that cannot be done, and the caller works alone."""
    with _snapshot(store) as snapshot:
        if snapshot is None:
            return None
        raw: ox.Store = store.raw  # type: ignore[attr-defined]
        # the worker starts on the predicates of a few graphs while this process lists them all
        first = sampled_predicates(raw, store.graphs())
        taken = mp.get_context("fork").Value("i", 0)
        with _worker(lambda conn: _turtle_worker(conn, snapshot, first, taken)) as conn:
            if conn is None:
                return None
            senders: list[threading.Thread] = []
            try:
                return _turtle_here(raw, conn, first, taken, senders)
            except (OSError, EOFError, SyntaxError):  # the worker died, or a predicate no query can name: work alone
                return None
            finally:
                for sender in senders:  # ends once the worker has read it, or is gone
                    sender.join()


def _turtle_here(raw: ox.Store, conn: Connection, first: list[ox.NamedNode], taken: Any,
                 senders: list[threading.Thread]) -> bytes | None:
    """This process's side of ``_turtle_in_two`` (``_turtle_worker`` is the other's)."""
    known = set(first)
    rest = [p for p in predicates(raw) if p not in known]
    conn.send_bytes("\n".join(p.value for p in rest).encode("utf-8"))
    lines = _sorted_lines(raw, None, first + rest, taken)
    cut_at = _balanced_cut(lines, conn.recv_bytes())
    conn.send_bytes(cut_at)
    cut = bisect_left(lines, cut_at)
    # both processes send at once, so this one sends from a thread while it receives
    senders.append(threading.Thread(target=_send, args=(conn, b"\n".join(lines[cut:]))))
    senders[-1].start()
    mine = _split(conn.recv_bytes()) + lines[:cut]
    del lines
    here = _turtle_part(_unique(mine)) if mine else b""
    return _joined([here, conn.recv_bytes()])


def _turtle(lines: list[bytes]) -> bytes:
    """Turtle of sorted N-Triples lines; with two workers, each half (split between two
    subjects, so no subject block is cut) is serialised in its own process, which gives the
    bytes of a single pass (see ``_joined``)."""
    if len(lines) < PARALLEL_LINES or _workers() < 2:
        return _turtle_part(lines)
    mid = bisect_left(lines, _subject_cut(lines))
    with _worker(lambda conn: conn.send_bytes(_turtle_part(lines[mid:]))) as conn:
        if conn is None:
            return _turtle_part(lines)
        try:
            first = _turtle_part(lines[:mid])
            second = conn.recv_bytes()
        except (OSError, EOFError):
            return _turtle_part(lines)
    joined = _joined([first, second])
    return joined if joined is not None else _turtle_part(lines)


def export(store: Store, fmt: ExportFormat | str = ExportFormat.turtle) -> bytes:
    """The whole graph in ``fmt``; Turtle merges all named graphs into one.

    The order is that of sorted N-Triples / N-Quads lines (graph first for N-Quads), and
    Oxigraph's serialisers keep it, so the bytes depend on the statements only."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.turtle:
        done = _turtle_in_two(store)
        return done if done is not None else _turtle(_all_lines(store))
    written = ExportFormat.nquads if fmt is ExportFormat.jsonld else fmt  # JSON-LD: from the N-Quads
    done = _quads_in_two(store, written)
    if done is None:
        done = _serialised(_nquads(_graph_lines(store)), written)
    return done if written is fmt else _serialised(done, fmt)
