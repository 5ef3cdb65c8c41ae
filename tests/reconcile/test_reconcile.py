"""Reconciliation on hand-made event mentions (other states than the samples')."""
from dyadline.kinds import get
from dyadline.records import Event
from dyadline.reconcile import reconcile


def ev(id, doc, kind, src, tgt, date, lang="en", negated=False, evidence=None, start=0, doc_date=None):
    K = get(kind)
    return Event(doc=doc, lang=lang, evidence=evidence or f"{id} words", span=(start, start + 10),
                 kind=kind, plover=K.plover, cameo=K.cameo, quad_class=K.quad_class,
                 goldstein=K.goldstein, source=list(src), target=list(tgt), source_text=[],
                 target_text=[], date=date, date_text=date, negated=negated, confidence=0.8,
                 label="", id=id, doc_date=doc_date)


def cluster_of(rec, event_id):
    return rec.assignment[event_id]


def test_reports_in_two_languages_of_one_event_are_one_cluster():
    rec = reconcile([ev("a", "en.txt", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1952-02"),
                     ev("b", "fr.txt", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1952", lang="fr"),
                     ev("c", "fr.txt", "JOIN_ALLIANCE", ["TUR"], ["NATO"], "1952", lang="fr", start=50)])
    assert cluster_of(rec, "a") == cluster_of(rec, "b") != cluster_of(rec, "c")
    cl = next(c for c in rec.clusters if c.id == cluster_of(rec, "a"))
    assert cl.date == "1952-02"          # the most precise date all sources allow
    assert cl.langs == ["en", "fr"] and not cl.disputed
    assert not rec.disagreements         # a difference of precision is not a disagreement


def test_incompatible_dates_of_a_once_only_act_are_a_disagreement():
    rec = reconcile([ev("a", "x.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], "1982"),
                     ev("b", "y.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], "1986", evidence="joined in 1986")])
    assert cluster_of(rec, "a") == cluster_of(rec, "b")
    (d,) = rec.disagreements
    assert d.attribute == "date"
    values = {v: [s.doc for s in refs] for v, refs in d.values}
    assert values == {"1982": ["x.txt"], "1986": ["y.txt"]}
    assert d.values[1][1][0].evidence == "joined in 1986"


def test_repeatable_acts_years_apart_are_two_events():
    rec = reconcile([ev("a", "x.txt", "VISIT", ["FRA"], ["DZA"], "1975"),
                     ev("b", "y.txt", "VISIT", ["FRA"], ["DZA"], "1982")])
    assert cluster_of(rec, "a") != cluster_of(rec, "b") and not rec.disagreements


def test_one_document_giving_two_dates_tells_two_events():
    rec = reconcile([ev("a", "x.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], "1982"),
                     ev("b", "x.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], "1986", start=40)])
    assert cluster_of(rec, "a") != cluster_of(rec, "b")


def test_symmetric_kinds_ignore_direction_and_subsets_are_not_conflicts():
    rec = reconcile([ev("a", "x.txt", "ARMED_CONFLICT", ["ETH"], ["ERI"], "1998-05"),
                     ev("b", "y.txt", "ARMED_CONFLICT", ["ERI"], ["ETH"], "1998"),
                     ev("c", "z.txt", "ARMED_CONFLICT", ["ERI", "ETH", "SDN"], [], "1998")])
    assert len({cluster_of(rec, x) for x in "abc"}) == 1
    assert not rec.disagreements


def test_a_mention_naming_one_side_is_compared_with_its_like_only():
    rec = reconcile([ev("a", "x.txt", "ARMED_CONFLICT", ["ETH"], ["ERI"], "1998-05"),
                     ev("b", "y.txt", "ARMED_CONFLICT", ["ERI"], [], "1998"),
                     ev("c", "z.txt", "ARMED_CONFLICT", ["ERI"], [], "1998-06")])
    assert cluster_of(rec, "b") == cluster_of(rec, "c") != cluster_of(rec, "a")


def test_an_undated_report_joins_only_an_event_it_can_only_be():
    one = reconcile([ev("a", "x.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], "1982"),
                     ev("b", "y.txt", "JOIN_ALLIANCE", ["ESP"], ["NATO"], None)])
    assert cluster_of(one, "a") == cluster_of(one, "b")
    two = reconcile([ev("a", "x.txt", "VISIT", ["FRA"], ["DZA"], "1975"),
                     ev("b", "y.txt", "VISIT", ["FRA"], ["DZA"], "1982"),
                     ev("c", "z.txt", "VISIT", ["FRA"], ["DZA"], None)])
    assert len({cluster_of(two, x) for x in "abc"}) == 3
    alone = reconcile([ev("a", "x.txt", "VISIT", ["FRA"], ["DZA"], None),
                       ev("b", "y.txt", "VISIT", ["FRA"], ["DZA"], None),
                       ev("c", "y.txt", "VISIT", ["FRA"], ["DZA"], None, start=40)])
    assert cluster_of(alone, "a") == cluster_of(alone, "b") != cluster_of(alone, "c")


def test_an_undated_report_in_a_dated_document_joins_the_event_of_the_days_before():
    rec = reconcile([ev("a", "x.txt", "VISIT", ["FRA"], ["DZA"], "2012-12-19"),
                     ev("b", "y.txt", "VISIT", ["FRA"], ["DZA"], "2012-03-02"),
                     ev("c", "z.txt", "VISIT", ["FRA"], ["DZA"], None, doc_date="2012-12-21")])
    assert cluster_of(rec, "c") == cluster_of(rec, "a") != cluster_of(rec, "b")


def test_directed_actors_must_agree_and_negation_differences_are_reported():
    rec = reconcile([ev("a", "x.txt", "VISIT", ["CHL"], ["PER"], "1999"),
                     ev("b", "y.txt", "VISIT", ["PER"], ["CHL"], "1999"),
                     ev("c", "z.txt", "VISIT", ["CHL"], ["PER"], "1999", negated=True)])
    assert cluster_of(rec, "a") != cluster_of(rec, "b")
    assert cluster_of(rec, "a") == cluster_of(rec, "c")
    assert [d.attribute for d in rec.disagreements] == ["negated"]


def test_complete_linkage_does_not_chain_through_a_middle_report():
    rec = reconcile([ev("a", "x.txt", "ESTABLISH_RELATIONS", ["ISR"], ["EGY"], "1972"),
                     ev("b", "y.txt", "ESTABLISH_RELATIONS", ["ISR"], ["EGY"], "1980"),
                     ev("c", "z.txt", "ESTABLISH_RELATIONS", ["ISR"], ["EGY"], "1988")])
    groups = {cluster_of(rec, x) for x in "abc"}
    assert len(groups) == 2          # 1972 and 1988 are too far apart to be one act


def test_ids_are_stable_and_do_not_depend_on_input_order():
    evs = [ev("a", "x.txt", "AID", ["JPN"], ["IDN"], "1960"), ev("b", "y.txt", "AID", ["JPN"], ["IDN"], "1960"),
           ev("c", "y.txt", "THREATEN", ["IRQ"], ["KWT"], "1961", start=30)]
    one, two = reconcile(evs), reconcile(list(reversed(evs)))
    assert one.assignment == two.assignment
    assert [c.id for c in one.clusters] == [c.id for c in two.clusters]


def test_kinds_of_one_family_merge_only_at_one_precise_time():
    rec = reconcile([ev("a", "x.txt", "INVADE", ["IRQ"], ["KWT"], "1990-08"),
                     ev("b", "y.txt", "ARMED_CONFLICT", ["IRQ"], ["KWT"], "1990"),
                     ev("c", "z.txt", "ARMED_CONFLICT", ["IRQ"], ["IRN"], "1980/1988"),
                     ev("d", "w.txt", "INVADE", ["IRQ"], ["IRN"], "1980")])
    assert cluster_of(rec, "a") == cluster_of(rec, "b")
    assert cluster_of(rec, "c") != cluster_of(rec, "d")
    assert any(d.attribute == "kind" for d in rec.disagreements)
