"""natasha sees each line on its own, even though an article's lines share model calls."""

from __future__ import annotations

from pathlib import Path

from kg.articles import read_article
from kg.nlp import NLP_BLOCKS, annotate, annotate_lines

CORPUS = Path(__file__).parent / "corpus"


def test_lines_in_one_batch_are_annotated_as_each_alone(ctx):
    # a long article: more lines than one model batch (slovnet's is 8)
    path = max(sorted(CORPUS.glob("*.txt")), key=lambda p: p.read_text(encoding="utf-8")
               .count("\n"))
    article = read_article(path)
    lines = [(b.text, b.start, b.kind) for b in article.blocks if b.kind in NLP_BLOCKS]
    assert len(lines) > 8
    together = annotate_lines(lines, ctx.models)
    alone = [annotate_lines([line], ctx.models)[0] for line in lines]
    assert together == alone
    parsed = annotate(article, ctx.models)
    assert list(parsed.sentences) == [s for found in alone for s in found]
    for sentence in parsed.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert article.text[token.start:token.end] == token.text
        for span in sentence.ner:
            assert article.text[span.start:span.end] == span.text
            assert sentence.start <= span.start and span.end <= sentence.end


def test_blank_lines_give_no_sentences(ctx):
    found = annotate_lines([("  ", 0, "body"), ("Москва — столица России.", 10, "body"),
                            ("", 40, "body")], ctx.models)
    assert found[0] == [] and found[2] == []
    assert found[1] and found[1][0].start == 10


def test_models_see_items_by_length_and_answer_in_order(ctx):
    from kg.nlp import _by_length

    calls = []

    class Echo:  # a model that records the order it is fed in
        def map(self, items):
            calls.append(list(items))
            return (f"tagged {item}" for item in items)

    items = ["три слова тут", "одно", "здесь их целых пять штук", "два слова"]
    assert _by_length(Echo(), items) == [f"tagged {item}" for item in items]
    assert calls == [sorted(items, key=len)]
    # with the real tagger: each sentence gets its own tags back, whatever its rank
    words = [item.split() for item in ["Министр прибыл в Москву .", "Саммит прошёл .",
                                       "Россия , Китай и Индия подписали договор ."]]
    tagged = _by_length(ctx.models.morph_tagger, words)
    assert [[t.text for t in m.tokens] for m in tagged] == words
    assert [[t.pos for t in m.tokens] for m in tagged] == \
        [[t.pos for t in m.tokens] for m in ctx.models.morph_tagger.map(words)]


def test_ner_from_the_segmenters_words_is_the_taggers_own(ctx):
    from kg.nlp import _ner

    texts = [
        "Генсек ОДКБ Имангали Тасмагамбетов прибыл в Ереван.",
        "«Газпром» и ПАО «НК „Роснефть“» подписали соглашение в Санкт-Петербурге 5 мая.",
        "Министр иностранных дел РФ Сергей Лавров встретился с коллегой из Казахстана — "
        "Муратом Нуртлеу (в Астане).",
        "Саммит ШОС-2025 прошёл в Тяньцзине; председатель КНР Си Цзиньпин выступил.",
    ]
    words = [[word for _, _, word in ctx.models.segmenter.tokenize(text)] for text in texts]
    want = [[(s.start, s.stop, s.type) for s in markup.spans]
            for markup in ctx.models.ner_tagger.map(texts)]
    assert _ner(ctx.models.ner_tagger, texts, words) == want
    assert sum(map(len, want)) >= 8

    class Plain:  # a tagger without slovnet's parts: its own map is used
        def map(self, items):
            return ctx.models.ner_tagger.map(items)

    assert _ner(Plain(), texts, words) == want


def test_a_verb_the_tagger_read_as_a_noun_is_a_verb_when_it_has_a_subject(ctx):
    """"прибыли" is also a form of "прибыль": with a plural nominative subject it is the
    verb; a noun predicate ("Главная тема - прибыли компаний") stays a noun."""
    (arrived,) = annotate_lines([("От стран Залива прибыли эмир Катара шейх Тамим бен Хамад "
                                  "Аль Тани и вице-президент ОАЭ шейх Мансур бен Заид Аль "
                                  "Нахайян.", 0, "body")], ctx.models)[0][0].tokens[3:4]
    assert (arrived.text, arrived.pos, arrived.lemma) == ("прибыли", "VERB", "прибыть")
    tokens = annotate_lines([("Главная тема доклада - прибыли компаний.", 0, "body")],
                            ctx.models)[0][0].tokens
    assert all(t.pos != "VERB" for t in tokens if t.text == "прибыли")
