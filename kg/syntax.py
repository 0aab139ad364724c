"""kg's own syntax: a tagger + dependency parser shipped inside the package.

Extraction reads who met whom from the dependency tree, so every sentence that can hold an event is
parsed here. The pipelines were trained by ``python -m kg.models.train`` on the Universal Dependencies
English treebanks (see ``kg/models/MODEL_CARD.md``) and are loaded from the package folder only, never
downloaded. Callers hand in sentences as word lists that kg's own tokenizer made, so token indices here
are the caller's token indices; results come back as plain tuples, and :meth:`Parser.docs` is the one
place spaCy objects leave this module (for spaCy's ``DependencyMatcher`` inside kg's NLP modules).

spaCy is imported inside the functions: ``import kg`` (and ``import kg.syntax``) does no work.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODELS = Path(__file__).resolve().parent / "models"
PARSER_DIR = MODELS / "parser"
UPOS_TABLE = MODELS / "upos.tsv"

SPACE_TAG = "_SP"  # what a whitespace-only word gets: attached to its neighbour, outside the tree
SPACE_DEP = "dep"
SPACE_POS = "SPACE"


class Parse(NamedTuple):
    """One sentence's tagging and tree, one entry per word, as plain strings and ints.

    ``heads[i]`` is the index (within the sentence) of word ``i``'s head; a root points to itself (the
    parser may find more than one root in a long or broken sentence).
    """

    heads: tuple[int, ...]
    deps: tuple[str, ...]  # UD relation, lower case, with subtypes (nsubj:pass, acl:relcl, obl:tmod...)
    tags: tuple[str, ...]  # PTB tag (UD's XPOS)
    pos: tuple[str, ...]  # UPOS, derived from tag, relation and word by the table in models/upos.tsv


def _space(word: str) -> bool:
    return not word.strip()


class UposTable:
    """The universal tag of a word from its PTB tag, relation and form, read from ``models/upos.tsv``.

    The parser is not asked for UPOS (a morphologizer would cost speed and size); UD's UPOS is almost a
    function of the PTB tag, and the few places where it is not (auxiliaries, subordinators,
    determiners used as pronouns, "not") are decided by the relation or the word, as the table says.
    """

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        self._rows = {(tag, rel, word): upos for tag, rel, word, upos in rows}

    @classmethod
    def load(cls, path: Path = UPOS_TABLE) -> UposTable:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                tag, rel, word, upos = line.split("\t")
                rows.append((tag, rel, word, upos))
        return cls(rows)

    def __call__(self, tag: str, rel: str, word: str) -> str:
        word = word.lower().replace("\u2019", "'")
        get = self._rows.get
        return (get((tag, rel, word)) or get((tag, "*", word)) or get((tag, rel, "*"))
                or get(("*", rel, "*")) or get((tag, "*", "*")) or "X")


def _load(path: Path, what: str) -> Language:
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise ModelError(f"kg's {what} is missing from {path}: reinstall kg, or train it with `make model` "
                         "(needs the UD treebanks in ../shared/ud)")
    import spacy

    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ModelError(f"kg's {what} in {path} cannot be loaded ({exc}): retrain it with `make model`") from exc


class Parser:
    """Tags and parses sentences that kg has already tokenized."""

    def __init__(self, nlp: Language, upos: UposTable, *, batch_size: int = 256) -> None:
        self.nlp = nlp
        self.upos = upos
        self.batch_size = batch_size

    def _doc(self, words: Sequence[str]) -> Doc:
        from spacy.tokens import Doc

        return Doc(self.nlp.vocab, words=list(words), spaces=[True] * len(words))

    def _parsed(self, sentences: Sequence[Sequence[str]]) -> Iterable[tuple[Sequence[str], list[int], Doc]]:
        """Each sentence with the indices of its non-space words and the parsed Doc of those words.

        Whitespace-only words are left out of what the parser sees (a newline is no part of the grammar);
        they are put back by the callers, attached to a neighbour.
        """
        kept = [[i for i, w in enumerate(s) if not _space(w)] for s in sentences]
        docs = (self._doc([s[i] for i in k]) for s, k in zip(sentences, kept))
        return zip(sentences, kept, self.nlp.pipe(docs, batch_size=self.batch_size))

    def _arrays(self, words: Sequence[str], kept: list[int], doc: Doc) -> Parse:
        n = len(words)
        heads = list(range(n))
        deps = [SPACE_DEP] * n
        tags = [SPACE_TAG] * n
        pos = [SPACE_POS] * n
        for t in doc:
            i = kept[t.i]
            heads[i] = kept[t.head.i]
            dep = t.dep_.lower()
            deps[i] = dep
            tags[i] = t.tag_
            pos[i] = self.upos(t.tag_, dep, t.text)
        if len(kept) < n:
            for i in range(n):
                if tags[i] == SPACE_TAG:
                    heads[i] = _neighbour(kept, i)
        return Parse(tuple(heads), tuple(deps), tuple(tags), tuple(pos))

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[Parse]:
        """Parse each sentence (a list of words); one :class:`Parse` per sentence, in order.

        Sentences go through spaCy in batches, which is several times faster than one by one.
        """
        return [self._arrays(words, kept, doc) for words, kept, doc in self._parsed(sentences)]

    def docs(self, sentences: Sequence[Sequence[str]]) -> list[Doc]:
        """The parsed spaCy Docs, one per sentence, token ``i`` being the sentence's word ``i``.

        This is the one place spaCy objects leave this module: it is for running spaCy's
        ``DependencyMatcher`` inside kg's NLP modules, and nothing beyond them should hold a Doc. Tokens
        carry ``tag_``, ``pos_`` (from the UPOS table), ``dep_`` (lower case) and ``head``.
        """
        from spacy.tokens import Doc

        out = []
        for words, kept, doc in self._parsed(sentences):
            p = self._arrays(words, kept, doc)
            if len(kept) == len(words):
                for t, pos, dep in zip(doc, p.pos, p.deps):
                    t.pos_ = pos
                    t.dep_ = dep
                out.append(doc)
            else:  # whitespace words were left out: build the Doc of all the words from the arrays
                out.append(Doc(self.nlp.vocab, words=list(words), spaces=[True] * len(words),
                               tags=list(p.tags), pos=list(p.pos), heads=list(p.heads), deps=list(p.deps)))
        return out


def _neighbour(kept: list[int], i: int) -> int:
    """The nearest non-space word before ``i`` (else after it; else ``i`` itself)."""
    at = bisect_left(kept, i)
    if at:
        return kept[at - 1]
    return kept[0] if kept else i


@cache
def load_parser() -> Parser:
    """kg's tagger + parser from the package folder (once per process; nothing is downloaded)."""
    return Parser(_load(PARSER_DIR, "parser"), UposTable.load())
