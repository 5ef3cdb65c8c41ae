"""Facts from an infobox table and from sentences (hand-made)."""

TABLE = """Chile–Peru relations
| Chile | Peru |
|---|---|
| Diplomatic mission | |
| Embassy of Chile, Lima | Embassy of Peru, Santiago |
| Envoy | |
| Ambassador: Juan Pérez (first) Ana Soto (last) | Ambassador: Luis Vega (first) |
Chile and Peru have long had complex relations.
"""


def facts_of(doc, predicate):
    return {(f.subject, f.object) for f in doc.facts if f.predicate == predicate}


def test_infobox_embassies(annotate):
    doc = annotate(TABLE, "en")
    assert facts_of(doc, "embassy_in") == {("CHL", "PER"), ("PER", "CHL")}


def test_infobox_envoys_first_and_last(annotate):
    doc = annotate(TABLE, "en")
    assert ("CHL", "Juan Pérez") in facts_of(doc, "first_ambassador")
    assert ("CHL", "Ana Soto") in facts_of(doc, "last_ambassador")
    assert ("PER", "Luis Vega") in facts_of(doc, "first_ambassador")
    assert ("Juan Pérez", "PER") in facts_of(doc, "ambassador_to")


def test_fact_evidence_is_verbatim(annotate):
    doc = annotate(TABLE, "en")
    for f in doc.facts:
        assert TABLE[f.span[0]:f.span[1]] == f.evidence


def test_membership_from_a_join(annotate):
    doc = annotate("Japan joined the United Nations in 1956.", "en")
    assert ("JPN", "UN") in facts_of(doc, "member_of")


def test_tables_do_not_become_events(annotate):
    doc = annotate(TABLE, "en")
    assert all(e.span[0] > TABLE.index("Chile and Peru have") - 1 for e in doc.events)


def test_successor_from_possessive_and_apposition(annotate):
    doc = annotate("Jawaharlal Nehru died in 1964. Nehru's successor Lal Bahadur Shastri visited "
                   "Moscow.", "en")
    assert ("Lal Bahadur Shastri", "Nehru") in facts_of(doc, "successor_of")


def test_relation_states_between_named_states(annotate):
    doc = annotate("Relations between Egypt and Israel became cold in 1982.", "en")
    (f,) = [f for f in doc.facts if f.predicate.startswith("relations_")]
    assert (f.subject, f.predicate, f.object, f.date) == ("EGY", "relations_hostile", "ISR", "1982")
    doc = annotate("Depuis 1999, les relations franco-algériennes sont cordiales.", "fr")
    (f,) = [f for f in doc.facts if f.predicate.startswith("relations_")]
    assert (f.subject, f.predicate, f.object, f.date) == ("FRA", "relations_cooperative", "DZA", "1999/..")


def test_relation_state_without_names_is_the_relation_being_told(annotate):
    doc = annotate("Chile and Peru signed a treaty in 1929. Chile invited Peru in 1930. Chile visited "
                   "Bolivia in 1931. After 1932, relations remained strained.", "en")
    (f,) = [f for f in doc.facts if f.predicate.startswith("relations_")]
    assert {f.subject, f.object} == {"CHL", "PER"} and f.predicate == "relations_hostile"


def test_negated_relation_state_is_not_a_fact(annotate):
    doc = annotate("Relations between Chile and Peru were not friendly in 1975.", "en")
    assert not [f for f in doc.facts if f.predicate.startswith("relations_")]
