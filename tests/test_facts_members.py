"""Memberships (kg/facts/members.py), on sentences written for the tests."""

from __future__ import annotations

import pytest


def members(facts) -> set:
    return {(f["organization"], f["state"], f.get("since"), f.get("until"), f["status"])
            for f in facts if f["kind"] == "member"}


def m(org, state, since=None, until=None, status="member"):
    return (org, state, since, until, status)


CASES = [
    # an enumeration after "в состав ... входят"
    (("В состав Евразийского экономического союза входят Армения, Белоруссия, Казахстан, "
     "Киргизия и Россия."),
     {m("ЕАЭС", s) for s in ("Армения", "Белоруссия", "Казахстан", "Киргизия", "Россия")}),
    # members and, in a second clause, an observer
    (("Членами ШОС являются Индия, Иран, Китай и Пакистан, а Монголия является наблюдателем "
     "в организации."),
     {m("ШОС", s) for s in ("Индия", "Иран", "Китай", "Пакистан")}
     | {m("ШОС", "Монголия", status="observer")}),
    # the list before the verb, the organization in a prepositional phrase
    ("Армения, Казахстан и Киргизия входят в Организацию Договора о коллективной безопасности.",
     {m("ОДКБ", s) for s in ("Армения", "Казахстан", "Киргизия")}),
    # the organization as subject, the members as object
    ("ОДКБ объединяет Армению, Белоруссию и Таджикистан.",
     {m("ОДКБ", s) for s in ("Армения", "Белоруссия", "Таджикистан")}),
    # joining on a date, the members after the verb
    ("С 1 января 2024 года полноправными членами БРИКС стали Египет и Эфиопия.",
     {m("БРИКС", "Египет", "2024-01-01"), m("БРИКС", "Эфиопия", "2024-01-01")}),
    # "вступила в" with a year
    ("Армения вступила в ВТО в 2013 году.", {m("ВТО", "Армения", "2013")}),
    # a participle clause carries the joining; the main clause is about something else
    ("Финляндия, присоединившаяся к НАТО в апреле 2023 года, увеличила военный бюджет.",
     {m("НАТО", "Финляндия", "2023-04")}),
    # observer status since a month
    ("Узбекистан имеет статус наблюдателя в ЕАЭС с декабря 2020 года.",
     {m("ЕАЭС", "Узбекистан", "2020-12", status="observer")}),
    # partner status on a weekday
    ("В понедельник статус страны-партнера БРИКС получила Малайзия.",
     {m("БРИКС", "Малайзия", "2025-06-16", status="partner")}),
    # partner status granted to a state in the dative
    ("Лаосу предоставлен статус партнера ШОС.", {m("ШОС", "Лаос", status="partner")}),
    # withdrawal on a day
    ("Катар вышел из ОПЕК 1 января 2019 года.",
     {m("ОПЕК", "Катар", until="2019-01-01", status="withdrawn")}),
    # "покинул" + an anaphor resolved to the organization named before
    ("Саммит ОДКБ прошел в Москве. Азербайджан покинул организацию в 1999 году.",
     {m("ОДКБ", "Азербайджан", until="1999", status="withdrawn")}),
    # suspension: the states after "членство", the organization in a prepositional phrase
    ("Членство Гвинеи и Нигера в Африканском союзе приостановлено с 2023 года.",
     {m("Африканский союз", "Гвинея", "2023", status="suspended"),
      m("Африканский союз", "Нигер", "2023", status="suspended")}),
    # frozen participation, with a month
    ("Армения заморозила участие в ОДКБ в феврале 2024 года.",
     {m("ОДКБ", "Армения", "2024-02", status="suspended")}),
    # members in one clause, a withdrawal in the other
    ("Армения и Азербайджан являются членами СНГ, а Грузия вышла из Содружества в 2009 году.",
     {m("СНГ", "Армения"), m("СНГ", "Азербайджан"),
      m("СНГ", "Грузия", until="2009", status="withdrawn")}),
    # "в союз" refers to the union named in the sentence before
    (("Заседание Высшего Евразийского экономического совета прошло в Минске. В союз входят "
     "Армения и Киргизия."),
     {m("ЕАЭС", "Армения"), m("ЕАЭС", "Киргизия")}),
    # a relative clause: "участниками которой"
    ("Лидеры обсудили работу ОДКБ, участниками которой являются Россия и Таджикистан.",
     {m("ОДКБ", "Россия"), m("ОДКБ", "Таджикистан")}),
    # "которой" agrees with "организация", which refers to the union named first
    (("Евразийский экономический союз - международная организация региональной интеграции, "
     "членами которой являются Армения и Киргизия."),
     {m("ЕАЭС", "Армения"), m("ЕАЭС", "Киргизия")}),
    # joining then leaving: one withdrawn membership with both dates
    ("Узбекистан, вступивший в ОДКБ в 2006 году, вышел из нее в 2012 году.",
     {m("ОДКБ", "Узбекистан", "2006", "2012", "withdrawn")}),
    # an observer that became a member: the observer status ends that day
    (("С 2015 года Белоруссия была наблюдателем в ШОС, а 4 июля 2024 года стала ее полноправным "
     "членом."),
     {m("ШОС", "Белоруссия", "2015", "2024-07-04", "observer"),
      m("ШОС", "Белоруссия", "2024-07-04")}),
    # a clause without its verb shares the one before
    ("Болгария вступила в НАТО в 2004 году, а Хорватия - в 2009 году.",
     {m("НАТО", "Болгария", "2004"), m("НАТО", "Хорватия", "2009")}),
    ("Монголия является наблюдателем в ШОС, а Турция - партнером по диалогу.",
     {m("ШОС", "Монголия", status="observer"), m("ШОС", "Турция", status="partner")}),
    # a nominal list after the organization
    ("Страны-участницы СНГ - Азербайджан, Армения и Молдавия - подписали соглашение.",
     {m("СНГ", s) for s in ("Азербайджан", "Армения", "Молдавия")}),
    # "включая": named members among a count
    ("В ОБСЕ входят 57 государств, включая Монголию и Канаду.",
     {m("ОБСЕ", "Монголия"), m("ОБСЕ", "Канада")}),
    # a state in another role in the same sentence is not a member
    (("Президент Казахстана Касым-Жомарт Токаев сообщил, что Иран стал членом ШОС 4 июля "
     "2023 года."),
     {m("ШОС", "Иран", "2023-07-04")}),
    # coordinated organizations
    ("Венгрия и Словакия, входящие в Евросоюз и НАТО, выступили против.",
     {m(o, s) for o in ("ЕС", "НАТО") for s in ("Венгрия", "Словакия")}),
    # a container naming the status: "в число наблюдателей при ORG входят ..."
    ("В число наблюдателей при Организации тюркских государств входят Венгрия и Туркмения.",
     {m("ОТГ", "Венгрия", status="observer"), m("ОТГ", "Туркмения", status="observer")}),
    # ... without the organization: the one of the sentence before
    ("Саммит ШОС прошел в Тяньцзине. В число партнеров по диалогу входят Армения и Азербайджан.",
     {m("ШОС", "Армения", status="partner"), m("ШОС", "Азербайджан", status="partner")}),
    # "помимо X" opening the clause adds X to the members
    ("Помимо Бразилии, членами МЕРКОСУР являются Аргентина, Парагвай и Уругвай.",
     {m("МЕРКОСУР", s) for s in ("Бразилия", "Аргентина", "Парагвай", "Уругвай")}),
    # named members among a count, in a relative "среди которых"
    ("В ЕАЭС входят пять государств, среди которых Армения и Киргизия.",
     {m("ЕАЭС", "Армения"), m("ЕАЭС", "Киргизия")}),
    # "оставаться в ORG" is belonging
    ("Молдавия формально остается в СНГ.", {m("СНГ", "Молдавия")}),
    # membership itself as the object of "сохранять"
    ("Армения сохраняет членство в ОДКБ.", {m("ОДКБ", "Армения")}),
    # a bare "страна" as the subject: the state named just before
    ("Премьер-министр Вьетнама прибыл в Джакарту: страна вступила в АСЕАН в 1995 году.",
     {m("АСЕАН", "Вьетнам", "1995")}),
    # an apposition with its own date
    ("Казахстан, член ВТО с 2015 года, снизил пошлины.", {m("ВТО", "Казахстан", "2015")}),
    # "как" + a compound status noun; the organization from elsewhere in the sentence
    ("Делегация Монголии, как государства-наблюдателя, выступила на саммите ШОС.",
     {m("ШОС", "Монголия", status="observer")}),
    # ... attached to a pronoun that stands for the state named before
    ("На сессии обсуждали положение Ватикана. ООН предоставила ему, как "
     "государству-наблюдателю, слово.",
     {m("ООН", "Ватикан", status="observer")}),
    # a passive participle of expulsion: withdrawn until that year
    ("Совещание проходило без Кубы, исключенной из ОАГ в 1962 году.",
     {m("ОАГ", "Куба", until="1962", status="withdrawn")}),
    # admission in the passive, the organization in quotes
    ('Африканский союз был принят в "Группу двадцати" в 2023 году.',
     {m("G20", "Африканский союз", "2023")}),
    # "перестать быть членом": withdrawn on that day
    ("Великобритания перестала быть членом Евросоюза 31 января 2020 года.",
     {m("ЕС", "Великобритания", until="2020-01-31", status="withdrawn")}),
    # a relative clause owning the membership: one state, then a list
    (("Венесуэла, членство которой в МЕРКОСУР приостановлено с декабря 2016 года, не прислала "
      "делегацию."),
     {m("МЕРКОСУР", "Венесуэла", "2016-12", status="suspended")}),
    ("Гвинея, Мали и Нигер, членство которых в ЭКОВАС приостановлено, создали свой союз.",
     {m("ЭКОВАС", s, status="suspended") for s in ("Гвинея", "Мали", "Нигер")}),
    # a restoration verb
    ("В 2014 году Африканский союз восстановил членство Египта.",
     {m("Африканский союз", "Египет", "2014")}),
    # a suspension, then a decision to restore it: it ends that day
    (("Членство Египта в Африканском союзе было приостановлено в июле 2013 года, а 17 июня "
      "2014 года Совет мира и безопасности союза одобрил его восстановление."),
     {m("Африканский союз", "Египет", "2013-07", "2014-06-17", "suspended"),
      m("Африканский союз", "Египет", "2014-06-17")}),
    # a suspension ends when the state leaves
    (("Членство Мали в ЭКОВАС было приостановлено в мае 2021 года. В январе 2025 года страна "
      "вышла из сообщества."),
     {m("ЭКОВАС", "Мали", "2021-05", "2025-01", "suspended"),
      m("ЭКОВАС", "Мали", until="2025-01", status="withdrawn")}),
    # "чья страна", "страна которого": the state in the person's title
    ("Премьер-министр Армении Никол Пашинян, чья страна является членом ЕАЭС, прибыл в Минск.",
     {m("ЕАЭС", "Армения")}),
    (("Президент Египта Абдель Фаттах ас-Сиси, страна которого входит в БРИКС с 2024 года, "
      "выступил на форуме."),
     {m("БРИКС", "Египет", "2024")}),
    # a bare status noun ending the clause: the organization of the context
    ("Совет ОДКБ собрался в Москве. Сербия также является наблюдателем.",
     {m("ОДКБ", "Сербия", status="observer")}),
    # dates distributed over the list by "соответственно"
    ("В Евросоюз вступили Болгария и Хорватия - в 2007 и 2013 годах соответственно.",
     {m("ЕС", "Болгария", "2007"), m("ЕС", "Хорватия", "2013")}),
    # a state inside a longer mention, when the participle agrees with it
    ("Военные власти Нигера, являющегося членом ЭКОВАС с 1975 года, закрыли границу.",
     {m("ЭКОВАС", "Нигер", "1975")}),
    # "организация" is the nearest organization, not one whose name holds the word (ООН)
    (("Генеральный секретарь ООН выступил на открытии. Лидеры Африканского союза собрались в "
      "Аддис-Абебе. Членство Гвинеи в организации приостановлено."),
     {m("Африканский союз", "Гвинея", status="suspended")}),
    # an observer status received in a month of the article's year, organization from context
    ("Саммит АСЕАН открылся в Джакарте. Папуа-Новая Гвинея, получившая в марте статус "
     "наблюдателя, прислала делегацию.",
     {m("АСЕАН", "Папуа — Новая Гвинея", "2025-03", status="observer")}),
    # no organization in the last sentences: the article's main one
    (("Саммит АСЕАН открылся в Джакарте. Лидеры обсудили торговлю. Погода была жаркой. "
      "Делегации осмотрели порт. Участники приняли декларацию. Папуа-Новая Гвинея имеет статус "
      "наблюдателя."),
     {m("АСЕАН", "Папуа — Новая Гвинея", status="observer")}),
    # "выходит из его соглашений": leaving its agreements is not leaving it
    ("Молдавия, которая формально остается членом СНГ, но последовательно выходит из его "
     "соглашений, не направила делегацию.",
     {m("СНГ", "Молдавия")}),
    # a gapped clause dated "того же года": the year of the date before, in a later sentence too
    ("Армения присоединилась к ЕАЭС 2 января 2015 года, Киргизия - в августе того же года.",
     {m("ЕАЭС", "Армения", "2015-01-02"), m("ЕАЭС", "Киргизия", "2015-08")}),
    ("Договор о ЕАЭС вступил в силу в 2015 году. В мае того же года к союзу присоединилась "
     "Армения.",
     {m("ЕАЭС", "Армения", "2015-05")}),
]


