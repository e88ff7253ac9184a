"""Agreements: reports of signing in a sentence: a signing verb or noun linked to its document
nouns (object, passive subject, participle, relative clause, back-reference), factual only
(no negation, plan or hypothetical).
"""

from __future__ import annotations

from kg.facts.agreement_context import Ctx, documents_of
from kg.facts.agreement_dates import context_date, named_place, signing_date, signing_place
from kg.facts.agreement_parties import (
    compound_parties,
    holder_party,
    np_parties,
    relative_subject,
    zone_parties,
)
from kg.facts.agreement_records import (
    MODIFIER,
    NOMINAL,
    PARTY_CLASSES,
    DocDate,
    DocNoun,
    Report,
    Seg,
    is_participle,
    modifier,
    skip_left,
    words,
)
from kg.facts.base import SentView
from kg.syntax.agreement import agrees


def reports_in(ctx: Ctx, view: SentView):
    """(report, negative) for each document signed (or refused) in the sentence."""
    docs = documents_of(ctx, view)
    if not docs:
        return
    toks = view.tokens
    first = None  # the first report of a main clause: "X подписали A, а также утвердили B"
    verbs = [(v, False) for v, _ in ctx.lx.find("sign", toks)]
    verbs += [(v, True) for v, _ in ctx.lx.find("sign_under", toks)]
    for v, under in sorted(verbs):
        seg = ctx.seg_of(view, v)
        linked = _under(view, seg, docs) if under else linked_documents(ctx, view, v, seg, docs)
        if not linked:
            continue
        if any(ctx.has("idiom", view, k) for k in seg.tokens if k > v):
            continue  # "принял к сведению"
        negative = not factual(ctx, view, v, seg)
        for d in linked:
            if excluded(ctx, view, d):
                continue
            r = _report(ctx, view, v, seg, d)
            if seg.opener == "main" and not negative:
                if first is None:
                    first = r
                elif not (r.explicit or r.strong or r.weak or r.signers
                          or _subject_before(view, seg, v)):
                    share_subject(first, r, first.date, first.place)
            if d.kind in words("joint_kind") and not _joint(ctx, view, v, d, r):
                continue  # "сделал заявление", "принял заявление об отставке"
            yield r, negative


def _subject_before(view: SentView, seg: Seg, v: int) -> bool:
    return any(view.tokens[k].feat("Case") == "Nom" and view.tokens[k].pos in NOMINAL | {"PRON"}
               for k in seg.tokens if k < v)


def share_subject(first, r: Report, date: DocDate | None, place: str | None) -> None:
    """A report without a subject shares the signers and parties of the one before (a
    report or a document), and its date and place when it has none."""
    r.explicit, r.strong, r.weak = list(first.explicit), list(first.strong), list(first.weak)
    r.signers, r.signer_parties = list(first.signers), list(first.signer_parties)
    r.date = r.date or date
    r.place = r.place or place


def _joint(ctx: Ctx, view: SentView, v: int, d: DocNoun, r: Report) -> bool:
    """A statement is a document only when adopted jointly: "совместное заявление", a plural
    or passive verb, or two parties or signers."""
    k = d.first - 1
    while k >= 0 and view.tokens[k].pos in MODIFIER:
        if ctx.has("joint", view, k):
            return True
        k -= 1
    t = view.tokens[v]
    if t.feat("Number") == "Plur" or t.feat("Voice") == "Pass" or t.pos == "NOUN":
        return True
    return len(set(r.explicit + r.strong + r.signer_parties + r.weak)) >= 2 or \
        len(r.signers) >= 2


def _under(view: SentView, seg: Seg, docs: list[DocNoun]) -> list[DocNoun]:
    """"поставили подписи под документом": the document after "под"."""
    out = []
    for d in docs:
        k = skip_left(view, d.first - 1)
        if d.head in seg.tokens and k >= 0 and view.tokens[k].lemma in words("under"):
            out.append(d)
    return out


