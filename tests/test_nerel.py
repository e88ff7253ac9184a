"""`kg eval nerel`: brat gold, span and post scoring, the command on a tiny split."""

from __future__ import annotations

from kg.cli import main
from kg.nerel import PRF, read_ann, score_aliases, score_posts, score_spans

TEXT = ("Президент России Владимир Путин встретился с министром иностранных дел Сергеем "
        "Лавровым в здании МИД России.\n")


def _span(part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


def _ann() -> str:
    rows = [("T1", "PROFESSION", _span("Президент")), ("T2", "COUNTRY", _span("России")),
            ("T3", "PERSON", _span("Владимир Путин")),
            ("T4", "PROFESSION", _span("министром иностранных дел")),
            ("T5", "PERSON", _span("Сергеем Лавровым")),
            ("T6", "ORGANIZATION", _span("МИД России")), ("T7", "COUNTRY", _span("России", 1))]
    lines = [f"{t}\t{kind} {s} {e}\t{TEXT[s:e]}" for t, kind, (s, e) in rows]
    lines += ["R1\tWORKPLACE Arg1:T1 Arg2:T2", "R2\tWORKS_AS Arg1:T3 Arg2:T1",
              "R3\tWORKPLACE Arg1:T5 Arg2:T6"]
    return "\n".join(lines) + "\n"


def test_gold_classes_nesting_and_posts(tmp_path):
    path = tmp_path / "doc.ann"
    path.write_text(_ann(), encoding="utf-8")
    gold = read_ann(path)
    assert gold.spans["PER"] == {_span("Владимир Путин"), _span("Сергеем Лавровым")}
    assert gold.spans["LOC"] == {_span("России"), _span("России", 1)}
    assert gold.maximal["ORG"] == {_span("МИД России")}
    # a person working as a profession of a country, and a direct workplace
    assert gold.posts == {(_span("Владимир Путин"), _span("России")),
                          (_span("Сергеем Лавровым"), _span("МИД России"))}


def test_spans_nested_are_right_recall_is_over_maximal_spans(tmp_path):
    path = tmp_path / "doc.ann"
    path.write_text(_ann(), encoding="utf-8")
    gold = read_ann(path)
    scores = score_spans({"LOC": {_span("России", 1)}, "ORG": {_span("МИД")}}, gold)
    assert (scores["LOC"].tp_p, scores["LOC"].n_pred) == (1, 1)  # nested gold span: right
    assert (scores["ORG"].tp_p, scores["ORG"].tp_r, scores["ORG"].n_gold) == (0, 0, 1)
    posts = score_posts([([_span("Путин")], [_span("России")]),
                         ([_span("Сергеем Лавровым")], [_span("России", 1)])], gold)
    assert (posts.tp_p, posts.n_pred, posts.tp_r, posts.n_gold) == (2, 2, 2, 2)
    assert PRF(1, 2, 1, 4).f1 == 2 * 0.5 * 0.25 / 0.75


def test_the_command_scores_a_split_and_refuses_an_empty_one(tmp_path, capsys):
    split = tmp_path / "split"
    split.mkdir()
    (split / "doc.txt").write_text(TEXT, encoding="utf-8")
    (split / "doc.ann").write_text(_ann(), encoding="utf-8")
    assert main(["eval", "nerel", str(split)]) == 0
    out = capsys.readouterr()
    assert "NEREL: 1 documents" in out.out and "1/1 documents" in out.err
    per = next(line for line in out.out.splitlines() if line.startswith("PER"))
    assert float(per.split()[3]) > 0.5  # our F1 on the two people
    assert main(["eval", "nerel", str(tmp_path / "empty")]) == 2
    (tmp_path / "lonely").mkdir()
    (tmp_path / "lonely" / "x.txt").write_text(TEXT, encoding="utf-8")
    assert main(["eval", "nerel", str(tmp_path / "lonely")]) == 2
    assert "no NEREL documents" in capsys.readouterr().err


def test_alias_pairs_are_read_and_scored_only_when_both_names_are_found(tmp_path):
    """ALTERNATIVE_NAME and ABBREVIATION pairs of named entities; a pair counts only when a
    mention overlaps each name, and is linked when one entity has both."""
    path = tmp_path / "doc.ann"
    path.write_text(_ann() + "R4\tALTERNATIVE_NAME Arg1:T3 Arg2:T5\n"
                    "R5\tABBREVIATION Arg1:T6 Arg2:T2\nR6\tALTERNATIVE_NAME Arg1:T1 Arg2:T3\n",
                    encoding="utf-8")
    gold = read_ann(path)
    # the PROFESSION-PERSON pair is not between two names of our classes
    assert gold.aliases == {(_span("Владимир Путин"), _span("Сергеем Лавровым")),
                            (_span("МИД России"), _span("России"))}
    one = {"p": [_span("Путин"), _span("Сергеем Лавровым")], "m": [_span("МИД России")]}
    assert score_aliases(one, gold) == (1, 1)  # the ministry's pair: one name not found
    two = {"p": [_span("Путин")], "l": [_span("Сергеем Лавровым")],
           "m": [_span("МИД России")], "r": [_span("России")]}
    assert score_aliases(two, gold) == (0, 2)
