"""The CoNLL-U reader that the parser's training data goes through (a small sample written here)."""
from __future__ import annotations

from kg.models.treebank import news_documents, read_conllu

SAMPLE = """\
# newdoc id = GUM_news_sample
# sent_id = GUM_news_sample-1
# text = Envoys didn't meet.
1\tEnvoys\tenvoy\tNOUN\tNNS\t_\t4\tnsubj\t4:nsubj\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
4\tmeet\tmeet\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

# newdoc id = GUM_bio_sample
# sent_id = GUM_bio_sample-1
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t2:nsubj|3.1:nsubj\t_
2\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t0:root\t_
3\tand\tand\tCCONJ\tCC\t_\t4\tcc\t4:cc\t_
3.1\tspoke\tspeak\tVERB\tVBD\t_\t_\t_\t2:conj\tCopyOf=2
4\tleft\tleave\tVERB\tVBD\t_\t2\tconj\t2:conj\t_
"""


def test_treebank_reads_words_not_ranges_or_empty_nodes(tmp_path):
    path = tmp_path / "sample.conllu"
    path.write_text(SAMPLE, encoding="utf-8")
    first, second = read_conllu(path)
    assert [w.form for w in first.words] == ["Envoys", "did", "n't", "meet", "."]
    assert [w.head for w in first.words] == [3, 3, 3, 3, 3]  # 0-based; the root points to itself
    assert [w.deprel for w in first.words] == ["nsubj", "aux", "advmod", "root", "punct"]
    assert [w.xpos for w in first.words][:2] == ["NNS", "VBD"]
    assert [w.space_after for w in first.words] == [True, True, True, False, True]
    assert [w.form for w in second.words] == ["She", "spoke", "and", "left"]
    assert second.words[3].head == 1 and second.words[3].deprel == "conj"
    assert [s.doc_id for s in news_documents([first, second])] == ["GUM_news_sample"]
