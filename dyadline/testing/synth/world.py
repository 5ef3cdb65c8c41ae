"""What the generator knows of the world: offices that make "the leader" of a state, the
organisations, the states usable as a pair and their leaders' terms (from the knowledge base),
and the templates of each language (``lang/<lang>/synth.json``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ... import lang as langdata
from ...kb import default_kb

FIRST_YEAR, LAST_START, LAST_YEAR = 1950, 2015, 2020

# Which office makes "the leader" of a state, in order of preference (default: DEFAULT_OFFICES).
DEFAULT_OFFICES = ("military_ruler", "head_of_state", "head_of_government")
PARLIAMENTARY = ("head_of_government", "military_ruler", "head_of_state")
PARTY = ("head_of_party", "military_ruler", "head_of_state", "head_of_government")
LEADER_OFFICES = {
    **{c: PARLIAMENTARY for c in ("AUS", "CAN", "GBR", "IND", "ISR", "ITA", "JPN", "DEU", "ESP", "THA",
                                  "NPL", "LKA", "TUR", "BGD", "PAK", "GEO", "UKR")},
    **{c: PARTY for c in ("SUN", "CHN", "VNM", "PRK", "DDR", "POL", "CUB", "YUG", "AFG", "ETH", "MMR")},
}
TITLE_BY_TERM = {"pahlavi_mohammad_reza": "shah", "khomeini_ruhollah": "supreme_leader",
                 "khamenei_ali": "supreme_leader"}
# Terms of office held by women (for the agreement of titles and participles).
FEMALE = frozenset("""
peron_isabel fernandez_de_kirchner_cristina ruiz_cerutti_susana malcorra_susana gillard_julia
bishop_julie payne_marise wong_penny khaleda_zia hasina_sheikh rousseff_dilma soong_ching_ling
bergmann_pohl_sabine merkel_angela von_der_leyen_ursula kramp_karrenbauer_annegret
lambrecht_christine sahle_work_zewde cresson_edith alliot_marie_michele borne_elisabeth
colonna_catherine goulard_sylvie parly_florence vautrin_catherine elizabeth_ii thatcher_margaret
may_theresa beckett_margaret truss_liz mordaunt_penny burjanadze_nino zourabichvili_salome
beruchashvili_tamar megawati_sukarnoputri marsudi_retno gandhi_indira patil_pratibha
murmu_droupadi swaraj_sushma sitharaman_nirmala meir_golda livni_tzipi meloni_giorgia
bonino_emma mogherini_federica pinotti_roberta agnelli_susanna trenta_elisabetta tanaka_makiko
kawaguchi_yoriko inada_tomomi takaichi_sanae park_geun_hye kang_kyung_wha bandaranaike_sirimavo
kumaratunga_chandrika sheinbaum_claudia green_rosario ruiz_massieu_claudia espinosa_patricia
bhandari_bidhya_devi deuba_arzu_rana bhutto_benazir khar_hina_rabbani aquino_corazon
arroyo_gloria lazaro_theresa suchocka_hanna szydlo_beata fotyga_anna yingluck_shinawatra
paetongtarn_shinawatra ciller_tansu tsai_ing_wen tymoshenko_yulia svyrydenko_yulia
albright_madeleine rice_condoleezza clinton_hillary campbell_kim macdonald_flora
mcdougall_barbara freeland_chrystia joly_melanie palacio_ana jimenez_trinidad
gonzalez_laya_arancha cospedal_maria_dolores robles_margarita mohamed_amina mangoush_najla
aung_san_suu_kyi okonjo_iweala_ngozi dlamini_zuma_nkosazana nkoana_mashabane_maite
sisulu_lindiwe pandor_naledi mapisa_nqakula_nosiviwe
""".split())
# Organisations: anyone may join the global ones; a state leaves only what the knowledge base says
# it belonged to; regional organisations mediate and serve as forums for their members.
GLOBAL_ORGS = ("UN", "IMF", "WORLD_BANK", "GATT", "WTO", "UNESCO", "IAEA")
REGIONAL = ("OAU", "AU", "ARAB_LEAGUE", "OAS", "ASEAN", "OIC", "COMMONWEALTH", "ECOWAS", "SADC", "GCC",
            "EC", "EU", "COUNCIL_OF_EUROPE", "SAARC", "AMU", "EAC", "NATO", "WARSAW_PACT")
FORUMS = ("UN", "UNSC", "UNGA")     # and the regional organisations the state belongs to
MEDIATORS = ("UN",)                 # and the regional organisations both states belong to

ONCE = ("ESTABLISH_RELATIONS", "STATE_CHANGE", "COUP")   # at most once in a document


class Missing(Exception):
    """A slot of a template cannot be filled (no leader that year, no adjective...)."""


def year_of(value) -> int | None:
    return None if value is None else int(str(value)[:4])


def year_month(value, default_month: int) -> tuple[int, int] | None:
    if value is None:
        return None
    s = str(value)
    return int(s[:4]), int(s[5:7]) if len(s) >= 7 else default_month


@dataclass(frozen=True)
class World:
    """What the generator needs from the knowledge base, built once."""

    pool: tuple[str, ...]            # state codes usable as the pair
    with_leaders: tuple[str, ...]    # those with leaders' terms
    terms: dict                      # code -> office -> [Term] sorted by start
    related: tuple                   # pairs that took part in the same named war, crisis or treaty
    years: dict                      # code -> the years (FIRST_YEAR..LAST_YEAR) it existed


@lru_cache(maxsize=1)
def world() -> World:
    kb = default_kb()
    names = {lang: langdata.load(lang, "states") for lang in langdata.available_languages()}
    pool = []
    for code, a in sorted(kb.actors.items()):
        if a.type != "state" or not a.cow_periods:
            continue
        if not all(names[lang].get(code, {}).get("names") for lang in names):
            continue
        if any(a.exists_in(y) for y in range(FIRST_YEAR, LAST_START + 1)):
            pool.append(code)
    terms: dict = {}
    for t in kb.terms:
        terms.setdefault(t.code, {}).setdefault(t.office, []).append(t)
    for offices in terms.values():
        for lst in offices.values():
            lst.sort(key=lambda t: str(t.start or ""))
    pool_set = set(pool)
    related = set()
    for e in kb.named_events():
        parts = [p for p in e.get("participants") or () if p in pool_set]
        if (year_of(e.get("start")) or 0) >= 1945 and 2 <= len(parts) <= 4:
            related.update((a, b) for a in parts for b in parts if a < b)
    years = {c: frozenset(y for y in range(FIRST_YEAR, LAST_YEAR + 1) if kb.actors[c].exists_in(y)) for c in pool}
    return World(tuple(pool), tuple(c for c in pool if c in terms), terms, tuple(sorted(related)), years)


# -- the chronology ----------------------------------------------------------------------
