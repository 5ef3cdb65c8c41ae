"""How events are dated when their clause has no date of its own (hand-made sentences)."""
from dyadline.pipeline.events.dating import _clip
from dyadline.kb import Term
from tests.conftest import events_of


def _one(doc, kind):
    found = events_of(doc, kind)
    assert found, [(e.kind, e.source, e.target, e.date) for e in doc.events]
    return found[0]


def test_a_leaders_act_in_a_wide_period_is_narrowed_to_the_term(annotate):
    doc = annotate("In the 1960s, Kennedy visited Mexico.", "en")
    ev = _one(doc, "VISIT")
    assert ev.date == "1961-01/1963-11" and ev.date_source == "knowledge"


def test_a_narrative_time_inside_the_term_beats_the_whole_term(annotate):
    doc = annotate("The crisis over Berlin began in August 1961. Kennedy then threatened Cuba.", "en")
    ev = _one(doc, "THREATEN")
    assert ev.date == "1961-08" and ev.date_source == "narrative"


def test_an_undated_act_outside_the_narrative_takes_the_term(annotate):
    doc = annotate("Chile and Peru signed a treaty in 1929. Nixon visited Mexico.", "en")
    ev = _one(doc, "VISIT")
    assert ev.date == "1969-01/1974-08" and ev.date_source == "knowledge"


def test_dates_in_parentheses_do_not_move_the_narrative(annotate):
    doc = annotate("Egypt signed a treaty with Sudan in 1953. The British garrison (1882–1956) "
                   "was large. Egypt then threatened Libya.", "en")
    ev = _one(doc, "THREATEN")
    assert ev.date == "1953" and ev.date_source == "narrative"


def test_narrative_follows_the_last_event_told(annotate):
    doc = annotate("Brazil signed a treaty with Argentina in March 1980 and visited Chile in "
                   "June 1981. Brazil then threatened Paraguay.", "en")
    ev = _one(doc, "THREATEN")
    assert ev.date == "1981-06"


def test_coordinated_events_keep_their_own_dates(annotate):
    doc = annotate("Avec la visite du président brésilien en Argentine en mars 1980 et le voyage "
                   "du président argentin au Chili à l'automne 1981, les relations ont changé.", "fr")
    dates = {tuple(e.target): e.date for e in events_of(doc, "VISIT")}
    assert dates.get(("ARG",)) == "1980-03" and dates.get(("CHL",)) == "1981-23", dates


def test_clip_needs_one_overlapping_term():
    t1 = Term("x", "USA", "head_of_state", "1961-01", "1963-11")
    t2 = Term("x", "USA", "head_of_state", "1969-01", "1974-08")
    assert _clip("196X", [t1]) == "1961-01/1963-11"
    assert _clip("1950/1990", [t1, t2]) is None          # two terms: which one is unknown
    assert _clip("1962", [t1]) is None                   # already precise
    assert _clip("1960/1962", [t1]) == "1961-01/1962"


def test_a_paragraph_break_carries_the_time_at_lower_confidence(annotate):
    doc = annotate("Chile and Peru signed a treaty in 1929.\nChile then threatened Bolivia.", "en")
    across = _one(doc, "THREATEN")
    doc = annotate("Chile and Peru signed a treaty in 1929. Chile then threatened Bolivia.", "en")
    within = _one(doc, "THREATEN")
    assert across.date == within.date == "1929"
    assert across.confidence < within.confidence


def test_an_opening_before_any_date_takes_the_first_date_after_it(annotate):
    doc = annotate("Chile threatened Bolivia.\nIn March 1931 the two countries signed a treaty.", "en")
    assert _one(doc, "THREATEN").date == "1931-03"


def test_a_past_perfect_is_on_or_before_the_narrative_time(annotate):
    doc = annotate("Chile and Peru signed a treaty in 1929. Chile had threatened Bolivia.", "en")
    assert _one(doc, "THREATEN").date == "../1929"
    doc = annotate("Le Chili et le Pérou ont signé un traité en 1929. Le Chili avait menacé la Bolivie.", "fr")
    assert _one(doc, "THREATEN").date == "../1929"


