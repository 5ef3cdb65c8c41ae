"""The temporal tagger on expressions written for these tests (other countries, other years)."""
import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadline.timex import TimeTagger


@pytest.fixture(scope="module")
def en():
    return TimeTagger("en")


@pytest.fixture(scope="module")
def fr():
    return TimeTagger("fr")


EN = [
    # (context sentence, expected text, expected EDTF, anchor)
    ("Chile signed the treaty in 1929.", "1929", "1929", None),
    ("The summit took place in March 1985 in Geneva.", "March 1985", "1985-03", None),
    ("Troops crossed the border on 2 August 1990.", "2 August 1990", "1990-08-02", None),
    ("Troops crossed the border on August 2, 1990.", "August 2, 1990", "1990-08-02", None),
    ("The accord was signed on Sept. 17, 1978 at Camp David.", "Sept. 17, 1978", "1978-09-17", None),
    ("The envoy arrived on Jan. 3, 1966.", "Jan. 3, 1966", "1966-01-03", None),
    ("The ceasefire held from the 1st of May 1945.", "from the 1st of May 1945", "1945-05-01/..", None),
    ("The envoy arrived on the 1st of May 1945.", "1st of May 1945", "1945-05-01", None),
    ("Talks resumed in the spring of 1972.", "the spring of 1972", "1972-21", None),
    ("The offensive began in summer 1916.", "summer 1916", "1916-22", None),
    ("Relations thawed in the autumn of 1963.", "the autumn of 1963", "1963-23", None),
    ("The army withdrew in winter 1940.", "winter 1940", "1940-24", None),
    ("Ties improved in the fall of 1989.", "the fall of 1989", "1989-23", None),
    ("Trade grew in the 1960s.", "the 1960s", "196X", None),
    ("Several coups shook the region in the 1990s.", "the 1990s", "199X", None),
    ("Tensions rose in the early 1980s.", "the early 1980s", "1980/1983", None),
    ("Aid peaked in the mid 1970s.", "the mid 1970s", "1974/1976", None),
    ("Relations soured in the late 1950s.", "the late 1950s", "1957/1959", None),
    ("The dispute flared in early 1962.", "early 1962", "1962-01/1962-04", None),
    ("The talks collapsed in late 1999.", "late 1999", "1999-09/1999-12", None),
    ("Both empires expanded in the 19th century.", "the 19th century", "18XX", None),
    ("The city was founded in the 16th century.", "the 16th century", "15XX", None),
    ("The occupation lasted from 1940 to 1944.", "from 1940 to 1944", "1940/1944", None),
    ("The war lasted from 1914 until 1918.", "from 1914 until 1918", "1914/1918", None),
    ("The border was closed between 1962 and 1975.", "between 1962 and 1975", "1962/1975", None),
    ("During the Korean War (1950–1953), trade stopped.", "1950–1953", "1950/1953", None),
    ("The mandate (1920-1948) ended badly.", "1920-1948", "1920/1948", None),
    ("The blockade, June 1948 – May 1949, failed.", "June 1948 – May 1949", "1948-06/1949-05", None),
    ("They have been allies since 1949.", "since 1949", "1949/..", None),
    ("It remained a colony until 1962.", "until 1962", "../1962", None),
    ("The fort was built around 1750.", "around 1750", "1750~", None),
    ("The mission was founded circa 1820.", "circa 1820", "1820~", None),
    ("The 1973 oil embargo hurt Europe.", "1973", "1973", None),
    ("The War of 1812 ended in a draw.", "1812", "1812", None),
    ("A month later the embassy reopened.", "A month later", "1979-01", "1978-12"),
    ("Two years later Egypt and Israel signed.", "Two years later", "1980", "1978"),
    ("The following year Cuba left.", "The following year", "1963", "1962"),
    ("The next decade brought détente.", "The next decade", "197X", "1962"),
    ("Over the next five years trade doubled.", "Over the next five years", "1963/1967", "1962"),
    ("The same year, Laos joined.", "The same year", "1955", "1955-06"),
    ("Since then, the two have traded freely.", "Since then", "1991/..", "1991"),
    ("Meanwhile, Syria mobilised.", "Meanwhile", "1967-06", "1967-06"),
    ("Three weeks later the talks resumed.", "Three weeks later", "1990-08-23", "1990-08-02"),
    ("Six months earlier the envoy had left.", "Six months earlier", "1990-02", "1990-08"),
]

