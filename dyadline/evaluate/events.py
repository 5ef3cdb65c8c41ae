"""Evaluation against gold events, with the matching rules of the project's scorer
(``shared/tools/score.py``): same document, overlapping evidence, same PLOVER family (strict:
same kind), agreeing participant states (direction checked for directed kinds), dates
overlapping at year granularity; one-to-one maximum matching; unmatched predictions that
restate a gold event are repeats, neither right nor wrong. Adds breakdowns per kind, per
document and per language.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..kinds import kinds
from ..timex.values import width_days, year_range
from .jsonl import read_jsonl

MAX_EVIDENCE = 600
# the scorer's symmetric kinds (participants compared as one set)
SYMMETRIC = {"ESTABLISH_RELATIONS", "NORMALIZE", "NEGOTIATE", "AGREE", "COOPERATE",
             "ARMED_CONFLICT", "STATE_CHANGE", "INCIDENT", "LEADER_CHANGE"}


def family(kind: str) -> str:
    k = kinds().get(kind)
    if k is None:
        return kind
    return k.family


def states(codes) -> set[str]:
    out = set()
    for c in codes or []:
        if isinstance(c, dict):
            c = c.get("code") or c.get("id") or ""
        c = str(c).upper().split("-")[0].strip()
        if c:
            out.add(c)
    return out


def years(date) -> tuple[int, int] | None:
    """First and last year of a date (open ends as -9999 and 9999), None when undated: the
    scorer's reading of EDTF."""
    return year_range(str(date)) if date else None


def _spans(text: str, evidence: str | None) -> list[tuple[int, int]]:
    if not evidence:
        return []
    out, start = [], text.find(evidence)
    while start != -1:
        out.append((start, start + len(evidence)))
        start = text.find(evidence, start + 1)
    return out


def kinds_agree(g: dict, p: dict, strict: bool) -> bool:
    gk, pk = g.get("kind"), p.get("kind")
    return gk == pk if strict else family(gk) == family(pk)


def actors_agree(g: dict, p: dict) -> bool:
    """The scorer's test of participants: for a symmetric kind a shared participant state; else
    the gold's sources among the prediction's, and its targets (each side when the gold names one)."""
    gs, gt = states(g.get("source")), states(g.get("target"))
    ps, pt = states(p.get("source")), states(p.get("target"))
    if g.get("kind") in SYMMETRIC or p.get("kind") in SYMMETRIC:
        return bool((gs | gt) & (ps | pt))
    return (not gs or bool(gs & ps)) and (not gt or bool(gt & pt))


def compatible(g: dict, p: dict, strict: bool, use_date: bool = True) -> bool:
    return kinds_agree(g, p, strict) and actors_agree(g, p) and \
        (not use_date or dates_agree(g.get("date"), p.get("date")))


def dates_agree(gold_date, pred_date) -> bool:
    """The scorer's date test: year intervals overlap (an undated gold accepts any)."""
    gy, py = years(gold_date), years(pred_date)
    if gy is None:
        return True
    return py is not None and py[1] >= gy[0] and py[0] <= gy[1]


def _overlaps(a, b) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def match(gold: list[dict], pred: list[dict], texts: dict[str, str], strict: bool,
          use_date: bool = True) -> list[tuple[int, int]]:
    edges: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        text = texts.get(g["doc"], "")
        gsp = _spans(text, g.get("evidence"))
        for pi, p in enumerate(pred):
            if p.get("doc") != g["doc"]:
                continue
            psp = _spans(text, p.get("evidence")) or (
                [tuple(p["span"])] if isinstance(p.get("span"), list) and len(p["span"]) == 2 else [])
            too_long = any(e - s > MAX_EVIDENCE for s, e in psp)
            if not too_long and _overlaps(gsp, psp) and compatible(g, p, strict, use_date):
                edges.setdefault(gi, []).append(pi)
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges.get(gi, []):
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in edges:
        augment(gi, set())
    return [(gi, pi) for pi, gi in owner.items()]


@dataclass
class Scores:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    repeats: int = 0
    tp_pred: int = 0     # matched predictions (equals tp overall; differs per kind)

    @property
    def precision(self) -> float:
        return min(self.tp_pred / self.pred, 1.0) if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "pred": self.pred, "repeats": self.repeats, "gold": self.gold,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3)}


@dataclass
class DateScores:
    """Dates of the events found, whatever their date: an event found (same evidence, kind
    family and participants as a gold event) has its date right when its years overlap the
    gold's and it is not coarser than the gold's (it spans no more days)."""

    matched: int = 0
    right: int = 0
    misses: list[dict] = field(default_factory=list)   # gold and predicted dates, evidence

    @property
    def share(self) -> float:
        return self.right / self.matched if self.matched else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"matched": self.matched, "right": self.right, "share": round(self.share, 3),
                "misses": self.misses}


