"""The ``kg`` command: parse options, call one library function, render the result.

Every error a user can cause arrives here as a :class:`~kg.errors.KgError` and leaves as
one line on stderr with a non-zero exit code.
"""
from __future__ import annotations

import sys
import webbrowser
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import KgError, StoreError, UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Build, query, see and export a knowledge graph of actors, issues and meetings from news.")



def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="Print kg's version and exit.")] = False) -> None:
    """Build, query, see and export a knowledge graph of actors, issues and meetings from news."""


StoreOpt = Annotated[Optional[str], typer.Option("--store", envvar="KG_STORE",
                     help="Store folder (default .kg-store), ':memory:', or a SPARQL endpoint URL.")]
OntologyOpt = Annotated[Optional[Path], typer.Option("--ontology", envvar="KG_ONTOLOGY",
                        help="Ontology folder (default: the one shipped with kg).")]


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class EventFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _resources(ontology: Optional[Path]):
    from .resources import load_resources
    return load_resources(ontology)


def _echo(text: str) -> None:
    if text:
        typer.echo(text)


@app.command()
def build(paths: Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders (default: corpus/).")] = None,
          store: StoreOpt = None, ontology: OntologyOpt = None,
          exports: Annotated[Path, typer.Option(help="Folder for kg.ttl and graph.html.")] = Path("exports"),
          no_exports: Annotated[bool, typer.Option("--no-exports", help="Only load the store.")] = False,
          jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for extraction (the output is the same for any number).")] = 1) -> None:
    """Read articles, extract actors, issues and meetings, load the store and write the exports."""
    from .export import export
    from .graph.store import open_store
    from .pipeline import build as run_build
    from .viz import write_html

    res = _resources(ontology)
    targets = paths or [Path("corpus")]
    st = open_store(store)
    try:
        # kg's own exports and store folder are never read back as articles ("kg build ." in a folder)
        location = getattr(st, "location", None)
        own = [exports] + ([Path(location)] if location and Path(location).is_dir() else [])
        report = run_build(targets, st, res, jobs=jobs, skip=own)
        if not no_exports:
            exports.mkdir(parents=True, exist_ok=True)
            (exports / "kg.ttl").write_bytes(export(st, "turtle"))
            page = write_html(st, exports / "graph.html")
            if page.note:
                typer.echo(f"note: {page.note}")
    finally:
        st.close()
    c = report.counts
    skipped = f", skipped {len(report.skipped)}" if report.skipped else ""
    typer.echo(f"articles {c['articles']} (read {report.read}, new or changed {report.written}, unchanged {report.unchanged}{skipped})"
               f"  actors {c['actors']}  meetings {c['meetings']}  issues {c['issues']}  triples {c['triples']}"
               f"  in {report.seconds:.1f}s")
    if not no_exports:
        typer.echo(f"wrote {exports / 'kg.ttl'} and {exports / 'graph.html'}")
    if report.read == 0 and not report.skipped:
        typer.echo("kg: no article files found (.txt, .md, .html, .htm or .jsonl) in "
                   + ", ".join(str(t) for t in targets), err=True)
        raise typer.Exit(2)
    for s in report.skipped:
        typer.echo(f"kg: skipped {s.path}: {s.reason}", err=True)
    if report.skipped:
        raise typer.Exit(2)


@app.command()
def query(query: Annotated[Optional[str], typer.Argument(help="SPARQL text, a .rq file, or a named query.")] = None,
          param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE for a named query.")] = None,
          fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
          list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
          store: StoreOpt = None, ontology: OntologyOpt = None) -> None:
    """Run a read-only SPARQL query over all graphs (SELECT, ASK or CONSTRUCT)."""
    from .graph.store import open_store
    from .query import named_queries, render, resolve_query, run_query, table
    from .resources import default_ontology_dir

    folder = (ontology or default_ontology_dir()) / "queries"
    if list_:
        rows = [[q.name, ", ".join(q.params) or "-", q.description] for q in named_queries(folder).values()]
        _echo(table(["name", "params", "description"], rows, width=90))
        return
    if not query:
        raise UsageError("give a query: SPARQL text, a .rq file, or a named query (see `kg query --list`)")
    params = {}
    for item in param or []:
        if "=" not in item:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        k, _, v = item.partition("=")
        params[k.strip()] = v
    text, bindings = resolve_query(query, folder, params)
    st = open_store(store, read_only=True)
    try:
        _echo(render(run_query(st, text, bindings), fmt.value))
    finally:
        st.close()


@app.command()
def events(fmt: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.jsonl,
           store: StoreOpt = None) -> None:
    """The meetings as rows: one per meeting and article (JSON lines, CSV or a table)."""
    from .events import events as event_rows, render_events
    from .graph.store import open_store

    st = open_store(store, read_only=True)
    try:
        _echo(render_events(event_rows(st), fmt.value))
    finally:
        st.close()


@app.command()
def export(output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write, its folder made if missing (default: stdout).")] = None,
           fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld")] = "turtle",
           store: StoreOpt = None) -> None:
    """Write the graph in a standard RDF format, byte-identical for the same graph."""
    from .export import ExportFormat, export as run_export
    from .graph.store import open_store

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown format {fmt!r}: use turtle, trig, nquads or jsonld") from None
    st = open_store(store, read_only=True)
    try:
        data = run_export(st, chosen)
    finally:
        st.close()
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        typer.echo(f"wrote {output}")
    else:
        sys.stdout.buffer.write(data)


class VizView(str, Enum):
    auto = "auto"
    full = "full"
    actors = "actors"
    top = "top"


@app.command()
def viz(output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("exports/graph.html"),
        focus: Annotated[Optional[str], typer.Option("--focus", help="Only this actor's neighbourhood (a name, alias or id).")] = None,
        depth: Annotated[int, typer.Option("--depth", help="Steps out from --focus (2: its meetings and who and what was there).")] = 2,
        issue: Annotated[Optional[str], typer.Option("--issue", help="Only the meetings on this issue (or a narrower one).")] = None,
        query: Annotated[Optional[str], typer.Option("--query", help="Draw a SPARQL CONSTRUCT result (a .rq file, a named query or inline).")] = None,
        view: Annotated[VizView, typer.Option("--view", help="auto picks what fits: the full graph, the actor network, or the top actors.")] = VizView.auto,
        max_nodes: Annotated[int, typer.Option("--max-nodes", help="Largest graph 'auto' draws in full.")] = 1500,
        title: Annotated[Optional[str], typer.Option("--title", help="Page title.")] = None,
        open_: Annotated[bool, typer.Option("--open", help="Open the page in your browser.")] = False,
        store: StoreOpt = None, ontology: OntologyOpt = None) -> None:
    """Write an interactive HTML view of the graph that opens with no network access."""
    from .graph.store import open_store
    from .viz import write_html

    construct = None
    if query is not None:
        from .query import resolve_query
        from .resources import default_ontology_dir
        construct, _ = resolve_query(query, (ontology or default_ontology_dir()) / "queries", {})
    if max_nodes < 1:
        raise UsageError(f"--max-nodes must be 1 or more, not {max_nodes}")
    st = open_store(store, read_only=True)
    try:
        data = write_html(st, output, view=view.value, focus_on=focus, depth=depth, issue=issue,
                          construct=construct, max_nodes=max_nodes, title=title)
    finally:
        st.close()
    scope = "".join([f" of the neighbourhood of {focus!r} (depth {depth})" if focus else "",
                     f" of the meetings on {issue!r}" if issue else "", " of the query result" if query else ""])
    typer.echo(f"wrote {output}: {len(data.nodes)} nodes, {len(data.edges)} edges ({data.view} view{scope})")
    if data.note:
        typer.echo(f"note: {data.note}")
    if open_ and not webbrowser.open(output.resolve().as_uri()):
        # the page is written, which is the command's job; say so and leave opening it to the user
        typer.echo(f"note: no browser found to open {output}; open it yourself", err=True)


@app.command()
def stats(fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
          top: Annotated[int, typer.Option("--top", "-n", help="Rows per section.")] = 10,
          store: StoreOpt = None) -> None:
    """The most central actors, the most discussed issues, who meets whom most, and communities."""
    from .graph.store import open_store
    from .stats import graph_stats, render_stats

    if top < 1:
        raise UsageError(f"--top must be 1 or more, not {top}")
    st = open_store(store, read_only=True)
    try:
        result = graph_stats(st, top=top)
    finally:
        st.close()
    _echo(render_stats(result, fmt.value))


@app.command()
def validate(store: StoreOpt = None, ontology: OntologyOpt = None) -> None:
    """Check the graph against the SHACL shapes; exit non-zero on violations."""
    from .errors import ValidationFailed
    from .graph.store import open_store
    from .resources import default_ontology_dir
    from .validate import validate as run_validate

    st = open_store(store, read_only=True)
    try:
        report = run_validate(st, (ontology or default_ontology_dir()) / "shapes.ttl")
    finally:
        st.close()
    if not report.conforms:
        typer.echo(report.text, err=True)
        raise ValidationFailed(f"{report.violations} SHACL violation(s)")
    typer.echo("valid: the graph conforms to ontology/shapes.ttl")


@app.command()
def serve(store: StoreOpt = None,
          host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
          writable: Annotated[bool, typer.Option("--writable", help="Accept updates, so that `kg build --store URL` can load through it.")] = False) -> None:
    """Serve the local store as a SPARQL endpoint (with a query page) until Ctrl-C."""
    import signal

    from .graph.server import port_in_use, serve_command, start_server
    from .graph.store import MEMORY, default_location

    location = store or default_location()
    if location == MEMORY or location.startswith(("http://", "https://")):
        raise UsageError("kg serve serves a store folder, not :memory: or a server URL")
    cmd = serve_command(location, host=host, port=port, read_only=not writable)
    port_in_use(host, port)
    typer.echo(f"serving {location} at http://{host}:{port}/ (SPARQL: /query{', /update, /store' if writable else ''};"
               " Ctrl-C stops)")
    proc = start_server(cmd)
    previous = signal.signal(signal.SIGTERM, lambda *_: proc.terminate())  # stopping kg stops the server
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        code = proc.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code not in (0, -signal.SIGINT, -signal.SIGTERM, 130):
        raise StoreError(f"the oxigraph server stopped with exit code {code} (is port {port} already in use?)")


@app.command()
def explain(article: Annotated[str, typer.Argument(help="An article file (a feed record as feed.jsonl#ID).")],
            event: Annotated[Optional[int], typer.Option("--event", "-e", help="Only this event (counted from 1).")] = None,
            ontology: OntologyOpt = None) -> None:
    """Say why kg read an article as it did: each event with the rules behind its parts, and each
    meeting word that gave no event with the rule that stopped it."""
    from .explain import explain as run, render
    from .nlp import Pipeline

    pipeline = Pipeline(_resources(ontology))
    texts = [render(x, event) for x in run(Path(article), pipeline)]
    typer.echo("\n\n".join(texts))


rules_app = typer.Typer(no_args_is_help=True, help="The extraction rules in ontology/rules/.")
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(ontology: OntologyOpt = None,
                verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every case, not only failures.")] = False) -> None:
    """Run every rule's examples (must fire) and counter-examples (must not); exit 1 on a failure."""
    from .errors import RuleCheckFailed
    from .nlp import Pipeline
    from .rulecheck import check_rules, thin_rules

    pipeline = Pipeline(_resources(ontology))
    cases = check_rules(pipeline)
    for c in cases:
        if verbose or not c.ok:
            verdict = "ok  " if c.ok else "FAIL"
            expect = "fires" if c.should_fire else "must not fire"
            typer.echo(f"{verdict} {c.rule.id} ({Path(c.rule.file).name}:{c.rule.line}) {expect}: {c.text}")
    thin = thin_rules(pipeline)
    for r in thin:
        typer.echo(f"THIN {r.id} ({Path(r.file).name}:{r.line}): needs at least two examples and one counter-example")
    failed = sum(not c.ok for c in cases)
    typer.echo(f"{len(pipeline.resources.rules)} rules, {len(cases)} cases: {len(cases) - failed} ok, {failed} failed")
    if failed or thin:
        raise RuleCheckFailed(f"{failed} rule case(s) failed, {len(thin)} rule(s) without enough examples")


lexicon_app = typer.Typer(no_args_is_help=True, help="Grow the actor gazetteer from other lexicons.")
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("import-phoenix")
def import_phoenix(source: Annotated[Path, typer.Argument(help="A Phoenix/TABARI actors file, e.g. Phoenix.Countries.actors.txt.")],
                   output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Gazetteer file to write (default: ontology/actors/imported/phoenix-<dictionary>.jsonl).")] = None,
                   ontology: OntologyOpt = None) -> None:
    """Import the people of a Phoenix actor dictionary (with their dated affiliations) into the gazetteer."""
    from .errors import InputError
    from .lexicon import default_target, import_phoenix as run_import

    if not source.is_file():
        raise InputError(f"{source}: no such file")
    from .resources import load_resources

    res = load_resources(ontology, imported=False)
    target = output or default_target(source, res)
    report = run_import(source, res, target)
    left = report.read - report.written - report.known
    typer.echo(f"read {report.read} people, wrote {report.written} to {report.path} "
               f"({report.known} already in the gazetteer, {left} left out: no known country, "
               "a single name, an institution or a duplicate)")


def main() -> None:
    try:
        code = app(standalone_mode=False)  # without standalone mode, click returns typer.Exit's code
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as exc:
        typer.echo(f"kg: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("kg: aborted", err=True)
        sys.exit(130)
    except OSError as exc:  # a path the user gave that cannot be written or read ("-o /tmp", a full disk)
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        typer.echo(f"kg: [KG100] {where}{exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # click usage errors (typer >= 0.29 raises those of its own copy of click)
        import click
        usage: tuple[type, ...] = (click.exceptions.ClickException,)
        try:
            from typer._click.exceptions import ClickException as TyperClickException
            usage += (TyperClickException,)
        except ImportError:
            pass
        if isinstance(exc, usage):
            # typer's own copy of click words a bad choice "Value error, 'xml' is not one of ..."
            typer.echo(f"kg: {exc.format_message().replace('Value error, ', '')}", err=True)
            sys.exit(exc.exit_code)
        raise
