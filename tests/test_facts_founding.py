"""Founding facts on hand-written sentences (not from tests/corpus)."""

from __future__ import annotations

import pytest

# (text, expected {organization: (date, treaty_label, treaty_date)})
CASES = [
    # the treaty signed in a relative clause the parser made a clause of its own, "того же года"
    ("ОТГ была создана в 2009 году на основе Нахичеванского соглашения, которое главы "
     "Азербайджана и Турции подписали 3 октября того же года.",
     {"ОТГ": ("2009", "Нахичеванское соглашение", "2009-10-03")}),
    ("Шанхайская организация сотрудничества основана 15 июня 2001 года.",
     {"ШОС": ("2001-06-15", None, None)}),
    ("ОДКБ была образована в 2002 году.", {"ОДКБ": ("2002", None, None)}),
    # the treaty with "от <date>"; an adjective in the treaty's name
    ("НАТО основано в 1949 году на основе Вашингтонского договора от 4 апреля 1949 года.",
     {"НАТО": ("1949", "Вашингтонский договор", "1949-04-04")}),
    # no founding date, the treaty with a participle
    ("Евразийский экономический союз учрежден на основании Договора о Евразийском "
     "экономическом союзе, подписанного в Астане 29 мая 2014 года.",
     {"ЕАЭС": (None, "Договор о Евразийском экономическом союзе", "2014-05-29")}),
    # a constituent treaty: signed, then in force (the founding date), in one sentence or two
    ("Договор о Евразийском экономическом союзе был подписан в Астане 29 мая 2014 года и "
     "действует с 1 января 2015 года.",
     {"ЕАЭС": ("2015-01-01", "Договор о Евразийском экономическом союзе", "2014-05-29")}),
    ("10 октября 2000 года президенты пяти стран подписали в Астане Договор об учреждении "
     "Евразийского экономического сообщества. Документ вступил в силу 30 мая 2001 года.",
     {"ЕврАзЭС": ("2001-05-30", "Договор об учреждении Евразийского экономического "
                               "сообщества", "2000-10-10")}),
    # an anaphoric subject
    ("Африканский союз объединяет 55 государств. Объединение было создано в 2002 году.",
     {"Африканский союз": ("2002", None, None)}),
    # no subject: the organization of the sentence before
    ("ОДКБ объединяет шесть государств. Образована в 2002 году на основе Договора о "
     "коллективной безопасности 1992 года.",
     {"ОДКБ": ("2002", "Договор о коллективной безопасности", "1992")}),
    # a participle qualifying the organization
    ("Созданная в 1949 году НАТО объединяет 32 страны.", {"НАТО": ("1949", None, None)}),
    # an active verb with the organization as object
    ("В 2001 году лидеры шести государств основали ШОС.", {"ШОС": ("2001", None, None)}),
    # "когда ... вступил в силу <treaty>, подписанный ... того же года"
    ("Организация Объединенных Наций основана 24 октября 1945 года, когда вступил в силу "
     "Устав организации, подписанный 26 июня того же года.",
     {"ООН": ("1945-10-24", "Устав ООН", "1945-06-26")}),
    # a treaty signed when the organization was founded
    ("ЕС был образован 1 ноября 1993 года, после вступления в силу Маастрихтского договора.",
     {"ЕС": ("1993-11-01", "Маастрихтский договор", None)}),
    # an anniversary with a dated year
    ("Торжества прошли в годовщину создания ОДКБ 14 мая 2002 года.",
     {"ОДКБ": ("2002-05-14", None, None)}),
]

NEGATIVE = [
    # a treaty to be signed or to enter into force founds nothing yet
    "Договор о создании Евразийского банка развития будет подписан в 2027 году и вступит в "
    "силу в 2028 году.",
    "Путин предложил создать новую организацию по вопросам безопасности.",
    "В рамках ШОС был создан фонд развития.",
    "Рабочая группа ОДКБ будет создана в 2026 году.",
    "Лидеры ЕАЭС планируют создать единый энергетический рынок к 2027 году.",
    "Страны ОПЕК заключили соглашение о сокращении добычи в 2016 году.",
    "Решение о создании антинаркотического центра ШОС было принято в 2024 году.",
    "В этом году ШОС отмечает 20-летие со дня основания.",
    "Туристический сезон в Сочи открылся в мае, сообщили в мэрии.",
]


def foundings(facts) -> dict:
    return {f["organization"]: (f["date"], f["treaty_label"], f["treaty_date"])
            for f in facts if f["kind"] == "founding"}


@pytest.mark.parametrize("text,expected", CASES)
def test_founding(facts_of, text, expected):
    assert foundings(facts_of(text, date="2025-06-16")) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_founding(facts_of, text):
    assert foundings(facts_of(text, date="2025-06-16")) == {}


def test_treaty_node(facts_of):
    """The treaty is a node keyed by its folded name."""
    from kg.iri import node_iri

    facts = facts_of("ОДКБ создана в 2002 году на основе Договора о коллективной "
                     "безопасности от 15 мая 1992 года.")
    (found,) = [f for f in facts if f["kind"] == "founding"]
    assert found["treaty"] == node_iri("agreement", "договор",
                                       "договор о коллективной безопасности")


def test_merged_across_sentences(facts_of):
    """A date in one sentence and the treaty in another give one fact."""
    facts = facts_of("ШОС основана в 2001 году. Организация создана на основе Хартии ШОС, "
                     "подписанной 7 июня 2002 года.")
    assert foundings(facts) == {"ШОС": ("2001", "Хартия ШОС", "2002-06-07")}


@pytest.mark.parametrize("text,expected", [
    # founded by signing: the treaty bears the founding date
    ("Союз южноамериканских наций был создан 23 мая 2008 года подписанием Бразилиаского "
     "договора.", {"Союз южноамериканских наций": ("2008-05-23", "Бразилиаский договор",
                                                   "2008-05-23")}),
    # 'ведет свою историю с'
    ("Содружество Независимых Государств ведет свою историю с 8 декабря 1991 года.",
     {"СНГ": ("1991-12-08", None, None)}),
])
def test_founding_by_signing_and_history(facts_of, text, expected):
    got = foundings(facts_of(text))
    assert {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in expected.items()}
    assert {v[2] for v in got.values()} == {v[2] for v in expected.values()}


def test_an_anaphor_is_the_organization_whose_name_holds_it(facts_of):
    text = ("Генсек Форума стран - экспортеров газа заявил, что форум и ОПЕК расширят обмен "
            "данными. Представители ОПЕК это подтвердили. Форум был учрежден в мае 2001 года "
            "в Тегеране.")
    found = foundings(facts_of(text))
    assert [date for org, (date, *_) in found.items() if org in ("ФСЭГ", "Форум стран - "
                                                                  "экспортеров газа")] == ["2001-05"]
    assert "ОПЕК" not in found


def test_a_noun_heading_the_organizations_name_refers_to_it(facts_of):
    found = foundings(facts_of("Азиатский банк развития (АБР) выделит Казахстану кредит. Как "
                               "напомнили в пресс-службе, в 1966 году банк был основан в "
                               "Маниле."))
    assert [date for org, (date, *_) in found.items() if "банк развития" in org or
            org == "АБР"] == ["1966"]
