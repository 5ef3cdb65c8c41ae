"""The knowledge-base loader: lookups, time-aware choice of codes, merged terms of office."""
from dyadline.kb import KnowledgeBase, Term, _merged_terms, default_kb


def test_default_kb_is_loaded_once():
    assert default_kb() is default_kb()


def test_pick_chooses_the_code_that_existed_that_year():
    kb = default_kb()
    assert kb.pick(("SUN", "RUS"), 1955) == "SUN"
    assert kb.pick(("SUN", "RUS"), 2005) == "RUS"
    assert kb.pick(("SUN", "RUS"), None) == "SUN"


def test_names_of_codes_with_roles():
    kb = default_kb()
    assert kb.name("IND") == "India"
    assert "India" in kb.name("IND-REB")
    assert kb.name("XXX") == "XXX"


def test_states_and_organisations_are_told_apart():
    kb = default_kb()
    assert kb.is_state("PAK") and kb.is_state("PAK-OPP")
    assert not kb.is_state("NATO")


def test_merged_terms_join_overlapping_offices_of_one_person():
    terms = (Term("x", "PAK", "military_ruler", "1977-07", "1985-12"),
             Term("x", "PAK", "head_of_state", "1978-09", "1988-08"),
             Term("x", "PAK", "head_of_state", "1993-01", "1994-01"))
    merged = _merged_terms(terms)
    assert [(t.start, t.end) for t in merged] == [("1977-07", "1988-08"), ("1993-01", "1994-01")]


def test_leader_terms_by_name_in_each_language():
    kb = default_kb()
    en = kb.leader_terms("Khrushchev", "en")
    fr = kb.leader_terms("Khrouchtchev", "fr")
    assert en and fr and en[0].code == fr[0].code == "SUN"


def test_surface_forms_cover_every_kind_of_actor():
    forms = KnowledgeBase().surface_forms("fr")
    kinds = {(f.type, f.via) for f in forms}
    for want in [("state", "name"), ("state", "adjective"), ("state", "capital"), ("org", "acronym"),
                 ("person", "person"), ("group", "name")]:
        assert want in kinds
