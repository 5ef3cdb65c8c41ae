"""Property tests of the text-to-events path (``read_text`` then ``Pipeline.process``) on short
generated texts: real English and French sentences about states, with random unicode noise
(control, zero-width, bidirectional, combining characters, emoji, other scripts, pipes and line
breaks, HTML tags, digits) inserted anywhere. Whatever the text: no exception other than a
DyadlineError; every event's evidence is the text at its span, inside the text; every date is
valid EDTF (``edtf.parse_edtf``) or None; facts hold the same for their spans and dates."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadline.errors import DyadlineError
from dyadline.testing.invariants import invariants
from dyadline.records import Document
from dyadline.pipeline.read import read_text

SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EN = ["France signed a treaty with Algeria in 1962.",
      "In March 1979 Egypt and Israel signed a peace treaty in Washington.",
      "The Soviet Union invaded Afghanistan in December 1979.",
      "Two years later, Pakistan joined CENTO.",
      "On 12 June 1967, Israel broke off relations with the Soviet Union.",
      "Nehru visited Moscow in June 1955, and Khrushchev came to India in the autumn of 1955.",
      "India and Pakistan did not sign the agreement in 1972.",
      "Between 1980 and 1988 Iraq fought a war against Iran.",
      "The United States imposed sanctions on Cuba in the early 1960s."]
FR = ["La France a signé un traité avec l'Algérie en 1962.",
      "En mars 1979, l'Égypte et Israël ont signé un traité de paix à Washington.",
      "L'Union soviétique a envahi l'Afghanistan en décembre 1979.",
      "Deux ans plus tard, le Pakistan a rejoint le CENTO.",
      "Le 12 juin 1967, Israël a rompu ses relations avec l'Union soviétique.",
      "Nehru s'est rendu à Moscou en juin 1955 et Khrouchtchev en Inde à l'automne 1955.",
      "L'Inde et le Pakistan n'ont pas signé l'accord en 1972.",
      "De 1980 à 1988, l'Irak a mené une guerre contre l'Iran.",
      "Les États-Unis ont imposé des sanctions à Cuba au début des années 1960."]
TABLE = ("| Chile | Peru |\n|---|---|\n| Embassy of Chile, Lima | Embassy of Peru, Santiago |\n"
         "| Ambassador: Juan Pérez (first) Ana Soto (last) | Ambassador: Luis Vega (first) |")

NOISE = st.one_of(
    st.sampled_from(list("\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\u00ad\u034f\u061c\u200b\u200c\u200d\u200e"
                         "\u200f\u2028\u2029\u202a\u202b\u202e\u2060\u2066\u2069\ufeff\ufffd\u0301\u0327"
                         "\u0338|\n\r\t«»“”’'\"()[]{}-–—…/\\<>&;:.!?")),
    st.sampled_from(["\U0001f600", "\U0001f1eb\U0001f1f7", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
                     "e\u0301\u0301\u0301", "مصر", "Египет", "埃及", "<p>", "</div>", "<br/>", "<b>", "&amp;",
                     "<script>", "| a | b |", "\n|---|---|\n", "\n\n", "1962", "0", "99999", "-1", "1e9",
                     "19th", "1960s", "mars", "March", " and ", " et ", "not", "ne pas"]),
    st.text(max_size=8),
    st.integers(-10**12, 10**12).map(str),
)


@st.composite
def noisy_texts(draw):
    lang = draw(st.sampled_from(["en", "fr"]))
    pool = EN if lang == "en" else FR
    parts = draw(st.lists(st.sampled_from(pool + [TABLE]), min_size=1, max_size=4))
    text = draw(st.sampled_from([" ", "\n", "\n\n"])).join(parts)
    for _ in range(draw(st.integers(0, 10))):
        pos = draw(st.integers(0, len(text)))
        how = draw(st.integers(0, 9))
        if how == 0:                                  # delete a piece
            text = text[:pos] + text[pos + draw(st.integers(1, 10)):]
        elif how == 1:                                # repeat a piece
            end = min(len(text), pos + draw(st.integers(1, 40)))
            text = text[:end] + text[pos:end] + text[end:]
        else:
            text = text[:pos] + draw(NOISE) + text[pos:]
    # read as the CLI would: language identified, or given (--lang)
    given_lang = draw(st.sampled_from([None, lang, lang]))
    return text, given_lang


def check_document(doc) -> None:
    broken = invariants(doc, tables=False)
    assert not broken, broken


@SETTINGS
@given(noisy_texts())
def test_noisy_texts_give_consistent_events_or_a_dyadline_error(pipeline, case):
    text, lang = case
    try:
        doc = read_text(text, doc_id="p.txt", lang=lang)
        (out,) = list(pipeline.process([doc]))
    except DyadlineError:
        return
    check_document(out)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(noisy_texts(), min_size=2, max_size=6))
def test_a_batch_gives_the_same_events_as_one_by_one(pipeline, cases):
    """run_items (the batch path of the CLI and the workers): in order, nothing lost, every
    document consistent; the events of each are those it gets alone."""
    docs, inputs = [], []
    for i, (text, lang) in enumerate(cases):
        try:
            docs.append(read_text(text, doc_id=f"b{i}.txt", lang=lang))
            inputs.append((text, f"b{i}.txt", lang))
        except DyadlineError:
            pass
    out = pipeline.run_items(docs)
    assert [x.id if isinstance(x, Document) else x.path for x in out] == [d.id for d in docs]
    for d, (text, doc_id, lang) in zip(out, inputs):
        if isinstance(d, Document):
            check_document(d)
            (alone,) = pipeline.run_items([read_text(text, doc_id=doc_id, lang=lang)])
            assert [e.to_dict() for e in alone.events] == [e.to_dict() for e in d.events]
        else:   # a stage refused it (DyadlineError); not a defect
            assert "internal error" not in d.reason and "parser failed" not in d.reason, d.reason
