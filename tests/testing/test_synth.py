"""The synthetic-document generator (dyadline/synth.py, lang/<lang>/synth.json)."""
import json
import re

import pyarrow.parquet as pq
import pytest

from dyadline import extract_text
from dyadline.kb import default_kb
from dyadline.kinds import kinds
from dyadline.pipeline.read import read_text
from dyadline.testing.synth import _skeleton, generate, template_counts, templates, write_corpus

LANGS = ("en", "fr")


@pytest.mark.parametrize("lang", LANGS)
def test_templates_cover_every_kind(lang):
    counts = template_counts(lang)
    assert set(kinds()) <= set(counts), set(kinds()) - set(counts)
    assert sum(n for k, n in counts.items() if k != "FILLER") >= 60
    assert counts["FILLER"] >= 15
    assert set(counts) <= set(kinds()) | {"FILLER"}
    dates = templates(lang)["dates"]
    assert len(dates["months"]) == 12


@pytest.mark.parametrize("lang", LANGS)
def test_same_seed_same_documents(lang):
    a = list(generate(3, lang, seed=5, words=120))
    assert a == list(generate(3, lang, seed=5, words=120))
    assert a != list(generate(3, lang, seed=6, words=120))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("words", [80, 400])
def test_number_of_documents_and_length(lang, words):
    docs = list(generate(6, lang, seed=1, words=words))
    assert len(docs) == 6
    assert len({doc_id for doc_id, _ in docs}) == 6
    for _, text in docs:
        assert 0.7 * words <= len(text.split()) <= 1.3 * words


@pytest.mark.parametrize("lang", LANGS)
def test_text_is_in_the_requested_language(lang):
    for doc_id, text in generate(4, lang, seed=2, words=150):
        assert read_text(text, doc_id=doc_id).lang == lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_slot_is_filled(lang):
    for seed in range(3):
        for _, text in generate(25, lang, seed=seed, words=200):
            assert "{" not in text and "}" not in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_years_move_forward_within_the_period(lang):
    for _, text in generate(20, lang, seed=3, words=300):
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", text)]
        assert years and years == sorted(years), text
        assert 1950 <= years[0] and years[-1] <= 2020


def test_the_two_states_exist_through_the_whole_story():
    kb = default_kb()
    for i in range(50):
        (a, b), start, last = _skeleton(0, i, 400)
        assert a != b and 1950 <= start <= 2015 and start <= last <= 2020
        for y in range(start, last + 1):
            assert kb.actors[a].exists_in(y) and kb.actors[b].exists_in(y), (a, b, y)


def test_written_files_read_back(tmp_path):
    expected = [(doc_id, text, lang) for lang in LANGS for doc_id, text in generate(3, lang, seed=4, words=100)]
    total = sum(len(text.split()) for _, text, _ in expected)

    assert write_corpus(tmp_path / "txt", 3, seed=4, words=100) == total
    files = sorted((tmp_path / "txt").glob("*.txt"))
    assert sorted(f.stem for f in files) == sorted(d for d, _, _ in expected)
    for doc_id, text, _ in expected:
        assert (tmp_path / "txt" / f"{doc_id}.txt").read_text(encoding="utf-8") == text

    assert write_corpus(tmp_path / "j", 3, seed=4, words=100, fmt="jsonl") == total
    rows = [json.loads(line) for line in (tmp_path / "j" / "synth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["text"], r["lang"]) for r in rows] == expected

    path = tmp_path / "corpus.parquet"
    assert write_corpus(path, 3, seed=4, words=100, fmt="parquet") == total
    table = pq.read_table(path)
    assert table.column_names == ["id", "text", "lang"]
    assert list(zip(*(table.column(c).to_pylist() for c in ("id", "text", "lang")))) == expected

    assert write_corpus(tmp_path / "en_only", 2, langs=("en",), seed=4, words=100, fmt="jsonl") > 0
    assert len((tmp_path / "en_only" / "synth.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    with pytest.raises(ValueError):
        write_corpus(tmp_path / "x", 1, fmt="csv")


@pytest.mark.parametrize("lang", LANGS)
def test_the_pipeline_finds_events_in_generated_documents(pipeline, lang):
    with_events = 0
    for doc_id, text in generate(3, lang, seed=8, words=150):
        events = extract_text(text, doc_id=doc_id, lang=lang, pipeline=pipeline).events
        with_events += bool(events)
        assert all(e.kind in kinds() for e in events)
    assert with_events >= 2
