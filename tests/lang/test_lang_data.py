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
               "domestic", "state_args", "multi_target", "person_nouns", "modes", "direct_only", "converse_verbs"}
    assert set(data["kinds"]) <= set(kinds())
    for kind, spec in data["kinds"].items():
        assert set(spec) <= allowed, (kind, set(spec) - allowed)
        for mode, words in spec.get("modes", {}).items():
            assert mode and words and all(isinstance(w, str) and w for w in words), (kind, mode)
        for key in ("verbs", "weak_verbs", "nouns", "adjectives", "converse_verbs"):
            for w in spec.get(key, []):
                assert w and w == w.strip(), (kind, w)
        words = {w.lower() for key in ("verbs", "nouns") for w in spec.get(key, [])}
        assert set(spec.get("direct_only", [])) <= words, (kind, set(spec.get("direct_only", [])) - words)
        for key in ("roles", "noun_roles"):
            for prep, role in spec.get(key, {}).items():
                assert role in ("source", "target", "against"), (kind, prep, role)
    for frame in data["frames"]:
        assert frame["kind"] in kinds()
        assert frame["verbs"]
        assert set(frame) <= {"kind", "verbs", "objects", "subjects", "attributes", "prep_objects",
                              "object_mods", "mode", "object_roles"}, frame
        assert any(frame.get(k) for k in ("objects", "subjects", "attributes", "prep_objects"))
        for prep, role in frame.get("object_roles", {}).items():
            assert role in ("source", "target", "against") and frame.get("objects"), frame
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
            "following_span", "next_season", "deictic", "anaphoric", "weekday", "ago", "period",
            "period_season", "part_current", "part_of_current", "day_month", "month_only"}
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
        assert "{" not in re.sub(r"\{(MONTH|SEASON|NUM|UNIT|QUAL|YEAR|DECWORD|ORD|WEEKDAY|DEICTIC|ANAPHORIC)\}"
                                 r"|\{\d*,?\d*\}", "", p["regex"]), p
    assert set(g["qualifiers"].values()) <= QUALIFIERS
    assert all(1 <= v <= 12 for v in g["months"].values())
    assert set(g["seasons"].values()) == {21, 22, 23, 24}
    assert all(v % 10 == 0 and 1900 <= v <= 2000 for v in g["decade_words"].values())
    assert all(1 <= v <= 21 for v in g["ordinal_words"].values())
    for key in ("months", "seasons", "numbers", "units", "qualifiers", "decade_words", "ordinal_words",
                "weekdays", "relative_quals", "part_words"):
        assert all(k == k.lower() for k in g[key]), key
    # time relative to the document's date (docs/time.md)
    assert set(g["weekdays"].values()) == set(range(7))
    assert all(isinstance(v, int) and -7 <= v <= 7 for v in g["deictic_days"].values())
    assert 0 in g["deictic_days"].values() and -1 in g["deictic_days"].values()
    assert all(isinstance(v, int) and -7 <= v <= 7 for v in g["anaphoric_days"].values())
    assert set(g["relative_quals"].values()) == {"last", "next", "this"}
    assert set(g["part_words"].values()) == {"early", "late"}
    assert g["next_weekday"] in ("next_week", "first_after")
    for rx in g["future_markers"]:
        re.compile(rx)
    line = g["dateline"]
    assert line["agencies"] and isinstance(line["day_first"], bool)
    assert all(w == w.lower() for w in line["published"])


@pytest.mark.parametrize("lang", LANGS)
def test_relation_states_are_a_closed_list(lang):
    f = load(lang, "facts")
    assert set(f["relation_states"].values()) <= {"hostile", "cooperative", "mixed"}
    assert f["relation_nouns"] and f["copulas"]


# -- a language is a folder of data, checked when the pipeline is made ---------------------------
def _fake_languages(tmp_path, drop: tuple[str, str] | None):
    """A copy of the bundled language folders plus a new language 'xx' (a copy of English),
    with one key ``drop`` = (file, key) taken out of xx."""
    import shutil
    root = tmp_path / "lang"
    shutil.copytree(LANG_DIR, root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(root / LANGS[0], root / "xx")
    if drop:
        name, key = drop
        data = load(LANGS[0], name)
        del data[key]
        (root / "xx" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def test_schema_lists_keys_every_language_has():
    from dyadline.lang import check_language, schema
    assert {"config", "actors", "events", "facts", "dates"} <= set(schema())
    for lang in LANGS:
        check_language(lang)          # raises if a required key is missing


@pytest.mark.parametrize("drop", [("events", "genitive_preps"), ("actors", "elided_articles"),
                                  ("config", "model_package"), ("dates", "open_articles")])
def test_a_new_language_lacking_a_key_is_refused_with_the_file_and_key_named(tmp_path, drop):
    from dyadline.errors import DataError
    from dyadline.lang import available_languages, check_language
    root = _fake_languages(tmp_path, drop)
    assert "xx" in available_languages(root)
    check_language(LANGS[0], root)                 # the others pass
    with pytest.raises(DataError) as e:
        check_language("xx", root)
    assert f"xx/{drop[0]}.json" in str(e.value) and repr(drop[1]) in str(e.value)


def test_the_pipeline_refuses_at_start_up_a_language_folder_lacking_a_key(tmp_path, monkeypatch):
    import dyadline.lang as langdata
    from dyadline.errors import DataError
    from dyadline.pipeline import Pipeline
    root = _fake_languages(tmp_path, ("events", "agent_preps"))
    monkeypatch.setattr(langdata, "LANG_DIR", root)
    for f in (langdata.load, langdata.require, langdata.identification_candidates):
        f.cache_clear()
    try:
        with pytest.raises(DataError, match=r"xx/events\.json.*'agent_preps'"):
            Pipeline()
    finally:
        monkeypatch.undo()
        for f in (langdata.load, langdata.require, langdata.identification_candidates):
            f.cache_clear()


def test_a_syntax_role_missing_from_config_is_refused(tmp_path, monkeypatch):
    import dyadline.lang as langdata
    from dyadline.errors import DataError
    from dyadline.pipeline.syntax import Syntax
    root = _fake_languages(tmp_path, None)
    cfg = load(LANGS[0], "config")
    del cfg["syntax"]["clause_boundary"]
    (root / "xx" / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    monkeypatch.setattr(langdata, "LANG_DIR", root)
    langdata.load.cache_clear()
    langdata.require.cache_clear()
    try:
        with pytest.raises(DataError, match=r"xx/config\.json.*clause_boundary"):
            Syntax("xx")
    finally:
        monkeypatch.undo()
        langdata.load.cache_clear()
        langdata.require.cache_clear()
