"""The per-language event lexicon (``lang/<lang>/events.json``) compiled for fast lookup."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import itertools

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import lang as langdata
from ..kinds import kinds


@dataclass(frozen=True)
class Frame:
    kind: str
    verbs: frozenset[str]
    objects: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()
    object_mods: frozenset[str] = frozenset()


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


@dataclass
class Lexicon:
    lang: str
    verbs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    weak_verbs: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    frames: dict[str, list[Frame]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, KindLexicon] = field(default_factory=dict)
    retype: list[dict] = field(default_factory=list)
    negation: frozenset[str] = frozenset()
    purpose: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    leave_office: frozenset[str] = frozenset()
    state_end: frozenset[str] = frozenset()
    perfect_aux: frozenset[str] = frozenset()
    after_words: frozenset[str] = frozenset()
    multiword: PhraseMatcher | None = None
    multiword_kinds: dict[str, list[str]] = field(default_factory=dict)


def build_lexicon(lang: str, nlp) -> Lexicon:
    raw = langdata.load(lang, "events")
    lex = Lexicon(lang=lang)
    known = kinds()
    default_roles = raw.get("default_roles", {})
    default_noun_roles = raw.get("default_noun_roles", {})
    lex.multiword = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, spec in raw["kinds"].items():
        if name not in known:
            raise ValueError(f"lang/{lang}/events.json: unknown kind {name}")
        roles = {**default_roles, **spec.get("roles", {})}
        lex.kinds[name] = KindLexicon(
            name=name, roles=roles,
            noun_roles={**default_noun_roles, **roles, **spec.get("noun_roles", {})},
            target_types=frozenset(spec.get("target_types", [])),
            domestic=bool(spec.get("domestic")), state_args=bool(spec.get("state_args")),
            multi_target=bool(spec.get("multi_target")),
            person_nouns=frozenset(spec.get("person_nouns", [])))
        for v in spec.get("verbs", []):
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
                lex.multiword.add(key, _phrase_docs(nlp, n.lower()))
    for f in raw.get("frames", []):
        frame = Frame(kind=f["kind"], verbs=frozenset(v.lower() for v in f["verbs"]),
                      objects=frozenset(f.get("objects", [])),
                      subjects=frozenset(f.get("subjects", [])),
                      attributes=frozenset(f.get("attributes", [])),
                      prep_objects=frozenset(f.get("prep_objects", [])),
                      object_mods=frozenset(f.get("object_mods", [])))
        for v in frame.verbs:
            lex.frames[v].append(frame)
    lex.retype = list(raw.get("retype", []))
    lex.negation = frozenset(w.lower() for w in raw.get("negation_words", []))
    lex.purpose = frozenset(w.lower() for w in raw.get("purpose_markers", []))
    lex.object_control = frozenset(raw.get("object_control_verbs", []))
    lex.light_verbs = frozenset(raw.get("light_verbs", []))
    lex.report_verbs = frozenset(raw.get("report_verbs", []))
    lex.hedges = frozenset(raw.get("hedge_words", []))
    lex.leave_office = frozenset(raw.get("leave_office_words", []))
    lex.state_end = frozenset(raw.get("state_end_words", []))
    lex.perfect_aux = frozenset(raw.get("perfect_aux", []))
    lex.after_words = frozenset(raw.get("after_words", []))
    for phrase in raw.get("non_triggers", []):
        lex.multiword.add(f"NONE|{phrase}", _phrase_docs(nlp, phrase.lower()))
    return lex


def _phrase_docs(nlp, phrase: str) -> list[Doc]:
    """A multiword trigger in every inflection its words may take (singular and plural,
    masculine plural in -aux), as token sequences for a PhraseMatcher on lowercase text."""
    toks = nlp.make_doc(phrase)
    spaces = [bool(t.whitespace_) for t in toks]
    options = [_variants(t.text) if t.is_alpha and len(t.text) > 2 else [t.text] for t in toks]
    docs = []
    for combo in itertools.islice(itertools.product(*options), 200):
        docs.append(Doc(nlp.vocab, words=[w.lower() for w in combo], spaces=spaces))
    return docs


def _variants(word: str) -> list[str]:
    out = {word, word.lower(), word.capitalize()}
    if word.endswith("s"):
        out.add(word[:-1])
    else:
        out.update({word + "s", word + "x"})
    if word.endswith("al"):
        out.add(word[:-2] + "aux")
    return sorted(out)
