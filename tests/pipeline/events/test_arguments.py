"""Participants from the parse: passive agents and participles on event nouns (hand-made)."""
from tests.conftest import events_of, pairs_of


def test_a_french_passive_agent_is_the_source(annotate):
    doc = annotate("La Serbie fut attaquée par l'Autriche en 1914.", "fr")
    assert (("AUT",), ("SRB",)) in pairs_of(doc, "ATTACK")


def test_the_agent_of_a_participle_on_an_event_noun_is_its_source(annotate):
    doc = annotate("Les attaques lancées par l'Allemagne contre la Yougoslavie ont échoué.", "fr")
    assert (("DEU",), ("YUG",)) in pairs_of(doc, "ATTACK")
    doc = annotate("The raids carried out by Israel against Lebanon were condemned.", "en")
    assert (("ISR",), ("LBN",)) in pairs_of(doc, "ATTACK")


def test_the_subject_of_what_a_demand_is_about_is_its_target(annotate):
    doc = annotate("The United States demanded that Israel withdraw from Lebanon.", "en")
    assert (("USA",), ("ISR",)) in pairs_of(doc, "REQUEST")
    doc = annotate("La France a exigé que l'Iran et la Syrie cessent leurs livraisons d'armes.", "fr")
    assert {(("FRA",), ("IRN",)), (("FRA",), ("SYR",))} <= pairs_of(doc, "REQUEST")


def test_what_a_demand_asks_for_did_not_happen(annotate):
    doc = annotate("The United Nations asked Sudan and South Sudan to withdraw their forces from the border.", "en")
    assert pairs_of(doc, "REQUEST") and not events_of(doc, "WITHDRAW")
    doc = annotate("La Russie demande à la Serbie de retirer ses troupes du Kosovo.", "fr")
    assert (("RUS",), ("SRB",)) in pairs_of(doc, "REQUEST") and not events_of(doc, "WITHDRAW")


def test_what_a_coercion_forced_did_happen(annotate):
    doc = annotate("The defeat forced Japan to withdraw its troops from Korea in 1905.", "en")
    assert events_of(doc, "WITHDRAW")


def test_a_generic_founding_word_needs_the_state_itself(annotate):
    doc = annotate("The establishment of the American Legation in Phnom Penh followed in 1950.", "en")
    assert not events_of(doc, "STATE_CHANGE")
    doc = annotate("The creation of Bangladesh in 1971 followed a war.", "en")
    assert events_of(doc, "STATE_CHANGE")
    doc = annotate("La fondation de l'ambassade française à Hanoï date de 1955.", "fr")
    assert not events_of(doc, "STATE_CHANGE")
    doc = annotate("La création du Bangladesh en 1971 a suivi la guerre.", "fr")
    assert events_of(doc, "STATE_CHANGE")


def test_a_host_is_visited(annotate):
    doc = annotate("Indian Prime Minister Narendra Modi hosted Chinese President Xi Jinping in 2019.", "en")
    assert (("CHN",), ("IND",)) in pairs_of(doc, "VISIT")
    doc = annotate("Le président russe a reçu le Premier ministre indien à Moscou en 2019.", "fr")
    assert (("IND",), ("RUS",)) in pairs_of(doc, "VISIT")
    doc = annotate("The Indian prime minister was received by the Chinese president in Beijing in 2018.", "en")
    assert (("IND",), ("CHN",)) in pairs_of(doc, "VISIT")


def test_receiving_things_is_no_visit(annotate):
    assert not events_of(annotate("Turkey received weapons from Russia in 2019.", "en"), "VISIT")
    assert not events_of(annotate("La Turquie a reçu des armes de la Russie en 2019.", "fr"), "VISIT")


def test_coordinated_verbs_share_an_object_told_after_both(annotate):
    doc = annotate("In 1982 Washington armed and financed the Contras.", "en")
    assert (("USA",), ("NIC-CON",)) in pairs_of(doc, "AID")