def linked_documents(ctx: Ctx, view: SentView, v: int, seg: Seg, docs: list[DocNoun],
                     draft_ok: bool = False) -> list[DocNoun]:
    """The documents the verb (or noun) at ``v`` signs."""
    toks = view.tokens
    t = toks[v]
    if t.pos == "NOUN":  # "подписание договора", "принятие декларации"
        return [d for d in docs if 0 < d.first - v <= 2 and toks[d.head].feat("Case") in
                ("Gen", None) and all(modifier(toks[k]) for k in range(v + 1, d.first))]
    if is_participle(t):
        for d in docs:
            if t.head == d.head and agrees(t, toks[d.head], with_case=True):
                return [d]
        if seg.opener == "participle" and seg.start in (v, v - 1):
            ante = _antecedent(ctx, view, seg.start, docs, t, with_case=True)
            return [ante] if ante else []
        after = [d for d in docs if d.first > v and d.head in seg.tokens
                 and agrees(t, toks[d.head], with_case=True)]
        if after:
            return after[:1]
        if seg.opener == "participle":
            return []
        # a participle that modifies no document: read it as a finite verb (tagger slips)
    found = [d for d in docs if d.head in seg.tokens and _object_like(ctx, view, d, draft_ok)]
    if seg.opener == "relative":
        rel = toks[next((k for k in sorted(seg.tokens) if ctx.has("relative", view, k)),
                        seg.start)]
        if found and rel.feat("Case") == "Nom" and t.feat("Voice") != "Pass":
            return found  # "Казахстан, который подписал соглашение": "который" signs
        ante = next((d for d in docs if t.rel == "acl:relcl" and d.head == t.head
                     and agrees(rel, toks[d.head])), None)
        ante = ante or _antecedent(ctx, view, seg.start, docs, rel)
        if ante is not None:
            found.insert(0, ante)
    return found


def _object_like(ctx: Ctx, view: SentView, d: DocNoun, draft_ok: bool) -> bool:
    """A document in the nominative or accusative, not inside a prepositional phrase
    (or "проект документа" when ``draft_ok``)."""
    toks = view.tokens
    case = toks[d.head].feat("Case")
    k = skip_left(view, d.first - 1)
    if draft_ok and case == "Gen" and k >= 0 and ctx.has("draft", view, k):
        case = toks[k].feat("Case")
        k = skip_left(view, k - 1)
    if case not in ("Nom", "Acc", None):
        return False
    return not (k >= 0 and toks[k].pos == "ADP")


def _antecedent(ctx: Ctx, view: SentView, start: int, docs: list[DocNoun], word,
                with_case=False):
    """The noun a "который" or a participle after a comma refers to: the nearest noun before
    it that agrees (names of organizations and participle phrases between skipped:
    "соглашение, ведущее к образованию зоны ..., которое"); a document (also by its draft:
    "проект документа, разработанный ...") or nothing."""
    toks = view.tokens
    between = {k for seg in ctx.segs(view) if seg.opener == "participle" and seg.start < start
               for k in seg.tokens}
    for k in range(start - 1, -1, -1):
        t = toks[k]
        if t.text in (";",) or view.ref_at(k) is not None or t.pos not in NOMINAL or \
                k in between:
            continue
        if agrees(word, t, with_case):
            return next((d for d in docs if d.head == k or (
                ctx.has("draft", view, k) and skip_left(view, d.first - 1) == k)), None)
    return None


def excluded(ctx: Ctx, view: SentView, d: DocNoun) -> bool:
    """A draft ("проект соглашения"), a basis ("на основе Договора"), a founding treaty
    ("Договор о создании ...")."""
    k = skip_left(view, d.first - 1)
    if k >= 0 and ctx.has("draft", view, k):
        return True
    for a, b in ctx.lx.find("basis", view.tokens, max(0, d.first - 8), d.first):
        between = view.tokens[b:d.first]
        if not any(t.text == "," or (t.pos in ("VERB", "AUX") and t.feat("VerbForm") == "Fin")
                   for t in between):
            return True  # "на основе (подписанного в тот же день) Договора"
    return ctx.has("founding_topic", view, d.last)


