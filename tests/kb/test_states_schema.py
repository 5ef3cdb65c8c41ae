"""Schema and consistency of the state knowledge files."""
import json

import pytest

from dyadline.kb import DATA_DIR
from dyadline.lang import LANG_DIR

ALLOWED_SHARED = [{"SUN", "RUS"}, {"DEU", "DDR"}, {"YUG", "SCG"}, {"VNM", "VDR"}]


@pytest.fixture(scope="module")
def states():
    return json.loads((DATA_DIR / "states.json").read_text(encoding="utf-8"))


def forms(lang):
    return json.loads((LANG_DIR / lang / "states.json").read_text(encoding="utf-8"))


def test_codes_are_unique_three_letters(states):
    codes = [s["code"] for s in states]
    assert len(codes) == len(set(codes)) > 240
    assert all(len(c) == 3 and c.isupper() for c in codes)


def test_historical_states_of_the_guidelines_exist(states):
    codes = {s["code"] for s in states}
    assert {"SUN", "YUG", "CSK", "DDR", "BRI"} <= codes


def test_years_and_successions_are_consistent(states):
    codes = {s["code"] for s in states}
    for s in states:
        if s["start"] is not None and s["end"] is not None:
            assert s["start"] <= s["end"], s["code"]
        for c in s["predecessors"] + s["successors"]:
            assert c in codes, (s["code"], c)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_state_has_surface_forms_in_each_language(states, lang):
    f = forms(lang)
    assert set(f) == {s["code"] for s in states}
    for code, entry in f.items():
        assert set(entry) == {"names", "adjectives", "demonyms", "capitals", "prefixes"}
        assert entry["names"], (lang, code)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_surface_form_names_two_unrelated_states(lang):
    owners = {}
    for code, entry in forms(lang).items():
        for key in ("names", "adjectives", "demonyms", "capitals"):
            for w in entry[key]:
                owners.setdefault(w.lower(), set()).add(code)
    for w, codes in owners.items():
        assert len(codes) == 1 or codes in ALLOWED_SHARED, (w, codes)


def test_french_adjectives_are_lowercase_and_names_have_no_article():
    for code, entry in forms("fr").items():
        assert all(a == a.lower() for a in entry["adjectives"]), code
        assert not any(n.lower().startswith(("le ", "la ", "les ", "l'")) for n in entry["names"]), code
