"""From a trigger and its participants to :class:`Event` records: splitting by actor pair,
dating from the clause, evidence span, negation, retyping and the kind's constraints."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ...kb import KnowledgeBase
from ...kinds import get as get_kind
from ...records import ActorMention, Document, Event, TimeMention
from ...timex.values import first_year
from ..syntax import Syntax
from .arguments import Arg
from .lexicon import Lexicon
from .triggers import Trigger

MAX_EVIDENCE = 400


class SentenceTriggers(list):
    """The triggers of one sentence, with what every trigger's event building reads computed
    once (the heads, the sentence's time expressions, each trigger's clause), so that a
    sentence with many triggers costs linear, not quadratic, time."""

    def __init__(self, triggers, sent: Span, times: list[TimeMention]) -> None:
        super().__init__(triggers)
        self.heads = frozenset(t.tok.i for t in triggers)
        self.sent_times = [t for t in times if sent.start <= t.tok_start < sent.end]
        self.clauses: dict[int, frozenset[int]] = {}


def _times_in(times: list[TimeMention], toks: set[int]) -> list[TimeMention]:
    return [t for t in times if any(i in toks for i in range(t.tok_start, t.tok_end))]


class EventBuilder:
    """Builds the events of a trigger from its arguments. Built once per language."""

    def __init__(self, lex: Lexicon, syn: Syntax, kb: KnowledgeBase) -> None:
        self.lex = lex
        self.syn = syn
        self.kb = kb

    def codes(self, args: list[Arg], year: int | None) -> list[str]:
        out: list[str] = []
        for a in args:
            code = pick_code(self.kb, a.mention, year)
            if code is not None and code not in out:
                out.append(code)
        return out

    def names(self, codes: list[str]) -> str:
        return " and ".join(self.kb.name(c) for c in codes)

    def clause_tokens(self, trig: Trigger, triggers: list[Trigger]) -> frozenset[int]:
        """The trigger's own clause: its subtree without embedded clauses and other events."""
        cache = getattr(triggers, "clauses", None)
        if cache is not None and trig.tok.i in cache:
            return cache[trig.tok.i]
        other_heads = getattr(triggers, "heads", None) or {t.tok.i for t in triggers if t.tok.i != trig.tok.i}
        syn = self.syn
        out: set[int] = set()
        todo = [trig.tok]
        while todo:
            t = todo.pop()
            out.add(t.i)
            for c in t.children:
                if syn.has(c, "clause_boundary"):
                    continue
                if syn.has(c, "conj") and c.pos_ in ("VERB", "AUX"):
                    continue
                if c.i in other_heads and (c.pos_ == "VERB" or syn.has(c, "conj")):
                    continue   # another event's clause, or an event coordinated with this one
                todo.append(c)
        out = frozenset(out)
        if cache is not None:
            cache[trig.tok.i] = out
        return out

    def negated(self, trig: Trigger) -> bool:
        toks = [trig.tok]
        if trig.via in ("noun", "adj"):
            gov = self.syn.governor_verb(trig.tok)
            if gov is not None:
                toks.append(gov)
        elif trig.tok.head.pos_ in ("VERB", "AUX") and self.syn.has(trig.tok, "complement"):
            toks.append(trig.tok.head)
        for t in toks:
            for c in t.children:
                if self.syn.has(c, "negation") or (c.lower_ in self.lex.negation and self.syn.has(c, "negator_slot")):
                    return True
        return False

    def refusal(self, trig: Trigger) -> bool:
        """Whether a negated act is told as a will not to act: with a verb or auxiliary of
        the language's ``refusal_words``, or in the future or the conditional."""
        verb = trig.tok if trig.via not in ("noun", "adj") else self.syn.governor_verb(trig.tok)
        if verb is None:
            return False
        words = self.lex.refusal_words
        around = [verb] + list(self.syn.children(verb, "auxiliaries"))
        if self.syn.has(verb, "complement") and verb.head.pos_ in ("VERB", "AUX"):
            around.append(verb.head)
        return any(t.lemma_.lower() in words or t.lower_ in words
                   or "Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood") for t in around)

    def retype(self, kind: str, trig: Trigger, targets: list[Arg]) -> str | None:
        for rule in self.lex.retype:
            if rule["kind"] != kind:
                continue
            if "target_types" in rule:
                if targets and all(a.mention.type in rule["target_types"] for a in targets):
                    return rule["to"]
            elif "target_roles" in rule:
                if targets and all(a.mention.code.partition("-")[2] in rule["target_roles"] for a in targets):
                    return rule["to"]
            elif "prep_objects" in rule:
                if any(n.lemma_.lower() in rule["prep_objects"] for _p, n in self.syn.preps(trig.tok)):
                    return rule["to"]
        return kind

    def build(self, document: Document, doc: Doc, sent: Span, si: int, trig: Trigger,
              triggers: list[Trigger], args: list[Arg],
              times: list[TimeMention]) -> list[tuple[Event, list[Arg], list[Arg]]]:
        """Events of one trigger, each with the arguments it was built from."""
        kind = trig.kind
        sources = _unique([a for a in args if a.role == "source"], by_person=True)
        targets = _unique([a for a in args if a.role == "target"])
        against = _unique([a for a in args if a.role == "against"])
        # a pronoun that resolves to the target is not the source ("his stay in Egypt")
        t_codes0 = {a.mention.code for a in targets}
        sources = [a for a in sources if not (a.mention.via == "pronoun" and a.mention.code in t_codes0)]
        kind = self.retype(kind, trig, targets)
        if kind is None:
            return []
        spec = self.lex.kinds[kind]
        K = get_kind(kind)
        if trig.tok.lemma_.lower() in spec.person_nouns and not any(
                a.mention.type == "person" for a in sources + targets):
            return []   # "the death of 300 soldiers" is not a change of leader
        if spec.target_types and trig.via != "frame":
            # (a frame names the alliance itself: "made an alliance with Italy" has the ally)
            targets = [a for a in targets if a.mention.type in spec.target_types]
            if not targets:
                return []
        if spec.state_args:
            sources = [a for a in sources if a.mention.type == "state"]
            targets = [a for a in targets if a.mention.type == "state"]
        if trig.via == "verb" and trig.tok.lemma_.lower() in spec.converse and not (sources and targets):
            return []   # "Turkey received": who came is not said
        if trig.tok.lemma_.lower() in spec.direct_only and not any(
                a.direct and a.mention.via != "capital" for a in sources + targets):
            return []   # "the establishment of the American Legation": not the state's founding
        if not sources and not targets:
            # "the Crimean War ended in 1856": the parties of a named event (knowledge base)
            named = self.named_participants(trig, triggers, times, sent)
            if len(named) >= 2:
                sources, targets = named[:1], named[1:]
        if kind == "LEADER_CHANGE" and sources + targets and all(
                a.mention.type == "state" and a.direct for a in sources + targets):
            kind, spec, K = "STATE_CHANGE", self.lex.kinds["STATE_CHANGE"], get_kind("STATE_CHANGE")

        # dates: the clause's own, else the sentence's nearest, else the narrative's
        clause = self.clause_tokens(trig, triggers)
        sent_times = getattr(triggers, "sent_times", None)
        if sent_times is None:
            sent_times = [t for t in times if sent.start <= t.tok_start < sent.end]
        own = sorted(_times_in(sent_times, clause), key=lambda t: t.tok_start)
        date_source = "clause"
        if not own and self.syn.has(trig.tok, "conj") and trig.tok.head.pos_ in ("VERB", "AUX"):
            # "was dissolved [in 1991] and succeeded by": coordinated verbs share the date
            head = Trigger(trig.tok.head, trig.kind, "verb", (trig.tok.head.i,))
            shared = _times_in(sent_times, self.clause_tokens(head, triggers) - clause)
            own = sorted(shared, key=lambda t: abs(t.tok_start - trig.tok.i))[:1]
        if not own:
            # a date of the sentence that no other event's clause claims
            claimed = set()
            for other in triggers:
                if other.tok.i != trig.tok.i and other.tok.pos_ == "VERB":
                    region = self.clause_tokens(other, triggers)
                    if trig.tok.i not in region:   # an event inside another's clause shares its date
                        claimed |= region
            # (a named event's own dates date only what names it: "the first clash since the
            # Korean War" is not dated 1950-1953)
            free = [t for t in sent_times if not any(i in claimed for i in range(t.tok_start, t.tok_end))
                    and not t.rule.startswith("named:")]
            if free:
                nearest = min(free, key=lambda t: abs(t.tok_start - trig.tok.i))
                own = self.listed_with(doc, nearest, free)
                date_source = "sentence"
            else:
                date_source = None

        # a date the text writes beats the date of a named event ("l'invasion du Koweït en 1990":
        # 1990, at the text's precision; the knowledge base's dates only when the text has none)
        own = [t for t in own if not t.rule.startswith("named:")] or own
        negated = self.negated(trig)
        if negated and K.quad_class in (1, 2) and self.refusal(trig):
            # "Israel will not negotiate", "ne voulait plus négocier": a refusal
            kind, spec, K, negated = "REJECT", self.lex.kinds["REJECT"], get_kind("REJECT"), False
        # who with whom: coordinated sources make separate events (directed kinds); coordinated
        # targets too, each taking the date written after it when there are several
        plans: list[tuple[list[Arg], list[Arg], TimeMention | None]] = []
        default_time = own[0] if own else None
        if not K.directed or spec.domestic:
            src = sources or targets[:1]
            tgt = [a for a in targets if a.mention.code not in {s.mention.code for s in src}]
            if not tgt and len(src) > 1 and not spec.domestic:
                src, tgt = src[:1], src[1:]
            if spec.domestic:
                tgt = []
            if len(own) > 1 and not spec.domestic and (
                    date_source == "sentence" or (date_source == "clause" and self.coordinated(doc, own))):
                plans.extend((src, tgt, t) for t in own)
            else:
                plans.append((src, tgt, default_time))
        else:
            groups = [[s] for s in sources] or [[]]
            direct = [a for a in targets if a.direct]
            merged = [a for a in targets if not a.direct]
            listed = len(own) > 1 and len(targets) <= 1 and (
                date_source == "sentence" or (date_source == "clause" and self.coordinated(doc, own)))
            if listed:
                # "nuclear tests in 2006, 2009 and 2013": one event per date of the list
                for g in groups:
                    plans.extend((g, targets, t) for t in own)
            elif spec.multi_target or len(targets) <= 1 or not direct:
                for g in groups:
                    plans.append((g, targets, default_time))
            elif merged:
                for g in groups:
                    for a in direct:
                        plans.append((g, [a], default_time))
                    plans.append((g, merged, default_time))
            else:
                per_target = _dates_by_target(targets, own) if date_source == "clause" and len(own) > 1 else {}
                for g in groups:
                    for a in targets:
                        plans.append((g, [a], per_target.get(id(a), default_time)))

        if K.complement_target and K.directed:
            # "Le Conseil demande un arrêt ...; le retrait de l'APLS; la fin des bombardements
            # par les Forces armées soudanaises": each demand of the list has its own target
            for item in self.list_items(sent, trig):
                found = [m for m in document.mentions if item[0] <= m.tok_start and m.tok_end <= item[1]
                         and m.type in ("state", "group", "org")]
                for m in _unique([Arg(m, "target", 9, trig.tok, direct=False) for m in found]):
                    for g in ([[s] for s in sources] or [[]]):
                        plans.append((g, [m], default_time))

        out = []
        for src, tgt, tm in plans:
            year = first_year(tm.edtf) if tm else None
            s_codes = self.codes(src, year)
            t_codes = [c for c in self.codes(tgt, year) if c not in s_codes]
            toks = set(trig.toks)
            for a in src + tgt:
                toks.update(range(a.mention.tok_start, a.mention.tok_end))
            if tm is not None and date_source in ("clause", "sentence"):
                toks.update(range(tm.tok_start, tm.tok_end))
            start, end = _span(doc, sent, toks)
            conf = 0.85 - (0.1 if trig.via == "noun" else 0) \
                - (0.1 if K.directed and not t_codes and not spec.domestic else 0)
            label = K.label.format(source=self.names(s_codes), target=self.names(t_codes) or "—")
            out.append((Event(
                doc=document.id, lang=document.lang, evidence=document.text[start:end],
                span=(start, end), kind=kind, plover=K.plover, cameo=K.cameo,
                quad_class=K.quad_class, goldstein=K.goldstein, source=s_codes, target=t_codes,
                source_text=[a.mention.text for a in src], target_text=[a.mention.text for a in tgt],
                date=tm.edtf if tm else None, date_text=tm.text if tm and date_source != "narrative" else None,
                negated=negated, confidence=round(max(conf, 0.3), 2), label=label,
                trigger=" ".join(doc[i].text for i in sorted(trig.toks)), date_source=date_source if tm else None,
                sentence=si, against=[c for c in self.codes(against, year) if c not in s_codes + t_codes],
            mode=self.mode(spec, trig)), src, tgt))
        return out

    def named_participants(self, trig: Trigger, triggers, times: list[TimeMention], sent: Span) -> list[Arg]:
        """The parties of the named event (war, treaty, crisis of the knowledge base) that the
        trigger names or that is its subject or object ("the Treaty of Versailles was
        signed"), as arguments; [] when there is none."""
        sent_times = getattr(triggers, "sent_times", None)
        if sent_times is None:
            sent_times = [t for t in times if sent.start <= t.tok_start < sent.end]
        toks = set(trig.toks)
        for role in ("subject", "passive_subject", "object"):
            for c in self.syn.children(trig.tok, role):
                toks.update(range(c.left_edge.i, c.right_edge.i + 1))
        for t in sent_times:
            if not t.rule.startswith("named:") or not toks & set(range(t.tok_start, t.tok_end)):
                continue
            event = self.kb.named_event(t.rule[len("named:"):])
            if event is None:
                continue
            out = []
            for code in event.get("participants") or ():
                m = ActorMention(start=t.start, end=t.end, text=t.text, code=code, type="state",
                                 via="named_event", tok_start=t.tok_start, tok_end=t.tok_end)
                out.append(Arg(m, "source", 1, trig.tok, direct=False))
            return out
        return []

    @staticmethod
    def mode(spec, trig: Trigger) -> str | None:
        """The PLOVER mode the trigger's words determine ("telephoned": phone; "air strike":
        aerial), from the kind's ``modes`` in events.json; None when they do not."""
        if trig.frame is not None and trig.frame.mode:
            return trig.frame.mode
        if not spec.modes:
            return None
        toks = [trig.tok.doc[i] for i in trig.toks] + list(trig.tok.children)
        if trig.frame_tok is not None:
            toks.append(trig.frame_tok)
        words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
        phrase = " ".join(t.lemma_.lower() for t in sorted(toks, key=lambda t: t.i))
        for mode, cues in spec.modes:
            if words & cues or any(" " in c and c in phrase for c in cues):
                return mode
        return None

    def list_items(self, sent: Span, trig: Trigger) -> list[tuple[int, int]]:
        """The items of a list a trigger governs, written after it and separated by the
        language's ``item_separators`` (";"): (first token, end token) of each; [] when the
        sentence after the trigger holds no such list (fewer than two items)."""
        seps = [t.i for t in sent if t.i > trig.tok.i and t.text in self.lex.item_separators]
        if not seps:
            return []
        # the list ends with the quotation that holds it ("... dans l'autre pays », souligne")
        end = next((t.i for t in sent if t.i > seps[-1] and t.text in self.lex.list_ends), sent.end)
        bounds = [trig.tok.i + 1] + [i + 1 for i in seps] + [end]
        items = [(a, b) for a, b in zip(bounds, bounds[1:]) if b - a > 1]
        if len(items) < 2 or any(self._clause(sent.doc[a:b]) for a, b in items):
            return []   # clauses joined by ";" ("demanding Luxembourg; he embarked upon it")
        return items

    def _clause(self, span: Span) -> bool:
        """Whether a list item is a clause of its own: a verb with a subject that is not a
        relative clause or a complement inside a noun phrase ("que chaque partie fournit")."""
        syn = self.syn
        return any(t.pos_ in ("VERB", "AUX") and syn.children(t, "subject")
                   and not (syn.has(t, "relcl") or syn.has(t, "noun_complement_head")
                            or syn.has(t, "relative_clause")) for t in span)

    def listed_with(self, doc: Doc, first: TimeMention, times: list[TimeMention]) -> list[TimeMention]:
        """The date and the dates written as a list with it ("in 2006, 2009 and 2013"),
        in the text's order; only the date itself when it is in no list."""
        group = [first]
        changed = True
        while changed:
            changed = False
            for t in times:
                if t not in group and any(self.coordinated(doc, [t, g]) for g in group):
                    group.append(t)
                    changed = True
        if len({t.edtf for t in group}) < 2:
            return [first]
        return sorted(group, key=lambda t: t.tok_start)

    def _listed(self, tok) -> bool:
        return self.syn.has(tok, "conj") or (self.syn.has(tok, "appos") and tok.like_num)

    def coordinated(self, doc: Doc, times: list[TimeMention]) -> bool:
        """Several dates in one clause written as a list ('en 1947 mais aussi en 1965'): their
        words are joined by a coordination."""
        if len({t.edtf for t in times}) < 2 or any(t.relative for t in times):
            return False
        if any("/" in (t.edtf or "") for t in times):
            return False        # "in late 1949 and early 1950": one period, not a list
        toks = [set(range(t.tok_start, t.tok_end)) for t in times]
        for i, a in enumerate(toks):
            for b in toks[i + 1:]:
                if any(self._listed(doc[j]) and doc[j].head.i in a for j in b) or \
                        any(self._listed(doc[j]) and doc[j].head.i in b for j in a):
                    return True
        return False


