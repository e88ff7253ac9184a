"""Agreements: documents signed or adopted by organizations and states (``agreement`` facts).

One fact per real document per article: its kind (nominative: "меморандум", "дорожная
карта", "декларация" ...), date, place, parties, signatories and preparer. Cue words are in
``ontology/lexicon/agreements.tsv``.

Phrasings:
- a signing or adopting verb (kind ``sign``) with a document noun (kinds ``doc:...``) as its
  object or passive subject: "ОДКБ и ООН подписали меморандум", "было подписано соглашение",
  "лидеры приняли декларацию", "заключили соглашение", "скрепили подписями"; participles and
  relative clauses: "меморандум ..., подписанный в ноябре 2018 года", "декларацию, которую
  подписали ...", "Казахстан, который подписал соглашение"; nouns: "подписание договора",
  "подписи под документом поставили ...", "завершился принятием Банджульской декларации";
  coordinated documents each give a fact, a second verb without a subject shares the first
  one's ("подписали ..., а также утвердили ..."), and so does a report without one that
  adds to the sentence before ("Кроме того, был подписан договор");
- parties: subjects ("X и Y подписали", "российская и китайская стороны"), the document's
  genitive ("меморандум ОДКБ и ООН", "заявление лидеров ЕС"), "между X и Y", "с X",
  "государств - членов X", "у X действует соглашение", compound adjectives
  ("российско-китайское заявление"), officials named by post ("генеральными секретарями СНГ
  и ШОС"), "стороны" (the parties of the document told of before); else the organizations
  or states of the signers' posts (an official of a body signs for its organization);
  collective subjects ("лидеры стран БРИКС", "главы государств" at the article's
  organization) only when no signer says more;
- signatories: persons as subjects or agents, "вместе с X", "они" (the persons of the previous
  sentence), holders of a post named without a name (from the post facts), a list after a
  colon ("подписали президенты четырех стран: X (Уругвай), Y (Бразилия)"); a signer
  "председательствующий в X" or "X (Уругвай)" signs for that organization or state;
- date, most trusted first: in the verb's clause ("в среду", "в ноябре 2018 года",
  "накануне"), in the main clause of "..., когда ... подписали"; the date of the event it was
  signed at ("в рамках заседания", "на открытии саммита"; "в первый день": the day the event
  opened; not an event held elsewhere than the city the document is named after); the
  article's date for a report in the headline or subtitle; the one date of the sentence
  before in the paragraph when that names a party. Validity periods ("до 2030 года", "на
  2025-2026 годы") and entry into force are no dates of signing; else None;
- place: "в Москве", "там", "где", the city the document is named after ("Джиддская
  декларация", "Декларация Рио-де-Жанейро"), the place of the event; the dateline city for a
  document signed on the article's date;
- preparer: "подготовленный российской стороной", "проект которого подготовило индийское
  председательство", "разработанный Казахстаном", "был подготовлен комиссией", "проект
  документа, разработанный Бразилией";
- back-references: "Документ подписали ...", "Подписанный в среду документ" join the last
  document told of, also one named without a signing ("Соглашение ... между ЕАЭС и Ираном
  вступило в силу. Документ, подписанный 25 декабря 2023 года, ..."); reports of one kind
  whose parties and dates agree are one document (a month without a year agrees with the
  same month of a stated year; dates from a headline or the sentence before are not
  compared).
Not facts: negated or refused signing ("не подписали", "отказался подписать": the refuser is
no signatory; "завершилась без принятия декларации"), plans and hypotheticals (modal verbs,
infinitives, future tense, "бы", "если", "проект соглашения"), a statement made by one
("сделал заявление", "принял заявление об отставке"), counted documents ("около 20
документов"), a "программа" without parties, founding treaties given as a basis ("на основе
Договора", "Договор о создании"), the act an organization was founded by when it names no
other party ("было образовано, когда ... подписали", "ведет свою историю с ..., когда была
подписана"), and a document only named ("соглашение вступило в силу").
"""


