"""Parsed -> mentions -> entities: cleaning, gazetteer, aliases, IRIs.

Stage: depends on ``nlp.annotate``. Defines the article's ``Mention`` list (each
with the key of its entity) and ``Entity`` list (IRI, class, nominative label,
aliases, mention spans).

Resolution within an article: gazetteer aliases match by lemmas; an
abbreviation in brackets after a full name joins the two; a surname alone joins
the full name used elsewhere in the article (or a unique gazetteer person).
Across articles, IRIs are minted from the gazetteer id or the nominative label,
so the same entity gets the same IRI in every article. The tagger's spans are cleaned in
``kg/entity_spans.py`` (with the dateline's city and agency); which mentions are one entity is
``kg/entity_keys.py``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from kg.entity_keys import GENERIC, assign_keys
from kg.entity_labels import CYRILLIC, clean_aliases, label_for, person_name
from kg.entity_spans import (
    QUOTES,
    Candidate,
    Rules,
    clean_span,
    common_word_first,
    dateline_candidates,
    form_of,
    is_facility,
    lone_common_noun,
    not_one_name,
    span_rules,
    strip_leading,
    tokens_of,
)
from kg.entity_surnames import missed_surnames
from kg.gazetteer import Entry, Gazetteer, coarse_type
from kg.international import continues_name
from kg.iri import CLASS_SEGMENTS, ID_NS, entity_iri
from kg.phrases import fold
from kg.records import Entity, Mention, Parsed, Sentence

NER_CLASS = {"PER": "Person", "LOC": "Location", "ORG": "Organization"}


def resolve(parsed: Parsed, gaz: Gazetteer) -> tuple[list[Mention], list[Entity]]:
    """Find, clean and resolve the mentions of one article; group them into entities."""
    candidates: list[Candidate] = []
    for sentence in parsed.sentences:
        base = len(candidates)  # a pair ("Full name (ABBR)") indexes its sentence's list
        candidates.extend(c if c.pair is None else replace(c, pair=base + c.pair)
                          for c in _sentence_candidates(sentence, gaz))
    candidates.extend(dateline_candidates(parsed, gaz))
    candidates.extend(missed_surnames(parsed, candidates))
    keys = assign_keys(candidates, gaz)
    from kg.international import international_keys

    international = international_keys(parsed, candidates, keys, gaz)
    mentions = [
        Mention(c.start, c.end, c.text, c.type, c.normal, keys[i], c.source)
        for i, c in enumerate(candidates)
    ]
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, _entities(mentions, candidates, keys, gaz, international)


# -- candidates ---------------------------------------------------------------


def _sentence_candidates(sentence: Sentence, gaz: Gazetteer) -> list[Candidate]:
    tokens = sentence.tokens
    found: list[Candidate] = []
    people = [(s.start, s.end) for s in sentence.ner if s.type == "PER"]
    for first, last, entry in gaz.match(tokens):
        start, end = tokens[first].start, tokens[last - 1].end
        if last - first == 1 and not form_of(tokens[first].text, entry):
            continue  # "Тем не менее": a lemma shared with "Того" (the state), not its form
        if coarse_type(entry.cls) == "LOC" and any(
                s <= start and end <= e and (s, e) != (start, end) for s, e in people):
            continue  # 'Питер Диамандис', 'Николая Макарова': part of a person's name
        text = sentence.text[start - sentence.start:end - sentence.start]
        found.append(Candidate(start, end, text, coarse_type(entry.cls), entry.label,
                                "gazetteer", entry))
    rules = span_rules(gaz)
    # a state named by its adjective: "российского правительства", "белорусская сторона"
    taken = {k for first, last, _ in gaz.match(tokens) for k in range(first, last)}
    for k, token in enumerate(tokens):
        if token.pos == "ADJ" and k not in taken:
            entry = gaz.adjective(token.lemma)
            if entry is not None and entry.cls == "State":
                found.append(Candidate(token.start, token.end, token.text, "LOC", entry.label,
                                        "adjective", entry))
    covered = [(c.start, c.end) for c in found]
    for span in sentence.ner:
        pieces = [strip_leading(p, sentence, rules) for p in clean_span(span, sentence)]
        pieces = [p for p in pieces if p is not None and fold(p.text) not in rules.not_entity
                  and not is_facility(p, sentence, rules)
                  and not lone_common_noun(p, sentence, rules)
                  and not common_word_first(p, sentence, gaz.morph_vocab)]
        base = len(found)
        kept = []
        for piece in pieces:
            if any(s <= piece.start and piece.end <= e for s, e in covered):
                continue
            if not_one_name(piece, sentence, covered, gaz.morph_vocab):
                continue
            if any(piece.start < e and s < piece.end and not (piece.start <= s and e <= piece.end)
                   for s, e in covered):
                continue  # crosses a gazetteer match: trust the gazetteer
            if piece.type == "PER" and any(
                    c.entry is not None and c.entry.cls == "Person" and
                    piece.start <= c.start and c.end <= piece.end for c in found):
                continue  # 'Халк Маслахаты Гурбангулы Бердымухамедов': the known person only
            kept.append(piece)
        if len(pieces) == 2:
            # keep the bracket link even when one half is a gazetteer match
            full, abbr = pieces
            full_idx = _find(found, full) if full not in kept else None
            abbr_idx = _find(found, abbr) if abbr not in kept else None
            for piece in kept:
                found.append(piece)
            idx = {id(p): base + n for n, p in enumerate(kept)}
            a = idx.get(id(full), full_idx)
            b = idx.get(id(abbr), abbr_idx)
            if a is not None and b is not None:
                found[a] = replace(found[a], pair=b)
                found[b] = replace(found[b], pair=a)
        else:
            found.extend(kept)
    found = _transliterated(sentence, found)
    found = _longer_names(sentence, found)
    found = _org_heads(sentence, found, rules, gaz)
    found = _org_with_place(sentence, found, rules)
    return _generic_orgs(sentence, found, rules)


def _transliterated(sentence: Sentence, found: list[Candidate]) -> list[Candidate]:
    """"Брендт Кристенсен (Brendt Christensen)": a name in Latin letters in brackets right
    after a name in Cyrillic is that name (the two are a pair, as "Full name (ABBR)")."""
    out = list(found)
    by_start = {c.start: n for n, c in enumerate(out)}
    text, base = sentence.text, sentence.start
    for n, c in enumerate(out):
        if c.pair is not None or not CYRILLIC.search(c.text):
            continue
        gap = re.match(r"\s*\(\s*", text[c.end - base:])
        m = by_start.get(c.end + gap.end()) if gap else None
        if m is None or out[m].pair is not None:
            continue
        latin = out[m]
        if CYRILLIC.search(latin.text) or not re.search("[A-Za-z]", latin.text) or \
                text[latin.end - base:latin.end - base + 1] != ")" or \
                (latin.type != c.type and latin.type != "PER" and c.type != "PER"):
            continue
        out[n] = replace(c, pair=m)
        out[m] = replace(latin, pair=n, type=c.type)
    return out


def _longer_names(sentence: Sentence, found: list[Candidate]) -> list[Candidate]:
    """"Содружество наций", "Альянс государств Сахеля": a known name ("Содружество", an
    alias of СНГ) that only begins a longer name the tagger found is part of that other
    name, not a mention of its own (unless the longer span is two names joined: "ЕС и
    НАТО")."""
    tokens = sentence.tokens
    longer = [c for c in found if c.source == "ner" and c.type == "ORG"]
    drop = set()
    for n, c in enumerate(found):
        if c.source != "gazetteer":
            continue
        for other in longer:
            if other.start != c.start or other.end <= c.end:
                continue
            after = next((t for t in tokens if t.start >= c.end), None)
            if after is not None and after.end <= other.end and continues_name(after):
                drop.add(n)  # the name goes on: "Содружество [наций]", "Группа [77]"
    kept = [n for n in range(len(found)) if n not in drop]
    new = {old: k for k, old in enumerate(kept)}  # a pair keeps pointing at its other half
    return [replace(found[n], pair=new.get(found[n].pair)) if found[n].pair is not None
            else found[n] for n in kept]


def _org_heads(sentence: Sentence, found: list[Candidate], rules: Rules,
               gaz: Gazetteer) -> list[Candidate]:
    """"правительство Киргизии", "МВД Украины": an organization of a state or city.

    The place keeps its own mention (nested); a bare head mention ("МВД") that the
    tagger found is replaced by the whole name."""
    tokens = sentence.tokens
    for i, j, form in rules.org_heads.match(tokens):
        if j >= len(tokens):
            continue
        place = next((c for c in found if c.start == tokens[j].start and c.type == "LOC"), None)
        if place is None or (place.entry is not None and place.entry.cls not in ("State",
                                                                               "City")):
            continue
        if _modifier(tokens, j):
            continue  # "правительство британских ...": the adjective belongs to what follows
        start, end = tokens[i].start, place.end
        if any(c.type == "ORG" and c.start <= start and end <= c.end for c in found):
            continue  # already named: "МИД России" from the gazetteer
        found = [c for c in found
                 if not (c.type == "ORG" and start <= c.start and c.end <= tokens[j - 1].end)]
        text = sentence.text[start - sentence.start:end - sentence.start]
        place_text = sentence.text[place.start - sentence.start:end - sentence.start]
        normal = f"{form[:1].upper()}{form[1:]} {place_text}"
        found.append(Candidate(start, end, text, "ORG", normal, "org_head"))
    return found


def _modifier(tokens, k: int) -> bool:
    """Token k is an adjective of a noun after it ("[Чешской] республики", "британских
    военных"), not a name of its own."""
    t = tokens[k]
    if t.pos != "ADJ" or k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return after.pos in ("NOUN", "ADJ", "PROPN") and after.feat("Case") == t.feat("Case")


def _org_with_place(sentence: Sentence, found: list[Candidate],
                    rules: Rules) -> list[Candidate]:
    """"Следственного комитета России": a name ending in a word like комитет, совет or
    служба takes the state or city in the genitive right after it; the place keeps its own
    (nested) mention."""
    tokens = sentence.tokens
    out = list(found)
    for n, c in enumerate(found):
        if c.type != "ORG" or c.source != "ner" or c.entry is not None:
            continue
        inside = tokens_of(c, sentence)
        if not inside or fold(inside[-1].lemma) not in rules.org_with_place:
            continue
        after = tokens.index(inside[-1]) + 1
        if after >= len(tokens) or tokens[after].feat("Case") != "Gen":
            continue
        place = next((p for p in found if p.type == "LOC" and p.start == tokens[after].start),
                     None)
        if _modifier(tokens, after) and (place is None or place.end <= tokens[after].end):
            continue  # the adjective is no name of its own (unless it begins "Красного моря")
        if place is None or place.source == "adjective" or \
                (place.entry is not None and place.entry.cls not in ("State", "City",
                                                                     "Location")):
            continue  # ("Альянс государств Сахеля": a region too)
        text = sentence.text[c.start - sentence.start:place.end - sentence.start]
        place_text = text[len(c.text):].strip()
        out[n] = replace(c, end=place.end, text=text, normal=f"{c.normal} {place_text}")
    return out


def _generic_orgs(sentence: Sentence, found: list[Candidate],
                  rules: Rules) -> list[Candidate]:
    """"правительство", "бельгийская полиция", "нижней палаты парламента", "пресс-служба
    Минобороны", "администрации Обамы": an organization named by what it is. The mention
    spans the noun, the adjectives before it and a name (or another such noun) in the
    genitive after it; it has no entity of its own (it does not say which organization),
    and the names inside keep theirs."""
    tokens = sentence.tokens
    covered = [(c.start, c.end) for c in found]
    out = list(found)
    matches = rules.generic_org.match(tokens)
    k = 0
    while k < len(matches):
        i, j, _ = matches[k]
        k += 1
        if not tokens[i].text[:1].islower() and i > 0:
            continue
        if any(s <= tokens[i].start < e for s, e in covered):
            continue
        if i > 0 and fold(tokens[i - 1].lemma) in rules.generic_org_after:
            continue
        a = i
        while a > 0 and tokens[a - 1].pos in ("ADJ", "DET") and tokens[a - 1].text.isalpha() and \
                tokens[a - 1].feat("Case") == tokens[i].feat("Case") and \
                fold(tokens[a - 1].lemma) not in rules.generic_org_skip:
            a -= 1
        b = j
        while b < len(tokens):
            if k < len(matches) and matches[k][0] == b and tokens[b].feat("Case") == "Gen":
                b = matches[k][1]  # "нижней палаты [парламента]"
                k += 1
                continue
            portfolio = rules.portfolio.match_at(tokens, b)
            if portfolio and tokens[b].feat("Case") == "Gen":
                b = portfolio[1]  # "министерство [юстиции]"
                continue
            b = _named_complement(tokens, b, found)
            break
        if a == i and b == j and not rules.generic_org_alone.match_at(tokens, i):
            continue  # "полиция" alone: not always an organization
        start, end = tokens[a].start, tokens[b - 1].end
        text = sentence.text[start - sentence.start:end - sentence.start]
        if any(s < end and start < e and not (start <= s and e <= end) for s, e in covered):
            continue  # crosses a name
        out.append(Candidate(start, end, text, "ORG", text, "generic"))
        covered.append((start, end))
    return out


def _named_complement(tokens, b: int, found: list[Candidate]) -> int:
    """The end of a name in the genitive starting at token b ("Обамы", "«Газпрома»"), or b."""
    quote = b < len(tokens) and tokens[b].text in QUOTES
    n = b + quote
    if n >= len(tokens):
        return b
    named = max((c for c in found if c.start == tokens[n].start and c.source != "generic"),
                key=lambda c: c.end, default=None)
    if named is None or not (quote or tokens[n].text.isupper() or
                             tokens[n].feat("Case") in ("Gen", None)):
        return b
    if named.source == "adjective" or _modifier(tokens, n):
        return b  # "генштаба [северокорейских войск]": the adjective is not the name
    end = max(x for x, t in enumerate(tokens) if t.end <= named.end) + 1
    if quote and end < len(tokens) and tokens[end].text == QUOTES[tokens[b].text]:
        end += 1
    return end


def _find(found: list[Candidate], piece: Candidate) -> int | None:
    for i, c in enumerate(found):
        if c.start <= piece.start and piece.end <= c.end:
            return i
    return None


# -- keys ---------------------------------------------------------------------


# -- entities -----------------------------------------------------------------


def _entities(mentions: list[Mention], candidates: list[Candidate], keys: list[str],
              gaz: Gazetteer, international: set[str] = frozenset()) -> list[Entity]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_key[m.key].append(m)
    cand_by_key: dict[str, list[Candidate]] = defaultdict(list)
    for c, k in zip(candidates, keys):
        cand_by_key[k].append(c)
    out = []
    for key, ms in by_key.items():
        if key.startswith(GENERIC):
            continue  # "правительство": a mention that does not say which organization
        spans = tuple(sorted({(m.start, m.end) for m in ms}))
        if key.startswith("gaz:"):
            entry = gaz.by_id[key[4:]]
            aliases = (*entry.aliases, *sorted({m.normal for m in ms}))
            out.append(Entity(
                iri=iri_for_entry(entry), type=coarse_type(entry.cls), cls=entry.cls,
                label=entry.label, aliases=clean_aliases(entry.label, aliases),
                mentions=spans, iso2=entry.iso2, wikidata=entry.wikidata,
                parent=_parent_iri(entry, gaz),
            ))
            continue
        cands = cand_by_key[key]
        coarse = Counter(c.type for c in cands).most_common(1)[0][0]
        cls = NER_CLASS.get(coarse, "Organization")
        if coarse == "ORG" and key in international:
            cls = "InternationalOrganization"
        dateline = [c for c in cands if c.source == "dateline" and c.type == "LOC"]
        if coarse == "PER":
            label = person_name(cands, gaz.morph_vocab)
        elif dateline and coarse == "LOC":  # "ГАБАЛА /Азербайджан/, 8 октября": a city, named
            cls, label = "City", dateline[0].normal  # in the nominative
        else:
            label = label_for(cands, gaz.morph_vocab)
        aliases = tuple(sorted({c.normal for c in cands} | {c.text for c in cands
                                                            if c.text.isupper()}))
        out.append(Entity(iri=entity_iri(cls, label), type=coarse, cls=cls, label=label,
                          aliases=clean_aliases(label, aliases), mentions=spans))
    out.sort(key=lambda e: e.mentions[0])
    return out


def iri_for_entry(entry: Entry) -> str:
    segment = CLASS_SEGMENTS.get(entry.cls, "thing")
    return f"{ID_NS}{segment}/{entry.id}"


def _parent_iri(entry: Entry, gaz: Gazetteer) -> str | None:
    parent = gaz.by_id.get(entry.parent) if entry.parent else None
    return iri_for_entry(parent) if parent else None
