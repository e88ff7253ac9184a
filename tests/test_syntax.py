"""The syntax toolkit on parsed sentences: modality, anaphora, clauses, trees."""

from __future__ import annotations

import pytest
from conftest import make_article


@pytest.fixture(scope="module")
def doc_of(ctx):
    from kg.articles import parse
    from kg.entities import resolve
    from kg.facts.base import Doc
    from kg.nlp import annotate

    def run(body: str):
        parsed = annotate(parse(make_article(body), "t"), ctx.models)
        mentions, entities = resolve(parsed, ctx.gazetteer)
        return Doc(parsed, mentions, entities, ctx)

    return run


def body_views(doc):
    return [v for v in doc.sentences if v.sentence.block == "body"]


def token_index(view, word: str) -> int:
    return next(i for i, t in enumerate(view.tokens) if t.text == word)


@pytest.mark.parametrize("body, word, reading", [
    ("Стороны подписали меморандум.", "подписали", "fact"),
    ("Стороны не подписали меморандум.", "подписали", "negated"),
    ("Стороны отказались подписать меморандум.", "подписать", "negated"),
    ("Стороны могут подписать меморандум.", "подписать", "hypothetical"),
    ("Стороны планируют подписать меморандум.", "подписать", "hypothetical"),
    ("Стороны подпишут меморандум в мае.", "подпишут", "future"),
    ("Меморандум будет подписан в мае.", "подписан", "future"),
])
def test_modality_reading(doc_of, body, word, reading):
    from kg.syntax.modality import reading as read

    doc = doc_of(body)
    (view,) = body_views(doc)
    assert read(doc, view.tokens, token_index(view, word)) == reading


def test_an_organization_word_refers_to_the_organization_whose_name_holds_it(doc_of):
    """"альянс" -> Североатлантический альянс, past the nearer Евросоюз; "объединение" with no
    namesake -> the nearest organization."""
    from kg.syntax.anaphora import org_anaphor

    doc = doc_of("Генсек Североатлантического альянса встретился с главой Евросоюза. "
                 "Лидеры альянса обсудили бюджет. Представители объединения согласились.")
    views = body_views(doc)
    second, third = views[1], views[2]
    assert org_anaphor(doc, second, token_index(second, "альянса")).label == "НАТО"
    assert org_anaphor(doc, third, token_index(third, "объединения")).label == "ЕС"
    assert org_anaphor(doc, third, token_index(third, "согласились")) is None


def test_a_body_stands_for_its_organization(doc_of):
    from kg.syntax.anaphora import org_anaphor

    doc = doc_of("Совет министров иностранных дел ОДКБ собрался в Минске. "
                 "Организация приняла заявление.")
    view = body_views(doc)[1]
    assert org_anaphor(doc, view, token_index(view, "Организация")).label == "ОДКБ"


def test_a_relative_pronoun_stands_for_the_name_before_its_comma(doc_of):
    from kg.syntax.anaphora import relative_antecedent

    doc = doc_of("Встречу открыл Касым-Жомарт Токаев, который председательствует в ОДКБ.")
    (view,) = body_views(doc)
    ref = relative_antecedent(view, token_index(view, "который"), {"Person"})
    assert ref is not None and ref.entity.label == "Касым-Жомарт Токаев"
    assert relative_antecedent(view, token_index(view, "который"), {"State"}) is None


def test_clauses_and_trees(doc_of):
    from kg.syntax.clauses import clause_of, clauses
    from kg.syntax.tree import children, predicate, preposition, subjects

    doc = doc_of("Армения вступила в ОДКБ, а Азербайджан вышел из организации.")
    (view,) = body_views(doc)
    toks = view.tokens
    first, second = clauses(toks)
    assert clause_of(toks, token_index(view, "Армения")) == first
    assert clause_of(toks, token_index(view, "Азербайджан")) == second
    verb = token_index(view, "вступила")
    assert predicate(toks, token_index(view, "ОДКБ")) == verb
    assert preposition(toks, token_index(view, "ОДКБ")) == "в"
    assert token_index(view, "Армения") in subjects(toks, verb)
    assert token_index(view, "ОДКБ") in children(toks, verb)


def _state_items(view, start):
    from kg.syntax.coordination import enumeration

    refs = {r.first: r.last for r in view.refs if r.cls in ("State", "City")}
    return [view.tokens[i.first].text
            for i in enumeration(view, start, lambda k: (refs[k], k) if k in refs else None)]


