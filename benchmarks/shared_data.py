"""Where the benchmarks find the shared news and gold files: ``$KG_SHARED``, else ``../shared``
beside the checkout. A missing file is a one-line message, not a traceback."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KG_SHARED") or ROOT.parent / "shared")


def need(path: Path) -> Path:
    """``path`` if it exists; else exit with a message that says how to point at the data."""
    if not path.exists():
        sys.exit(f"benchmark: {path} not found (set KG_SHARED to the folder that holds eval/, newspool/, voa/)")
    return path