def date_right(gold_date, pred_date) -> bool:
    """Overlapping years and a precision not coarser than the gold's."""
    if not dates_agree(gold_date, pred_date):
        return False
    if not gold_date:
        return True
    return width_days(pred_date) <= width_days(gold_date)


def score_dates(gold: list[dict], pred: list[dict], texts: dict[str, str]) -> DateScores:
    out = DateScores()
    for gi, pi in sorted(match(gold, pred, texts, strict=False, use_date=False)):
        g, p = gold[gi], pred[pi]
        out.matched += 1
        if date_right(g.get("date"), p.get("date")):
            out.right += 1
        else:
            out.misses.append({"doc": g["doc"], "kind": g["kind"], "gold": g.get("date"),
                               "pred": p.get("date"), "pred_text": p.get("date_text"),
                               "date_source": p.get("date_source"), "evidence": g.get("evidence")})
    return out


@dataclass
class ClusterScores:
    """Same-event decisions against the gold's clusters (the ``cluster`` field): over pairs of
    gold events, precision of the pairs put in one cluster (among gold events found) and recall
    of the gold's same-cluster pairs; and the gold's multi-report clusters found whole."""

    gold_pairs: int = 0
    pred_pairs: int = 0
    both: int = 0
    clusters: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.both / self.pred_pairs if self.pred_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.both / self.gold_pairs if self.gold_pairs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"gold_pairs": self.gold_pairs, "pred_pairs": self.pred_pairs, "both": self.both,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "clusters": self.clusters, "found": self.found, "missed": self.missed}


def score_clusters(gold: list[dict], pred: list[dict], texts: dict[str, str]) -> ClusterScores:
    out = ClusterScores()
    to_pred = {gi: pi for gi, pi in match(gold, pred, texts, strict=False)}
    gcl = [g.get("cluster") for g in gold]
    members: dict[str, list[int]] = {}
    for gi, c in enumerate(gcl):
        if c:
            members.setdefault(c, []).append(gi)
    for gi, gj in combinations(range(len(gold)), 2):
        gold_same = bool(gcl[gi]) and gcl[gi] == gcl[gj]
        out.gold_pairs += gold_same
        if gi in to_pred and gj in to_pred:
            a, b = pred[to_pred[gi]].get("cluster"), pred[to_pred[gj]].get("cluster")
            pred_same = bool(a) and a == b
            out.pred_pairs += pred_same
            out.both += gold_same and pred_same
    for name, gis in sorted(members.items()):
        if len(gis) < 2:
            continue
        out.clusters += 1
        ids = {pred[to_pred[g]].get("cluster") if g in to_pred else None for g in gis}
        if len(ids) == 1 and None not in ids:
            out.found += 1
        else:
            out.missed.append(name)
    return out


CAUSES = ("no event on its words", "wrong kind", "wrong actors", "wrong date", "found, matched to another")


@dataclass
class Misses:
    """Why each gold event was not found (family matching): the first of :data:`CAUSES` that
    holds, looking at the predictions whose evidence overlaps the gold's."""

    causes: dict[str, int] = field(default_factory=dict)
    confusions: dict[str, int] = field(default_factory=dict)    # "GOLD -> PRED" kinds, wrong kind
    events: list[dict] = field(default_factory=list)             # each miss: gold, cause, kinds seen

    def to_dict(self) -> dict[str, Any]:
        return {"causes": self.causes, "confusions": self.confusions, "events": self.events}