from __future__ import annotations

from kg.facts.agreement_context import Ctx, documents_of
from kg.facts.agreement_parties import compound_parties, np_parties
from kg.facts.agreement_records import (
    BACK_SENTENCES,
    PARTY_CLASSES,
    Agreement,
    Report,
    dates_agree,
    governor,
    words,
)
from kg.facts.agreement_reports import (
    excluded,
    factual,
    linked_documents,
    noun_phrase,
    reports_in,
    share_subject,
)
from kg.facts.base import Doc, SentView, fact, lexicon
from kg.iri import node_iri
from kg.records import Fact

EXTRACTOR = "agreements"


# -- entry point --------------------------------------------------------------------


def extract(doc: Doc, posts: list[Fact]) -> list[Fact]:
    lx = lexicon("agreements", doc.ctx)
    ctx = Ctx(doc, lx, posts)
    agreements: list[Agreement] = []
    mentions: list[Report] = []  # documents told of without a signing
    refusers: set[tuple[str | None, str]] = set()
    last: Agreement | None = None
    for view in doc.sentences:
        reported = set()
        for report, negative in reports_in(ctx, view):
            reported.add(report.pos[1])
            if negative:
                refusers |= {(report.kind, p) for p in report.signers}
                continue
            if last is not None and last.last[0] == view.index - 1 and _additive(ctx, report):
                share_subject(last, report, last.date(), last.places[0] if last.places else None)
            last = _file(agreements, mentions, report) or last
        mentions += _mentions(ctx, view, reported)
    for view in doc.sentences:
        _preparers(ctx, view, agreements)
    out = []
    for a in agreements:
        a.signers = [p for p in a.signers if (a.kind, p) not in refusers
                     and (None, p) not in refusers]
        if a.founding and set(a.parties()) <= set(a.founded) and not a.signers:
            continue  # the founding act of an organization: the founding extractor's
        if a.kind in words("needs_party") and not a.parties():
            continue  # "одобрена программа оснащения": a plan, not an agreement
        out.append(_fact(ctx, a))
    return out


def _file(agreements: list[Agreement], mentions: list[Report],
          r: Report) -> Agreement | None:
    """Add a report to the document it reports, or start a new document; returns it."""
    if r.sides and not (r.explicit or r.strong or r.weak or r.signer_parties):
        told = _told(agreements, mentions, r.pos)
        if told is not None:
            r.strong = told.parties() if isinstance(told, Agreement) else list(told.explicit)
    if r.kind is None:  # "документ": the last document told of before
        target = _told(agreements, mentions, r.pos)
        if isinstance(target, Report):  # told of, and now we learn it was signed
            mentions.remove(target)
            target = _file(agreements, mentions, target)
        if target is None:
            return None
        r.kind = target.kind
        if not all(dates_agree(d, r.date) for d in target.dates):
            return None
        target.add(r)
        return target
    for a in agreements:
        if a.accepts(r):
            a.add(r)
            return a
    a = Agreement(kind=r.kind)
    a.add(r)
    agreements.append(a)
    return a


def _told(agreements: list[Agreement], mentions: list[Report], pos: tuple[int, int]):
    """The document told of last before ``pos`` (an agreement or a mention), if near."""
    near = [(a.last, a) for a in agreements if a.last < pos]
    near += [(m.pos, m) for m in mentions if m.pos < pos]
    near = [(p, x) for p, x in near if pos[0] - p[0] <= BACK_SENTENCES]
    return max(near, key=lambda x: x[0])[1] if near else None


