"""Files -> Article: decoding, header, subtitle, editor and credit lines, dateline.

Stage: reads a file's bytes. Defines ``Article`` (text, date, headline, dateline
city and agency, blocks with character offsets into the decoded text).

Offsets always refer to the decoded text (a UTF-8 BOM removed, line ends kept as
they are), so that evidence spans can be shown and evaluated against the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from kg.iri import doc_id_for
from kg.records import Article, Block, Skipped

UTF8_BOM = b"\xef\xbb\xbf"

_HEADER = re.compile(r"[ \t]*date[ \t]+(?P<date>\S+)[ \t]*(?P<headline>.*?)[ \t]*$")
_LINE = re.compile(r"[^\r\n]*")
# "БИШКЕК, 27 ноября. /ТАСС/. ", "НЬЮ-ЙОРК, 5 августа /Новости-Грузия/. ", a lesser-known
# city with its country: "ГАБАЛА /Азербайджан/, 8 октября. /ТАСС/. "
_DATELINE = re.compile(
    r"(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ\-]*(?:[ \-][A-ZА-ЯЁ][A-ZА-ЯЁ\-]*){0,3})"
    r"(?:[ \t]*/[ \t]*[A-ZА-ЯЁ][^/,\r\n]{1,40}?[ \t]*/)?,[ \t]+"
    r"(?P<day>\d{1,2})[ \t]+(?P<month>[а-яё]+)\.?[ \t]*"
    r"(?:/[ \t]*(?P<agency>[^/\r\n]{2,40}?)[ \t]*/\.?|[-–—][ \t]*(?P<agency2>[^.\r\n]{2,40})\.)"
    r"[ \t]*"
)
_EDITOR = re.compile(r"[ \t]*Редакция\b[^\r\n]{0,80}$")
_CREDIT = re.compile(r"[ \t]*(?:©|\(c\)|\(С\)|Фото[ \t]*:)", re.IGNORECASE)


class SkipFile(Exception):
    """Raised by the reader when a file cannot be used; the message is the reason."""


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding, warnings); raises SkipFile for unusable input.

    >>> decode("Привет".encode("cp1251"))[1:]
    ('cp1251', ['not UTF-8; decoded as cp1251'])
    >>> decode(b"\\xef\\xbb\\xbfabc")[:2]
    ('abc', 'utf-8-sig')
    """
    if not data:
        raise SkipFile("empty file")
    if b"\x00" in data[:65536]:
        raise SkipFile("binary file (contains NUL bytes)")
    warnings: list[str] = []
    if data.startswith(UTF8_BOM):
        data, encoding = data[len(UTF8_BOM):], "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError as exc:
            raise SkipFile("not text: neither UTF-8 nor cp1251") from exc
        if not _looks_like_text(text) or not re.search("[А-Яа-яЁё]", text):
            raise SkipFile("not text: invalid UTF-8 and not clean cp1251")
        encoding = "cp1251"
        warnings.append("not UTF-8; decoded as cp1251")
    if not _looks_like_text(text):
        raise SkipFile("binary file (control characters)")
    if not text.strip():
        raise SkipFile("no text (whitespace only)")
    return text, encoding, warnings


