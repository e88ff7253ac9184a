"""Article -> Parsed: sentences, tokens (lemma, morphology, syntax) and NER spans.

Stage: depends on ``articles.read_article``. Defines ``Parsed.sentences`` with
``tokens`` (lemma, pos, feats, head, rel) and ``ner`` (PER/ORG/LOC spans with a
nominative ``normal`` form and, for persons, name parts).

Models are built once per process by ``load_models()`` and passed in. Only this
module, ``entities.py`` and ``facts`` may import natasha or yargy; everything
leaves here as our own records.

Each block (headline, subtitle, body line) is annotated on its own, so no span
ever crosses a line break, and the editor line, photo credit and dateline never
reach the NER tagger.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache

from kg.records import Article, NerSpan, Parsed, Sentence, Token

log = logging.getLogger(__name__)

NLP_BLOCKS = ("headline", "subtitle", "body")


@dataclass(frozen=True)
class Models:
    """The natasha components, loaded once (about 2 s) and shared."""

    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object
    names_extractor: object


@lru_cache(maxsize=1)
def load_models() -> Models:
    """Build the natasha components (models ship inside the pip packages)."""
    with warnings.catch_warnings():
        # pymorphy2 imports pkg_resources, which warns that it is deprecated
        warnings.simplefilter("ignore")
        from natasha import (
            MorphVocab,
            NamesExtractor,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        emb = NewsEmbedding()
        morph_vocab = MorphVocab()
        models = Models(
            segmenter=Segmenter(),
            morph_vocab=morph_vocab,
            morph_tagger=NewsMorphTagger(emb),
            syntax_parser=NewsSyntaxParser(emb),
            ner_tagger=NewsNERTagger(emb),
            names_extractor=NamesExtractor(morph_vocab),
        )
    log.debug("natasha models loaded")
    return models


def annotate(article: Article, models: Models) -> Parsed:
    """Run segmentation, morphology, syntax, NER and normalization per block (the blocks
    of one article go through the models together)."""
    lines = [(block.text, block.start, block.kind) for block in article.blocks
             if block.kind in NLP_BLOCKS]
    sentences = [s for found in annotate_lines(lines, models) for s in found]
    return Parsed(article=article, sentences=tuple(sentences))


def annotate_lines(lines: list[tuple[str, int, str]], models: Models) -> list[list[Sentence]]:
    """(text, offset, block kind) lines -> each line's Sentence records, offsets shifted by
    its offset. Each line is segmented and tagged on its own (no sentence or span crosses
    a line), but all lines go through each model in one batch: one call per article
    instead of one per line."""
    from natasha import Doc
    from natasha.doc import (DocFact, DocSent, DocSpan, DocToken, inject_morph, inject_syntax,
                             offset_syntax)

    out: list[list[Sentence]] = [[] for _ in lines]
    live = [i for i, (text, _, _) in enumerate(lines) if text.strip()]
    if not live:
        return out
    # the lines laid end to end, one newline apart, so that offsets stay distinct
    bases, tokens, sents, owners, base, line_words = {}, [], [], [], 0, []
    for i in live:
        text = lines[i][0]
        bases[i] = base
        found = [DocToken(base + start, base + stop, word)
                 for start, stop, word in models.segmenter.tokenize(text)]
        tokens += found
        line_words.append([token.text for token in found])
        for start, stop, sent in models.segmenter.sentenize(text):
            sents.append(DocSent(base + start, base + stop, sent))
            owners.append(i)
        base += len(text) + 1
    doc = Doc("\n".join(lines[i][0] for i in live), tokens=tokens, sents=sents)
    doc.envelop_sent_tokens()
    words = [[token.text for token in sent.tokens] for sent in doc.sents]
    for sent, markup in zip(doc.sents, _by_length(models.morph_tagger, words)):
        inject_morph(sent.tokens, markup.tokens)
    for sent_id, (sent, markup) in enumerate(
            zip(doc.sents, _by_length(models.syntax_parser, words)), 1):
        inject_syntax(sent.tokens, markup.tokens)
        offset_syntax(sent_id, sent.tokens)
    texts = [lines[i][0] for i in live]
    doc.spans = [DocSpan(bases[i] + start, bases[i] + stop, kind, lines[i][0][start:stop])
                 for i, spans in zip(live, _ner(models.ner_tagger, texts, line_words))
                 for start, stop, kind in spans]
    doc.envelop_span_tokens()
    doc.envelop_sent_spans()
    for token in doc.tokens:
        token.lemma = _lemma(models.morph_vocab, token.text, token.pos,
                             tuple(sorted((token.feats or {}).items())))
    for span in doc.spans:
        span.normalize(models.morph_vocab)
        if span.type == "PER":
            slots = _name_slots(models.names_extractor, span.normal)
            if slots is not None:
                span.fact = DocFact(list(slots))
    for sent, i in zip(doc.sents, owners):
        _verb_at_start(sent, models.morph_vocab)
        _verb_with_subject(sent, models.morph_vocab)
        _participle_as_finite(sent, models.morph_vocab)
        text, offset, block = lines[i]
        out[i].append(adapt_sentence(sent, doc.spans, offset - bases[i], block))
    return out


def _by_length(model, items: list) -> list:
    """``model.map(items)`` with the items fed shortest first, results in the items' order.
    The models pad each batch of 8 to its longest item; in text order half the positions
    they compute are padding (NEREL), by length a third. Which items share a batch still
    depends on the article alone."""
    return _shortest_first(model.map, items, len)


def _shortest_first(run, items: list, size) -> list:
    """``run`` over the items ordered by ``size``; its results in the items' order."""
    order = sorted(range(len(items)), key=lambda i: size(items[i]))
    out: list = [None] * len(items)
    for i, result in zip(order, run([items[i] for i in order])):
        out[i] = result
    return out


