"""One exception tree for everything a user can cause.

The CLI turns a :class:`KgError` into a one-line message and a non-zero exit code;
the library never prints or exits. Each class has a stable code so that scripts
(and tests) can tell failures apart without parsing messages.
"""
from __future__ import annotations


class KgError(Exception):
    """Base of all errors a user can cause. ``exit_code`` is what the CLI returns."""

    code = "KG000"
    exit_code = 1

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class InputError(KgError):
    """An article file or directory that cannot be read."""

    code = "KG100"
    exit_code = 2


class ResourceError(KgError):
    """The ontology, a lexicon or a rule file is malformed; lists every problem at once."""

    code = "KG200"
    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        head = self.problems[0] if self.problems else "invalid resources"
        more = f" (and {len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        super().__init__(head + more)


class QueryError(KgError):
    """A SPARQL query that does not parse, is not allowed, or names an unknown query."""

    code = "KG300"
    exit_code = 4


class StoreError(KgError):
    """The store cannot be opened, read or written."""

    code = "KG400"
    exit_code = 5


class ValidationFailed(KgError):
    """SHACL validation found violations."""

    code = "KG500"
    exit_code = 6


class UsageError(KgError):
    """An option or argument that the command cannot use."""

    code = "KG600"
    exit_code = 2


class RuleCheckFailed(KgError):
    """A rule's example does not fire it, or a counter-example does."""

    code = "KG700"
    exit_code = 1


class ModelError(KgError):
    """A trained pipeline that kg ships (the parser) is missing or cannot be loaded."""

    code = "KG800"
    exit_code = 7
