"""Place mentions: the names of the gazetteer (:mod:`dyadline.kb.places`) found in a parsed
document, disambiguated, and told apart from the actors a capital can stand for.

A name is looked up over runs of tokens (the longest run first, so "Gulf of Aden" before
"Aden"). A run is kept as a place when the parse agrees: a proper noun or a place entity,
not part of a longer name ("the Warsaw Pact", "the Treaty of Versailles", "Paris Hilton"),
not a person, state or organisation the actors stage found. Among the places a name can mean
the one in a country the document names wins, then a main name over an alternate one, then
the most populous; "Paris, Texas" is decided by what follows the comma. A capital stays the
actor it stands for ("Moscow rejected the plan") unless a preposition of place introduces it
or it is where a visit or an attack goes ("talks in Moscow", "visited Moscow"): then it is
also a place. Per-language words: ``lang/<lang>/places.json``.
"""
from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from .. import lang as langdata
from ..kb import KnowledgeBase
from ..kb.places import ALT, OURS, Gazetteer, Match, default_gazetteer, fold
from ..records import ActorMention, Document, PlaceMention
from .syntax import Syntax

MAX_TOKENS = 6
# the parts of speech of an apposition that qualifies a place ("Hyderabad, the second city of Sindh")
APPOSITION = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN", "PART", "ADV"})
TEXT_FEATURES = frozenset({"city", "region", "line", "water", "island", "site"})