def factual(ctx: Ctx, view: SentView, v: int, seg: Seg) -> bool:
    """The signing happened: not negated, refused, planned, hypothetical or future."""
    toks = view.tokens
    doc = ctx.doc
    t = toks[v]
    if t.feat("Mood") == "Cnd":
        return False
    if any(ctx.has("unreal", view, k) for k in seg.tokens):
        return False
    window = [k for k in range(max(0, v - 3), v) if k in seg.tokens]
    for k in window:
        if (doc.cues.has("negation", toks, k, k + 1) or ctx.has("modal", view, k)
                or (doc.cues.has("hypothetical", toks, k, k + 1)
                    and not ctx.has("draft", view, k))):
            return False
        if toks[k].lemma == "быть" and toks[k].feat("Tense") in ("Fut", "Pres"):
            return False  # "будет подписан"
    if v + 1 < len(toks) and toks[v + 1].feat("Polarity") == "Neg":
        return False  # "подписан не был"
    if t.feat("Tense") == "Fut":
        return False
    if (t.feat("VerbForm") == "Fin" and t.feat("Aspect") == "Perf"
            and t.feat("Tense") == "Pres"):
        return False  # "подпишут"
    if t.feat("VerbForm") == "Inf":
        if t.head < 0 or not ctx.has("factive", view, t.head):
            return False  # "планируют подписать", "предложил разработать"
        return factual(ctx, view, t.head, seg)
    if t.pos == "NOUN":
        if ctx.ends_at("absent", view, v):
            return False  # "завершилась без принятия декларации"
        for k in seg.tokens:
            u = toks[k]
            if u.pos in ("VERB", "AUX") and (u.feat("Tense") == "Fut" or (
                    u.feat("VerbForm") == "Fin" and u.feat("Aspect") == "Perf"
                    and u.feat("Tense") == "Pres")):
                return False
            if doc.cues.has("hypothetical", toks, k, k + 1) or ctx.has("modal", view, k):
                return False
    return True


# -- one report: parties, signers, date, place -----------------------------------------


def _report(ctx: Ctx, view: SentView, v: int, seg: Seg, d: DocNoun) -> Report:
    home = ctx.seg_of(view, d.head)
    np = noun_phrase(view, d, home, v)
    zone = [k for k in sorted(seg.tokens) if k not in np and k != v]
    named = named_place(ctx, view, d)
    date, event_place = signing_date(ctx, view, v, seg, named)
    r = Report(kind=d.kind, date=date, view=view, pos=(view.index, d.head),
                place=named or signing_place(ctx, view, v, seg, zone) or event_place)
    np_parties(ctx, view, d, np, r)
    r.explicit += compound_parties(ctx, view, d)
    zone_parties(ctx, view, zone, r)
    if seg.opener == "relative":
        relative_subject(ctx, view, seg, r)
    if home is not seg:
        holder_party(ctx, view, home, np, r)
    for k, _ in ctx.lx.find("founding", view.tokens):
        if k not in np:
            r.founding = True  # "ООН основана ..., когда вступил в силу Устав"
            r.founded += [e.iri for e in ctx.ents(view) if e.cls in PARTY_CLASSES
                          and e.first in ctx.seg_of(view, k).tokens]
    r.date = r.date or context_date(ctx, view, r)
    return r


def noun_phrase(view: SentView, d: DocNoun, seg: Seg, v: int, left: bool = True) -> set[int]:
    """The document's tokens, a participle phrase before it ("подготовленную российской
    стороной дорожную карту") and the words after it that belong to it."""
    toks = view.tokens
    out = set(range(d.first, d.last))
    for j in range(d.first - 1, max(-1, d.first - 8) if left else d.first - 1, -1):
        t = toks[j]
        if t.text in (",", ";", ":") or (t.pos in ("VERB", "AUX") and not is_participle(t)):
            break
        if is_participle(t) and agrees(t, toks[d.head], with_case=True):
            out |= set(range(j, d.first))
            break
    k = d.last
    while k < len(toks) and k in seg.tokens and k != v:
        t = toks[k]
        if t.pos in ("VERB", "AUX", "PUNCT") and t.text not in ("-", "–", "—", "(", ")"):
            break
        ref = view.ref_at(k)
        if ref is not None and ref.cls == "Person":
            break
        if ref is None and t.pos in NOMINAL | {"ADJ"} and t.feat("Case") == "Nom" and (
                k == 0 or toks[k - 1].pos != "ADP"):
            break  # a new subject: "подписали договор президенты ..."
        out.add(k)
        k += 1
    return out
