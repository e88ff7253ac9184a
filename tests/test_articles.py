"""The article reader: header, structure, offsets, and every bad-input case."""

from __future__ import annotations

import pytest

from kg.articles import SkipFile, decode, find_sources, parse, read_article

TASS = (
    " date 2025-11-27 Путин назвал цели ОДКБ\n\n"
    "Ими станут развитие сотрудничества\n\n"
    "Редакция сайта ТАСС\n\n"
    "© Михаил Метцель/ POOL/ ТАСС\n\n"
    "БИШКЕК, 27 ноября. /ТАСС/. Президент РФ Владимир Путин прибыл в Киргизию.\n\n"
    "Второй абзац.\n"
)


def kinds(article):
    return [(b.kind, b.text) for b in article.blocks]


def test_tass_structure():
    a = parse(TASS, "x")
    assert a.date == "2025-11-27"
    assert a.headline == "Путин назвал цели ОДКБ"
    assert a.subtitle == "Ими станут развитие сотрудничества"
    assert a.dateline_city == "Бишкек"
    assert a.agency == "ТАСС"
    assert kinds(a) == [
        ("headline", "Путин назвал цели ОДКБ"),
        ("subtitle", "Ими станут развитие сотрудничества"),
        ("editor", "Редакция сайта ТАСС"),
        ("credit", "© Михаил Метцель/ POOL/ ТАСС"),
        ("dateline", "БИШКЕК, 27 ноября. /ТАСС/."),
        ("body", "Президент РФ Владимир Путин прибыл в Киргизию."),
        ("body", "Второй абзац."),
    ]


def test_block_offsets_point_into_text():
    a = parse(TASS, "x")
    for block in a.blocks:
        assert a.text[block.start:block.end] == block.text
    assert a.text[a.dateline_span[0]:a.dateline_span[1]] == "БИШКЕК, 27 ноября. /ТАСС/."


@pytest.mark.parametrize("line, city, agency", [
    ("МОСКВА, 19 декабря. /ТАСС/. Текст.", "Москва", "ТАСС"),
    ("НЬЮ-ЙОРК, 5 августа /Новости-Грузия/. Текст.", "Нью-Йорк", "Новости-Грузия"),
    ("САНКТ-ПЕТЕРБУРГ, 1 июня. /ТАСС/. Текст.", "Санкт-Петербург", "ТАСС"),
    ("НУР-СУЛТАН, 3 марта - РИА Новости. Текст.", "Нур-Султан", "РИА Новости"),
    ("ГАБАЛА /Азербайджан/, 8 октября. /ТАСС/. Текст.", "Габала", "ТАСС"),  # city /country/
])
def test_dateline_variants(line, city, agency):
    a = parse(f" date 2024-01-01 Заголовок\n\n{line}\n", "x")
    assert (a.dateline_city, a.agency) == (city, agency)
    assert a.blocks[-1] == a.blocks_of("body")[0]
    assert a.blocks[-1].text == "Текст."


def test_plain_text_without_header_is_body():
    text = "Заголовок новости\n\n05/08/2008 10:35\n\nПервый абзац текста.\n"
    a = parse(text, "x")
    assert a.date is None and a.headline is None
    assert [b.kind for b in a.blocks] == ["body", "body", "body"]


def test_crlf_offsets(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(TASS.replace("\n", "\r\n").encode("utf-8"))
    a = read_article(path)
    assert a.date == "2025-11-27" and a.dateline_city == "Бишкек"
    assert "\r\n" in a.text  # offsets refer to the decoded text as it is
    for block in a.blocks:
        assert a.text[block.start:block.end] == block.text
        assert "\r" not in block.text


def test_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TASS.encode("utf-8"))
    a = read_article(path)
    assert a.encoding == "utf-8-sig"
    assert a.date == "2025-11-27"
    assert not a.text.startswith("\ufeff")


def test_cp1251_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_bytes(TASS.encode("cp1251"))
    a = read_article(path)
    assert a.encoding == "cp1251"
    assert a.headline == "Путин назвал цели ОДКБ"
    assert any("cp1251" in w for w in a.warnings)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\t\n  ", "whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(128, 256)) * 4, "not text"),
])
def test_unusable_files_are_skipped_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SkipFile, match=reason):
        read_article(path)


def test_impossible_date_is_reported_and_unknown():
    a = parse(" date 2025-02-30 Заголовок\n\nМОСКВА, 30 февраля. /ТАСС/. Текст.\n", "x")
    assert a.date is None
    assert a.headline == "Заголовок"
    assert any("impossible date" in w for w in a.warnings)


def test_decode_rejects_control_characters():
    with pytest.raises(SkipFile, match="binary"):
        decode(("текст" + "\x01\x02\x03" * 50).encode("utf-8"))


def test_find_sources_recurses_sorts_and_reports_missing(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "skip.md").write_text("x", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found, skipped = find_sources([tmp_path, tmp_path / "missing"])
    assert [rel for _, rel in found] == ["1.txt", "b/2.txt"]
    reasons = {s.reason for s in skipped}
    assert "no such file or folder" in reasons
    assert "symlinked folder not followed" in reasons


def test_seed_structure(seeds_build):
    from kg.paths import SEEDS_DIR

    for path in sorted(SEEDS_DIR.glob("*.txt")):
        a = read_article(path)
        assert a.date and a.headline and a.dateline_city
        assert all("\n" not in b.text for b in a.blocks)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1799-12-31"])
def test_a_header_date_outside_plausible_years_is_unknown_with_a_warning(date):
    # found by the fuzz run: "накануне" of 0001-01-01 and similar fell off the calendar
    article = parse(f" date {date} Заголовок\n\nМОСКВА. /ТАСС/. Накануне подписали протокол.\n",
                    "t")
    assert article.date is None
    assert any("implausible date" in w for w in article.warnings)
    assert parse(" date 2099-01-01 Заголовок\n\nТекст.\n", "t").date == "2099-01-01"
