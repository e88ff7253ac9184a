"""The facts a reader finds in the user's two sample articles, through the named queries."""

from __future__ import annotations

import pytest

from kg.queries import resolve_query
from kg.store import open_store, select


@pytest.fixture(scope="module")
def ask(seeds_build):
    store = open_store(seeds_build / "store", read_only=True)
    labels = {row[0]: row[2] for row in select(store, resolve_query("entities")).rows}
    labels.update({row[0]: row[1] for row in select(
        store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }").rows})

    def run(name: str) -> set[tuple]:
        result = select(store, resolve_query(name))
        return {tuple(labels.get(v, v) for v in row) for row in result.rows}

    return run


def test_posts(ask):
    found = {row[:3] for row in ask("posts")}
    assert {
        ("Имангали Тасмагамбетов", "генеральный секретарь", "ОДКБ"),
        ("Сергей Лебедев", "генеральный секретарь", "СНГ"),
        ("Нурлан Ермекбаев", "генеральный секретарь", "ШОС"),
        ("Владимир Путин", "президент", "Россия"),
    } <= found
    assert not any("Метцель" in str(row) for row in found)


def test_members(ask):
    members = {row[1] for row in ask("members") if row[0] == "ОДКБ"}
    assert members == {"Армения", "Белоруссия", "Казахстан", "Киргизия", "Россия",
                       "Таджикистан"}


def test_summit_and_participant(ask):
    summits = {(org, place, date) for _, org, place, date in ask("summits")}
    assert ("ОДКБ", "Бишкек", "2025-11") in summits or ("ОДКБ", "Бишкек", "2025-11-27") in summits
    participants = {p for _, p in ask("participants")}
    assert "Владимир Путин" in participants


def test_roadmap(ask):
    rows = [r for r in ask("agreements") if r[1] == "дорожная карта"]
    assert rows
    assert {r[2] for r in rows} == {"2025-09"}
    assert {r[3] for r in rows} >= {"ОДКБ", "СНГ", "ШОС"}
    assert {r[4] for r in rows} >= {"Имангали Тасмагамбетов", "Сергей Лебедев",
                                    "Нурлан Ермекбаев"}


def test_roadmap_prepared_by_russia(seeds_build):
    store = open_store(seeds_build / "store", read_only=True)
    rows = select(store, "SELECT ?who WHERE { ?d kgo:kind 'дорожная карта' ; "
                         "kgo:preparedBy/rdfs:label ?who }").rows
    assert ("Россия",) in rows


def test_chairmanship(ask):
    assert ("ОДКБ", "Россия", "2026") in ask("chairmanships")


def test_founding(ask, seeds_build):
    assert any(org == "ОДКБ" and date == "2002-05-14" for org, date, _ in ask("founding"))
    store = open_store(seeds_build / "store", read_only=True)
    rows = select(store, "SELECT ?d WHERE { ?f a kgo:Founding ; kgo:treaty/kgo:date ?d }").rows
    assert ("1992-05-15",) in rows


def test_cooperation(ask):
    pairs = {frozenset(row) for row in ask("cooperation")}
    assert frozenset({"ОДКБ", "СНГ"}) in pairs and frozenset({"ОДКБ", "ШОС"}) in pairs