def _unique(args: list[Arg], by_person: bool = False) -> list[Arg]:
    seen, out = set(), []
    for a in args:
        key = (a.mention.start, a.mention.code)
        if key not in seen:
            seen.add(key)
            out.append(a)
    # the same actor through two words (adjective and name) counts once
    codes, final = set(), []
    for a in out:
        key = (a.mention.code, a.mention.person if by_person and a.mention.type == "person" else None)
        if key not in codes:
            codes.add(key)
            final.append(a)
    # a state named through its adjective beside the same state's leader counts once
    people = {a.mention.code for a in final if a.mention.person}
    # and a nationality beside an opposition or rebel leader ("le chef rebelle congolais X")
    # describes that leader's group, not the state
    groups = {a.mention.code.split("-")[0] for a in final if a.mention.person and "-" in a.mention.code}
    return [a for a in final if a.mention.person or
            ((a.mention.code not in people or not by_person) and a.mention.code not in groups)]


def pick_code(kb: KnowledgeBase, mention: ActorMention, year: int | None) -> str | None:
    """The code a mention stands for in ``year`` (None for a former capital), as events code
    it (:meth:`~dyadline.kb.KnowledgeBase.event_code`)."""
    code = kb.pick(mention.candidates or (mention.code,), year, mention.spans, strict=mention.place)
    return kb.event_code(code) if code is not None else None


def _dates_by_target(targets: list[Arg], times: list[TimeMention]) -> dict[int, TimeMention]:
    """Each coordinated target takes the first date written after it (before the next one)."""
    ordered = sorted(targets, key=lambda a: a.mention.tok_start)
    out: dict[int, TimeMention] = {}
    for i, a in enumerate(ordered):
        limit = ordered[i + 1].mention.tok_start if i + 1 < len(ordered) else 10 ** 9
        after = [t for t in times if a.mention.tok_end <= t.tok_start < limit]
        if after:
            out[id(a)] = after[0]
    return out


def _span(doc: Doc, sent: Span, toks: set[int]) -> tuple[int, int]:
    lo, hi = min(toks), max(toks)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    if end - start > MAX_EVIDENCE:
        return sent.start_char, min(sent.end_char, sent.start_char + MAX_EVIDENCE)
    return start, end