def explain_misses(gold: list[dict], pred: list[dict], texts: dict[str, str]) -> Misses:
    matched = {gi for gi, _pi in match(gold, pred, texts, strict=False)}
    out = Misses(causes={c: 0 for c in CAUSES})
    conf: dict[str, int] = {}
    spans = {}
    for pi, p in enumerate(pred):
        text = texts.get(p["doc"], "")
        spans[pi] = _spans(text, p.get("evidence")) or (
            [tuple(p["span"])] if isinstance(p.get("span"), list) and len(p["span"]) == 2 else [])
    by_doc: dict[str, list[int]] = {}
    for pi, p in enumerate(pred):
        by_doc.setdefault(p["doc"], []).append(pi)
    for gi, g in enumerate(gold):
        if gi in matched:
            continue
        gsp = _spans(texts.get(g["doc"], ""), g.get("evidence"))
        near = [pred[pi] for pi in by_doc.get(g["doc"], []) if _overlaps(gsp, spans[pi])]
        if not near:
            cause = CAUSES[0]
        elif not any(kinds_agree(g, p, False) for p in near):
            cause = CAUSES[1]
            for p in near:
                if actors_agree(g, p):
                    key = f"{g['kind']} -> {p['kind']}"
                    conf[key] = conf.get(key, 0) + 1
                    break
            else:
                key = f"{g['kind']} -> {near[0]['kind']}"
                conf[key] = conf.get(key, 0) + 1
        elif not any(kinds_agree(g, p, False) and actors_agree(g, p) for p in near):
            cause = CAUSES[2]
        elif not any(compatible(g, p, False) for p in near):
            cause = CAUSES[3]
        else:
            cause = CAUSES[4]
        out.causes[cause] += 1
        out.events.append({"doc": g["doc"], "kind": g["kind"], "cause": cause, "evidence": g.get("evidence"),
                           "gold_source": g.get("source"), "gold_target": g.get("target"), "gold_date": g.get("date"),
                           "near": [{"kind": p["kind"], "source": p.get("source"), "target": p.get("target"),
                                     "date": p.get("date")} for p in near]})
    out.confusions = dict(sorted(conf.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


@dataclass
class Report:
    overall: dict[str, Scores] = field(default_factory=dict)
    dates: DateScores = field(default_factory=DateScores)
    clusters: ClusterScores | None = None
    by_kind: dict[str, dict[str, Scores]] = field(default_factory=dict)
    by_doc: dict[str, dict[str, Scores]] = field(default_factory=dict)
    by_lang: dict[str, dict[str, Scores]] = field(default_factory=dict)
    misses: Misses = field(default_factory=Misses)

    def to_dict(self) -> dict[str, Any]:
        def conv(d):
            return {k: {m: s.to_dict() for m, s in v.items()} for k, v in d.items()}
        return {"overall": {m: s.to_dict() for m, s in self.overall.items()},
                "by_kind": conv(self.by_kind), "by_doc": conv(self.by_doc),
                "by_lang": conv(self.by_lang), "dates": self.dates.to_dict(),
                "clusters": self.clusters.to_dict() if self.clusters else None,
                "misses": self.misses.to_dict()}


def score(gold: list[dict], pred: list[dict], texts: dict[str, str],
          langs: dict[str, str] | None = None) -> Report:
    """Precision, recall and F1 overall and per kind, document and language."""
    for e in gold + pred:
        e["doc"] = os.path.basename(str(e.get("doc") or ""))
    pred = [p for p in pred if p["doc"] in texts]
    langs = langs or {}
    rep = Report()
    for mode in ("family", "strict"):
        strict = mode == "strict"
        m = match(gold, pred, texts, strict)
        matched_p = {pi for _, pi in m}
        matched_g = {gi for gi, _ in m}
        repeat = {pi for pi, p in enumerate(pred) if pi not in matched_p and any(
            g["doc"] == p["doc"] and compatible(g, p, strict) for g in gold)}
        groups: dict[str, dict[str, Scores]] = {"overall": {}, "kind": {}, "doc": {}, "lang": {}}

        def bump(key: str, name: str, attr: str) -> None:
            s = groups[key].setdefault(name, Scores())
            setattr(s, attr, getattr(s, attr) + 1)

        for gi, g in enumerate(gold):
            for key, name in (("overall", "all"), ("kind", g["kind"]), ("doc", g["doc"]),
                              ("lang", langs.get(g["doc"], "?"))):
                bump(key, name, "gold")
                if gi in matched_g:
                    bump(key, name, "tp")
        for pi, p in enumerate(pred):
            for key, name in (("overall", "all"), ("kind", p.get("kind", "?")), ("doc", p["doc"]),
                              ("lang", langs.get(p["doc"], "?"))):
                if pi in repeat:
                    bump(key, name, "repeats")
                else:
                    bump(key, name, "pred")
                    if pi in matched_p:
                        bump(key, name, "tp_pred")
        rep.overall[mode] = groups["overall"].get("all", Scores())
        for key, target in (("kind", rep.by_kind), ("doc", rep.by_doc), ("lang", rep.by_lang)):
            for name, s in groups[key].items():
                target.setdefault(name, {})[mode] = s
    rep.dates = score_dates(gold, pred, texts)
    rep.misses = explain_misses(gold, pred, texts)
    if any(g.get("cluster") for g in gold) and any(p.get("cluster") for p in pred):
        rep.clusters = score_clusters(gold, pred, texts)
    return rep


def load_jsonl(path: str | Path) -> list[dict]:
    return read_jsonl(path)


def load_texts(folder: str | Path, names: set[str]) -> dict[str, str]:
    texts = {}
    for name in names:
        p = Path(folder) / name
        try:
            texts[name] = p.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"text of gold document not found ({e.strerror}); pass the folder "
                             "that holds the documents with --texts", path=str(p)) from e
    return texts
