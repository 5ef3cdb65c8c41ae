"""Place mentions (pipeline/places.py) and event locations (pipeline/events/location.py)."""
from __future__ import annotations

import pytest

from dyadline import extract_text
from dyadline.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def places(pipe, text, lang="en", **kw):
    d = extract_text(text, lang=lang, pipeline=pipe, **kw)
    return d, {p.text: p for p in d.places}


def test_a_city_after_a_preposition_of_place_is_a_place(pipe):
    _, found = places(pipe, "Indian and Pakistani officials held talks in Moscow in January 1966.")
    p = found["Moscow"]
    assert p.name == "Moscow" and p.country == "RUS" and p.locative and not p.stands_for_state


def test_a_capital_acting_stands_for_its_state(pipe):
    d, found = places(pipe, "Moscow rejected the proposal of the Americans.")
    assert found["Moscow"].stands_for_state
    assert any(m.text == "Moscow" for m in d.mentions)


def test_names_inside_longer_names_are_not_places(pipe):
    _, found = places(pipe, "The Warsaw Pact was dissolved after the Treaty of Versailles talks.")
    assert "Warsaw" not in found and "Versailles" not in found
    _, found = places(pipe, "Le Pacte de Varsovie fut dissous en 1991.", "fr")
    assert "Varsovie" not in found


def test_the_state_after_a_comma_decides(pipe):
    _, found = places(pipe, "The envoys met in Paris, Texas, on Monday.")
    assert found["Paris"].country == "USA"
    _, found = places(pipe, "The envoys met in Paris on Monday.")
    assert found["Paris"].country == "FRA"


def test_french_regions_lines_and_exonyms(pipe):
    _, found = places(pipe, "Les combats ont repris dans la bande de Gaza et le long de la ligne de "
                            "contrôle au Cachemire, puis à Pékin.", "fr")
    assert found["bande de Gaza"].feature == "region"
    assert found["ligne de contrôle"].feature == "line" and found["ligne de contrôle"].locative
    assert found["Cachemire"].country is None
    assert found["Pékin"].name == "Beijing"


def test_a_capitalised_first_word_is_not_a_small_town(pipe):
    _, found = places(pipe, "March saw renewed fighting near Hyderabad.")
    assert "March" not in found and "Hyderabad" in found


def test_events_carry_where_they_happened(pipe):
    d = extract_text("Indian and Pakistani officials held talks in Moscow in January 1966.", lang="en", pipeline=pipe)
    ev = next(e for e in d.events if e.kind == "NEGOTIATE")
    assert (ev.location, ev.location_country, ev.location_text) == ("Moscow", "RUS", "Moscow")
    assert ev.geonames_id == 524901 and ev.latitude == pytest.approx(55.75, abs=0.1)
    assert d.text[ev.location_span[0]:ev.location_span[1]] == "Moscow"
    d = extract_text("Les ministres indien et pakistanais se sont rencontrés à Moscou en 1966.", lang="fr", pipeline=pipe)
    assert d.events and all(e.location == "Moscow" for e in d.events)


def test_a_place_aimed_at_gives_its_state_as_target(pipe):
    d = extract_text("In 1960 Soviet leader Nikita Khrushchev threatened to drop a nuclear bomb on Peshawar.",
                     lang="en", pipeline=pipe)
    ev = next(e for e in d.events if e.kind == "THREATEN")
    assert ev.source == ["SUN"] and ev.target == ["PAK"] and ev.location == "Peshawar"
    d = extract_text("En 1942, l'Allemagne a attaqué Stalingrad.", lang="fr", pipeline=pipe)
    ev = next(e for e in d.events if e.kind == "ATTACK")
    assert ev.target == ["SUN"] and ev.location == "Volgograd"      # the state of the time


def test_a_place_of_another_clause_does_not_locate_an_event(pipe):
    d = extract_text("Pakistan, whose army had fought in Kashmir, signed an agreement with China in 1963.",
                     lang="en", pipeline=pipe)
    ev = next(e for e in d.events if e.kind == "AGREE")
    assert ev.location is None
