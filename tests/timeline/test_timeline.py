"""Dyad timelines and their plots from hand-made reconciled events."""
import pytest

from dyadline.errors import InputError
from dyadline.records import Cluster, Fact, SourceRef
from dyadline.timeline.plot import plot
from dyadline.timeline import build


def cl(id, kind, src, tgt, date, goldstein, quad, negated=False, disputed=(), against=()):
    return Cluster(id=id, kind=kind, source=src, target=tgt, date=date, label=f"{kind} {date}",
                   goldstein=goldstein, quad_class=quad, negated=negated, disputed=list(disputed),
                   members=[id], against=list(against),
                   sources=[SourceRef(doc="d.txt", lang="en", event=id, evidence="words", span=(0, 5))])


EVENTS = [
    cl("1", "AGREE", ["EGY"], ["ISR"], "1979-03", 8.0, 1),
    cl("2", "VISIT", ["EGY"], ["ISR"], "1977-11", 1.9, 1),
    cl("3", "ARMED_CONFLICT", ["EGY"], ["ISR"], "1973-10", -10.0, 4, disputed=["date"]),
    cl("4", "ARMED_CONFLICT", ["ISR"], ["EGY"], "1967/1970", -10.0, 4),
    cl("5", "THREATEN", ["SYR"], ["ISR"], "1973", -6.0, 3),          # another dyad
    cl("6", "VISIT", ["ISR"], ["EGY"], "1980", 1.9, 1, negated=True),
    cl("7", "NEGOTIATE", ["EGY"], ["ISR"], None, 7.0, 1),
    cl("8", "AID", ["EGY"], ["ISR-REB"], "1975", 7.0, 2),            # a group is not its state
]


def test_dyad_years_count_each_event_in_its_years():
    tl = build(EVENTS, "EGY", "ISR")
    years = {y.year: y for y in tl.years}
    assert min(years) == 1967 and max(years) == 1979
    assert years[1968].events == 1 and years[1968].score == pytest.approx(-2.5)   # 4 years, -10/4
    assert years[1973].q4 == 1 and years[1973].disputed == 1 and years[1973].events == 1
    assert years[1979].a_to_b == 1 and years[1979].score == 8.0
    assert years[1975].events == 0
    assert [e.label for e in tl.undated] == ["NEGOTIATE None"]
    assert [e.label for e in tl.negated] == ["VISIT 1980"]
    assert years[1979].cow_a == 651 and years[1979].cow_b == 666


def test_phases_come_from_the_scores():
    tl = build(EVENTS, "EGY", "ISR")
    kinds = [(p.start, p.end, p.kind) for p in tl.phases]
    assert kinds[0] == (1967, 1973, "hostile")   # a two-year silence inside stays in the phase
    assert kinds[-1][2] == "cooperative" and kinds[-1][1] == 1979
    assert any(k == "silent" for _s, _e, k in kinds)


def test_direction_and_predecessors():
    tl = build([cl("a", "AID", ["SUN"], ["EGY"], "1956", 7.0, 2), cl("b", "VISIT", ["RUS"], ["EGY"], "2005", 1.9, 1)],
               "EGY", "RUS", with_predecessors=True)
    assert {y.year for y in tl.years if y.events} == {1956, 2005}
    assert all(y.b_to_a == y.events for y in tl.years)
    assert "SUN" in tl.codes_b
    assert {y.year for y in build([cl("a", "AID", ["SUN"], ["EGY"], "1956", 7.0, 2)], "EGY", "RUS").years} == set()


def test_year_range_limits_rows():
    tl = build(EVENTS, "EGY", "ISR", year_from=1975, year_to=1978)
    assert [y.year for y in tl.years] == [1975, 1976, 1977, 1978]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_a_picture(tmp_path, suffix):
    out = plot(build(EVENTS, "EGY", "ISR"), tmp_path / f"t{suffix}")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_plot_refuses_other_formats(tmp_path):
    with pytest.raises(InputError):
        plot(build(EVENTS, "EGY", "ISR"), tmp_path / "t.jpg")


def test_help_against_the_other_side_is_hostile_and_stated_relations_fill_silent_years():
    aid = cl("a", "AID", ["CUB"], ["ETH"], "1978", 7.0, 2, against=["SOM"])
    facts = [Fact(doc="d.txt", evidence="x", span=(0, 1), subject="CUB", predicate="relations_hostile",
                  object="SOM", date="1980/1982")]
    tl = build([aid, cl("b", "VISIT", ["CUB"], ["SOM"], "1984", 1.9, 1)], "CUB", "SOM", facts=facts)
    years = {y.year: y for y in tl.years}
    assert years[1978].score == -3.5 and years[1978].q4 == 1 and years[1978].phase == "hostile"
    assert [years[y].stated for y in (1979, 1980, 1982, 1983)] == [None, "hostile", "hostile", None]
    assert years[1981].phase == "hostile" and years[1984].phase == "cooperative"