FR = [
    ("Le Chili a signé le traité en 1929.", "1929", "1929", None),
    ("Le sommet a eu lieu en mars 1985 à Genève.", "mars 1985", "1985-03", None),
    ("Les troupes ont franchi la frontière le 2 août 1990.", "le 2 août 1990", "1990-08-02", None),
    ("L'accord a été signé le 1er mai 1948.", "le 1er mai 1948", "1948-05-01", None),
    ("L'envoyé est arrivé le 3 janv. 1966.", "le 3 janv. 1966", "1966-01-03", None),
    ("Les pourparlers ont repris au printemps 1972.", "au printemps 1972", "1972-21", None),
    ("L'offensive a commencé à l'été 1916.", "à l'été 1916", "1916-22", None),
    ("Les relations se sont réchauffées à l'automne 1963.", "à l'automne 1963", "1963-23", None),
    ("L'armée s'est retirée en hiver 1940.", "en hiver 1940", "1940-24", None),
    ("Le commerce a progressé dans les années 1960.", "les années 1960", "196X", None),
    ("Plusieurs coups d'État ont eu lieu dans les années 90.", "les années 90", "199X", None),
    ("Les tensions ont monté au début des années 1980.", "au début des années 1980", "1980/1983", None),
    ("L'aide a culminé au milieu des années 1970.", "au milieu des années 1970", "1974/1976", None),
    ("Les relations se sont dégradées à la fin des années 1950.", "à la fin des années 1950", "1957/1959", None),
    ("Le différend a repris début 1962.", "début 1962", "1962-01/1962-04", None),
    ("Les deux empires se sont étendus au XIXe siècle.", "au XIXe siècle", "18XX", None),
    ("L'occupation a duré de 1940 à 1944.", "de 1940 à 1944", "1940/1944", None),
    ("La frontière a été fermée entre 1962 et 1975.", "entre 1962 et 1975", "1962/1975", None),
    ("Pendant la guerre de Corée (1950-1953), le commerce a cessé.", "1950-1953", "1950/1953", None),
    ("Le blocus (juin 1948-mai 1949) a échoué.", "juin 1948-mai 1949", "1948-06/1949-05", None),
    ("Ils sont alliés depuis 1949.", "depuis 1949", "1949/..", None),
    ("Le pays est resté une colonie jusqu'en 1962.", "jusqu'en 1962", "../1962", None),
    ("Le fort a été construit vers 1750.", "vers 1750", "1750~", None),
    ("Le traité de 1818 a fixé la frontière.", "1818", "1818", None),
    ("Un mois plus tard, l'ambassade a rouvert.", "Un mois plus tard", "1979-01", "1978-12"),
    ("Deux ans plus tard, l'Égypte et Israël ont signé.", "Deux ans plus tard", "1980", "1978"),
    ("L'année suivante, Cuba est partie.", "L'année suivante", "1963", "1962"),
    ("Au cours des cinq années suivantes, le commerce a doublé.", "Au cours des cinq années suivantes", "1963/1967", "1962"),
    ("La même année, le Laos a adhéré.", "La même année", "1955", "1955-06"),
    ("Depuis lors, les deux pays commercent librement.", "Depuis lors", "1991/..", "1991"),
    ("Pendant ce temps, la Syrie a mobilisé.", "Pendant ce temps", "1967-06", "1967-06"),
    ("Trois semaines plus tard, les pourparlers ont repris.", "Trois semaines plus tard", "1990-08-23", "1990-08-02"),
]


def _check(tagger, sentence, text, edtf, anchor):
    found = tagger.tag(sentence, anchor=anchor)
    assert (text, edtf) in [(x.text.strip(), x.edtf) for x in found], [(x.text, x.edtf) for x in found]


