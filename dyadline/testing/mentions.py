"""Synthetic event mentions shaped like real event data, with the truth of which real-world
event each one reports: for benchmarks of reconciliation and tests of its invariants.

- pairs of states drawn from a power law (the top pair about 20 % of all mentions), or one
  pair only (``dense``: a dyad's news over decades);
- kinds in proportions like those of news event data (consultations and statements many,
  wars and alliances few);
- dates spread over 1946-2024; some events last years (wars, aid, sanctions: intervals);
- each event reported by one to eight documents of the following month (news; a document
  reports several events of its days), in English and French; a report gives the
  day, the month or the year, sometimes a day or (for once-only acts) years off, and 15 %
  of reports give no date; some name only one side, a few a third party.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from ..kinds import kinds
from ..records import Event

KIND_WEIGHTS = {
    "NEGOTIATE": 12, "VISIT": 10, "ACCUSE": 8, "SUPPORT": 8, "AGREE": 6, "COOPERATE": 6,
    "REQUEST": 6, "OPPOSE": 4, "AID": 4, "ATTACK": 4, "THREATEN": 3, "REJECT": 3, "OFFER": 3,
    "INVITE": 2, "ARMED_CONFLICT": 2, "KILL": 2, "PROTEST": 2, "SANCTION": 2, "MEDIATE": 1,
    "COERCE": 1, "MOBILIZE": 1, "WITHDRAW": 1, "DETERIORATE": 1, "INCIDENT": 1, "CONCEDE": 0.5,
    "NORMALIZE": 0.5, "INVADE": 0.3, "LEADER_CHANGE": 0.3, "ESTABLISH_RELATIONS": 0.2,
    "JOIN_ALLIANCE": 0.2, "NEUTRAL": 0.2, "COUP": 0.1, "LEAVE_ALLIANCE": 0.05, "STATE_CHANGE": 0.05,
}
LASTING = {"ARMED_CONFLICT", "AID", "SANCTION", "COOPERATE"}     # often an interval of years
REPORTS = (1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 8)                   # documents per event
UNDATED = 0.15
ORGS = ("NATO", "ASEAN", "AU", "ARAB_LEAGUE", "OAS", "EU", "CIS", "SCO")
DENSE_PAIR = ("IND", "PAK")


def _states() -> list[str]:
    from ..kb import default_kb
    kb = default_kb()
    return sorted(c for c, a in kb.actors.items() if a.type == "state" and (a.end is None or a.end >= 1990))[:200]


def _pair_weights(n_pairs: int, top_share: float) -> list[float]:
    """Zipf weights 1/r^s with s chosen so that the first takes ``top_share``."""
    lo, hi = 0.5, 3.0
    for _ in range(50):
        s = (lo + hi) / 2
        w = [1 / r ** s for r in range(1, n_pairs + 1)]
        if w[0] / sum(w) < top_share:
            lo = s
        else:
            hi = s
    return w


def generate(n_mentions: int, seed: int = 1, *, dense: bool = False, docs_per_mention: float = 0.3,
             top_share: float = 0.2, doc_prefix: str = "d") -> Iterator[tuple[Event, int]]:
    """``n_mentions`` mentions with the number of the real-world event each reports."""
    rng = random.Random(seed)
    ks = kinds()
    names = list(KIND_WEIGHTS)
    kw = [KIND_WEIGHTS[k] for k in names]
    if dense:
        pairs, pw = [DENSE_PAIR], [1.0]
    else:
        states = _states()
        n_pairs = min(5000, len(states) * (len(states) - 1) // 2)
        seen, pairs = set(), []
        while len(pairs) < n_pairs:
            a, b = rng.sample(states, 2)
            if (a, b) not in seen and (b, a) not in seen:
                seen.add((a, b))
                pairs.append((a, b))
        pw = _pair_weights(n_pairs, top_share)
    n_docs = max(10, int(n_mentions * docs_per_mention))
    made = real = 0
    first = date(1946, 1, 1).toordinal()
    span = date(2024, 12, 31).toordinal() - first
    per_day = max(1, round(n_docs / span))                 # documents published a day
    while made < n_mentions:
        real += 1
        kind = rng.choices(names, kw)[0]
        K = ks[kind]
        a, b = rng.choices(pairs, pw)[0]
        if rng.random() < 0.5:
            a, b = b, a
        target = [rng.choice(ORGS)] if kind in ("JOIN_ALLIANCE", "LEAVE_ALLIANCE") else [b]
        third = rng.choice(pairs)[0] if rng.random() < 0.02 else None
        if third in (a, b):
            third = None
        day = date.fromordinal(first + rng.randrange(span))
        years = rng.randint(2, 8) if kind in LASTING and rng.random() < 0.3 else 0
        docs = set()
        for _ in range(rng.choice(REPORTS)):            # documents of the following month
            published = day + timedelta(days=rng.randrange(31))
            docs.add((published, rng.randrange(per_day)))
        for r, (published, d) in enumerate(sorted(docs)):
            if made >= n_mentions:
                break
            dt = _report_date(rng, day, years, K.once)
            src, tgt = [a], list(target)
            if third and rng.random() < 0.7:
                src.append(third)
            if K.needs is None and rng.random() < 0.1:
                tgt = []                                    # one side named only
            start = rng.randrange(0, 20_000)
            ev = Event(doc=f"{doc_prefix}{published.isoformat()}-{d}.txt", lang="fr" if (published.toordinal() + d) % 3 == 0 else "en",
                       evidence=f"e{real}.{r}", doc_date=published.isoformat(),
                       span=(start, start + 60), kind=kind, plover=K.plover, cameo=K.cameo,
                       quad_class=K.quad_class, goldstein=K.goldstein, source=src, target=tgt,
                       source_text=list(src), target_text=list(tgt), date=dt, date_text=dt,
                       negated=rng.random() < 0.02, confidence=0.8, label="", sentence=start // 200,
                       id=f"ev{doc_prefix}{seed}_{real}_{r}")
            made += 1
            yield ev, real


def _report_date(rng: random.Random, day: date, years: int, once: bool) -> str | None:
    x = rng.random()
    if x < UNDATED:
        return None
    if years:
        return f"{day.year}/{day.year + years}" if x < 0.7 else str(day.year)
    if once and x < 0.25:
        return str(day.year + rng.choice((-3, -1, 1, 3)))       # a source off by years
    if x < 0.2:
        return (day + timedelta(days=rng.choice((-2, -1, 1)))).isoformat()   # a day off
    if x < 0.6:
        return day.isoformat()
    if x < 0.85:
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def write_events(store, mentions, chunk: int = 50_000) -> int:
    """Bulk-load generated mentions into a store (:meth:`~dyadline.store.Store.insert_events`),
    a chunk at a time; returns how many. The truth stays in the ids (:func:`real_event`)."""
    n, batch = 0, []
    for ev, _real in mentions:
        batch.append(ev)
        if len(batch) >= chunk:
            n += store.insert_events(batch)
            batch = []
    return n + store.insert_events(batch)


def real_event(event_id: str) -> str:
    """The real-world event a generated mention reports, from its id ("ev<prefix><seed>_<event>_<report>")."""
    return event_id.rsplit("_", 1)[0]


def store_truth_scores(store) -> tuple[float, float]:
    """:func:`truth_scores` of a store's reconciliation of generated mentions, counted in the
    database (no dict of a million ids in Python)."""
    counts = store.con.execute("""
        WITH a AS (SELECT cluster AS c, regexp_replace(id, '_[0-9]+$', '') AS t FROM events
                   WHERE cluster IS NOT NULL)
        SELECT (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM a GROUP BY c)),
               (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM a GROUP BY t)),
               (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM a GROUP BY c, t))""").fetchall()[0]
    p, t, b = (int(x or 0) for x in counts)
    return (b / p if p else 1.0, b / t if t else 1.0)


def truth_scores(assignment: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of the same-event decisions of ``assignment`` (event id ->
    cluster id) against ``truth`` (event id -> real event), counted without listing pairs."""
    from collections import Counter
    pred, true, both = Counter(), Counter(), Counter()
    for e, c in assignment.items():
        pred[c] += 1
        true[truth[e]] += 1
        both[(c, truth[e])] += 1

    def pairs(counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    p, t, b = pairs(pred), pairs(true), pairs(both)
    return (b / p if p else 1.0, b / t if t else 1.0)
