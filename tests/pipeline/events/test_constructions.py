"""Constructions that decide whether and how a trigger names an event: naming and judging an
act, nouns that only classify another noun, dated lists (hand-made sentences)."""
from tests.conftest import events_of, pairs_of


def test_calling_an_act_a_crime_is_an_accusation_not_a_request(annotate):
    doc = annotate("The Egyptian Foreign Ministry called the Libyan operation unacceptable.", "en")
    assert (("EGY",), ("LBY",)) in pairs_of(doc, "ACCUSE") and not events_of(doc, "REQUEST")
    doc = annotate("Le ministère égyptien a qualifié l'opération libyenne d'inacceptable.", "fr")
    assert (("EGY",), ("LBY",)) in pairs_of(doc, "ACCUSE")


def test_calling_an_actor_a_friend_is_support(annotate):
    doc = annotate("In 1985 Reagan called the Contras freedom fighters.", "en")
    assert (("USA",), ("NIC-CON",)) in pairs_of(doc, "SUPPORT") and not events_of(doc, "REQUEST")


def test_who_judges_an_act_did_not_do_it(annotate):
    doc = annotate("Iran described the raid as an act of aggression.", "en")
    assert not any("IRN" in e.source for e in events_of(doc, "ATTACK"))
    doc = annotate("Belgrade a qualifié le bombardement de crime de guerre.", "fr")
    assert not any("SRB" in e.source or "SCG" in e.source or "YUG" in e.source for e in events_of(doc, "ATTACK"))


def test_a_noun_that_only_classifies_another_names_no_event(annotate):
    doc = annotate("In 1905 Russia refused to pay Japan's war costs.", "en")
    assert not events_of(doc, "ARMED_CONFLICT")
    doc = annotate("En 1885, des navires de guerre furent envoyés en Corée par le Japon.", "fr")
    assert not events_of(doc, "ARMED_CONFLICT")


def test_a_noun_that_carries_the_event_keeps_its_classifier(annotate):
    doc = annotate("In 1980, the coup attempt against Sadat failed.", "en")
    assert events_of(doc, "COUP")
    doc = annotate("Au commencement des hostilités entre la Chine et le Japon, en 1894, Séoul était occupée.", "fr")
    assert events_of(doc, "ARMED_CONFLICT")
    doc = annotate("La France a proposé l'ouverture de négociations entre l'Éthiopie et l'Érythrée en 1998.", "fr")
    assert events_of(doc, "NEGOTIATE") or events_of(doc, "OFFER")


def test_a_list_of_dates_gives_one_event_per_date(annotate):
    doc = annotate("India conducted tests of nuclear devices in 1974, 1998, and 1999.", "en")
    assert sorted(e.date for e in events_of(doc, "MOBILIZE")) == ["1974", "1998", "1999"]
    doc = annotate("L'Irak a attaqué le Koweït en 1961 et en 1990.", "fr")
    assert {e.date for e in events_of(doc, "ATTACK")} >= {"1961", "1990"}


def test_one_period_written_in_two_parts_is_not_a_list(annotate):
    doc = annotate("In late 1949 and early 1950, China bombed Taiwan.", "en")
    assert len(events_of(doc, "ATTACK")) == 1


def test_who_is_angered_opposes_who_angered_them(annotate):
    doc = annotate("In 1962, the arrival of American missiles angered the Soviet Union.", "en")
    assert (("SUN",), ("USA",)) in pairs_of(doc, "OPPOSE")
    doc = annotate("En 1958, l'arrivée de la flotte américaine a irrité la Chine.", "fr")
    assert (("CHN",), ("USA",)) in pairs_of(doc, "OPPOSE")


def test_reserving_the_right_to_act_is_a_threat_and_the_act_did_not_happen(annotate):
    doc = annotate("Israel reserves the right to attack Syria.", "en")
    assert (("ISR",), ("SYR",)) in pairs_of(doc, "THREATEN") and not events_of(doc, "ATTACK")
    # the parser takes "réserve" for a noun's lemma: the frame verb is found from its form
    doc = annotate("Le gouvernement syrien se réserve le droit de riposter contre Israël.", "fr")
    assert (("SYR",), ("ISR",)) in pairs_of(doc, "THREATEN") and not events_of(doc, "ATTACK")


def test_relations_that_grow_stronger_normalize(annotate):
    doc = annotate("La relation entre le Vietnam et la France s'est renforcée en 2015.", "fr")
    assert events_of(doc, "NORMALIZE")


def test_a_directed_act_needs_who_did_it_unless_the_perpetrator_may_be_unknown(annotate):
    doc = annotate("In 1990, a warning was sent to Iraq.", "en")
    assert not events_of(doc, "THREATEN")
    doc = annotate("En 1990, une demande a été adressée à l'Irak.", "fr")
    assert not events_of(doc, "REQUEST")
    doc = annotate("In 1963 President Kennedy of the United States was assassinated.", "en")
    assert events_of(doc, "KILL")


