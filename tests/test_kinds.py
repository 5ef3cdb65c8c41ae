import re

import pytest

from dyadline.kinds import kinds
from tests.conftest import SHARED

KINDS = {"ESTABLISH_RELATIONS", "NORMALIZE", "DETERIORATE", "VISIT", "INVITE", "NEGOTIATE",
         "MEDIATE", "AGREE", "JOIN_ALLIANCE", "LEAVE_ALLIANCE", "COOPERATE", "SUPPORT", "AID",
         "OFFER", "NEUTRAL", "WITHDRAW", "REJECT", "OPPOSE", "THREATEN", "MOBILIZE",
         "ARMED_CONFLICT", "INVADE", "KILL", "COUP", "LEADER_CHANGE", "STATE_CHANGE", "INCIDENT",
         "REQUEST", "ACCUSE", "PROTEST", "SANCTION", "COERCE", "CONCEDE", "ATTACK"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_kinds_cover_the_guideline_list():
    assert set(kinds()) == KINDS


def test_every_plover_type_is_reachable():
    assert {k.plover for k in kinds().values()} - {"OTHER"} == PLOVER


@pytest.mark.skipif(not (SHARED / "gold" / "GUIDELINES.md").exists(), reason="guidelines not present")
def test_kinds_and_their_plover_type_and_cameo_root_are_the_guidelines():
    table = {}
    in_kinds = False
    for line in (SHARED / "gold" / "GUIDELINES.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## Kinds"):
            in_kinds = True
        elif line.startswith("## ") and in_kinds:
            break
        m = re.match(r"\|\s*([A-Z_]+)\s*\|[^|]*\|\s*([A-Z]+)[^|]*\|\s*([0-9-]+)", line)
        if in_kinds and m:
            table[m.group(1)] = (m.group(2), m.group(3))
    assert set(table) == set(kinds())
    for name, (plover, cameo) in table.items():
        assert kinds()[name].plover == plover, name
        assert kinds()[name].cameo == cameo, name


def test_quad_class_follows_cameo_root():
    for k in kinds().values():
        if k.cameo == "-":
            continue
        root = int(k.cameo)
        want = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert k.quad_class == want, k.name


def test_goldstein_sign_matches_quad_class():
    for k in kinds().values():
        assert -10 <= k.goldstein <= 10
        if k.quad_class in (1, 2):
            assert k.goldstein > 0, k.name
        if k.quad_class in (3, 4):
            assert k.goldstein < 0, k.name


def test_family_of_other_kinds_is_the_kind_itself():
    assert kinds()["INCIDENT"].family == "INCIDENT"
    assert kinds()["VISIT"].family == "CONSULT"