def _ner(tagger, texts: list[str], words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    """Each text's (start, stop, type) spans, tagged from its words: the segmenter's
    tokens are razdel's, which the tagger would otherwise compute again from the text.
    Texts go shortest first, as in ``_by_length``."""
    infer = getattr(tagger, "infer", None)
    if not all(hasattr(infer, part) for part in ("encoder", "process", "decoder")):
        return [[(span.start, span.stop, span.type) for span in markup.spans]  # another slovnet
                for markup in _by_length(tagger, texts)]
    from slovnet.markup import BIOMarkup

    def tag(pairs):
        found = infer.decoder(infer.process(infer.encoder([w for _, w in pairs])))
        for (text, w), tags in zip(pairs, found):
            markup = BIOMarkup.from_tuples(zip(w, tags)).to_span(text)
            yield [(span.start, span.stop, span.type) for span in markup.spans]

    return _shortest_first(tag, list(zip(texts, words)), lambda pair: len(pair[1]))


# words and names repeat across articles: their lemmas and name parts are computed once
# per process (natasha's own parse cache does not cover lemmatization's inflection)
@lru_cache(maxsize=100_000)
def _lemma(morph_vocab, word: str, pos: str | None, feats: tuple) -> str:
    return morph_vocab.lemmatize(word, pos, dict(feats))


@lru_cache(maxsize=20_000)
def _name_slots(names_extractor, normal: str) -> tuple | None:
    match = names_extractor.find(normal)
    return tuple(match.fact.slots) if match else None


def _verb_at_start(sent, morph_vocab) -> None:
    """The tagger reads a capitalized rare verb at the start of a sentence as a proper noun
    ("Председательствовал на встрече ..."): when every dictionary reading of the word is a
    verb form, take the dictionary's."""
    if not sent.tokens:
        return
    tok = sent.tokens[0]
    if tok.pos != "PROPN" or not tok.text[:1].isupper():
        return
    forms = morph_vocab.parse(tok.text.lower())
    if forms and all(f.pos in ("VERB", "AUX") for f in forms):
        tok.pos = forms[0].pos
        tok.feats = dict(forms[0].feats)
        tok.lemma = forms[0].normal


def _participle_as_finite(sent, morph_vocab) -> None:
    """The tagger may read a participle as a finite verb or an adjective ("Эти страны, ...
    создавшие Альянс ..., вышли"): a word whose every dictionary reading is a participle is
    one (the reading of the tagged case and number, if any)."""
    for tok in sent.tokens:
        feats = tok.feats or {}
        if not ((tok.pos == "VERB" and feats.get("VerbForm") == "Fin") or
                (tok.pos == "ADJ" and "VerbForm" not in feats)):
            continue
        forms = morph_vocab.parse(tok.text.lower())
        if forms and all(f.pos == "VERB" and f.feats.get("VerbForm") == "Part" for f in forms):
            same = [f for f in forms if f.feats.get("Case") == feats.get("Case") and
                    f.feats.get("Number") == feats.get("Number")]
            tok.pos, tok.feats, tok.lemma = "VERB", dict((same or forms)[0].feats), forms[0].normal


def _verb_with_subject(sent, morph_vocab) -> None:
    """The tagger reads a verb that is also a noun form as the noun ("От стран Залива
    прибыли эмир ... и вице-президент ...": "прибыли" of "прибыль") while the parser hangs a
    subject on it: a noun without a preposition whose nominative subject agrees in number
    with a finite verb reading of the word is that verb."""
    heads: dict[str, list] = {}
    for tok in sent.tokens:
        heads.setdefault(tok.head_id, []).append(tok)
    for tok in sent.tokens:
        kids = heads.get(tok.id, [])
        if tok.pos != "NOUN" or any(k.rel == "case" for k in kids):
            continue
        subjects = [k for k in kids if k.rel == "nsubj" and (k.feats or {}).get("Case") == "Nom"]
        if not subjects:
            continue
        number = "Plur" if any(k.rel == "conj" for k in heads.get(subjects[0].id, [])) else \
            (subjects[0].feats or {}).get("Number")
        verbs = [f for f in morph_vocab.parse(tok.text.lower()) if f.pos == "VERB" and
                 f.feats.get("VerbForm") == "Fin" and f.feats.get("Number") == number]
        if verbs:
            tok.pos, tok.feats, tok.lemma = "VERB", dict(verbs[0].feats), verbs[0].normal


def adapt_sentence(sent, spans, offset: int, block: str) -> Sentence:
    """natasha DocSent -> Sentence (the conversion boundary)."""
    index = {tok.id: i for i, tok in enumerate(sent.tokens)}
    tokens = tuple(
        Token(
            start=offset + tok.start,
            end=offset + tok.stop,
            text=tok.text,
            lemma=(tok.lemma or tok.text).lower(),
            pos=tok.pos or "X",
            feats=tuple(sorted((tok.feats or {}).items())),
            head=index.get(tok.head_id, -1),
            rel=tok.rel or "",
        )
        for tok in sent.tokens
    )
    ner = tuple(
        NerSpan(
            start=offset + span.start,
            end=offset + span.stop,
            type=span.type,
            text=span.text,
            normal=span.normal or span.text,
            name=_name_parts(span),
        )
        for span in (sent.spans if sent.spans is not None else spans)
        if sent.start <= span.start and span.stop <= sent.stop
    )
    return Sentence(
        start=offset + sent.start,
        end=offset + sent.stop,
        text=sent.text,
        block=block,
        tokens=tokens,
        ner=ner,
    )


def _name_parts(span) -> tuple[tuple[str, str], ...]:
    fact = getattr(span, "fact", None)
    if fact is None:
        return ()
    parts = fact.as_dict if hasattr(fact, "as_dict") else {}
    return tuple((k, v) for k, v in sorted(parts.items()) if v and k in ("first", "middle", "last"))


def lemmas(words: str, models: Models) -> tuple[str, ...]:
    """Lemmas of a short phrase out of context (gazetteer keys, gold labels)."""
    from razdel import tokenize

    out = []
    for tok in tokenize(words):
        parses = models.morph_vocab.parse(tok.text)
        out.append(parses[0].normal_form if parses else tok.text.lower())
    return tuple(out)
