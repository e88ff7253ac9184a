"""``kg eval corpus``: precision, recall and F1 per table against our gold corpus.

Gold facts sit beside each article as ``NAME.gold.yaml`` (see tests/corpus/README.md).
Names in gold are matched to extracted IRIs through the gazetteer (any alias
will do); a name outside it to the entity of the article that has it as its label or one
of its aliases (as in ``entities.rq``: "САДК" is the entity "Сообщество развития юга
Африки" when the text joined the two), else by its slug. Roles and agreement kinds are
compared after the role lexicon's normalization, dates as ISO strings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.iri import slug
from kg.phrases import fold

TABLES = ("posts", "members", "summits", "participants", "agreements", "chairmanships",
          "founding", "cooperation")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Canon:
    """Names and IRIs -> comparable keys (``names``: an article's entity names -> keys)."""

    def __init__(self, ctx, names: dict[str, str] | None = None) -> None:
        self.gaz = ctx.gazetteer
        self.ctx = ctx
        self.names = names or {}
        from kg.facts.roles import load_roles

        self.roles = load_roles(ctx.models.morph_vocab)

    def of_article(self, entities: list[dict]) -> Canon:
        """This canon, knowing the labels and aliases of an article's entities."""
        names: dict[str, str] = {}
        for e in entities:
            key = e["iri"].rsplit("/", 1)[-1]
            for name in (e["label"], *e.get("aliases", ())):
                names.setdefault(fold(name), key)
        out = Canon.__new__(Canon)
        out.__dict__.update(self.__dict__, names=names)
        return out

    def entity(self, value) -> str | None:
        if value in (None, ""):
            return None
        value = str(value)
        if value.startswith("http"):
            return value.rsplit("/", 1)[-1]
        entry = self.gaz.lookup(value)
        if entry:
            return entry.id
        return self.names.get(fold(value)) or slug(value)

    def role(self, value) -> str | None:
        return self.roles.canonical(str(value)) if value else None

    @staticmethod
    def text(value) -> str | None:
        return fold(str(value)) if value not in (None, "") else None

    @staticmethod
    def date(value) -> str | None:
        return str(value) if value not in (None, "") else None


def gold_tuples(gold: dict, c: Canon) -> dict[str, set]:
    out: dict[str, set] = {t: set() for t in TABLES}
    for p in gold.get("posts") or []:
        out["posts"].add((c.entity(p["person"]), c.role(p["role"]), c.entity(p["organization"]),
                          c.date(p.get("start")), c.date(p.get("end")),
                          p.get("status") or "current"))
    for m in gold.get("members") or []:
        out["members"].add((c.entity(m["organization"]), c.entity(m["state"]),
                            c.date(m.get("since")), c.date(m.get("until")),
                            m.get("status") or "member"))
    for s in gold.get("summits") or []:
        out["summits"].add((c.entity(s["organization"]), c.entity(s.get("place")),
                            c.date(s.get("date"))))
    for p in gold.get("participants") or []:
        out["participants"].add((c.entity(p["organization"]), c.date(p.get("date")),
                                 c.entity(p["participant"])))
    for a in gold.get("agreements") or []:
        out["agreements"] |= _agreement(c.text(a["kind"]), c.date(a.get("date")),
                                        [c.entity(x) for x in a.get("parties") or []],
                                        [c.entity(x) for x in a.get("signatories") or []],
                                        c.entity(a.get("preparer")))
    for ch in gold.get("chairmanships") or []:
        out["chairmanships"].add((c.entity(ch["organization"]), c.entity(ch["state"]),
                                  str(ch["year"])))
    for f in gold.get("founding") or []:
        out["founding"].add((c.entity(f["organization"]), "date", c.date(f.get("date"))))
        if f.get("treaty") or f.get("treaty_date"):
            out["founding"].add((c.entity(f["organization"]), "treaty",
                                 c.date(f.get("treaty_date"))))
    for co in gold.get("cooperation") or []:
        out["cooperation"].add(tuple(sorted((c.entity(co["organization"]),
                                             c.entity(co["partner"])))))
    return out


def _agreement(kind, date, parties, signatories, preparer) -> set:
    out = {("document", kind, date)}
    out |= {("party", kind, p) for p in parties}
    out |= {("signatory", kind, s) for s in signatories}
    if preparer:
        out.add(("preparer", kind, preparer))
    return out


def predicted_tuples(facts: list[dict], c: Canon) -> dict[str, set]:
    out: dict[str, set] = {t: set() for t in TABLES}
    summits: dict[str, list[dict]] = {}  # a joint summit: one event, a fact per organization
    for f in facts:
        if f["kind"] == "summit":
            summits.setdefault(f["summit"], []).append(f)
    for f in facts:
        kind = f["kind"]
        if kind == "post":
            out["posts"].add((c.entity(f["person"]), c.role(f["role"]),
                              c.entity(f["organization"]), c.date(f.get("start")),
                              c.date(f.get("end")), f.get("status") or "current"))
        elif kind == "member":
            out["members"].add((c.entity(f["organization"]), c.entity(f["state"]),
                                c.date(f.get("since")), c.date(f.get("until")),
                                f.get("status") or "member"))
        elif kind == "summit":
            out["summits"].add((c.entity(f["organization"]), c.entity(f.get("place")),
                                c.date(f.get("date"))))
        elif kind == "participant":
            for summit in summits.get(f["event"]) or [{}]:
                out["participants"].add((c.entity(summit.get("organization")),
                                         c.date(summit.get("date")), c.entity(f["participant"])))
        elif kind == "agreement":
            out["agreements"] |= _agreement(c.text(f["document_kind"]), c.date(f.get("date")),
                                            [c.entity(x) for x in f.get("party") or []],
                                            [c.entity(x) for x in f.get("signatory") or []],
                                            c.entity(f.get("preparer")))
        elif kind == "chairmanship":
            out["chairmanships"].add((c.entity(f["organization"]), c.entity(f["state"]),
                                      str(f["year"])))
        elif kind == "founding":
            out["founding"].add((c.entity(f["organization"]), "date", c.date(f.get("date"))))
            if f.get("treaty"):
                out["founding"].add((c.entity(f["organization"]), "treaty",
                                     c.date(f.get("treaty_date"))))
        elif kind == "cooperation":
            out["cooperation"].add(tuple(sorted((c.entity(f["organization"]),
                                                 c.entity(f["partner"])))))
    return out


def evaluate_corpus(folder: Path, ctx, only: str | None = None) -> dict[str, Score]:
    """Score every article of ``folder`` that has a gold file."""
    from kg.articles import read_article
    from kg.jsonl import record
    from kg.pipeline import extract

    canon = Canon(ctx)
    scores: dict[str, Score] = defaultdict(Score)
    for gold_path in sorted(Path(folder).glob("*.gold.yaml")):
        text_path = gold_path.with_name(gold_path.name[: -len(".gold.yaml")] + ".txt")
        if not text_path.is_file():
            raise FileNotFoundError(f"{gold_path.name} has no article {text_path.name} beside it")
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        rec = record(str(text_path), extract(read_article(text_path), ctx))
        local = canon.of_article(rec["entities"])
        want = gold_tuples(gold, local)
        got = predicted_tuples(rec["facts"], local)
        for table in TABLES:
            if only and table != only:
                continue
            score = scores[table]
            score.tp += len(want[table] & got[table])
            for t in sorted(want[table] - got[table], key=str):
                score.fn += 1
                score.misses.append((text_path.name, t))
            for t in sorted(got[table] - want[table], key=str):
                score.fp += 1
                score.false.append((text_path.name, t))
    total = Score()
    for table in TABLES:
        s = scores[table]
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    scores["overall"] = total
    return {t: scores[t] for t in (*TABLES, "overall")}


def format_scores(scores: dict[str, Score], details: bool = True) -> str:
    lines = [f"{'table':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for table, s in scores.items():
        lines.append(f"{table:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}"
                     f"{s.tp:6d}{s.fp:6d}{s.fn:6d}")
    if details:
        for table, s in scores.items():
            if table == "overall":
                continue
            for doc, t in s.misses:
                lines.append(f"MISS  {table:<13} {doc}: {t}")
            for doc, t in s.false:
                lines.append(f"FALSE {table:<13} {doc}: {t}")
    return "\n".join(lines) + "\n"


def format_summary(results: dict[str, dict[str, Score]]) -> str:
    """One line per gold set: its overall P, R and F1."""
    lines = ["== overall per set", f"{'set':<24}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, scores in results.items():
        s = scores["overall"]
        lines.append(f"{name:<24}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}"
                     f"{s.tp:6d}{s.fp:6d}{s.fn:6d}")
    return "\n".join(lines) + "\n"
