"""Train kg's tagger + dependency parser from the UD treebanks.

    python -m kg.models.train [parser] [--shared DIR] [--work DIR] [-o section.key=value ...]

The treebanks are read from ``$KG_SHARED/ud`` (default ``../shared/ud`` beside the checkout) and never
copied into the repository. The command converts them to spaCy DocBins in a work folder (default
``build/models``, ignored by git), trains with ``spacy train`` on the config kept next to this module
(``parser.cfg``), scores the best model on the held-out test sets, copies it into the
package (``kg/models/parser``) and writes the scores and the wall time into the model
card (``kg/models/MODEL_CARD.md``). Everything it prints goes to stdout; nothing here runs at import.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .treebank import Sentence, news_documents, read_conllu

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CARD = HERE / "MODEL_CARD.md"

# The official splits: training and development sets are EWT's plus GUM's (its openly licensed part).
PARSER_TRAIN = ("en_ewt-train.conllu", "en_gum-cc-by-train.conllu")
PARSER_DEV = ("en_ewt-dev.conllu", "en_gum-cc-by-dev.conllu")
EWT_TEST = "en_ewt-test.conllu"
GUM_TEST = "en_gum-cc-by-test.conllu"
# Shipped pipelines keep only what spaCy needs to load them.
KEEP = {"config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "tagger", "parser"}


def shared_dir(arg: str | None) -> Path:
    """The folder that holds ``ud/``: ``--shared``, else ``$KG_SHARED``, else ``../shared`` beside the checkout."""
    return Path(arg or os.environ.get("KG_SHARED") or ROOT.parent / "shared")


def ud_file(shared: Path, name: str) -> Path:
    path = shared / "ud" / name
    if not path.is_file():
        raise SystemExit(f"train: {path} not found (pass --shared or set KG_SHARED to the folder that holds ud/)")
    return path


# ---------------------------------------------------------------------------------------------- conversion

def parse_docbin(sentences: Iterable[Sentence], out: Path) -> int:
    """Write one Doc per sentence (kg parses sentence by sentence) with PTB tags, heads and UD relations.

    Returns the number of words written.
    """
    from spacy.tokens import Doc, DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    docbin = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "SENT_START"], store_user_data=False)
    n = 0
    for s in sentences:
        words = [w.form for w in s.words]
        doc = Doc(vocab, words=words, spaces=[w.space_after for w in s.words],
                  tags=[w.xpos for w in s.words], heads=[w.head for w in s.words],
                  deps=[w.deprel for w in s.words])
        docbin.add(doc)
        n += len(words)
    out.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(out)
    return n


def convert_parser(shared: Path, work: Path) -> dict[str, Path]:
    """The parser's DocBins: train, dev, EWT test, GUM test's news documents."""
    ewt_test = list(read_conllu(ud_file(shared, EWT_TEST)))
    gum_test = list(read_conllu(ud_file(shared, GUM_TEST)))
    sets = {
        "train": [s for name in PARSER_TRAIN for s in read_conllu(ud_file(shared, name))],
        "dev": [s for name in PARSER_DEV for s in read_conllu(ud_file(shared, name))],
        "ewt-test": ewt_test,
        "gum-news-test": news_documents(gum_test),
    }
    paths = {}
    for key, sents in sets.items():
        paths[key] = work / f"parser-{key}.spacy"
        words = parse_docbin(sents, paths[key])
        print(f"  {key:14} {len(sents):6} sentences {words:7} words -> {paths[key]}")
    return paths


# ------------------------------------------------------------------------------------ training and scoring

def train(config: Path, output: Path, train_path: Path, dev_path: Path, overrides: dict[str, Any]) -> Path:
    """``spacy train`` in this process; returns the folder of the best model."""
    from spacy.cli.train import train as spacy_train

    if output.exists():
        shutil.rmtree(output)
    spacy_train(config, output, use_gpu=-1,
                overrides={"paths.train": str(train_path), "paths.dev": str(dev_path), **overrides})
    return output / "model-best"


def _trained(what: str, work: Path, paths: dict[str, Path], overrides: dict[str, Any], reuse: bool,
             started: float) -> tuple[Path, float]:
    """Train ``what`` (or, with ``reuse``, take the model a previous run left in ``work``); returns the best
    model's folder and the wall time, in seconds, that conversion and training took."""
    out = work / what
    seconds = out / "train-seconds"
    if reuse and (out / "model-best").is_dir() and seconds.is_file():
        print(f"reusing {out / 'model-best'}")
        return out / "model-best", float(seconds.read_text())
    print(f"training on {HERE / (what + '.cfg')}")
    best = train(HERE / f"{what}.cfg", out, paths["train"], paths["dev"], overrides)
    took = time.perf_counter() - started
    seconds.write_text(f"{took:.0f}\n")
    return best, took