@pytest.mark.parametrize("body, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_members(facts_of, body, expected):
    assert members(facts_of(body)) == expected


NEGATIVE = [
    "Украина не является членом НАТО.",
    "Грузия так и не вступила в НАТО.",
    "Сербия может вступить в ОДКБ в будущем.",
    "Таджикистан рассматривает возможность вступления в ЕАЭС.",
    "Турция подала заявку на вступление в БРИКС в сентябре.",
    "Саудовская Аравия получила приглашение присоединиться к БРИКС.",
    "Россия не намерена выходить из ОБСЕ.",
    "Швеция станет членом НАТО в ближайшие месяцы.",
    "Эксперты считают, что Монголия могла бы стать наблюдателем в ОДКБ.",
    "Белоруссия может получить статус партнера ШОС.",
    "Президент Казахстана прибыл в Минск на саммит ОДКБ.",
    "Вступление Финляндии в НАТО обсуждали в Брюсселе.",
    "Путин вступил в должность президента России.",
    "Соглашение вступило в силу после ратификации Арменией и Белоруссией.",
    "В ЕАЭС входят пять государств.",
    "Россия является крупнейшим торговым партнером ЕАЭС.",
    "Индия стала участником учений ШОС.",
    "Грузия вышла в финал чемпионата Европы по футболу.",
    "Россия входит в число крупнейших экспортеров нефти.",
    "Снегопад накроет Москву в выходные, сообщили синоптики.",
    # a noun with its own complement is not a membership of the organization after it
    "Россия остается участником ряда конвенций ООН.",
    "Россия входит в число крупнейших торговых партнеров ЕАЭС.",
    "Казахстан вошел в число наблюдателей на выборах в Молдавии.",
    # "кроме" after the quantified noun excludes
    "Все страны ОДКБ, кроме Армении, подписали декларацию.",
    # a negated participle clause
    "Соглашение открыто для государств, не входящих в ЕАЭС.",
    "Армения не перестала быть членом ОДКБ.",
    # "принять" in the active voice, advocating a restoration
    "Казахстан принял председательство в ШОС.",
    "Делегации выступили за восстановление членства Сирии в ЛАГ.",
    # the participle agrees with the body, not the state inside its name
    "Министерство иностранных дел России, являющееся членом правительства, выступило.",
    # a pronoun standing for a person, not for the state in the title
    "Президент Казахстана Касым-Жомарт Токаев прибыл в Минск. Он, как член ОДКБ, выступил.",
]


NEGATIVE_BODIES = [" ".join(NEGATIVE[k:k + 5]) for k in range(0, len(NEGATIVE), 5)]


@pytest.mark.parametrize("body", NEGATIVE_BODIES, ids=[b[:40] for b in NEGATIVE_BODIES])
def test_no_membership(facts_of, body):
    """Negation, intentions, applications, other roles, counts, other senses of the verbs."""
    assert members(facts_of(body)) == set()


def test_headline_change_takes_the_article_date(ctx):
    from conftest import make_article

    from kg.articles import parse
    from kg.jsonl import record
    from kg.pipeline import extract

    text = make_article("Лидеры приветствовали нового участника объединения.",
                        date="2023-07-04", headline="Иран стал полноправным членом ШОС")
    rec = record("t.txt", extract(parse(text, "t"), ctx))
    labels = {e["iri"]: e["label"] for e in rec["entities"]}
    found = {(labels[f["organization"]], labels[f["state"]], f.get("since"), f["status"])
             for f in rec["facts"] if f["kind"] == "member"}
    assert found == {("ШОС", "Иран", "2023-07-04", "member")}


def test_article_without_date_or_dateline(ctx):
    from kg.articles import parse
    from kg.pipeline import extract

    text = "Армения вступила в ОДКБ в 1992 году. В союз также вошла Белоруссия.\n"
    facts = [f for f in extract(parse(text, "t"), ctx).extraction.facts if f.kind == "member"]
    assert any(f.get("since") == "1992" for f in facts)


def test_one_fact_per_tuple(facts_of):
    body = ("В состав ОДКБ входят Армения и Россия. Членами организации являются Армения и "
            "Россия.")
    facts = [f for f in facts_of(body) if f["kind"] == "member"]
    assert len(facts) == 2


def test_a_participle_tagged_as_converb(ctx):
    """The tagger may take a participle for a converb: the morphology decides."""
    from kg.records import Token
    from kg.syntax.agreement import is_participle

    morph = ctx.models.morph_vocab
    conv = (("VerbForm", "Conv"),)
    assert is_participle(Token(0, 11, "исключенной", "исключить", "VERB", conv), morph)
    assert not is_participle(Token(0, 8, "подписав", "подписать", "VERB", conv), morph)
    short = (("VerbForm", "Part"), ("Variant", "Short"))
    assert not is_participle(Token(0, 9, "исключена", "исключить", "VERB", short), morph)


def test_a_noun_heading_the_one_such_name_refers_back_to_it(facts_of):
    # "банка": the one bank of the article (Азиатский банк инфраструктурных инвестиций)
    body = ("Азиатский банк инфраструктурных инвестиций (АБИИ) одобрил новый кредит. "
            "Государствами - участниками банка являются Китай, Индия и Россия.")
    found = members(facts_of(body))
    assert {(o, s) for o, s, *_ in found} >= {("АБИИ", "Китай"), ("АБИИ", "Индия"),
                                              ("АБИИ", "Россия")}


def test_a_noun_heading_two_names_refers_to_neither(facts_of):
    body = ("Евразийский банк развития и Новый банк развития подписали меморандум. "
            "Государствами - участниками банка являются Армения и Россия.")
    assert not members(facts_of(body))


def test_a_state_adjective_is_a_member_only_when_it_names_the_state(facts_of):
    # "бывшие бельгийские колонии": not Belgium; "российская сторона": Russia
    assert not any(s == "Бельгия" for _, s, *_ in members(facts_of(
        "Руанда и Бурунди, бывшие бельгийские колонии, стали членами Содружества наций.")))
    assert ("ОДКБ", "Россия") in {(o, s) for o, s, *_ in members(facts_of(
        "Российская сторона вступила в ОДКБ в 2002 году."))}


def test_these_states_are_the_ones_listed_before_and_an_aside_keeps_its_own(facts_of):
    body = ("Главной темой встречи стали отношения с Чадом, Суданом и Эритреей. Эти страны, "
            "еще в 2022 году учредившие Союз государств Красного моря, официально вышли из "
            "Лиги арабских государств 1 марта 2024 года.")
    found = {(o, s, u, st) for o, s, _, u, st in members(facts_of(body))}
    assert found == {("ЛАГ", s, "2024-03-01", "withdrawn") for s in ("Чад", "Судан", "Эритрея")}