def test_a_french_reflexive_verb_is_a_trigger_only_with_its_pronoun(annotate):
    doc = annotate("En mars 1969, les troupes soviétiques et chinoises se heurtèrent sur l'Oussouri.", "fr")
    assert {frozenset(e.source + e.target) for e in events_of(doc, "ARMED_CONFLICT")} == {frozenset({"SUN", "CHN"})}
    doc = annotate("En 1969, la presse chinoise heurta l'opinion soviétique.", "fr")
    assert not events_of(doc, "ARMED_CONFLICT")


def test_a_past_tense_the_parser_took_for_a_noun_is_read_as_a_verb(annotate):
    doc = annotate("À partir de 1960, l'Inde coopéra étroitement avec le Japon dans le domaine spatial.", "fr")
    assert (("IND",), ("JPN",)) in pairs_of(doc, "COOPERATE")
    doc = annotate("Au début des années 1970, les relations entre Washington et Pékin se dégelèrent progressivement.", "fr")
    assert events_of(doc, "NORMALIZE")


def test_neutrality_needs_no_other_side(annotate):
    doc = annotate("La Suisse resta neutre de 1939 à 1945.", "fr")
    assert events_of(doc, "NEUTRAL")
    doc = annotate("Sweden remained neutral from 1914 to 1918.", "en")
    assert events_of(doc, "NEUTRAL")


def test_a_situation_noun_without_a_date_of_its_own_is_background(annotate):
    doc = annotate("In 1905 Japan defeated Russia. The tensions between Japan and Russia shaped the region.", "en")
    assert not events_of(doc, "DETERIORATE")
    doc = annotate("In 1905 tensions between Japan and Russia grew.", "en")
    assert events_of(doc, "DETERIORATE")


def test_long_acronyms_in_title_case_name_their_organisation(annotate):
    doc = annotate("En 2023, la Cedeao a menacé le Niger d'une intervention militaire.", "fr")
    assert any(m.code == "ECOWAS" for m in doc.mentions)


def test_what_is_believed_or_hoped_did_not_happen(annotate):
    doc = annotate("In 1911 the Kaiser had a theory that Britain would side with him against France.", "en")
    assert not events_of(doc, "SUPPORT")
    doc = annotate("In 1870 France hoped to attack Prussia.", "en")
    assert not events_of(doc, "ATTACK")
    doc = annotate("En 1844, le sultan espérait réunir les tribus contre la France.", "fr")
    assert not events_of(doc, "OFFER")
    doc = annotate("In 1870 Austria sided with France against Prussia.", "en")
    assert events_of(doc, "SUPPORT")


def test_beating_an_army_is_armed_conflict(annotate):
    doc = annotate("In 1866 Austria was badly beaten by Italy at Lissa.", "en")
    assert (("ITA",), ("AUT",)) in pairs_of(doc, "ARMED_CONFLICT")
    doc = annotate("En 1866, l'Autriche écrasa l'Italie à Custozza.", "fr")
    assert events_of(doc, "ARMED_CONFLICT")


def test_each_demand_of_a_list_has_its_own_target(annotate):
    doc = annotate("Le 3 mars 2000, le Conseil de sécurité demande un arrêt complet des hostilités; le retrait "
                   "immédiat de Badmé de l'armée érythréenne; la fin des bombardements aériens par l'aviation "
                   "éthiopienne; et la fin de l'appui que chaque partie fournit aux rebelles.", "fr")
    targets = {t for e in events_of(doc, "REQUEST") for t in e.target}
    assert {"ERI", "ETH"} <= targets
    doc = annotate("In March 2000 the Security Council demanded an end to the fighting; the withdrawal of Eritrean "
                   "troops from Badme; and an end to aerial bombardments by the Ethiopian air force.", "en")
    assert {"ERI", "ETH"} <= {t for e in events_of(doc, "REQUEST") for t in e.target}
    assert not events_of(doc, "WITHDRAW") and not events_of(doc, "ATTACK")     # what is demanded


def test_clauses_joined_by_a_semicolon_are_no_list_of_demands(annotate):
    doc = annotate("In 1867 France demanded Luxembourg; Spain offered its throne to a Prussian prince in 1870.", "en")
    assert not any("ESP" in e.target for e in events_of(doc, "REQUEST"))


def test_acting_jointly_is_cooperation(annotate):
    doc = annotate("In May 1969, France and West Germany embarked on the joint development of a passenger jet.", "en")
    assert {frozenset(e.source + e.target) for e in events_of(doc, "COOPERATE")} == {frozenset({"FRA", "DEU"})}
    doc = annotate("Indian and Russian engineers began jointly developing a cruise missile in 1998.", "en")
    assert events_of(doc, "COOPERATE")
    doc = annotate("En 1975, le Brésil et le Paraguay construisirent conjointement un barrage.", "fr")
    assert events_of(doc, "COOPERATE")


def test_a_frame_subject_may_be_any_of_the_coordinated_subjects(annotate):
    doc = annotate("En 1920, le général Wrangel et son armée russe entrent en Pologne.", "fr")
    assert any(e.target == ["POL"] for e in events_of(doc, "INVADE"))