def test_a_frame_on_the_subject_noun_does_not_make_the_subject_a_target(annotate):
    doc = annotate("Les parachutistes indonésiens s'emparèrent du Timor oriental en 1975.", "fr")
    assert pairs_of(doc, "INVADE") == {(("IDN",), ("TLS",))}


def test_a_verb_the_parse_left_without_participants_takes_the_actors_on_each_side(annotate):
    doc = annotate("En 1956, à la surprise générale, Moscou réprima durement Budapest.", "fr")
    assert (("SUN",), ("HUN",)) in pairs_of(doc, "COERCE")


def test_a_past_the_parser_mistook_still_makes_an_event(annotate):
    doc = annotate("En avril 1986, l'aviation américaine bombarda Tripoli et Benghazi.", "fr")
    assert not [m for m in doc.mentions if m.via == "group" and m.code == "LBY"]
    assert (("USA",), ("LBY",)) in pairs_of(doc, "ATTACK")


def test_a_first_subject_the_parser_made_the_verb_hang_on_is_a_subject(annotate):
    doc = annotate("La Grèce et la Turquie ont massé des troupes le long de la frontière en 1987.", "fr")
    sources = {s for e in events_of(doc, "MOBILIZE") for s in e.source}
    assert sources == {"GRC", "TUR"}


def test_saying_that_an_actor_must_act_is_a_demand_to_it(annotate):
    doc = annotate("Seoul's foreign minister said on Monday that Pyongyang must stop its missile tests.", "en")
    assert (("KOR",), ("PRK",)) in pairs_of(doc, "REQUEST")
    doc = annotate("Le ministre indien a déclaré que le Pakistan doit retirer ses troupes du Cachemire.", "fr")
    assert (("IND",), ("PAK",)) in pairs_of(doc, "REQUEST") and not events_of(doc, "WITHDRAW")


def test_who_condemns_an_attack_did_not_make_it(annotate):
    doc = annotate("Japan condemned the attack on the embassy in 2012.", "en")
    assert not [e for e in events_of(doc, "ATTACK") if e.source == ["JPN"]]


def test_seizing_territory_is_coercion_and_capturing_a_town_an_invasion(annotate):
    doc = annotate("In 1878 Britain acquired the island of Cyprus from Turkey.", "en")
    assert events_of(doc, "COERCE") and not events_of(doc, "INVADE")
    doc = annotate("En 1860, la France a annexé le territoire de Nice.", "fr")
    assert events_of(doc, "COERCE")


def test_an_agentless_passive_demand_is_the_speaking_bodys(annotate):
    doc = annotate("The Security Council discussed the clashes between Eritrea and Djibouti on Thursday. "
                   "Both parties were called on to commit to a ceasefire.", "en")
    assert pairs_of(doc, "REQUEST") == {(("UN",), ("ERI",)), (("UN",), ("DJI",))}


def test_making_an_alliance_with_a_state_joins_it(annotate):
    doc = annotate("In 1882 Germany concluded a secret alliance with Italy.", "en")
    assert (("DEU",), ("ITA",)) in pairs_of(doc, "JOIN_ALLIANCE")
    doc = annotate("En 1894, la France a conclu une alliance avec la Russie.", "fr")
    # JOIN_ALLIANCE or COOPERATE: one PLOVER type
    assert (("FRA",), ("RUS",)) in pairs_of(doc, "JOIN_ALLIANCE") | pairs_of(doc, "COOPERATE")


def test_a_will_not_to_cooperate_is_a_refusal(annotate):
    doc = annotate("In 2006 Israel said it will not negotiate with Lebanon.", "en")
    assert (("ISR",), ("LBN",)) in pairs_of(doc, "REJECT") and not events_of(doc, "NEGOTIATE")
    doc = annotate("En 2006, le Liban ne voulait plus négocier avec Israël.", "fr")
    assert (("LBN",), ("ISR",)) in pairs_of(doc, "REJECT")
    doc = annotate("In 1981 Iraq did not sign the treaty with Iran.", "en")
    assert not events_of(doc, "REJECT")
