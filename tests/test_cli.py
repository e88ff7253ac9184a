"""The command line per the contract: build outputs, query formats, extract JSONL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.cli import main
from kg.paths import SEEDS_DIR


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_every_output(seeds_build):
    for name in ("graph.ttl", "graph.trig", "graph.html", "report.json"):
        assert (seeds_build / name).stat().st_size > 0, name
    assert (seeds_build / "store").is_dir()
    report = json.loads((seeds_build / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["processed"] == 2 and report["skipped"] == []
    assert report["validation"]["conforms"] is True


def test_build_reports_skipped_files_and_exits_zero(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    (src / "ok.txt").write_text(" date 2024-05-05 Заголовок\n\nМОСКВА, 5 мая. /ТАСС/. "
                                "Президент России Владимир Путин провел встречу.\n",
                                encoding="utf-8")
    code, out, err = run(capsys, "build", str(src), "--out", str(tmp_path / "out"))
    assert code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    reasons = {s["path"].split("/")[-1]: s["reason"] for s in report["skipped"]}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert report["counts"]["processed"] == 1
    assert "skipped" in err


def test_query_csv_and_json(seeds_build, capsys):
    code, out, _ = run(capsys, "query", "--store", str(seeds_build), "entities", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["entity", "type", "label"]
    assert all(r[0].startswith("https://") for r in rows[1:])
    code, out, _ = run(capsys, "query", "--store", str(seeds_build), "posts", "--format", "json")
    assert code == 0
    assert json.loads(out)["variables"] == ["person", "role", "organization", "start", "end"]
    code, out, _ = run(capsys, "query", "--store", str(seeds_build / "store"), "entities")
    assert code == 0 and "rows)" in out


def test_query_errors_are_clear(tmp_path, seeds_build, capsys):
    code, _, err = run(capsys, "query", "--store", str(tmp_path / "nowhere"), "entities")
    assert code == 2 and "no store" in err
    code, _, err = run(capsys, "query", "--store", str(seeds_build), "SELECT ?x WHERE {")
    assert code == 2 and "SPARQL" in err


def test_extract_jsonl_offsets_point_at_their_text(tmp_path, capsys):
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    out = tmp_path / "x.jsonl"
    code, _, _ = run(capsys, "extract", *map(str, paths), "--format", "jsonl", "--output", str(out))
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == [str(p) for p in paths]
    for rec, path in zip(records, paths):
        text = path.read_text(encoding="utf-8")
        assert rec["date"] and rec["entities"]
        for entity in rec["entities"]:
            assert entity["type"] in ("PER", "ORG", "LOC")
            assert "\n" not in entity["label"]
            for start, end in entity["mentions"]:
                surface = text[start:end]
                assert surface and "\n" not in surface
        for fact in rec["facts"]:
            start, end = fact["evidence"]
            assert text[start:end] == fact["sentence"]


def test_validate_command(seeds_build, capsys):
    code, out, _ = run(capsys, "validate", str(seeds_build))
    assert code == 0 and "Conforms: True" in out


def test_unknown_command_exits_with_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_eval_corpus_refuses_a_folder_without_gold(tmp_path, capsys):
    """An empty folder is an error, not a perfect score; so is gold without its article."""
    code, out, err = run(capsys, "eval", "corpus", str(tmp_path))
    assert code != 0 and "no gold files" in err and "overall" not in out
    (tmp_path / "x.gold.yaml").write_text("posts: []\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "corpus", str(tmp_path))
    assert code != 0 and "x.txt" in err


def test_eval_corpus_scores_each_folder_and_sums_them_up(tmp_path, capsys):
    for name, gold in (("a", "posts:\n  - {person: Сергей Лавров, role: министр иностранных дел,"
                              " organization: Россия}\n"), ("b", "posts: []\n")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "x.txt").write_text(
            " date 2025-01-10 Новости\n\nМОСКВА, 10 января. /ТАСС/. Министр иностранных дел "
            "России Сергей Лавров прибыл в Минск.\n", encoding="utf-8")
        (folder / "x.gold.yaml").write_text(gold, encoding="utf-8")
    code, out, _ = run(capsys, "eval", "corpus", str(tmp_path / "a"), str(tmp_path / "b"), "-q")
    assert code == 0
    summary = out.split("== overall per set")[1].splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in summary[2:]}
    assert rows[str(tmp_path / "a")][:3] == ["1.000", "1.000", "1.000"]
    assert rows[str(tmp_path / "b")][:3] == ["0.000", "1.000", "0.000"]  # one false post
    assert out.count("== ") == 3


def test_a_rebuild_validates_only_what_changed(tmp_path, capsys):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(SEEDS_DIR, src)
    out = tmp_path / "out"
    code, _, err = run(capsys, "build", str(src), "--out", str(out), "--workers", "1")
    assert code == 0 and "kg build: SHACL: the whole store" in err
    first = json.loads((out / "report.json").read_text(encoding="utf-8"))["validation"]
    assert first["checked"] == "all"
    assert (out / "validation-state.json").is_file()
    changed = sorted(src.rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nДополнение.\n", encoding="utf-8")
    code, _, err = run(capsys, "build", str(src), "--out", str(out), "--workers", "1")
    assert code == 0 and "subjects this build touched" in err
    again = json.loads((out / "report.json").read_text(encoding="utf-8"))["validation"]
    assert isinstance(again["checked"], int) and 0 < again["checked"]
    code, text, _ = run(capsys, "validate", str(out))  # the whole store, from scratch
    assert code == 0 and again["conforms"] and again["violations"] == 0, text
