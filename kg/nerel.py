"""``kg eval nerel``: entity mentions and posts against NEREL (brat standoff), with
bare natasha (segmenter + NER, no post-processing) scored in the same run.

Entities: PERSON -> PER, ORGANIZATION -> ORG, COUNTRY, CITY, STATE_OR_PROVINCE,
LOCATION, DISTRICT -> LOC. Recall is over the maximal gold spans of each class; a
predicted span is right when it equals any gold span of its class (nested ones
included). Posts, per document: gold pairs are WORKPLACE(PERSON, ORGANIZATION or
COUNTRY) and WORKS_AS(PERSON, P) with WORKPLACE(P, ORGANIZATION or COUNTRY); a
predicted post is right when a mention of its person and one of its organization
overlap the two gold arguments. Alias linking: of the ALTERNATIVE_NAME and
ABBREVIATION pairs between two names of these classes whose two spans are both
overlapped by a mention of some entity, the share whose two spans share an entity.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CLASSES = {
    "PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "CITY": "LOC",
    "STATE_OR_PROVINCE": "LOC", "LOCATION": "LOC", "DISTRICT": "LOC",
}
WORKPLACE_TYPES = {"ORGANIZATION", "COUNTRY"}
ALIAS_RELATIONS = {"ALTERNATIVE_NAME", "ABBREVIATION"}


@dataclass(frozen=True)
class Gold:
    spans: dict[str, set[tuple[int, int]]]  # class -> every gold span
    maximal: dict[str, set[tuple[int, int]]]  # class -> spans not inside another of the class
    posts: set[tuple[tuple[int, int], tuple[int, int]]]  # (person span, workplace span)
    # two names of one entity (ALTERNATIVE_NAME, ABBREVIATION), both of the classes above
    aliases: frozenset[tuple[tuple[int, int], tuple[int, int]]] = frozenset()


def read_ann(path: Path) -> Gold:
    ents: dict[str, tuple[str, tuple[int, int]]] = {}
    rels: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            etype, *offsets = info.replace(";", " ").split()
            nums = [int(x) for x in offsets]
            ents[tid] = (etype, (min(nums), max(nums)))
        elif line.startswith("R"):
            _, info, *_ = line.split("\t")
            rtype, a1, a2 = info.split()
            rels.append((rtype, a1.split(":")[1], a2.split(":")[1]))
    spans: dict[str, set] = defaultdict(set)
    for etype, span in ents.values():
        if etype in CLASSES:
            spans[CLASSES[etype]].add(span)
    maximal = {c: {s for s in ss if not any(o != s and o[0] <= s[0] and s[1] <= o[1]
                                            for o in ss)} for c, ss in spans.items()}
    workplace = defaultdict(set)  # profession/person -> workplaces
    works_as = defaultdict(set)  # person -> professions
    for rtype, a, b in rels:
        if a not in ents or b not in ents:
            continue
        if rtype == "WORKPLACE" and ents[b][0] in WORKPLACE_TYPES:
            workplace[a].add(b)
        elif rtype == "WORKS_AS" and ents[a][0] == "PERSON":
            works_as[a].add(b)
    aliases = frozenset((ents[a][1], ents[b][1]) for rtype, a, b in rels
                        if rtype in ALIAS_RELATIONS and a in ents and b in ents
                        and ents[a][0] in CLASSES and ents[b][0] in CLASSES
                        and ents[a][1] != ents[b][1])
    posts = set()
    for a, places in workplace.items():
        if ents[a][0] == "PERSON":
            posts |= {(ents[a][1], ents[b][1]) for b in places}
    for person, profs in works_as.items():
        for p in profs:
            posts |= {(ents[person][1], ents[b][1]) for b in workplace.get(p, ())}
    return Gold(dict(spans), maximal, posts, aliases)


@dataclass
class PRF:
    tp_p: int = 0  # predicted that are right
    n_pred: int = 0
    tp_r: int = 0  # gold found
    n_gold: int = 0

    @property
    def p(self) -> float:
        return self.tp_p / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_r / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, other: PRF) -> None:
        self.tp_p += other.tp_p
        self.n_pred += other.n_pred
        self.tp_r += other.tp_r
        self.n_gold += other.n_gold


def score_spans(pred: dict[str, set], gold: Gold) -> dict[str, PRF]:
    out = {}
    for cls in ("PER", "ORG", "LOC"):
        ps = pred.get(cls, set())
        gs = gold.spans.get(cls, set())
        gm = gold.maximal.get(cls, set())
        out[cls] = PRF(len(ps & gs), len(ps), len(gm & ps), len(gm))
    return out


def score_posts(pred: list[tuple[list, list]], gold: Gold) -> PRF:
    """pred: (person mention spans, organization mention spans) per predicted post."""
    def overlaps(spans, target):
        return any(s < target[1] and target[0] < e for s, e in spans)

    right = sum(1 for ps, os in pred
                if any(overlaps(ps, gp) and overlaps(os, go) for gp, go in gold.posts))
    found = sum(1 for gp, go in gold.posts
                if any(overlaps(ps, gp) and overlaps(os, go) for ps, os in pred))
    return PRF(right, len(pred), found, len(gold.posts))


def score_aliases(entity_spans: dict[str, list[tuple[int, int]]], gold: Gold) -> tuple[int, int]:
    """(pairs linked, pairs found): a gold alias pair is found when a mention of some entity
    overlaps each of its two spans, linked when one entity overlaps both."""
    def owners(target):
        return {iri for iri, spans in entity_spans.items()
                if any(s < target[1] and target[0] < e for s, e in spans)}

    found = linked = 0
    for a, b in gold.aliases:
        first, second = owners(a), owners(b)
        if first and second:
            found += 1
            linked += bool(first & second)
    return linked, found


@dataclass
class Report:
    docs: int = 0
    ours: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    bare: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    posts: PRF = field(default_factory=PRF)
    aliases_linked: int = 0
    aliases_found: int = 0

    @property
    def alias_linking(self) -> float:
        return self.aliases_linked / self.aliases_found if self.aliases_found else 0.0

    def micro(self) -> PRF:
        """Our entity mentions, all classes together."""
        return _micro(self.ours)


def bare_natasha(text: str, models) -> dict[str, set]:
    """natasha's segmenter and NER on the whole text, nothing else."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_ner(models.ner_tagger)
    out: dict[str, set] = defaultdict(set)
    for span in doc.spans:
        out[span.type].add((span.start, span.stop))
    return out