class PlaceRecognizer:
    """Finds place mentions in a parsed :class:`Document` and sets ``document.places``."""

    name = "places"

    def __init__(self, lang: str, kb: KnowledgeBase, gazetteer: Gazetteer | None = None) -> None:
        self.lang = lang
        self.kb = kb
        self.gaz = gazetteer or default_gazetteer()
        # the first words of the names of our own data that are written in lowercase ("bande
        # de Gaza", "ligne de contrôle", "détroit d'Ormuz")
        self.lower_starts = frozenset(self.gaz.lowercase_first_words())
        self.syn = Syntax(lang)
        data = langdata.require(lang, "places")
        self.locative = frozenset(data["locative_preps"])
        self.where = frozenset(data["where_preps"])
        self.destination = frozenset(data["destination_verbs"])
        self.name_heads = frozenset(data["name_heads"])
        self.name_links = frozenset(data["name_links"])
        self.place_labels = frozenset(data["place_labels"])
        self.origin = frozenset(data["origin_preps"])
        self.actor_preps = frozenset(data["actor_preps"])
        self.place_nouns = frozenset(data["place_nouns"])
        self.attack_nouns = frozenset(data["attack_nouns"])
        self.city_preps = frozenset(data["city_preps"])
        self.feature_nouns = {w: f for f, words in data["feature_nouns"].items() for w in words}
        self.host_verbs = frozenset(data["host_verbs"])
        self.not_place_labels = frozenset(data["not_place_labels"])
        self.prefixes = frozenset(data["name_prefixes"])
        self.heads_capitalised = bool(data["name_heads_capitalised"])
        self.person_labels = frozenset(langdata.require(lang, "config")["person_labels"])

    def __call__(self, document: Document) -> Document:
        doc: Doc = document.spacy_doc
        actors = {i: m for m in document.mentions if m.tok_start >= 0
                  for i in range(m.tok_start, m.tok_end)}
        times = {i for t in document.times if t.tok_start >= 0 and t.type != "named_event"
                 for i in range(t.tok_start, t.tok_end)}
        runs: list[tuple[int, int]] = []
        text = doc.text
        # the tokens' offsets and words, read without making a Token object for each
        starts, lengths = (doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], []))
        words = [text[a:a + n] for a, n in zip(starts, lengths)]
        i = 0
        while i < len(doc):
            found = self._match_at(text, words, starts, i)
            if found is None:
                i += 1
                continue
            j = found
            if not any(k in times for k in range(i, j)) and not (j - i == 1 and doc[i].is_stop):
                runs.append((i, j))     # not "March 1942", "Independence Day", nor "Les", "Des"
            i = j
        # the document's countries: its states, and those of the places with one meaning
        countries = self._countries(document.mentions)
        for i, j in runs:
            only = self.gaz.candidates(doc[i:j].text, features=TEXT_FEATURES)
            if len(only) == 1 and only[0].how == "ours" and only[0].place.country:
                countries.add(only[0].place.country)
        out = [m for i, j in runs
               if (m := self._mention(doc, doc[i:j], actors, countries, document.mentions)) is not None]
        document.places = out
        # an actor's name inside a longer city name is not the actor ("Sudan" in "Port Sudan");
        # inside a region or a sea it still names the actor's side ("the Korean Peninsula",
        # "the Taiwan Strait"), and inside a line its capital ("the Berlin Wall")
        inside = [(p.tok_start, p.tok_end) for p in out if p.tok_end - p.tok_start > 1 and p.feature == "city"]
        if inside:
            document.mentions = [m for m in document.mentions if not any(
                s <= m.tok_start and m.tok_end <= e and (m.tok_start, m.tok_end) != (s, e) for s, e in inside)]
        return document

    # -- finding -----------------------------------------------------------------------------
    def _match_at(self, text: str, words: list[str], starts: list[int], i: int) -> int | None:
        """The end of the longest run of tokens from ``i`` that is a name of the gazetteer
        (only tokens that can start a name are tried, and only as far as such names go);
        ``words`` and ``starts`` are the document's tokens and their offsets."""
        word = words[i]
        if not (word[:1].isupper() or word[:1].isdigit() or word.lower() in self.lower_starts):
            return None          # most tokens: a name starts with a capital, a digit or a known word
        longest = self.gaz.first_words.get(fold(word).split(" ", 1)[0])
        if longest is None:
            return None
        # a token may hold several words ("Saint-Pétersbourg"): allow as many tokens as words
        for j in range(min(len(words), i + min(MAX_TOKENS, longest + 2)), i, -1):
            if not words[j - 1][:1].isalnum():
                continue
            name = text[starts[i]:starts[j - 1] + len(words[j - 1])]
            key = fold(name)
            if self.gaz.has_key(key) and (name[:1].isupper() or self._lowercase_name(key)):
                return j
        return None

    def _lowercase_name(self, key: str) -> bool:
        """A name of our own data that starts in lowercase ("bande de Gaza")."""
        return " " in key and self.gaz.key_has(key, OURS)

    def _mention(self, doc: Doc, span: Span, actors: dict[int, ActorMention],
                 countries: set[str], mentions: list[ActorMention]) -> PlaceMention | None:
        if self._inside_longer_name(doc, span):
            return None
        matches = self.gaz.candidates(span.text, countries=countries, features=TEXT_FEATURES)
        if not matches or (span.text.isupper() and len(span.text) > 1
                           and not any(m.place.name.isupper() for m in matches)):
            return None                      # "CENTO" is not Cento
        prep = self.preposition(span)
        locative = prep in self.locative or prep in self.origin
        destination = self._destination(span.root)
        actor = self._actor_named(span, actors)
        capital = actor is not None and actor.place
        if actor is not None and not capital and not (
                (locative or destination) and (matches[0].how != ALT
                                               or matches[0].place.population >= 100_000)):
            return None     # a state, an organisation, a person (unless "in Hanover", "to Valencia")
        if not capital and not self._looks_like_place(span, matches[0], locative or destination):
            return None
        within = self._qualifier(doc, span, mentions)
        if within is not None:
            matches = [m for m in matches if _in(m, within, self.gaz)] or matches
        feature = self._feature_word(doc, span, prep)
        if feature is not None:
            matches = [m for m in matches if m.place.feature == feature] or matches
        best: Match = matches[0]
        if len(span) == 1 and not capital and best.place.population < 100_000 \
                and (best.how == "alt" or span[0].is_sent_start) \
                and not self._entity(span, self.place_labels) and not (locative or destination):
            return None      # a small town's alternate name, or a capitalised first word
            #                  ("March saw..."), with nothing saying it is a place
        stands = capital and self._acts(span, prep) and not destination and within is None
        p = best.place
        return PlaceMention(start=span.start_char, end=span.end_char, text=span.text,
                            place_id=p.id, name=p.name, feature=p.feature, country=p.country,
                            lat=p.lat, lon=p.lon, geonames_id=p.geonames_id, province=p.province,
                            tok_start=span.start, tok_end=span.end, stands_for_state=stands,
                            locative=prep in self.locative, preposition=prep)

    def _feature_word(self, doc: Doc, span: Span, prep: str | None) -> str | None:
        """The kind of place the words say: a noun before the name ("the island of
        Zanzibar", "la province de Luxembourg", "the Jordan river") or, in French, "à" for a
        city ("à Québec", not "au Québec")."""
        for k in (span.start - 1, span.start - 2, span.end):
            if 0 <= k < len(doc):
                feature = self.feature_nouns.get(doc[k].lemma_.lower()) or self.feature_nouns.get(doc[k].lower_)
                if feature and (k == span.end or k == span.start - 1 or doc[k + 1].lower_ in self.name_links):
                    return feature
        if prep is not None and prep in self.city_preps:
            return "city"
        return None

    @staticmethod
    def _actor_named(span: Span, actors: dict[int, ActorMention]) -> ActorMention | None:
        """The actor mention these words are: one that covers the whole span ("Moscow",
        "Mexico", "Lincoln"), not one inside a longer place name ("Sudan" in "Port Sudan",
        "McMahon" in "the McMahon Line") nor a longer phrase that contains a place ("the
        authorities in Tokyo")."""
        for t in span:
            m = actors.get(t.i)
            if m is None or m.via == "group":
                continue
            if m.tok_start <= span.start and span.end <= m.tok_end:
                return m
        return None

    def _acts(self, span: Span, prep: str | None) -> bool:
        """Whether a capital is in an actor's position: a subject, an agent, a possessor, the
        object of a verb (not of a visit or an attack), or after a preposition that takes
        actors ("with", "against", "de" after a noun of people or acts)."""
        head = span.root.head
        while self.syn.has(head, "prep") and head.head.i != head.i:
            head = head.head
        if prep is not None:
            if prep in self.locative or prep in self.origin:
                return False
            if head.lemma_.lower() in self.attack_nouns:
                return False                 # "an offensive against Tripoli"
            if prep in self.actor_preps:
                return True
            return head.pos_ == "NOUN" and head.lemma_.lower() not in self.place_nouns
        root = span.root
        if self.syn.has(root, "subject") and (
                head.lemma_.lower() in self.host_verbs or head.pos_ in ("NOUN", "PROPN")
                or any(self.syn.has(c, "attribute") for c in head.children)):
            return False                     # "Asmara was the capital of...", "Le Cap accueillit"
        return not self._destination(root)

    # -- the parse's say -----------------------------------------------------------------------
    @staticmethod
    def _entity(span: Span, labels: frozenset[str]) -> Span | None:
        """The named entity, of one of these labels, that holds a token of the span (found
        from the tokens' IOB tags: reading ``doc.ents`` each time costs more)."""
        doc = span.doc
        for t in span:
            if t.ent_type_ in labels:
                start, end = t.i, t.i + 1
                while start > 0 and doc[start].ent_iob_ == "I":
                    start -= 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                return Span(doc, start, end, label=t.ent_type_)
        return None

    def _looks_like_place(self, span: Span, best: Match, placed: bool) -> bool:
        """Whether the parse lets these words be a place: a place entity; a proper noun the
        tagger did not take for a person or an organisation; or, either way, words a
        preposition of place or a verb of movement or attack introduces ("bombed Darwin").
        A place's main name or a name of our own data is trusted over the parser's entity
        label (it calls Walvis Bay a person and Herat an organisation); an alternate name of
        a GeoNames place is not."""
        if self._entity(span, self.place_labels) is not None or placed:
            return True
        if len(span) == 1 and span[0].pos_ != "PROPN":
            return False                     # "Mobile phones", "Union troops"
        if best.how != ALT:
            return True                      # the small parser's entity labels err on places
        return self._entity(span, self.not_place_labels) is None

    def _inside_longer_name(self, doc: Doc, span: Span) -> bool:
        """'the Warsaw Pact', 'Paris Hilton', 'the Treaty of Versailles', 'Pacte de Varsovie'."""
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in self.name_heads:
            return True
        k = span.start - 1
        while k > 0 and doc[k].pos_ == "ADJ" and k > span.start - 3:
            k -= 1                           # "le croiseur allemand Breslau"
        if k >= 0 and doc[k].lower_ in self.prefixes:
            return True                      # "HMS Sheffield", "Lord Kitchener", "format Normandie"
        other = self._entity(span, self.not_place_labels)
        if other is not None and not self._locative(span):
            first, last = _core(other)
            if (first < span.start or last > span.end) and not _qualified(doc, span, last):
                return True                  # "Sam Houston", "l'Organisation de coopération de Shanghai"
        if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN" \
                and not (nxt.ent_type_ in self.place_labels and nxt.ent_iob_ == "B"):
            return True
        k = span.start - 1
        if k >= 1 and doc[k].lower_ in self.name_links:
            head = doc[k - 1]
            if head.lower_ in self.name_heads and (head.text[:1].isupper() or not self.heads_capitalised):
                return True
        return False

    def _locative(self, span: Span) -> bool:
        return self.preposition(span) in self.locative

    def preposition(self, span: Span) -> str | None:
        """The preposition introducing a place: the words just before it, determiners
        skipped, when they are one of the data's ("le long de la ligne", "près de Moscou"),
        else the parse's (of the nominal, or of the first of its coordination)."""
        doc, words, k = span.doc, [], span.start - 1
        while k >= 0 and not words and doc[k].pos_ == "DET":
            k -= 1
        while k >= 0 and len(words) < 4:
            words.insert(0, doc[k].lower_)
            k -= 1
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[-n:]).replace("' ", "'")
            if phrase in self.locative:
                return phrase
        tok, seen = span.root, 0
        while tok is not None and seen < 4:
            prep = self.syn.prep_of(tok)
            if prep:
                return prep.lower()
            if self.syn.has(tok, "conj") and tok.head.i != tok.i:
                tok = tok.head
                seen += 1
                continue
            return None
        return None

    def _destination(self, tok: Token) -> bool:
        while self.syn.has(tok, "conj") and tok.head.i != tok.i:
            tok = tok.head
        return (self.syn.has(tok, "object") or self.syn.has(tok, "passive_subject")) \
            and tok.head.lemma_.lower() in self.destination

    def _qualifier(self, doc: Doc, span: Span, mentions: list[ActorMention]) -> str | None:
        """'Paris, Texas', 'Hyderabad, the second city of Sindh', 'San José, the Costa Rican
        capital': the state, US state or region named in the words after a comma (up to the
        next punctuation), as a key of ``gaz.states`` or a state code."""
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        stop = span.end + 1
        while stop < len(doc) and stop < span.end + 8 and (
                doc[stop].pos_ in APPOSITION or doc[stop].lower_ in self.name_links
                or doc[stop].text in ("-", "'s")):
            stop += 1                        # the apposition only: "Moscow, though Khan..." has none
        for m in mentions:
            if m.type == "state" and not m.place and span.end < m.tok_start < stop:
                return m.code
        for i in range(span.end + 1, stop):
            for j in range(stop, i, -1):
                words = doc[i:j]
                if words.text[:1].isupper() and fold(words.text) in self.gaz.states:
                    return fold(words.text)
        return None

    def _countries(self, mentions: list[ActorMention]) -> set[str]:
        """The present-day states the document's actors are, or are continued by."""
        out: set[str] = set()
        for m in mentions:
            if m.type != "state" or m.place:       # a capital says nothing of where
                continue
            out.add(m.code)
            actor = self.kb.actor(m.code)
            if actor is not None and actor.start is not None and actor.end is not None:
                out.update(actor.successors)
        return out


def _qualified(doc: Doc, span: Span, last: int) -> bool:
    """Whether an entity goes on past a place only with a comma ("Paris, Texas")."""
    return span.end < last and doc[span.end].text == ","


def _core(ent: Span) -> tuple[int, int]:
    """An entity's token range without its leading determiners."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].pos_ == "DET":
        start += 1
    return start, ent.end


def _in(match: Match, within: str, gaz: Gazetteer) -> bool:
    p = match.place
    if p.province is not None and fold(p.province) == within:
        return True
    code = within if within.isupper() else gaz.states.get(within)
    return bool(code) and code in p.countries
