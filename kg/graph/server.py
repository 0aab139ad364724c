"""Run an Oxigraph SPARQL server (the ``oxigraph`` program from PyPI) over a store folder.

``kg serve`` uses it so that other tools can query the graph over HTTP (SPARQL endpoint at
``/query``, a query page at ``/``); the tests and benchmarks use it to have a real SPARQL
1.1 server on a loopback port.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """The ``oxigraph`` program: beside this Python first (a virtualenv), then on PATH."""
    here = Path(sys.executable).parent
    found = shutil.which("oxigraph", path=os.pathsep.join([str(here), os.environ.get("PATH", "")]))
    if not found:
        raise UsageError("the oxigraph server is not installed: pip install 'kg[server]' (or pip install oxigraph)")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_in_use(host: str, port: int) -> None:
    """Refuse a port another program listens on, before starting a server that would fail on it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            raise StoreError(f"{host}:{port} is already in use: stop the program that listens there, "
                             "or choose another --port") from None


def serve_command(location: str | None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                  read_only: bool = False) -> list[str]:
    """The command line that serves ``location`` (None: an empty in-memory server).

    Queries see the union of all graphs by default, as ``kg query`` does."""
    if location is not None and Path(location).is_file():
        raise StoreError(f"{location} is a file, not a store folder")
    if location is not None and not Path(location).is_dir():
        if read_only:
            raise StoreError(f"no store at {location}: run `kg build` first, or name one with --store")
        try:  # a writable server starts a new store, which `kg build --store URL` then fills
            Path(location).mkdir(parents=True)
        except OSError as e:
            raise StoreError(f"cannot make a store at {location}: {e.strerror or e}") from None
    if read_only and location is None:
        raise UsageError("a read-only server needs a store folder")
    cmd = [oxigraph_binary(), "serve-read-only" if read_only else "serve"]
    if location is not None:
        cmd += ["--location", str(location)]
    return cmd + ["--bind", f"{host}:{port}", "--union-default-graph"]


def wait_until_ready(url: str, process: subprocess.Popen[bytes] | None = None, timeout: float = 30.0) -> None:
    """Poll ``url`` until the server answers; raise StoreError if it dies or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            err = (process.stderr.read().decode("utf-8", "replace") if process.stderr else "").strip()
            reason = err.splitlines()[-1] if err else f"exit code {process.returncode}"
            raise StoreError(f"the oxigraph server stopped at start-up: {reason}")
        try:
            with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, even if it does not like the request
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)
    raise StoreError(f"the oxigraph server at {url} did not answer within {timeout:.0f}s")


def _stop_with_parent() -> Callable[[], None] | None:
    """For ``Popen(preexec_fn=...)`` on Linux: the server gets SIGTERM when the process that
    started it dies, even killed outright (SIGKILL), instead of holding its port for ever."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


def start_server(cmd: list[str], **popen: Any) -> subprocess.Popen[bytes]:
    """Run a server command as a child that ends with this process."""
    return subprocess.Popen(cmd, preexec_fn=_stop_with_parent(), **popen)  # noqa: PLW1509 (one system call)


@contextmanager
def running_server(location: str | None = None, *, host: str = DEFAULT_HOST, port: int | None = None,
                   read_only: bool = False) -> Iterator[str]:
    """Start ``oxigraph serve`` on a loopback port, yield its base URL, stop it on exit."""
    port = port or free_port(host)
    cmd = serve_command(location, host=host, port=port, read_only=read_only)
    proc = start_server(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://{host}:{port}"
    try:
        wait_until_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
