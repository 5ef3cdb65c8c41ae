"""The per-language event lexicon (``lang/<lang>/events.json``) compiled for fast lookup."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import itertools

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ... import lang as langdata
from ...errors import DataError
from ...kinds import kinds


@dataclass(frozen=True)
class Frame:
    kind: str
    verbs: frozenset[str]
    objects: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()
    object_mods: frozenset[str] = frozenset()
    mode: str | None = None          # the PLOVER mode the verb and its noun fix
    object_roles: tuple[tuple[str, str], ...] = ()   # roles of the object noun's prepositions


@dataclass
class KindLexicon:
    name: str
    roles: dict[str, str]
    noun_roles: dict[str, str]
    target_types: frozenset[str] = frozenset()
    domestic: bool = False
    state_args: bool = False
    multi_target: bool = False
    person_nouns: frozenset[str] = frozenset()
    direct_only: frozenset[str] = frozenset()   # words that need an actor heading a phrase
    converse: frozenset[str] = frozenset()      # verbs whose object acts on their subject ("host")
    modes: tuple[tuple[str, frozenset[str]], ...] = ()   # PLOVER mode -> words that determine it


@dataclass
class Lexicon:
    lang: str
    verbs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    weak_verbs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    frames: dict[str, list[Frame]] = field(default_factory=lambda: defaultdict(list))
    phrasal: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=lambda: defaultdict(list))
    reflexive: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))   # "se heurter"
    reflexive_markers: frozenset[str] = frozenset()
    kinds: dict[str, KindLexicon] = field(default_factory=dict)
    retype: list[dict] = field(default_factory=list)
    negation: frozenset[str] = frozenset()
    purpose: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    refusal_words: frozenset[str] = frozenset()
    obligation_modals: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    appraisal_verbs: frozenset[str] = frozenset()
    container_nouns: frozenset[str] = frozenset()
    bare_case_words: frozenset[str] = frozenset()
    item_separators: frozenset[str] = frozenset()
    list_ends: frozenset[str] = frozenset()
    joint_markers: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    leave_office: frozenset[str] = frozenset()
    state_end: frozenset[str] = frozenset()
    perfect_aux: frozenset[str] = frozenset()
    after_words: frozenset[str] = frozenset()
    content_preps: frozenset[str] = frozenset()       # "the signing of [the treaty]"
    infinitive_particles: frozenset[str] = frozenset()  # "in order [to]"
    purpose_nouns: frozenset[str] = frozenset()       # "in [order] to"
    recipient_preps: frozenset[str] = frozenset()     # "asked [to] X", "a demandé [à] X"
    agent_preps: frozenset[str] = frozenset()         # the agent of a passive
    genitive_preps: frozenset[str] = frozenset()      # "the visit [of] the minister"
    inflection: dict = field(default_factory=dict)    # how a word of a multiword trigger inflects
    transparent: frozenset[str] = frozenset()   # "tried [to mediate]": the complement decides
    volition: frozenset[str] = frozenset()      # "wants [to negotiate]": an intent (OFFER, THREATEN)
    refusal: frozenset[str] = frozenset()       # "unwilling [to negotiate]": REJECT
    perfect_is_today: bool = False              # news: "has bombed" tells the day of publication
    future_aux: frozenset[str] = frozenset()    # "will visit", "va visiter"
    verb_endings: tuple[tuple[str, str], ...] = ()   # form ending -> lemma ending, when the lemma fails
    multiword: PhraseMatcher | None = None
    multiword_kinds: dict[str, list[str]] = field(default_factory=dict)


def build_lexicon(lang: str, nlp) -> Lexicon:
    raw = langdata.require(lang, "events")
    lex = Lexicon(lang=lang, inflection=raw["inflection"])
    known = kinds()
    default_roles = raw.get("default_roles", {})
    default_noun_roles = raw.get("default_noun_roles", {})
    lex.multiword = PhraseMatcher(nlp.vocab, attr="LOWER")
    # longest first: "se " before "s'"
    markers = sorted((m.lower() for m in raw.get("reflexive_markers", [])), key=len, reverse=True)
    lex.reflexive_markers = frozenset(m.strip().rstrip("'’") for m in markers)
    for name, spec in raw["kinds"].items():
        if name not in known:
            raise DataError(f"unknown kind {name} (kinds: {', '.join(known)})",
                            path=str(langdata.LANG_DIR / lang / "events.json"))
        roles = {**default_roles, **spec.get("roles", {})}
        lex.kinds[name] = KindLexicon(
            name=name, roles=roles,
            noun_roles={**default_noun_roles, **roles, **spec.get("noun_roles", {})},
            target_types=frozenset(spec.get("target_types", [])),
            domestic=bool(spec.get("domestic")), state_args=bool(spec.get("state_args")),
            multi_target=bool(spec.get("multi_target")),
            person_nouns=frozenset(spec.get("person_nouns", [])),
            direct_only=frozenset(w.lower() for w in spec.get("direct_only", [])),
            converse=frozenset(w.lower() for w in spec.get("converse_verbs", [])),
            modes=tuple((m, frozenset(w.lower() for w in words)) for m, words in spec.get("modes", {}).items()))
        for v in spec.get("verbs", []):
            words = v.lower().split()
            marker = next((m for m in markers if v.lower().startswith(m) and len(v) > len(m)), None)
            if marker is not None:      # a reflexive verb ("se heurter", "s'affronter")
                lex.reflexive[v.lower()[len(marker):].strip()].append(name)
            elif len(words) > 1:        # a phrasal verb: the verb and its particles ("call on")
                lex.phrasal[words[0]].append((tuple(words[1:]), name))
            else:
                lex.verbs[words[0]].append(name)
        for v in spec.get("converse_verbs", []):
            lex.verbs[v.lower()].append(name)
        for v in spec.get("weak_verbs", []):
            lex.weak_verbs[v.lower()].append(name)
        for n in spec.get("person_nouns", []):
            lex.nouns[n.lower()].append(name)
        for a in spec.get("adjectives", []):
            lex.adjectives[a.lower()].append(name)
        for n in spec.get("nouns", []):
            words = [t.text for t in nlp.make_doc(n.lower())]
            if len(words) == 1:
                lex.nouns[words[0]].append(name)
            else:
                key = f"{name}|{n.lower()}"
                lex.multiword_kinds[key] = [name]
                lex.multiword.add(key, _phrase_docs(nlp, n.lower(), lex.inflection))
    for f in raw.get("frames", []):
        frame = Frame(kind=f["kind"], verbs=frozenset(v.lower() for v in f["verbs"]),
                      objects=frozenset(f.get("objects", [])),
                      subjects=frozenset(f.get("subjects", [])),
                      attributes=frozenset(f.get("attributes", [])),
                      prep_objects=frozenset(f.get("prep_objects", [])),
                      object_mods=frozenset(f.get("object_mods", [])), mode=f.get("mode"),
                      object_roles=tuple(f.get("object_roles", {}).items()))
        for v in frame.verbs:
            lex.frames[v].append(frame)
    lex.retype = list(raw["retype"])
    lex.negation = frozenset(w.lower() for w in raw["negation_words"])
    lex.purpose = frozenset(w.lower() for w in raw["purpose_markers"])
    words = {name: frozenset(raw[name]) for name in (
        "object_control_verbs", "light_verbs", "report_verbs", "hedge_words", "leave_office_words",
        "state_end_words", "perfect_aux", "after_words", "content_preps", "infinitive_particles",
        "purpose_nouns", "recipient_preps", "agent_preps", "genitive_preps")}
    lex.object_control, lex.light_verbs = words["object_control_verbs"], words["light_verbs"]
    lex.report_verbs, lex.hedges = words["report_verbs"], words["hedge_words"]
    lex.appraisal_verbs = frozenset(w.lower() for w in raw.get("appraisal_verbs", []))
    lex.container_nouns = frozenset(w.lower() for w in raw.get("container_nouns", []))
    lex.bare_case_words = frozenset(w.lower() for w in raw.get("bare_case_words", []))
    lex.item_separators = frozenset(raw.get("item_separators", []))
    lex.list_ends = frozenset(raw.get("list_ends", []))
    lex.joint_markers = frozenset(w.lower() for w in raw.get("joint_markers", []))
    lex.obligation_modals = frozenset(w.lower() for w in raw.get("obligation_modals", []))
    lex.refusal_words = frozenset(w.lower() for w in raw.get("refusal_words", []))
    lex.leave_office, lex.state_end = words["leave_office_words"], words["state_end_words"]
    lex.perfect_aux, lex.after_words = words["perfect_aux"], words["after_words"]
    lex.content_preps, lex.infinitive_particles = words["content_preps"], words["infinitive_particles"]
    lex.purpose_nouns, lex.recipient_preps = words["purpose_nouns"], words["recipient_preps"]
    lex.agent_preps, lex.genitive_preps = words["agent_preps"], words["genitive_preps"]
    gov = raw["complement_governors"]
    lex.transparent, lex.volition, lex.refusal = (
        frozenset(w.lower() for w in gov[k]) for k in ("transparent", "volition", "refusal"))
    lex.verb_endings = tuple((a, b) for a, b in raw["lemma_fallback"]["endings"])
    lex.perfect_is_today = bool(raw["news_tenses"]["perfect_is_today"])
    lex.future_aux = frozenset(w.lower() for w in raw["news_tenses"]["future_aux"])
    for phrase in raw["non_triggers"]:
        lex.multiword.add(f"NONE|{phrase}", _phrase_docs(nlp, phrase.lower(), lex.inflection))
    return lex


def _phrase_docs(nlp, phrase: str, inflection: dict) -> list[Doc]:
    """A multiword trigger in every inflection its words may take (as the language's
    ``inflection`` rules say: singular and plural...), as token sequences for a PhraseMatcher
    on lowercase text."""
    toks = nlp.make_doc(phrase)
    spaces = [bool(t.whitespace_) for t in toks]
    options = [variants(t.text, inflection) if t.is_alpha and len(t.text) > 2 else [t.text] for t in toks]
    docs = []
    for combo in itertools.islice(itertools.product(*options), 200):
        docs.append(Doc(nlp.vocab, words=[w.lower() for w in combo], spaces=spaces))
    return docs


def variants(word: str, inflection: dict) -> list[str]:
    """The forms a word of a multiword trigger may take: itself, and by the language's rules
    (``inflection`` in events.json) a final suffix dropped (``strip``), added (``add``: only
    to a word that does not end with a stripped suffix) or replaced (``replace``)."""
    out = {word, word.lower(), word.capitalize()}
    stripped = [s for s in inflection["strip"] if word.endswith(s)]
    for s in stripped:
        out.add(word[:-len(s)])
    if not stripped:
        out.update(word + s for s in inflection["add"])
    for old, new in inflection["replace"].items():
        if word.endswith(old):
            out.add(word[:-len(old)] + new)
    return sorted(out)