def nerel_documents(folder: Path, limit: int | None = None) -> list[Path]:
    """The ``*.txt`` of a NEREL split that have their ``.ann``; a clear error if none."""
    paths = [p for p in sorted(Path(folder).glob("*.txt")) if p.with_suffix(".ann").exists()]
    if not paths:
        raise FileNotFoundError(f"no NEREL documents (*.txt with its .ann) in {folder}")
    return paths[:limit] if limit else paths


def evaluate_nerel(folder: Path, ctx, limit: int | None = None, progress=None) -> Report:
    """Score every document of a NEREL split; ``progress(done, total)`` after each one."""
    from kg.articles import read_article
    from kg.pipeline import extract

    report = Report()
    paths = nerel_documents(folder, limit)
    for n, path in enumerate(paths, 1):
        gold = read_ann(path.with_suffix(".ann"))
        article = read_article(path)
        result = extract(article, ctx)
        pred: dict[str, set] = defaultdict(set)
        spans_of: dict[str, list] = {}
        for m in result.mentions:
            pred[m.type].add((m.start, m.end))
        for e in result.extraction.entities:
            spans_of[e.iri] = list(e.mentions)
        for cls, prf in score_spans(pred, gold).items():
            report.ours[cls].add(prf)
        for cls, prf in score_spans(bare_natasha(article.text, ctx.models), gold).items():
            report.bare[cls].add(prf)
        posts = [(spans_of.get(f.get("person"), []), spans_of.get(f.get("organization"), []))
                 for f in result.extraction.facts if f.kind == "post"]
        report.posts.add(score_posts(posts, gold))
        linked, found = score_aliases(spans_of, gold)
        report.aliases_linked += linked
        report.aliases_found += found
        report.docs += 1
        if progress is not None:
            progress(n, len(paths))
    return report


def _micro(scores: dict[str, PRF]) -> PRF:
    total = PRF()
    for prf in scores.values():
        total.add(prf)
    return total


def format_nerel(report: Report) -> str:
    lines = [f"NEREL: {report.docs} documents",
             f"{'':<10}{'ours P':>8}{'R':>7}{'F1':>7}   {'natasha P':>9}{'R':>7}{'F1':>7}"]
    for cls in ("PER", "ORG", "LOC"):
        o, b = report.ours[cls], report.bare[cls]
        lines.append(f"{cls:<10}{o.p:8.3f}{o.r:7.3f}{o.f1:7.3f}   {b.p:9.3f}{b.r:7.3f}{b.f1:7.3f}")
    o, b = _micro(report.ours), _micro(report.bare)
    lines.append(f"{'micro':<10}{o.p:8.3f}{o.r:7.3f}{o.f1:7.3f}   {b.p:9.3f}{b.r:7.3f}{b.f1:7.3f}")
    p = report.posts
    lines.append(f"{'posts':<10}{p.p:8.3f}{p.r:7.3f}{p.f1:7.3f}   {'(natasha has no relation extraction)':>23}")
    lines.append(f"{'aliases':<10}{report.alias_linking:8.3f}   linked {report.aliases_linked} of "
                 f"{report.aliases_found} pairs whose two names were both found")
    return "\n".join(lines) + "\n"
