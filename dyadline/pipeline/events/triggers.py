"""Triggers: the words of a sentence that name an event of some kind (verbs, nouns, adjectives,
multiword expressions, verb + noun frames), from the language's lexicon, and the ones to skip
(the content of another event, an allegation, a purpose)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ...kinds import get as get_kind
from ..syntax import Syntax
from .lexicon import Frame, Lexicon


@dataclass
class Trigger:
    tok: Token                 # the head token
    kind: str
    via: str                   # verb | noun | adj | frame | weak
    toks: tuple[int, ...]      # all tokens of the trigger (multiword, frame object)
    frame: Frame | None = None
    frame_tok: Token | None = None   # the object/subject noun of a frame


# kinds whose object is something that has not happened (a demand, offer, threat, invitation,
# refusal): an event named inside it is its content, not an event
IRREALIS_KINDS = frozenset({"REQUEST", "OFFER", "THREATEN", "INVITE", "REJECT"})
IRREALIS_DEPTH = 4          # how far up the parse an event noun looks for such a trigger
# kinds that presuppose the act they are about ("condemned the attack"): their object is an event
FACTIVE_KINDS = frozenset({"ACCUSE", "OPPOSE", "PROTEST"})


class TriggerFinder:
    """The triggers of a sentence. Built once per language."""

    def __init__(self, lex: Lexicon, syn: Syntax) -> None:
        self.lex = lex
        self.syn = syn

    def find(self, sent: Span, multiword: list | None = None) -> list[Trigger]:
        lex = self.lex
        out: list[Trigger] = []
        consumed: set[int] = set()
        for tok in sent:
            lemma = self._frame_lemma(tok)
            if lemma is not None:
                for fr in lex.frames[lemma]:
                    hit = self._frame_match(tok, fr)
                    if hit is not None:
                        out.append(Trigger(tok, fr.kind, "frame", (tok.i, hit.i), fr, hit))
                        consumed.update((tok.i, hit.i))
                        break
        doc = sent.doc
        if multiword is None:       # the matcher gives the document's token offsets
            multiword = list(lex.multiword(doc[sent.start:sent.end]))
        for key_id, s, e in multiword:
            span = doc[s:e]
            if any(i in consumed for i in range(s, e)):
                continue
            kind = doc.vocab.strings[key_id].split("|")[0]
            if kind != "NONE":
                out.append(Trigger(span.root, kind, "noun", tuple(range(s, e))))
            consumed.update(range(s, e))
        for tok in sent:
            if tok.i in consumed:
                continue
            lemma = tok.lemma_.lower()
            verb = self._verb_lemma(tok)
            if verb is not None:
                lemma = verb
                for kind in lex.verbs.get(lemma, ()):
                    out.append(Trigger(tok, kind, "verb", (tok.i,)))
                for particles, kind in lex.phrasal.get(lemma, ()):
                    hit = self._particles(tok, particles)
                    if hit:
                        out.append(Trigger(tok, kind, "verb", (tok.i,) + hit))
                for kind in lex.weak_verbs.get(lemma, ()):
                    out.append(Trigger(tok, kind, "weak", (tok.i,)))
                if lemma in lex.reflexive:
                    refl = self._reflexive(tok)
                    if refl is not None:
                        out.extend(Trigger(tok, kind, "verb", (tok.i, refl.i)) for kind in lex.reflexive[lemma])
            elif tok.pos_ in ("NOUN", "PROPN"):
                for kind in lex.nouns.get(lemma, ()) or lex.nouns.get(tok.lower_, ()):
                    out.append(Trigger(tok, kind, "noun", (tok.i,)))
            elif tok.pos_ == "ADJ":
                for kind in lex.adjectives.get(lemma, ()):
                    out.append(Trigger(tok, kind, "adj", (tok.i,)))
        out += self._obligations(sent, {t.tok.i for t in out})
        out += self._joint(sent, {i for t in out for i in t.toks})
        return self.govern(out)

    def _joint(self, sent: Span, taken: set[int]) -> list[Trigger]:
        """'The joint development of Concorde', 'jointly built', 'construit en commun': the
        word a marker of acting together qualifies, when it names no other event, is a
        cooperation (COOPERATE) between those who do it."""
        out = []
        for tok in sent:
            if tok.lemma_.lower() not in self.lex.joint_markers and tok.lower_ not in self.lex.joint_markers:
                continue
            head = tok.head
            if head.i == tok.i or head.i in taken or head.pos_ not in ("NOUN", "VERB", "PROPN"):
                continue
            via = "verb" if head.pos_ == "VERB" else "noun"
            out.append(Trigger(head, "COOPERATE", via, (head.i, tok.i)))
            taken.add(head.i)
        return out

    def _obligations(self, sent: Span, taken: set[int]) -> list[Trigger]:
        """'Seoul said Pyongyang must take responsibility', 'a déclaré que l'OTAN doit
        assumer': a report verb whose clause puts an obligation on its subject is a demand
        (REQUEST) of the speaker to it."""
        lex, syn = self.lex, self.syn
        if not lex.obligation_modals:
            return []
        out = []
        for tok in sent:
            if tok.i in taken or tok.lemma_.lower() not in lex.report_verbs:
                continue
            for x in tok.children:
                if not syn.has(x, "clausal_complement"):
                    continue
                if x.lemma_.lower() in lex.obligation_modals or any(
                        a.lemma_.lower() in lex.obligation_modals for a in syn.children(x, "auxiliaries")):
                    out.append(Trigger(tok, "REQUEST", "obligation", (tok.i,), frame_tok=x))
                    break
        return out

    def _frame_lemma(self, tok: Token) -> str | None:
        """The frame verb a verb is: its lemma, else its form with the ending replaced
        ("se réserve", which the parser lemmatizes as the noun "réserve": réserver)."""
        lemma = tok.lemma_.lower()
        if lemma in self.lex.frames and tok.pos_ in ("VERB", "ADJ", "AUX"):
            return lemma
        if tok.pos_ != "VERB" and not self._verb_in_place(tok):
            return None
        return self._guess(tok.lower_, self.lex.frames.__contains__)

    def _known_verb(self, word: str) -> bool:
        lex = self.lex
        return word in lex.verbs or word in lex.phrasal or word in lex.weak_verbs or word in lex.reflexive

    def _reflexive(self, verb: Token) -> Token | None:
        """The reflexive pronoun of a verb ("se heurtèrent", "s'affrontent"), or None."""
        for c in verb.children:
            if c.i < verb.i and (c.morph.get("Reflex") == ["Yes"]
                                 or c.lower_.rstrip("'’") in self.lex.reflexive_markers):
                return c
        return None

    def _verb_lemma(self, tok: Token) -> str | None:
        """The lexicon verb a token is, or None when it is no verb: the parser's lemma, else
        (a lemma the lexicon lacks, a verb tagged as an auxiliary, a noun after an auxiliary,
        an adjective in a verb's place) the form with its ending replaced by the language's
        ``lemma_fallback`` ("expédièrent": expédier)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            return lemma if self._known_verb(lemma) else (self._guess(tok.lower_) or lemma)
        if tok.pos_ == "AUX":
            return lemma if self._known_verb(lemma) else self._guess(tok.lower_)
        if tok.pos_ in ("NOUN", "ADJ") and self.lex.verb_endings:
            doc = tok.doc
            after_aux = (tok.i > 0 and doc[tok.i - 1].pos_ == "AUX") or \
                any(self.syn.has(c, "auxiliaries") for c in tok.children)
            after_det = tok.i > 0 and doc[tok.i - 1].pos_ == "DET"
            if after_aux or (tok.pos_ == "ADJ" and not after_det):
                return self._guess(tok.lower_)
        if tok.pos_ in ("ADV", "PROPN") and tok.text[:1].islower() and self.lex.verb_endings:
            return self._guess(tok.lower_)     # "l'aviation bombarda": a past the parser mistook
        if self._verb_in_place(tok):
            return self._guess(tok.lower_)     # "la France coopéra avec Israël", tagged a noun
        return None

    def _verb_in_place(self, tok: Token) -> bool:
        """A lowercase word the parser did not take for a verb but that has a subject and no
        article of its own ("la France coopéra", "les relations se dégelèrent"), in a language
        with ``lemma_fallback`` endings."""
        syn = self.syn
        return bool(self.lex.verb_endings) and tok.pos_ in ("NOUN", "ADJ", "ADV") and tok.text[:1].islower() \
            and any(syn.has(c, "subject") for c in tok.children) \
            and not any(syn.has(c, "determiner") for c in tok.children)

    def _guess(self, form: str, known=None) -> str | None:
        """The form with its ending replaced by the language's ``lemma_fallback`` that
        ``known`` accepts (default: a lexicon verb)."""
        known = known or self._known_verb
        for ending, repl in self.lex.verb_endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                cand = form[:-len(ending)] + repl
                if known(cand):
                    return cand
        return None

    def govern(self, triggers: list[Trigger]) -> list[Trigger]:
        """The kind an infinitive complement takes from the word it completes (the language's
        ``complement_governors``): a transparent governor ("tried to", "agreed to") leaves
        the complement's kind and names no event of its own; wanting or being ready to act
        is an intent (OFFER for a cooperative act, THREATEN for a hostile one); being
        unwilling to is a REJECT. A governor that is a trigger of its own kind (offer,
        threaten, refuse) keeps it, and its complement is its content (:meth:`skip`)."""
        lex, syn = self.lex, self.syn
        at = {t.tok.i for t in triggers}
        dropped: set[int] = set()
        out: list[Trigger] = []
        for t in triggers:
            if t.via not in ("verb", "frame", "weak") or not syn.has(t.tok, "clausal_complement"):
                out.append(t)
                continue
            gov = t.tok.head
            lemma = gov.lemma_.lower()
            if lemma in lex.transparent:
                dropped.add(gov.i)
            elif gov.i not in at and lemma in lex.volition:
                quad = get_kind(t.kind).quad_class
                if quad:
                    t = replace(t, kind="OFFER" if quad <= 2 else "THREATEN")
            elif gov.i not in at and lemma in lex.refusal:
                t = replace(t, kind="REJECT")
            out.append(t)
        return [t for t in out if t.tok.i not in dropped]

    @staticmethod
    def _particles(verb: Token, particles: tuple[str, ...]) -> tuple[int, ...]:
        """The tokens of a phrasal verb's particles among the verb's children ("called on")."""
        found = []
        for word in particles:
            hit = next((c for c in verb.children if c.lower_ == word and c.i > verb.i and c.i not in found), None)
            if hit is None:
                return ()
            found.append(hit.i)
        return tuple(found)

    def _names(self, noun: Token) -> set[str]:
        """The noun's lemma and its form, alone and with each of its modifiers ("diplomatic
        relation"): what a frame's object list is compared with."""
        base = {noun.lemma_.lower(), noun.lower_}
        out = set(base)
        for c in noun.children:
            if c.i < noun.i and self.syn.has(c, "modifier"):
                out |= {f"{c.lemma_.lower()} {b}" for b in base} | {f"{c.lower_} {b}" for b in base}
            elif c.i > noun.i and self.syn.has(c, "modifier"):
                out |= {f"{b} {c.lemma_.lower()}" for b in base} | {f"{b} {c.lower_}" for b in base}
        return out

    def _frame_match(self, verb: Token, fr: Frame) -> Token | None:
        syn = self.syn
        if fr.objects:
            # "became a member": a predicative noun is the frame's object too
            preds = [c for c in syn.children(verb, "predicative") if c.pos_ in ("NOUN", "PROPN")]
            # "the embassy was reopened": a passive subject is the object
            subs, passive = syn.subjects(verb)
            for o in syn.objects(verb) + syn.children(verb, "oblique") + preds + (subs if passive else []):
                cands = [o] + syn.children(o, "object_extension")
                for c in cands:
                    if self._names(c) & fr.objects:
                        if fr.object_mods and not self._has_mod(o, fr.object_mods):
                            continue
                        return c
                    for g in c.children:
                        if syn.has(g, "prep_noun") and g.lemma_.lower() in fr.objects:
                            if fr.object_mods and not self._has_mod(o, fr.object_mods):
                                continue
                            return g
        if fr.prep_objects:
            for _prep, n in syn.preps(verb):
                if self._names(n) & fr.prep_objects or self._of_names(n) & fr.prep_objects:
                    return n
        if fr.subjects:
            subs, _ = syn.subjects(verb)
            for s in (c for sub in subs for c in syn.conjuncts(sub)):
                if self._names(s) & fr.subjects:     # "Kitchener et son armée entrent"
                    return s
        if fr.attributes:
            for c in self._attributes(verb):
                if self._names(c) & fr.attributes or self._of_names(c) & fr.attributes:
                    return c
        return None

    def _attributes(self, verb: Token) -> list[Token]:
        """What a verb says its object is: an adjective on the verb, a predicative noun or
        adjective ("called the act a provocation", "found it unacceptable"), or one written
        after the object noun ("a qualifié l'opération d'inacceptable", "juge cette attaque
        inacceptable", where the parse hangs it on the object)."""
        syn = self.syn
        out = [c for c in verb.children if c.pos_ == "ADJ" or (
            c.pos_ == "NOUN" and (syn.has(c, "attribute") or syn.has(c, "predicative")))]
        nouns = [c for c in syn.children(verb, "predicative") if c.pos_ == "NOUN"]
        for o in syn.objects(verb) + nouns:
            out += [g for g in o.children if g.i > o.i and g.pos_ in ("ADJ", "NOUN")
                    and (syn.has(g, "modifier") or syn.has(g, "object_extension"))]
        return out

    def _of_names(self, noun: Token) -> set[str]:
        """The noun with each prepositional complement ("act of war", "acte de guerre")."""
        out = set()
        for prep, n in self.syn.preps(noun):
            out.add(f"{noun.lemma_.lower()} {prep} {n.lemma_.lower()}")
        return out

    def classifies(self, tok: Token) -> bool:
        """Whether an event noun only says what kind another noun is ("war costs", "the war
        zone", "navires de guerre", "crimes de guerre": no article of its own), unless that
        noun carries the event (``container_nouns``: "aid package", "coup attempt")."""
        syn = self.syn
        head = tok.head
        return syn.has(tok, "classifier") and head.pos_ == "NOUN" and head.i != tok.i \
            and not syn.children(tok, "determiner") \
            and head.lemma_.lower() not in self.lex.container_nouns \
            and all(syn.has(c, "case") and c.lower_ in self.lex.bare_case_words for c in tok.children)

    @staticmethod
    def _has_mod(noun: Token, mods: frozenset[str]) -> bool:
        toks = [noun] + list(noun.children) + [g for c in noun.children for g in c.children]
        return any(t.lemma_.lower() in mods or t.lower_ in mods for t in toks)

    def skip(self, trig: Trigger, trig_toks: set[int], irrealis: frozenset[int] = frozenset(),
             factive: frozenset[int] = frozenset()) -> bool:
        """Whether a trigger names no event of its own: the object of another trigger (its
        content), inside what a demand, offer, threat, invitation or refusal is about
        (``irrealis``: those triggers' heads; "called for an end to the fighting"), inside an
        allegation, or a purpose ("in order to", "pour discuter")."""
        tok = trig.tok
        lex, syn = self.lex, self.syn
        if trig.via == "noun" and irrealis:
            cur = tok
            for _ in range(IRREALIS_DEPTH):
                if cur.head.i == cur.i or syn.has(cur, "subject") or syn.has(cur, "passive_subject") \
                        or cur.lemma_.lower() in lex.after_words:
                    break     # "after the withdrawal, X offered ...": a time, not the offer's content
                cur = cur.head
                if cur.i in irrealis:
                    return True
        # a noun trigger that is the object of a verb trigger is that event's content
        first = tok
        while syn.has(first, "conj") and first.head.i != first.i:
            first = first.head
        # (unless that verb condemns or deplores it: "condemned the attack" tells an attack)
        if trig.via == "noun" and syn.has(first, "object") and first.head.i in trig_toks \
                and first.head.i not in factive:
            return True
        # allegations are not events
        cur = tok
        for _ in range(4):
            if cur.lemma_.lower() in lex.hedges or cur.lower_ in lex.hedges or any(
                    c.lemma_.lower() in lex.hedges and syn.has(c, "adverbial_modifier") for c in cur.children):
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
        if trig.via == "noun" and len(trig.toks) == 1 and self.classifies(tok):
            return True
        # "called the act a provocation": a weak verb naming what its object is asks nothing
        if trig.via == "weak" and any(c.pos_ in ("NOUN", "ADJ") and syn.has(c, "attribute") for c in tok.children):
            return True
        # "the signing of the treaty": the noun after the content preposition is the content
        if trig.via == "noun" and syn.has(tok, "prep_noun") and tok.head.head.i in trig_toks \
                and tok.head.lower_ in lex.content_preps:
            return True
        # purpose clauses: "pour discuter", "in order to"
        if trig.via in ("verb", "frame", "weak"):
            for c in tok.children:
                if syn.has(c, "marker") and c.lower_ in lex.purpose:
                    return True
            if syn.has(tok, "adverbial_clause") \
                    and any(c.lower_ in lex.infinitive_particles and syn.has(c, "auxiliary") for c in tok.children) \
                    and any(c.lower_ in lex.purpose_nouns for c in tok.subtree):
                return True
            # the content of an invitation, offer, threat or demand did not happen ("asked X
            # to withdraw"); after another verb that controls its object it may have ("forced
            # X to withdraw")
            if tok.pos_ == "VERB" and syn.has(tok, "noun_complement_head") and tok.head.i in irrealis:
                return True     # "reserves the right to respond", "the threat to invade"
            if syn.has(tok, "clausal_complement") and tok.head.i in trig_toks \
                    and (tok.head.lemma_.lower() not in lex.object_control or tok.head.i in irrealis):
                return True
            # "a déclaré que l'OTAN doit assumer": what an obligation demands did not happen
            if syn.has(tok, "clausal_complement") and tok.head.lemma_.lower() in lex.obligation_modals \
                    and tok.head.head.i in irrealis:
                return True
        return False
