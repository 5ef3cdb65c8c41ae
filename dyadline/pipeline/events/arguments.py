"""Arguments: who acts and who is acted upon, for one trigger, from the dependency parse
(subject, object, oblique, passive agent, possessor, adjective), never from word order."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...kinds import get as get_kind
from ...records import ActorMention
from ..syntax import Syntax
from .lexicon import Lexicon
from .triggers import FACTIVE_KINDS, Trigger


@dataclass
class Arg:
    mention: ActorMention
    role: str                  # source | target | against
    group: int                 # coordination group: args of one group make separate events
    anchor: Token              # the token through which it was found
    direct: bool = True        # the actor heads the phrase (not found inside it)


class ArgumentFinder:
    """The participants of a trigger's event. Built once per language."""

    def __init__(self, lex: Lexicon, syn: Syntax, comitative: frozenset[str],
                 relative_pronouns: frozenset[str]) -> None:
        self.lex = lex
        self.syn = syn
        self.comitative = comitative
        self.relative_pronouns = relative_pronouns

    # -- finding the actors of a phrase ----------------------------------------------
    def mentions_at(self, tok: Token, by_tok: dict[int, list[ActorMention]],
                    depth: int = 3, barrier: frozenset[int] = frozenset(),
                    through_pps: bool = True) -> tuple[list[ActorMention], Token | None]:
        """Mentions naming the phrase headed by tok: the head itself, else the nearest in its
        subtree, not crossing coordination, clauses or another event's phrase. Modifiers of
        the head ("le président brésilien") come before its prepositional phrases ("à
        Lisbonne"), which are searched only when the head has no actor of its own."""
        if tok.i in by_tok:
            return by_tok[tok.i], tok
        for through_pp in (False, True) if through_pps else (False,):
            found, anchor = self._search(tok, by_tok, depth, barrier, through_pp)
            if found:
                return found, anchor
        return [], None

    def _search(self, tok: Token, by_tok, depth: int, barrier: frozenset[int], through_pp: bool):
        syn = self.syn
        frontier = [tok]
        if tok.pos_ == "PRON":  # "ce qui était alors l'Allemagne de l'Est"
            frontier += syn.children(tok, "relcl")
        for _ in range(depth):
            nxt = []
            found: list[ActorMention] = []
            anchor = None
            for t in frontier:
                for c in t.children:
                    if syn.has(c, "search_barrier") and not (t.pos_ == "PRON" and syn.has(c, "relcl")):
                        continue
                    if c.i in barrier:
                        continue   # actors inside another event's phrase are that event's
                    if not through_pp and (syn.has(c, "prep") or
                                           (not syn.has(c, "name_part") and syn.prep_of(c))):
                        continue
                    if c.i in by_tok:
                        found.extend(m for m in by_tok[c.i] if m not in found)
                        anchor = anchor or c
                        if syn.has(c, "nominal_modifier"):
                            # "Kenyan and Ugandan troops": coordinated modifiers
                            for cc in c.conjuncts:
                                found.extend(m for m in by_tok.get(cc.i, []) if m not in found)
                    nxt.append(c)
            if found:
                return found, anchor
            frontier = nxt
        return [], None

    def _resolve_rel(self, tok: Token) -> Token:
        """A relative pronoun subject stands for the noun its clause modifies."""
        if tok.pos_ == "PRON" and (tok.morph.get("PronType") == ["Rel"] or tok.lower_ in self.relative_pronouns):
            clause = tok.head
            if self.syn.has(clause, "relative_clause"):
                return clause.head
        return tok

    def _misattached_subject(self, verb: Token) -> Token | None:
        """'V1 O1 and S2, ..., V2 O2': parsers often attach S2 as a conjunct of O1 and leave
        V2 without a subject. An actor conjunct of the head verb's object standing before V2
        is V2's subject."""
        if not self.syn.has(verb, "conj"):
            return None
        for obj in self.syn.objects(verb.head):
            for c in obj.children:
                if self.syn.has(c, "conj") and c.i < verb.i and c.pos_ == "PROPN":
                    return c
        return None

    def subjects_of(self, verb: Token) -> tuple[list[Token], bool]:
        """The subjects of a verb, else of the verb it is coordinated with or the complement
        of (the object of an object-control verb: "asked X to come"), else the noun a
        relative or participial clause modifies; and whether they are passive."""
        syn = self.syn
        subs, passive = syn.subjects(verb)
        if subs and syn.has(verb, "conj") and verb.head.pos_ in ("PROPN", "NOUN") \
                and verb.head.i < min(s.i for s in subs):
            # "La Grèce et la Turquie ont massé": parsers make the verb a conjunct of the first
            # subject, which is a co-subject
            subs = [verb.head] + subs
        if not subs:
            stray = self._misattached_subject(verb)
            if stray is not None:
                return [stray], False
        cur = verb
        hops = 0
        while not subs and hops < 3:
            hops += 1
            head = cur.head
            if head.i == cur.i:
                break
            if syn.has(cur, "conj"):
                subs, passive = syn.subjects(head)
            elif syn.has(cur, "clausal_complement"):
                if head.lemma_.lower() in self.lex.object_control:
                    objs = syn.objects(head) + syn.children(head, "indirect_object")
                    objs += [n for p, n in syn.preps(head) if p in self.lex.recipient_preps]
                    subs, passive = objs, False
                else:
                    subs, passive = syn.subjects(head)
            elif syn.has(cur, "predicative"):
                subs, passive = syn.subjects(head)     # "X was unwilling [to negotiate]"
            elif syn.has(cur, "relative_clause"):
                # a past participle modifying a noun ("troops sent by X"): the noun undergoes it
                subs, passive = [head], syn.has(cur, "clausal_modifier") and _past_participle(cur)
            else:
                break
            cur = head
        return [self._resolve_rel(s) for s in subs], passive

    # -- the arguments of a trigger -------------------------------------------------------
    def find(self, trig: Trigger, by_tok, barrier: frozenset[int] = frozenset()) -> list[Arg]:
        syn = self.syn
        tok = trig.tok
        args: list[Arg] = []
        barrier = barrier - set(trig.toks)

        def add(toks: list[Token], role: str, group: int, through_pps: bool = True) -> None:
            for t in toks:
                ms, anchor = self.mentions_at(t, by_tok, barrier=barrier, through_pps=through_pps)
                for m in ms:
                    if m.via == "stance":
                        continue
                    if m.via == "pronoun" and role == "target" and anchor is not None and anchor != t:
                        continue   # "retirer leurs troupes": the possessor is the actor itself
                    direct = anchor == t or (anchor is not None and syn.has(anchor, "appos") and anchor.head == t)
                    args.append(Arg(m, role, group, anchor or t, direct=direct))

        if trig.via == "obligation":
            # the speaker demands, of the subject of the clause that says what it must do
            subs, _passive = self.subjects_of(tok)
            add(subs, "source", 1)
            clause_subs, passive = syn.subjects(trig.frame_tok)
            if not passive:
                add([q for s in clause_subs for q in syn.conjuncts(s)], "target", 2)
        elif trig.via in ("verb", "frame", "weak") or (trig.via == "adj" and tok.pos_ != "NOUN"):
            self._verb_args(trig, by_tok, args, add)
        else:
            self._nominal_args(trig, by_tok, args, add)
        return args

    def _verb_args(self, trig: Trigger, by_tok, args: list[Arg], add) -> None:
        syn, spec = self.syn, self.lex.kinds[trig.kind]
        tok = trig.tok
        verb = tok
        if trig.via == "adj" and syn.has(tok, "predicative") and tok.head.pos_ in ("VERB", "AUX"):
            verb = tok.head
        subs, passive = self.subjects_of(verb)
        if not subs:
            subs = self._bare_preverbal(verb, by_tok)
        frame_is_subject = trig.frame_tok is not None and trig.frame_tok in subs
        if trig.frame is not None and frame_is_subject:
            # "relations of X with Y improved": participants hang on the subject noun
            subs = [s for s in subs if s != trig.frame_tok]
            self._noun_args(trig.frame_tok, spec.noun_roles, by_tok, args, add)
        # a converse verb ("X hosted Y", "X a reçu Y"): its object acts, its subject undergoes
        converse = trig.via == "verb" and tok.lemma_.lower() in spec.converse
        subject_role = "target" if passive != converse else "source"
        add(subs, subject_role, 1)
        for sub in subs:  # "Norway, with Denmark and Iceland, joined": co-actors
            if sub.i in by_tok:
                for prep, n in syn.preps(sub):
                    if prep in self.comitative:
                        add([n], subject_role, 1)
        objs = syn.objects(verb) + syn.children(verb, "indirect_object")
        strays = set()
        for c in verb.children:
            if syn.has(c, "conj") and c.pos_ in ("VERB", "AUX"):
                stray = self._misattached_subject(c)
                if stray is not None:
                    strays.add(stray.i)
        objs = [o for o in objs if o.i not in strays]
        if not objs:
            # "armed and financed the Contras": coordinated verbs share an object told after both
            mates = [c for c in verb.children if syn.has(c, "conj") and c.pos_ == "VERB"]
            if syn.has(verb, "conj") and verb.head.pos_ == "VERB":
                mates.append(verb.head)
            objs = [o for m in mates for o in syn.objects(m) if o.i > verb.i and o.i > m.i]
        objs += [c for c in verb.children if syn.has(c, "conj") and c.pos_ in ("PROPN", "NOUN")
                 and c.i in by_tok]
        if trig.frame_tok is not None:
            objs = [o for o in objs if o != trig.frame_tok]
            if not frame_is_subject:
                roles = {**spec.noun_roles, **dict(trig.frame.object_roles)} if trig.frame else spec.noun_roles
                self._noun_args(trig.frame_tok, roles, by_tok, args, add, only_targets=True)
                if trig.frame_tok.i in by_tok:     # "adhered to the Baghdad Pact": the pact itself
                    add([trig.frame_tok], "target", 2)
        if trig.via != "weak":
            # the guest is the object itself ("a reçu le ministre indien"), not what it is
            # about ("a reçu des armes de la Russie")
            add(objs, "source" if converse else "target", 2, through_pps=not converse)
        # "armed the rebels and Angola against Zaire": the phrase hangs on an object
        for o in objs:
            for x in [o] + list(o.conjuncts):
                for prep, n in syn.preps(x):
                    if spec.roles.get(prep) == "against":
                        add([n], "against", 4)
        for prep, n in syn.preps(verb):
            role = spec.roles.get(prep)
            if prep in self.lex.agent_preps:
                role = ("target" if converse else "source") if passive else None
            elif converse and role == "source":
                role = None      # "received weapons from Russia": not who came
            if role and n != trig.frame_tok:
                add([n], role, 3 if role == "target" else 1)
        if not any(a.role == "target" for a in args):
            # "refused to recognise X's claims": the target is in the complement; "demanded that
            # Israel withdraw": for some kinds its subject
            about = get_kind(trig.kind).complement_target
            for x in verb.children:
                if syn.has(x, "clausal_complement"):
                    add(syn.objects(x), "target", 2)
                    if about:
                        subs, passive = syn.subjects(x)
                        if not passive:
                            add([q for s in subs for q in syn.conjuncts(s)], "target", 2)

    def _nominal_args(self, trig: Trigger, by_tok, args: list[Arg], add) -> None:
        syn, spec = self.syn, self.lex.kinds[trig.kind]
        tok = trig.tok
        self._noun_args(tok, spec.noun_roles, by_tok, args, add)
        # a predicate noun with a copula ("l'Autriche est en guerre avec la Serbie"): its subject
        add(syn.children(tok, "subject"), "source", 1)
        if syn.has(tok, "modifier") and tok.head.i in by_tok and tok.head.i > tok.i:
            add([tok.head], "source", 1)   # "Nasser's successor Anwar Sadat"
        gov = syn.governor_verb(tok)
        if gov is not None and self._light_use(tok, gov):
            subs, passive = self.subjects_of(gov)
            if not subs:
                subs = self._bare_preverbal(gov, by_tok)
            has_source = any(a.role == "source" and a.mention.via != "pronoun" for a in args)
            if subs and not has_source:
                args[:] = [a for a in args if not (a.role == "source" and a.mention.via == "pronoun")]
                add(subs, "target" if passive and trig.kind == "KILL" else "source", 1)
            # targets hang on the verb or on the noun between ("a joué un rôle de
            # médiation dans le conflit": 'dans le conflit' modifies 'rôle')
            holders, cur = [gov], tok.head
            while cur.i != gov.i and cur.head.i != cur.i:
                holders.append(cur)
                cur = cur.head
            for holder in holders:
                for prep, n in syn.preps(holder):
                    role = spec.noun_roles.get(prep)
                    if role == "target" and n.i != tok.i and not any(a.anchor == n for a in args):
                        add([n], role, 3)

    def _light_use(self, noun: Token, gov: Token) -> bool:
        """Whether a noun trigger takes its actor from the verb it depends on: it is that
        verb's object ("expressed concern") or a noun modifier of the object ("played a role of
        mediation"), or a direct argument of a light verb ("procédé à des essais")."""
        syn = self.syn
        if any(k in FACTIVE_KINDS for k in self.lex.verbs.get(gov.lemma_.lower(), ())):
            return False   # "condemned the attack": who condemns did not attack
        if gov.lemma_.lower() in self.lex.appraisal_verbs:
            return False   # "described the raid as": who judges it did not raid
        if noun.head.i == gov.i and gov.lemma_.lower() in self.lex.light_verbs:
            return True
        if syn.has(noun.head, "prep") and noun.head.head.i == gov.i \
                and gov.lemma_.lower() in self.lex.light_verbs:
            return True
        cur = noun
        while cur.head.i != cur.i and cur.head.i != gov.i:
            if not syn.has(cur, "nominal_chain"):
                return False
            cur = cur.head
            if any(k in FACTIVE_KINDS for k in self.lex.nouns.get(cur.lemma_.lower(), ())):
                return False   # "concern about the fighting": the fighting is not the concerned's
        return cur.head.i == gov.i and syn.has(cur, "object")

    def _bare_preverbal(self, verb: Token, by_tok) -> list[Token]:
        """When the parser finds no subject: an actor noun before the verb with no
        preposition of its own (parsers mislabel 'la Grèce - avec ... - a rejoint')."""
        syn = self.syn
        for c in verb.children:
            if c.i < verb.i and c.i in by_tok and c.pos_ in ("PROPN", "NOUN") \
                    and not any(syn.has(g, "marker") for g in c.children) \
                    and not syn.has(c, "prepositional") and syn.prep_of(c) is None:
                return syn.conjuncts(c)
        return []

    def _noun_args(self, noun: Token, roles: dict[str, str], by_tok, args: list[Arg], add,
                   only_targets: bool = False) -> None:
        syn = self.syn
        for kind, c in syn.modifiers(noun):
            role = roles.get(kind)
            if role and not (only_targets and role == "source"):
                add([c], role, 1 if role == "source" else 2)
        for prep, n in syn.preps(noun):
            role = roles.get(prep)
            if role and not (only_targets and role == "source"):
                add([n], role, 1 if role == "source" else 3)
                if role == "source":
                    # "la visite du président brésilien à Lisbonne": the destination is often
                    # attached to the visitor rather than to the visit
                    for p2, n2 in syn.preps(n):
                        if roles.get(p2) == "target" and p2 not in self.lex.genitive_preps:
                            add([n2], "target", 3)
        for c in noun.children:
            if not only_targets and syn.has(c, "clausal_modifier") and _past_participle(c):
                # "les attaques lancées par l'OTAN", "the efforts made by ASEAN": the agent of
                # a participle on the noun is the actor, its other phrases as the noun's own
                for prep, n in syn.preps(c):
                    role = "source" if prep in self.lex.agent_preps else roles.get(prep)
                    if role:
                        add([n], role, 1 if role == "source" else 3)
            if syn.has(c, "appos") and c.i in by_tok:
                add([c], "source", 1)
            elif syn.has(c, "noun_complement_head") and roles.get(c.lower_) == "target":
                # "inquiétude concernant les achats", "concern about X"
                add(syn.objects(c) + syn.children(c, "prep_noun"), "target", 3)


def _past_participle(tok: Token) -> bool:
    return tok.morph.get("VerbForm") == ["Part"] and "Past" in tok.morph.get("Tense")