def _looks_like_text(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return True
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    return bad / len(sample) < 0.01


def _lines(text: str):
    """Yield (start, end) of each line, without its line end."""
    pos = 0
    n = len(text)
    while pos <= n:
        m = _LINE.match(text, pos)
        end = m.end()
        yield pos, end
        if end >= n:
            break
        pos = end + (2 if text.startswith("\r\n", end) else 1)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _parse_date(value: str) -> tuple[str | None, str | None]:
    """ISO date -> (date or None, warning or None)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None, f"unreadable date {value!r} in header; date treated as unknown"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None, f"impossible date {value!r} in header; date treated as unknown"
    if not HEADER_YEARS[0] <= day.year <= HEADER_YEARS[1]:
        return None, (f"implausible date {value!r} in header (not in years "
                      f"{HEADER_YEARS[0]}-{HEADER_YEARS[1]}); date treated as unknown")
    return value, None


HEADER_YEARS = (1800, 2200)  # a news date outside these is a typo or a placeholder


def _dateline_city(raw: str) -> str:
    """'НЬЮ-ЙОРК' -> 'Нью-Йорк'."""
    return "-".join(" ".join(w.capitalize() for w in part.split()) for part in raw.split("-"))


def parse(text: str, doc_id: str, path: str = "", encoding: str = "utf-8",
          warnings: tuple[str, ...] = ()) -> Article:
    """Decoded text -> Article. Never fails: unknown structure becomes body."""
    warnings_ = list(warnings)
    spans = [_strip_span(text, s, e) for s, e in _lines(text)]
    spans = [(s, e) for s, e in spans if e > s]
    date = headline = city = agency = None
    dateline_span = None
    blocks: list[Block] = []
    i = 0
    if spans:
        s, e = spans[0]
        m = _HEADER.match(text, s, e)
        if m and m.end() == e:
            date, warning = _parse_date(m.group("date"))
            if warning:
                warnings_.append(warning)
            hs, he = _strip_span(text, m.start("headline"), m.end("headline"))
            if he > hs:
                headline = text[hs:he]
                blocks.append(Block("headline", hs, he, headline))
            i = 1
    # Before the dateline: subtitle, editor line, photo credit.
    dateline_at = None
    for j in range(i, min(len(spans), i + 6)):
        s, e = spans[j]
        if _DATELINE.match(text, s, e):
            dateline_at = j
            break
    for j in range(i, len(spans)):
        s, e = spans[j]
        line = text[s:e]
        if _CREDIT.match(line):
            blocks.append(Block("credit", s, e, line))
            continue
        if (dateline_at is None or j < dateline_at) and _EDITOR.fullmatch(line):
            blocks.append(Block("editor", s, e, line))
            continue
        if dateline_at is not None and j < dateline_at:
            blocks.append(Block("subtitle", s, e, line))
            continue
        if j == dateline_at:
            m = _DATELINE.match(text, s, e)
            city = _dateline_city(m.group("city"))
            agency = (m.group("agency") or m.group("agency2") or "").strip() or None
            ds, de = _strip_span(text, s, m.end())
            dateline_span = (ds, de)
            blocks.append(Block("dateline", ds, de, text[ds:de]))
            bs, be = _strip_span(text, m.end(), e)
            if be > bs:
                blocks.append(Block("body", bs, be, text[bs:be]))
            continue
        blocks.append(Block("body", s, e, line))
    return Article(
        doc_id=doc_id,
        path=path,
        text=text,
        date=date,
        headline=headline,
        dateline_city=city,
        dateline_span=dateline_span,
        agency=agency,
        blocks=tuple(blocks),
        encoding=encoding,
        warnings=tuple(warnings_),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


MAX_BYTES = 2_000_000  # a news article is 2-20 KB; a bigger file is a dump, not an article


def read_article(path: Path, relpath: str | None = None,
                 max_bytes: int | None = MAX_BYTES) -> Article:
    """A file -> Article; raises SkipFile with the reason for unusable files (and for files
    over ``max_bytes``; None: no limit)."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise SkipFile(f"too large: {size / 1e6:.1f} MB > {max_bytes / 1e6:g} MB "
                           "(kg build --max-mb raises the limit)")
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"unreadable: {exc.strerror or exc}") from exc
    text, encoding, warnings = decode(data)
    rel = relpath if relpath is not None else path.name
    return parse(text, doc_id_for(rel), str(path), encoding, tuple(warnings))


def find_sources(sources: list[str | Path]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Expand files and folders into (path, relpath) pairs of *.txt files, sorted.

    Folders are walked recursively without following symlinked folders (so a
    symlink loop cannot trap the walk); a missing source is reported as skipped.
    """
    found: dict[str, tuple[Path, str]] = {}
    skipped: list[Skipped] = []
    for src in sources:
        src = Path(src)
        if src.is_dir():
            for path in sorted(_walk(src, skipped)):
                rel = path.relative_to(src).as_posix()
                found.setdefault(str(path.resolve()), (path, rel))
        elif src.is_file():
            found.setdefault(str(src.resolve()), (src, src.name))
        elif src.is_symlink():
            skipped.append(Skipped(str(src), "broken symlink"))
        else:
            skipped.append(Skipped(str(src), "no such file or folder"))
    return sorted(found.values(), key=lambda pr: pr[1]), skipped


def _walk(root: Path, skipped: list[Skipped]):
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            skipped.append(Skipped(str(folder), f"unreadable folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.is_symlink() and entry.is_dir():
                skipped.append(Skipped(str(entry), "symlinked folder not followed"))
            elif entry.is_dir():
                stack.append(entry)
            elif entry.suffix.lower() == ".txt":
                yield entry
