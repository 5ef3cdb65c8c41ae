"""Schema tests for the per-language data files: every language has the same files and keys,
kinds are known, roles are source/target, lexicon entries are non-empty lowercase strings."""
import json
import re

import pytest

from dyadline.kinds import kinds
from dyadline.lang import LANG_DIR, available_languages

LANGS = available_languages()
FILES = ["config", "actors", "events", "facts", "dates", "states", "orgs", "groups", "named_groups"]


def load(lang, name):
    with open(LANG_DIR / lang / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def test_english_and_french_are_available():
    assert {"en", "fr"} <= set(LANGS)


@pytest.mark.parametrize("name", FILES)
def test_every_language_has_every_file_with_the_same_top_level_keys(name):
    keys = {lang: set(load(lang, name)) - {"_doc"} for lang in LANGS}
    if name in ("states", "orgs", "named_groups"):
        return  # keyed by actor code: checked in tests/kb
    first = keys[LANGS[0]]
    for lang, k in keys.items():
        assert k == first, f"{lang}/{name}.json keys differ: {k ^ first}"


@pytest.mark.parametrize("lang", LANGS)
def test_events_lexicon_schema(lang):
    data = load(lang, "events")
    allowed = {"verbs", "weak_verbs", "nouns", "adjectives", "roles", "noun_roles", "target_types",
               "domestic", "state_args", "multi_target", "person_nouns"}
    assert set(data["kinds"]) <= set(kinds())
    for kind, spec in data["kinds"].items():
        assert set(spec) <= allowed, (kind, set(spec) - allowed)
        for key in ("verbs", "weak_verbs", "nouns", "adjectives"):
            for w in spec.get(key, []):
                assert w and w == w.strip(), (kind, w)
        for key in ("roles", "noun_roles"):
            for prep, role in spec.get(key, {}).items():
                assert role in ("source", "target", "against"), (kind, prep, role)
    for frame in data["frames"]:
        assert frame["kind"] in kinds()
        assert frame["verbs"]
        assert any(frame.get(k) for k in ("objects", "subjects", "attributes", "prep_objects"))
    for rule in data["retype"]:
        assert rule["kind"] in kinds() and (rule["to"] is None or rule["to"] in kinds())


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_has_triggers(lang):
    data = load(lang, "events")
    framed = {f["kind"] for f in data["frames"]}
    for kind in kinds():
        spec = data["kinds"].get(kind, {})
        assert spec.get("verbs") or spec.get("nouns") or kind in framed, (lang, kind)


@pytest.mark.parametrize("lang", LANGS)
def test_facts_patterns_compile_and_name_their_groups(lang):
    data = load(lang, "facts")
    for p in data["embassy"]:
        rx = re.compile(p)
        assert {"sender", "city"} <= set(rx.groupindex)
    assert "name" in re.compile(data["envoy_item"]).groupindex


@pytest.mark.parametrize("lang", LANGS)
def test_actor_words_are_lowercase_phrases(lang):
    data = load(lang, "actors")
    for role, words in data["titles"].items():
        assert role in ("gov", "mil", "opp", "reb")
        for w in words:
            assert w == w.lower() and w.strip() == w
    for w in data["pair_anaphora"]:
        assert len(w.split()) >= 2


@pytest.mark.parametrize("lang", LANGS)
def test_config_names_a_model_and_syntax_roles(lang):
    cfg = load(lang, "config")
    assert cfg["model"]
    for role in ("subject", "passive_subject", "object", "conj", "negation", "possessive"):
        assert role in cfg["syntax"]


BUILDERS = {"year", "month", "day", "day_range", "month_range", "short_range", "season", "decade",
            "century", "anchor", "since_anchor", "same", "offset", "offset_back", "next", "previous",
            "following_span", "next_season"}
QUALIFIERS = {"early", "mid", "late", "h1", "h2", "q1", "q2", "q3", "q4", "turn"}


@pytest.mark.parametrize("lang", LANGS)
def test_date_grammar_schema(lang):
    from dyadline.timex import TimeTagger
    g = load(lang, "dates")
    TimeTagger(lang)                       # every pattern compiles with its placeholders
    names = [p["name"] for p in g["patterns"]]
    assert len(names) == len(set(names)), "pattern names must be unique"
    for p in g["patterns"]:
        assert p["build"] in BUILDERS, p
        assert "{" not in re.sub(r"\{(MONTH|SEASON|NUM|UNIT|QUAL|YEAR|DECWORD|ORD)\}|\{\d*,?\d*\}", "", p["regex"]), p
    assert set(g["qualifiers"].values()) <= QUALIFIERS
    assert all(1 <= v <= 12 for v in g["months"].values())
    assert set(g["seasons"].values()) == {21, 22, 23, 24}
    assert all(v % 10 == 0 and 1900 <= v <= 2000 for v in g["decade_words"].values())
    assert all(1 <= v <= 21 for v in g["ordinal_words"].values())
    for key in ("months", "seasons", "numbers", "units", "qualifiers", "decade_words", "ordinal_words"):
        assert all(k == k.lower() for k in g[key]), key


@pytest.mark.parametrize("lang", LANGS)
def test_relation_states_are_a_closed_list(lang):
    f = load(lang, "facts")
    assert set(f["relation_states"].values()) <= {"hostile", "cooperative", "mixed"}
    assert f["relation_nouns"] and f["copulas"]
