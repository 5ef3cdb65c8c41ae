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