def score(model: Path | Any, docbin: Path) -> dict[str, Any]:
    """spaCy's own scores of ``model`` on a DocBin (the gold words are kept, so tokenization is gold)."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model) if isinstance(model, Path) else model
    gold = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    examples = [Example(_words_doc(nlp, d), d) for d in gold]
    return nlp.evaluate(examples)


def _words_doc(nlp: Any, gold: Any) -> Any:
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])


def upos_accuracy(sentences: Sequence[Sentence]) -> float:
    """Accuracy of the UPOS that :mod:`kg.syntax` derives from the predicted tags and relations."""
    from kg.syntax import load_parser

    parses = load_parser().parse([[w.form for w in s.words] for s in sentences])
    right = total = 0
    for s, p in zip(sentences, parses):
        for w, pos in zip(s.words, p.pos):
            right += w.upos == pos
            total += 1
    return right / total


def speed(parse: Any, sentences: Sequence[Sequence[str]], repeat: int = 2) -> tuple[float, float]:
    """(words/s, sentences/s) of ``parse`` over ``sentences``, best of ``repeat`` runs."""
    words = sum(len(s) for s in sentences)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        parse(sentences)
        best = min(best, time.perf_counter() - started)
    return words / best, len(sentences) / best


def news_sentences(folders: Iterable[Path], limit: int = 5000) -> list[list[str]]:
    """Up to ``limit`` sentences of the news articles (``*.txt``) in ``folders``, as kg's own tokenizer
    and sentence splitter cut them: the input the parser gets in extraction. Read at measurement time;
    the text is never stored."""
    from kg.nlp import Pipeline
    from kg.resources import load_resources

    pipeline = Pipeline(load_resources())
    out: list[list[str]] = []
    for folder in folders:
        for path in sorted(Path(folder).glob("*.txt")):
            analysis = pipeline.analyse(path.read_text(encoding="utf-8"))
            out += [[t.text for t in analysis.tokens[a:b]] for a, b in analysis.sentences]
            if len(out) >= limit:
                return out[:limit]
    return out


def install(best: Path, target: Path, meta: dict[str, Any]) -> int:
    """Copy the best model into the package, keeping only what loading needs; returns its size in bytes."""
    if target.exists():
        for child in target.iterdir():
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    for child in best.iterdir():
        if child.name in KEEP:
            (shutil.copytree if child.is_dir() else shutil.copy2)(child, target / child.name)
    from spacy import __version__ as spacy_version
    from thinc.api import Config

    config = Config().from_disk(target / "config.cfg", interpolate=False)
    for key in ("train", "dev"):  # the work folder of the run that trained it means nothing elsewhere
        config["paths"][key] = None
    config.to_disk(target / "config.cfg")
    major, minor = (int(x) for x in spacy_version.split(".")[:2])
    meta_path = target / "meta.json"
    old = json.loads(meta_path.read_text(encoding="utf-8"))
    old["spacy_version"] = f">={major}.{minor},<{major}.{minor + 1}"  # not the patch release it was built with
    old.update(meta)
    meta_path.write_text(json.dumps(old, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())


def write_card(section: str, lines: Sequence[str]) -> None:
    """Replace the block between ``<!-- section -->`` and ``<!-- /section -->`` in the model card."""
    text = CARD.read_text(encoding="utf-8")
    block = f"<!-- {section} -->\n" + "\n".join(lines) + f"\n<!-- /{section} -->"
    pattern = re.compile(rf"<!-- {re.escape(section)} -->.*?<!-- /{re.escape(section)} -->", re.S)
    if not pattern.search(text):
        raise SystemExit(f"train: {CARD} has no <!-- {section} --> block")
    CARD.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


CREDITS = [
    "Universal Dependencies English Web Treebank (Silveira et al., 2014), CC BY-SA 4.0",
    "Georgetown University Multilayer Corpus (Zeldes, 2017), CC BY",
]


def run_parser(shared: Path, work: Path, overrides: dict[str, Any], reuse: bool = False) -> None:
    import spacy

    started = time.perf_counter()
    print("converting the treebanks")
    paths = convert_parser(shared, work)
    best, trained = _trained("parser", work, paths, overrides, reuse, started)
    target = HERE / "parser"
    size = install(best, target, {
        "name": "kg_parser", "version": "1.0.0", "license": "CC BY-SA 4.0",
        "description": "kg's tagger (PTB tags) and dependency parser (UD relations), trained on UD English "
                       "EWT and GUM (its CC BY part)",
        "sources": [{"name": c} for c in CREDITS],
    })
    nlp = spacy.load(target)
    rows = []
    scores = {}
    for key, label in (("ewt-test", "EWT test"), ("gum-news-test", "GUM test, news documents")):
        s = score(nlp, paths[key])
        scores[key] = s
        rows.append(f"| {label} | {s['dep_las']:.3f} | {s['dep_uas']:.3f} | {s['tag_acc']:.3f} |")
    from kg.syntax import load_parser

    load_parser.cache_clear()
    upos = {"ewt-test": upos_accuracy(list(read_conllu(ud_file(shared, EWT_TEST)))),
            "gum-news-test": upos_accuracy(news_documents(read_conllu(ud_file(shared, GUM_TEST))))}
    rows = [r + f" {upos[k]:.3f} |" for r, k in zip(rows, scores)]
    sents = news_sentences([shared / "newspool"])
    parser = load_parser()
    wps, sps = speed(parser.parse, sents)
    lines = [
        f"Trained with spaCy {spacy.__version__} by `make model`: {trained / 60:.0f} min of wall time for "
        "conversion and training on this project's 2-core CPU machine (scoring and timing take a minute more).",
        "",
        "| test set | LAS | UAS | tag accuracy (PTB) | UPOS accuracy (derived) |",
        "|---|---|---|---|---|",
        *rows,
        "",
        f"Size on disk: {size / 1e6:.1f} MB. Speed of `Parser.parse` on one core: {wps:,.0f} words/s, "
        f"{sps:,.0f} sentences/s ({len(sents)} news sentences of the news pool, tokenized by kg, "
        f"{sum(len(s) for s in sents) / len(sents):.1f} words each on average).",
    ]
    write_card("parser-scores", lines)
    print("\n".join(lines))


def _overrides(pairs: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"train: -o takes section.key=value, not {pair!r}")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kg.models.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("what", nargs="?", choices=["parser"], default="parser")
    ap.add_argument("--shared", help="folder holding ud/ and newspool/ (default: $KG_SHARED or ../shared)")
    ap.add_argument("--work", default=str(ROOT / "build" / "models"), help="folder for DocBins and checkpoints")
    ap.add_argument("--reuse", action="store_true",
                    help="keep the model a previous run trained in --work: only score, install and rewrite the card")
    ap.add_argument("-o", dest="overrides", action="append", default=[],
                    help="a config override, e.g. -o training.max_epochs=2")
    args = ap.parse_args(argv)
    shared, work = shared_dir(args.shared), Path(args.work)
    overrides = _overrides(args.overrides)
    run_parser(shared, work, overrides, args.reuse)


if __name__ == "__main__":
    main()