@pytest.mark.parametrize("sentence, text, edtf, anchor", EN)
def test_english_expressions(en, sentence, text, edtf, anchor):
    _check(en, sentence, text, edtf, anchor)


@pytest.mark.parametrize("sentence, text, edtf, anchor", FR)
def test_french_expressions(fr, sentence, text, edtf, anchor):
    _check(fr, sentence, text, edtf, anchor)


@pytest.mark.parametrize("sentence", [
    "Some 2000 soldiers crossed the river.",
    "More than 3.2 million people fled.",
    "The index rose to 1,500 points.",
    "Resolution 242 was adopted.",
    "The flight U-2 was shot down.",
])
def test_numbers_that_are_not_years(en, sentence):
    assert en.tag(sentence) == []


@pytest.mark.parametrize("sentence", ["Plus de 3.2 millions de personnes ont fui.", "Environ 1500 soldats ont traversé."])
def test_french_numbers_that_are_not_years(fr, sentence):
    assert fr.tag(sentence) == []


def test_relative_without_anchor_has_no_value(en):
    (x,) = en.tag("Two years later the talks resumed.")
    assert x.relative and x.edtf is None


def test_narrative_moves_the_reference(en):
    text = "The war began in 1950. Two years later a truce held. The following year, it ended."
    values = [(x.text, x.edtf) for x in en.tag_narrative(text)]
    assert values == [("1950", "1950"), ("Two years later", "1952"), ("The following year", "1953")]


def test_narrative_uses_the_end_of_an_interval_for_later(fr):
    text = "Le blocus a duré de mars 1961 à juin 1964. Deux ans plus tard, le Chili a cédé."
    got = dict((x.text, x.edtf) for x in fr.tag_narrative(text))
    assert got["Deux ans plus tard"] == "1966"


def test_dates_in_parentheses_do_not_move_the_narrative(en):
    text = ("Talks began in 1962. The embargo (1958–1974) hurt trade. "
            "Two years later the talks failed.")
    got = dict((x.text, x.edtf) for x in en.tag_narrative(text))
    assert got["1958–1974"] == "1958/1974"
    assert got["Two years later"] == "1964"


def test_a_look_back_with_since_does_not_move_the_narrative(en, fr):
    text = "By 1920 the alliance held. Spain had been neutral since 1898. On May 3rd the fleet sailed."
    got = dict((x.text, x.edtf) for x in en.tag_narrative(text))
    assert got["since 1898"] == "1898/.."
    assert got["May 3rd"] == "1920-05-03"
    text = "En 1920, l'alliance tenait. L'Espagne était neutre depuis 1898. Le 3 mai, la flotte partit."
    got = dict((x.text, x.edtf) for x in fr.tag_narrative(text))
    assert got["Le 3 mai"] == "1920-05-03"


def test_since_a_later_year_moves_the_narrative(en):
    text = "In 1950 a truce was signed. Since 1953 the border has held. On May 3rd talks resumed."
    got = dict((x.text, x.edtf) for x in en.tag_narrative(text))
    assert got["May 3rd"] == "1953-05-03"


def test_granularity_is_kept(en):
    (x,) = en.tag("It happened in 1971.")
    assert x.edtf == "1971"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_outputs_valid_edtf(text):
    for tagger in (TimeTagger("en"), TimeTagger("fr")):
        found = tagger.tag(text, anchor="1980-05")
        last = -1
        for x in found:
            assert 0 <= x.start < x.end <= len(text) and text[x.start:x.end] == x.text
            assert x.start >= last
            last = x.end
            if x.edtf:
                parse_edtf(x.edtf)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["in", "1971", "March", "mars", "the", "1950s", "years", "later",
                                 "two", "deux", "ans", "plus", "tard", "since", "depuis", "–", "-",
                                 "to", "à", "from", "de", "early", "début", ","]), max_size=12))
def test_word_salad_from_the_grammar(words):
    text = " ".join(words)
    for tagger in (TimeTagger("en"), TimeTagger("fr")):
        for x in tagger.tag_narrative(text):
            if x.edtf:
                parse_edtf(x.edtf)
