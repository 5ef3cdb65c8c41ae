"""Events from hand-made English sentences (not from the sample documents)."""
import pytest

from tests.conftest import find


@pytest.mark.parametrize("text, kind, source, target, date", [
    ("In 1962 China attacked India.", "ATTACK", "CHN", "IND", "1962"),
    ("Vietnam invaded Cambodia in December 1978.", "INVADE", "VNM", "KHM", "1978-12"),
    ("Japan joined the United Nations in 1956.", "JOIN_ALLIANCE", "JPN", "UN", "1956"),
    ("Egypt signed a peace treaty with Israel in March 1979.", "AGREE", "EGY", "ISR", "1979-03"),
    ("Turkey threatened Syria in 1998.", "THREATEN", "TUR", "SYR", "1998"),
    ("In 1985 Kenya sent aid to Somalia.", "AID", "KEN", "SOM", "1985"),
    ("Chile rejected the Argentine proposal in 1978.", "REJECT", "CHL", "ARG", "1978"),
    ("Relations between Chile and Peru improved in 1999.", "NORMALIZE", None, None, "1999"),
    ("Iran and Iraq went to war in September 1980.", "ARMED_CONFLICT", None, None, "1980-09"),
    ("The Brazilian president visited Buenos Aires in 1980.", "VISIT", "BRA", "ARG", "1980"),
])
def test_single_events(annotate, text, kind, source, target, date):
    doc = annotate(text, "en")
    assert find(doc, kind, source, target, date), [(e.kind, e.source, e.target, e.date) for e in doc.events]


def test_symmetric_kind_has_both_sides(annotate):
    doc = annotate("Relations between Chile and Peru improved in 1999.", "en")
    ev = find(doc, "NORMALIZE")[0]
    assert {"CHL", "PER"} == set(ev.source) | set(ev.target)


def test_coordinated_objects_give_one_event_each_with_its_own_date(annotate):
    doc = annotate("Australia joined ANZUS in 1951 and SEATO in 1954.", "en")
    assert find(doc, "JOIN_ALLIANCE", "AUS", "ANZUS", "1951")
    assert find(doc, "JOIN_ALLIANCE", "AUS", "SEATO", "1954")


def test_coordinated_subjects_give_separate_directed_events(annotate):
    doc = annotate("Syria and Egypt threatened Israel in 1967.", "en")
    assert find(doc, "THREATEN", "SYR", "ISR") and find(doc, "THREATEN", "EGY", "ISR")


def test_passive_agent_is_the_source(annotate):
    doc = annotate("Kuwait was invaded by Iraq in August 1990.", "en")
    assert find(doc, "INVADE", "IRQ", "KWT", "1990-08")


def test_negation_is_detected(annotate):
    doc = annotate("In 1984 Morocco did not join the Organisation of African Unity.", "en")
    evs = find(doc, "JOIN_ALLIANCE", "MAR")
    assert evs and all(e.negated for e in evs)


def test_evidence_is_verbatim_and_spans_point_at_it(annotate):
    text = "After long talks, Vietnam invaded Cambodia in December 1978."
    doc = annotate(text, "en")
    for e in doc.events:
        assert text[e.span[0]:e.span[1]] == e.evidence


def test_event_records_carry_the_kind_mappings(annotate):
    doc = annotate("Vietnam invaded Cambodia in December 1978.", "en")
    ev = find(doc, "INVADE")[0]
    assert (ev.plover, ev.cameo, ev.quad_class) == ("ASSAULT", "19", 4) and ev.goldstein < 0


def test_undated_sentence_takes_the_narrative_date(annotate):
    doc = annotate("In 1973 the war began. Egypt attacked Israel.", "en")
    ev = find(doc, "ATTACK", "EGY")
    assert ev and ev[0].date == "1973" and ev[0].date_source == "narrative"


def test_no_event_without_a_trigger(annotate):
    doc = annotate("Chile and Peru are neighbours on the Pacific coast.", "en")
    assert doc.events == []


def test_after_a_leaders_departure_dates_from_the_knowledge_base(annotate):
    doc = annotate("After Yeltsin's resignation, Indian prime minister Atal Bihari Vajpayee visited Moscow.", "en")
    change = find(doc, "LEADER_CHANGE", "RUS")
    assert change and change[0].date == "1999-12" and change[0].date_source == "knowledge"
    visit = find(doc, "VISIT", "IND", "RUS")
    assert visit and visit[0].date == "1999/2000" and visit[0].date_source == "relative"


def test_undated_act_of_a_leader_falls_in_the_leaders_term(annotate):
    doc = annotate("Nixon visited Beijing.", "en")
    (ev,) = find(doc, "VISIT", "USA", "CHN")
    assert ev.date_source == "knowledge" and ev.date.startswith("1969")


def test_capital_resolves_to_the_state_of_the_events_date(annotate):
    doc = annotate("In 1962 Indian diplomats visited Moscow. In 2005 Indian diplomats visited Moscow.", "en")
    assert find(doc, "VISIT", "IND", "SUN", "1962") and find(doc, "VISIT", "IND", "RUS", "2005")


def test_death_is_a_leader_change_only_for_a_person(annotate):
    doc = annotate("After Stalin's death in 1953, Soviet premier Georgy Malenkov visited Beijing. "
                   "The death of 300 Indian soldiers shocked the country.", "en")
    changes = find(doc, "LEADER_CHANGE")
    assert len(changes) == 1 and changes[0].source == ["SUN"] and changes[0].date == "1953"


def test_help_against_a_third_party_is_kept_apart_from_the_target(annotate):
    doc = annotate("In 1978 Cuba aided Ethiopia against Somalia.", "en")
    (ev,) = find(doc, "AID", "CUB", "ETH")
    assert ev.against == ["SOM"] and "SOM" not in ev.target
