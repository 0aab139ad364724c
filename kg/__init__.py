"""kg: a knowledge graph of actors, issues and meetings, read from news articles.

Library first: every CLI command is one call to a function here.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build", "extract", "load_resources", "open_store", "Pipeline"]


def __getattr__(name: str):  # lazy: importing kg does no work and loads no spaCy
    if name == "build":
        from .pipeline import build
        return build
    if name == "extract":
        from .extract import extract
        return extract
    if name == "load_resources":
        from .resources import load_resources
        return load_resources
    if name == "open_store":
        from .graph.store import open_store
        return open_store
    if name == "Pipeline":
        from .nlp import Pipeline
        return Pipeline
    raise AttributeError(name)