def test_an_enumeration_ends_at_its_conjunction_and_keeps_one_case(doc_of):
    (view,) = body_views(doc_of(
        "Союз был создан Грузией, Украиной и Молдавией, Ташкент присоединился к нему позже."))
    start = token_index(view, "Грузией")
    # "и" closes the list: the comma after "Молдавией" opens a new clause
    assert _state_items(view, start) == ["Грузией", "Украиной", "Молдавией"]
    # an instrumental and a nominative are no pair
    assert _state_items(view, token_index(view, "Молдавией")) == ["Молдавией"]
    (view,) = body_views(doc_of("Союз объединяет Бахрейн, Катар, ОАЭ, Оман и Саудовскую Аравию."))
    # the parser mixes nominative and accusative here: still one list
    assert len(_state_items(view, token_index(view, "Бахрейн"))) == 5


def test_the_eve_of_something_named_is_no_date(doc_of):
    """A bare "накануне" is the day before the article; "накануне саммита" has no date."""
    doc = doc_of("Саммит прошел накануне в Минске. Накануне саммита министры встретились.")
    first, second = body_views(doc)
    assert [d.text for d in first.dates] == ["накануне"]
    assert second.dates == ()


def test_elided_heads_are_the_parts_an_ordinal_stands_for(doc_of, ctx):
    from kg.syntax.agreement import is_ordinal
    from kg.syntax.coordination import elided_heads

    (view,) = body_views(doc_of("Первый саммит прошел в 2002 году в Алма-Ате, шестой - в "
                                "октябре 2022 года в Астане, а седьмой пройдет в Баку."))
    toks = view.tokens
    parts = elided_heads(toks, 0, lambda k: is_ordinal(toks[k], ctx.models.morph_vocab))
    assert [(toks[a].text, toks[b - 1].text) for a, b in parts] == [
        ("шестой", "Астане"), ("седьмой", "Баку")]
    (view,) = body_views(doc_of("Саммит прошел в Минске, гости - в восторге."))
    assert elided_heads(view.tokens, 0,
                        lambda k: is_ordinal(view.tokens[k], ctx.models.morph_vocab)) == []


def test_an_event_is_dated_by_its_clause_the_sentence_before_or_the_lead(doc_of):
    from kg.facts.fact_context import governed_dates
    from kg.syntax.dating import event_date

    doc = doc_of("Президент в среду подписал указы. Министр Иван Петров, работавший с 2023 "
                 "года, освобожден от должности.\n\nДокументы опубликованы. Еще одна новость. "
                 "Третья новость. Глава ведомства Петр Иванов уволен.")
    views = body_views(doc)
    second = views[1]
    v = token_index(second, "освобожден")
    assert event_date(doc, second, v, governed_dates).value == "2025-06-11"  # the Wednesday
    last = views[-1]
    assert event_date(doc, last, token_index(last, "уволен"), governed_dates) is None


def sentence_tokens(ctx, text: str):
    """The tokens of one body sentence, parsed."""
    from kg.nlp import annotate_lines

    (sentence,) = annotate_lines([(text, 0, "body")], ctx.models)[0]
    return sentence.tokens


def test_an_aside_whose_participle_the_parser_hung_elsewhere(ctx):
    # the parser hangs "носившего" on a noun inside the aside; it agrees with "объединения"
    from kg.syntax.clauses import asides

    tokens = sentence_tokens(ctx, "Из объединения, до 1949 года носившего название Британское "
                                  "содружество наций, в разные годы выходили Ирландия и ЮАР.")
    texts = [t.text for t in tokens]
    assert any(texts[a:b][1:3] == ["до", "1949"] and texts[b - 1] == "," for a, b in asides(tokens))


def test_a_relative_clause_may_run_to_the_end_of_the_sentence(ctx):
    # "..., представители которого с 2021 года не приглашаются.": its date is its own
    from kg.syntax.clauses import asides

    tokens = sentence_tokens(ctx, "Статус наблюдателя сохраняет Афганистан, представители "
                                  "которого с 2021 года на мероприятия организации не приглашаются.")
    texts = [t.text for t in tokens]
    ((a, b),) = asides(tokens)
    assert texts[a:a + 3] == [",", "представители", "которого"] and b >= len(tokens) - 1


def test_a_preposition_before_the_nouns_own_modifiers_is_its_own(ctx):
    # the parser hangs "на" on a word far to the right; it still opens "38-й очередной сессии"
    from kg.syntax.tree import preposition

    tokens = sentence_tokens(ctx, (
        "Голосование прошло в субботу на 38-й очередной сессии Ассамблеи глав государств и "
        "правительств АС в столице Эфиопии и растянулось на семь туров: лишь в последнем из них "
        "джибутийский дипломат набрал необходимые две трети голосов."))
    k = next(i for i, t in enumerate(tokens) if t.text == "сессии")
    assert preposition(tokens, k) == "на"