def _mentions(ctx: "Ctx", view: SentView, reported: set[int]) -> list[Report]:
    """Documents named as the subject of a sentence that tells no signing ("Соглашение о
    свободной торговле между ЕАЭС и Ираном вступило в силу"): a later "Документ, подписанный
    ..." or "стороны" refers to them. They carry no date (entry into force is no signing)."""
    out = []
    for d in documents_of(ctx, view):
        t = view.tokens[d.head]
        if d.kind is None or d.head in reported or t.feat("Case") != "Nom" or \
                not t.rel.startswith("nsubj") or excluded(ctx, view, d):
            continue
        r = Report(kind=d.kind, date=None, place=None, view=view, pos=(view.index, d.head))
        np_parties(ctx, view, d, noun_phrase(view, d, ctx.seg_of(view, d.head), -1), r)
        r.explicit += compound_parties(ctx, view, d)
        out.append(r)
    return out


def _additive(ctx: "Ctx", r: Report) -> bool:
    """"Кроме того, был подписан договор": a report without signers or parties of its own
    that adds to the one before."""
    if r.explicit or r.strong or r.weak or r.signers or r.view is None or \
            r.kind in words("needs_party"):
        return False  # a "программа" needs parties of its own
    view = r.view
    seg = ctx.seg_of(view, r.pos[1])
    return seg.opener == "main" and any(ctx.has("additive", view, k) for k in seg.tokens)


def _fact(ctx: "Ctx", a: Agreement) -> Fact:
    doc = ctx.doc
    parties = a.parties()
    date = a.date()
    value = date.value if date else None
    year = value[:4] if value else ""
    place = a.places[0] if a.places else None
    if place is None and value and value == doc.article.date:
        place = ctx.dateline_iri()
    names = []
    for iri in parties:
        entity = doc.entity_by_iri(iri)
        names.append(entity.label if entity else iri.rsplit("/", 1)[-1])
    label = a.kind + (" " + "–".join(names) if names else "")
    return fact("agreement", a.view, EXTRACTOR,
                document=node_iri("agreement", a.kind, *sorted(parties), year),
                document_kind=a.kind, date=value, place=place, party=tuple(parties),
                signatory=tuple(a.signers), preparer=a.preparer, label=label)


# -- preparers --------------------------------------------------------------------------


def _preparers(ctx: Ctx, view: SentView, agreements: list[Agreement]) -> None:
    """"Документ, подготовленный российской стороной", "проект которого подготовила
    южноафриканская сторона", "разработанный Казахстаном": the last document of that kind."""
    docs = documents_of(ctx, view)
    if not docs or not agreements:
        return
    toks = view.tokens
    for p, _ in ctx.lx.find("prepare", toks):
        seg = ctx.seg_of(view, p)
        if not factual(ctx, view, p, seg):
            continue
        linked = linked_documents(ctx, view, p, seg, docs, draft_ok=True)
        if not linked:
            continue
        np = set()
        for d in linked:
            np |= noun_phrase(view, d, seg, p, left=False)
        agent = _agent(ctx, view, [k for k in sorted(seg.tokens) if k not in np and k != p])
        if not agent:
            continue
        for d in linked:
            target = _target(agreements, d.kind, (view.index, d.head))
            if target is not None and target.preparer is None:
                target.preparer = agent


def _agent(ctx: Ctx, view: SentView, zone: list[int]) -> str | None:
    """"российская сторона", "индийское председательство" (a state adjective), or a state or
    organization named as subject or agent."""
    toks = view.tokens
    doc = ctx.doc
    for k in zone:
        if ctx.has("side", view, k) and k > 0 and toks[k - 1].pos == "ADJ":
            entry = doc.gazetteer.adjective(toks[k - 1].lemma)
            if entry is not None:
                return doc.state_entity(entry).iri
    for e in ctx.ents(view):
        if e.first in zone and e.cls in PARTY_CLASSES and not e.anaphor:
            prep, head = governor(view, e.first)
            if prep is None and head is None:
                return e.iri
    return None


def _target(agreements: list[Agreement], kind: str | None, pos: tuple[int, int]):
    found = [a for a in agreements if (kind is None or a.kind == kind) and a.view is not None
             and a.view.index <= pos[0] and pos[0] - a.last[0] <= BACK_SENTENCES]
    return max(found, key=lambda a: a.last) if found else None
