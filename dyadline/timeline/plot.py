"""A picture of a dyad's timeline (matplotlib, no screen needed): years across; the events as
marks in lanes by quad class (verbal and material cooperation, verbal and material conflict,
other), an event over several years as a bar; the net cooperation score as a line; the phases as coloured bands; events whose
sources disagree circled in red. PNG or SVG, by the file's extension.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..records import Timeline
from .rules import date_years

PHASE_COLOURS = {"cooperative": "#d8ecd2", "hostile": "#f6d5d1", "mixed": "#f3ead0", "silent": "#ffffff"}
QUAD = {1: ("verbal cooperation", "#4c9a2a", "o"), 2: ("material cooperation", "#1f6f3a", "s"),
        3: ("verbal conflict", "#d9822b", "^"), 4: ("material conflict", "#b3261e", "v"),
        0: ("other (incident, change)", "#6b6b6b", "D")}


def plot(tl: Timeline, path: str | Path, *, title: str | None = None) -> Path:
    """Draw the timeline to ``path`` (.png or .svg)."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InputError("the plot file must end in .png or .svg", path=str(path))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(12, 4.8), constrained_layout=True)
    if not tl.years:
        ax.text(0.5, 0.5, f"no dated event between {tl.a} and {tl.b}", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        fig.savefig(path, dpi=120)
        plt.close(fig)
        return path
    first, last = tl.years[0].year, tl.years[-1].year
    for p in tl.phases:
        ax.axvspan(p.start - 0.5, p.end + 0.5, color=PHASE_COLOURS[p.kind], zorder=0, lw=0)
    # events: one lane per quad class; an event spread over years is a bar across them
    seen: dict[str, object] = {}
    for y in tl.years:
        for ev in y.notable:
            seen.setdefault(ev.cluster, ev)
    used: dict[tuple[int, int], int] = {}
    for ev in sorted(seen.values(), key=lambda e: (str(e.date), e.cluster)):
        q = ev.quad_class if ev.quad_class in QUAD else 0
        span = date_years(ev.date)
        if span is None:
            continue
        lo, hi = max(span[0], first), min(span[1], last)
        _name, colour, marker = QUAD[q]
        lane = 5 - q if q else 0
        if hi > lo:
            ax.plot([lo - 0.4, hi + 0.4], [lane - 0.25, lane - 0.25], color=colour, lw=4, alpha=0.55,
                    solid_capstyle="butt", zorder=3)
            x, yy = lo, lane - 0.25
        else:
            k = used.get((lo, q), 0)
            used[(lo, q)] = k + 1
            x, yy = lo + (k % 4) * 0.2, lane + 0.12 * (k // 4)
            ax.scatter([x], [yy], s=46, c=colour, marker=marker, zorder=4, edgecolors="white", linewidths=0.6)
        if ev.disputed:
            ax.scatter([x], [yy], s=170, facecolors="none", edgecolors="#d62728", linewidths=1.6, zorder=5)
    ax.set_yticks([4, 3, 2, 1, 0], [QUAD[q][0] for q in (1, 2, 3, 4, 0)])
    ax.set_ylim(-0.7, 4.7)
    ax.set_xlim(first - 0.8, last + 0.8)
    ax.set_xlabel("year")
    ax.grid(axis="x", color="#dddddd", lw=0.5, zorder=1)
    # net cooperation score on a second axis
    ax2 = ax.twinx()
    ax2.plot([y.year for y in tl.years], [y.score for y in tl.years], color="#333333", lw=1.4, zorder=2)
    ax2.axhline(0, color="#999999", lw=0.7, ls=":")
    lim = max(1.0, max(abs(y.score) for y in tl.years)) * 1.15
    ax2.set_ylim(-lim, lim)
    ax2.set_ylabel("net cooperation (Goldstein)")
    handles = [Line2D([], [], color=QUAD[q][1], marker=QUAD[q][2], ls="", label=QUAD[q][0]) for q in QUAD]
    handles.append(Line2D([], [], color="#888888", lw=4, alpha=0.55, label="event over several years"))
    handles += [Line2D([], [], color="#333333", lw=1.4, label="net score"),
                Line2D([], [], color="#d62728", marker="o", mfc="none", ls="", label="sources disagree")]
    handles += [Patch(color=PHASE_COLOURS[k], label=k) for k in ("cooperative", "mixed", "hostile")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=5, fontsize=8, frameon=False)
    ax.set_title(title or f"{tl.a}–{tl.b}: events by year, net cooperation and phases")
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
