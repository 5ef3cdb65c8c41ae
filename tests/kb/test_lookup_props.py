"""Property tests of actor lookup (``resolver(lang).lookup(mention, date)``, what ``dyadline
actors lookup MENTION --date --lang`` runs): any string, any date (a year 1000-2100 as an int
or a string, a year-month, none, or any text), in English or French, gives a Resolution -- never
an exception other than a DyadlineError -- and its code, when there is one, is a code of the
knowledge base: an actor (state, organisation), a named group, a leader's state, or a state
with the role suffix the resolver adds after a title (-OPP, -REB)."""
from __future__ import annotations

import random
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadline.errors import DyadlineError
from dyadline.kb import default_kb
from dyadline.kb.resolve import Resolution, resolver

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LANGS = st.sampled_from(["en", "fr"])


@lru_cache(maxsize=1)
def kb_codes() -> frozenset[str]:
    kb = default_kb()
    codes = set(kb.actors)
    for lang in ("en", "fr"):
        codes |= {f.code for f in kb.surface_forms(lang)}
    codes |= {t.code for t in kb.terms}
    states = [c for c, a in kb.actors.items() if a.type == "state"]
    codes |= {f"{s}-{role}" for s in states for role in ("OPP", "REB")}
    return frozenset(codes)


@lru_cache(maxsize=2)
def surface_texts(lang: str) -> tuple[str, ...]:
    forms = sorted({f.text for f in default_kb().surface_forms(lang)})
    return tuple(random.Random(0).sample(forms, min(600, len(forms))))


ODD = list("\x00\x01\x1f\x7f\x85\u00ad\u200b\u200d\u200e\u200f\u202e\u2066\ufeff\u0301\u0308\ufffd"
           "\u2028'’-‑–.,()«»|") + ["\U0001f600", "\U0001f1eb\U0001f1f7", " ", "  ", "\t", "\n"]
TITLES = ["the", "The", "le", "la", "l'", "L’", "les", "President", "président", "general", "Prime Minister",
          "premier ministre", "rebel commander", "opposition leader", "chef rebelle", "ministre des Affaires étrangères",
          "Pakistani", "russe", "Afghan", "'s", "-", ","]

dates = st.one_of(
    st.none(),
    st.integers(1000, 2100),
    st.integers(1000, 2100).map(str),
    st.tuples(st.integers(1000, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)
any_dates = st.one_of(dates, st.integers(), st.text(max_size=20),
                      st.sampled_from(["", "-1", "-0001", "0000", "99999", "1960-13", "1960-21", "196X",
                                       "1960/1970", "1960~", "?", "..", "１９６０", "١٩٦٠"]))


@st.composite
def mentions(draw, lang: str):
    """Real surface forms of the knowledge base, with titles, odd characters, case changes,
    cuts and random text around or inside them; and plain random text."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(max_size=60))
    parts = draw(st.lists(st.one_of(st.sampled_from(surface_texts(lang)), st.sampled_from(TITLES),
                                    st.sampled_from(ODD), st.text(max_size=6)), min_size=1, max_size=6))
    text = " ".join(parts) if draw(st.booleans()) else "".join(parts)
    how = draw(st.sampled_from(["same", "upper", "lower", "cut", "dash"]))
    if how == "upper":
        text = text.upper()
    elif how == "lower":
        text = text.lower()
    elif how == "cut" and text:
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, len(text)))
        text = text[i:j]
    elif how == "dash":
        text = text + draw(st.sampled_from(["-", "‑", "–"]))
    return text


def check(mention, date, lang) -> None:
    try:
        r = resolver(lang).lookup(mention, date)
    except DyadlineError:
        return
    assert isinstance(r, Resolution)
    assert r.lang == lang and r.mention == mention
    assert isinstance(r.why, str) and r.why
    if r.code is not None:
        assert r.code in kb_codes(), (mention, date, lang, r)
        assert default_kb().actor(r.code) is not None, r
    for c in r.candidates:                   # the codes the words can mean
        assert c in kb_codes(), (mention, date, lang, r)


@SETTINGS
@given(st.data(), LANGS, dates)
def test_lookup_of_surface_forms_with_noise(data, lang, date):
    check(data.draw(mentions(lang)), date, lang)


@SETTINGS
@given(st.text(max_size=120), LANGS, dates)
def test_lookup_of_arbitrary_text(mention, lang, date):
    check(mention, date, lang)


@SETTINGS
@given(st.data(), LANGS, any_dates)
def test_lookup_with_any_date(data, lang, date):
    check(data.draw(st.one_of(mentions(lang), st.text(max_size=30))), date, lang)


@settings(max_examples=300, deadline=None)
@given(LANGS, dates, st.data())
def test_every_surface_form_resolves_to_a_kb_code_or_none(lang, date, data):
    """Exact surface forms (names, capitals, leaders, groups) at any date."""
    check(data.draw(st.sampled_from(surface_texts(lang))), date, lang)
