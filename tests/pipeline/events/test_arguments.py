"""Participants from the parse: passive agents and participles on event nouns (hand-made)."""
from tests.conftest import events_of


def _pairs(doc, kind):
    return {(tuple(e.source), tuple(e.target)) for e in events_of(doc, kind)}


def test_a_french_passive_agent_is_the_source(annotate):
    doc = annotate("La Serbie fut attaquée par l'Autriche en 1914.", "fr")
    assert (("AUT",), ("SRB",)) in _pairs(doc, "ATTACK")


def test_the_agent_of_a_participle_on_an_event_noun_is_its_source(annotate):
    doc = annotate("Les attaques lancées par l'Allemagne contre la Yougoslavie ont échoué.", "fr")
    assert (("DEU",), ("YUG",)) in _pairs(doc, "ATTACK")
    doc = annotate("The raids carried out by Israel against Lebanon were condemned.", "en")
    assert (("ISR",), ("LBN",)) in _pairs(doc, "ATTACK")
