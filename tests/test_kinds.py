from dyadline.kinds import kinds


def test_kinds_cover_the_guideline_list():
    expected = {"ESTABLISH_RELATIONS", "NORMALIZE", "DETERIORATE", "VISIT", "INVITE", "NEGOTIATE",
                "MEDIATE", "AGREE", "JOIN_ALLIANCE", "LEAVE_ALLIANCE", "COOPERATE", "SUPPORT", "AID",
                "OFFER", "NEUTRAL", "WITHDRAW", "REJECT", "OPPOSE", "THREATEN", "MOBILIZE",
                "ARMED_CONFLICT", "INVADE", "KILL", "COUP", "LEADER_CHANGE", "STATE_CHANGE", "INCIDENT"}
    assert set(kinds()) == expected


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