def test_a_present_in_a_past_narrative_takes_its_time_at_lower_confidence(annotate):
    doc = annotate("Chile and Peru signed a treaty in 1929. Chile threatens Bolivia.", "en")
    present = _one(doc, "THREATEN")
    doc = annotate("Chile and Peru signed a treaty in 1929. Chile threatened Bolivia.", "en")
    past = _one(doc, "THREATEN")
    assert present.date == past.date == "1929"
    assert present.confidence < past.confidence


def test_a_historical_present_narrative_keeps_its_time(annotate):
    doc = annotate("En 1929, le Chili signe un traité avec le Pérou. Le Chili menace alors la Bolivie. "
                   "Le Pérou rompt avec la Bolivie.", "fr")
    assert _one(doc, "THREATEN").date == "1929"


def test_an_act_of_a_surname_shared_by_two_leaders_is_dated_in_the_narrative(annotate):
    doc = annotate("American destroyers were attacked in the Gulf of Tonkin in 1964. Johnson then won the election.", "en")
    evs = [e for e in doc.events if "Johnson" in e.evidence]
    assert evs and all(e.source == ["USA"] and e.date.startswith("1964") for e in evs)


def test_a_named_event_elsewhere_in_the_sentence_does_not_date_an_act(annotate):
    doc = annotate("WASHINGTON, Nov. 23, 2010 - The accusation by Russia against the United States "
                   "recalled the Cold War.", "en")
    ev = _one(doc, "ACCUSE")
    assert ev.source == ["RUS"] and ev.date == "../2010-11-23"


def test_a_bare_surname_a_century_from_the_story_does_not_date_an_act(annotate):
    doc = annotate("La guerre du Pacifique commença en 1879. Suarez attaqua les Chiliens près de Tarapaca.", "fr")
    assert all(e.date is None or e.date.startswith("18") for e in doc.events), \
        [(e.kind, e.date, e.date_source) for e in doc.events]


def _written(pipeline, text, lang, date):
    from dyadline.pipeline.metadata import Metadata
    from dyadline.pipeline.read import read_text
    return next(pipeline.process([read_text(text, doc_id="t.txt", lang=lang, meta=Metadata(date=date))]))


def test_an_undated_act_of_a_dated_book_happened_on_or_before_it_was_written(pipeline):
    doc = _written(pipeline, "Enfin la Russie lança un ultimatum à la Turquie.", "fr", "1898")
    ev = _one(doc, "THREATEN")
    assert ev.date == "../1898" and ev.date_source == "document"
    doc = _written(pipeline, "Russia sent an ultimatum to Turkey.", "en", None)
    assert _one(doc, "THREATEN").date is None


def test_a_leaders_term_that_begins_after_the_writing_is_a_namesakes(pipeline):
    doc = _written(pipeline, "Suarez attaqua les Chiliens avec ses troupes.", "fr", "1923")
    assert all(e.date in (None, "../1923") for e in doc.events), [(e.kind, e.date) for e in doc.events]


def test_a_bare_surname_of_leaders_of_several_states_dates_nothing(pipeline):
    # "Suarez": a Spanish prime minister (1976-1981) and a Colombian president (1918-1921)
    doc = _written(pipeline, "Suarez attaqua les Chiliens avec ses troupes.", "fr", "1950")
    assert all(e.date in (None, "../1950") for e in doc.events), [(e.kind, e.date) for e in doc.events]


def test_the_time_carried_over_a_paragraph_chooses_among_a_leaders_terms(annotate):
    # San Giuliano was Italy's foreign minister in 1905-1906 and again in 1910-1914
    doc = annotate("Le 3 août 1914, l'Allemagne déclare la guerre à la France.\n\n"
                   "Le ministre San Giuliano rencontre l'ambassadeur français.", "fr")
    ev = _one(doc, "VISIT")
    assert ev.date.startswith("1910")
