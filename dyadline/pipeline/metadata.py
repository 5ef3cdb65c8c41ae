"""Document metadata: the date (publication or creation, EDTF), title, url and source
(publisher) of a document, from what the input says, in this order of trust:

1. the fields of a JSON Lines or Parquet record (``date``, ``published``, ``publish_date``,
   ``pub_date``... see :data:`FIELDS`), or ``--doc-date`` for a plain file;
2. an HTML page's metadata: ``article:published_time``, ``datePublished`` in JSON-LD,
   ``DC.date``, ``<time datetime>``; ``og:title`` or ``<title>``; the canonical url;
   ``og:site_name``;
3. a news dateline at the start of the text ("PARIS, 12 mars 2019 (AFP) -", "WASHINGTON, Jan.
   24, 2019 (Reuters) -", "Publié le 12/03/2019"), read with the language's date grammar and its
   ``dateline`` words (``lang/<code>/dates.json``).

A date is kept at the precision it is written with (a day, a month, a year); a value that is
not a date is refused with an error naming the field.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from .. import lang as langdata
from ..errors import ReadError
from ..timex.tagger import TimeTagger

# the usual names of each field in news corpora, in order of preference
FIELDS = {
    "text": ("text", "body", "content", "article", "full_text"),
    "id": ("id", "doc_id", "doc", "uid", "guid"),
    "lang": ("lang", "language"),
    "date": ("date", "published", "publish_date", "pub_date", "published_at", "publication_date",
             "date_published", "datePublished", "pubdate", "created_at", "created", "datetime",
             "timestamp"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "uri", "permalink"),
    "source": ("source", "publisher", "source_name", "site", "site_name", "outlet", "agency"),
}
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_DATELINE_SPAN = 300        # a dateline is in the first characters of the text


@dataclass(frozen=True)
class Metadata:
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None

    def over(self, other: "Metadata") -> "Metadata":
        """This metadata, completed by ``other`` where it has no value."""
        return replace(self, **{k: getattr(self, k) or getattr(other, k)
                                for k in ("date", "title", "url", "source")})


def field(record: dict, name: str):
    """The value of a record's field under its usual names (:data:`FIELDS`), else None."""
    for key in FIELDS[name]:
        if key in record and record[key] not in (None, ""):
            return record[key]
    return None


def normalise_date(value, what: str = "date") -> str | None:
    """An EDTF date (a day, month or year) from a metadata value: an ISO date or datetime
    ("2019-03-12T10:00:00Z"), an RFC 2822 date, a date or datetime object, a Unix time in
    seconds or milliseconds. None for an empty value; :class:`ValueError` naming ``what``
    for a value that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError) as e:
            raise ValueError(f"{what} {value!r} is not a date") from e
    s = str(value).strip()
    if _ISO.match(s):
        parts = [int(x) for x in s.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])       # a real month and day
        except ValueError as e:
            raise ValueError(f"{what} {s!r} is not a date") from e
        return s
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{what} {s!r} is not a date (write it as YYYY-MM-DD)")


def from_record(record: dict, name: str) -> Metadata:
    """The metadata of a JSON Lines or Parquet record; ``name`` is the record's place (file
    and line) for the error a bad date raises."""
    try:
        date = normalise_date(field(record, "date"))
    except ValueError as e:
        raise ReadError(str(e), path=name) from e
    text = {k: field(record, k) for k in ("title", "url", "source")}
    return Metadata(date=date, **{k: (str(v).strip() or None) if v is not None else None
                                  for k, v in text.items()})


# -- HTML --------------------------------------------------------------------------------
_META_DATE = ("article:published_time", "og:published_time", "datepublished", "dc.date",
              "dc.date.issued", "dcterms.created", "dcterms.date", "date", "pubdate",
              "publishdate", "publish-date", "sailthru.date", "parsely-pub-date")
_META_TITLE = ("og:title", "twitter:title", "dc.title", "title")
_META_URL = ("og:url",)
_META_SOURCE = ("og:site_name", "dc.publisher", "publisher", "application-name")


class _HtmlMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.times: list[str] = []
        self.canonical: str | None = None
        self.jsonld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"].strip())
        elif tag == "title":
            self._in = "title"
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in = "jsonld"
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title.append(data)
        elif self._in == "jsonld":
            self.jsonld[-1] += data


def _jsonld_values(raw: str) -> dict[str, str]:
    """datePublished, headline, url and publisher name of the JSON-LD objects of a page."""
    out: dict[str, str] = {}
    try:
        data = json.loads(raw)
    except ValueError:
        return out
    todo = [data]
    while todo:
        x = todo.pop(0)
        if isinstance(x, list):
            todo.extend(x)
        elif isinstance(x, dict):
            for key, name in (("datePublished", "date"), ("dateCreated", "date"), ("headline", "title"),
                              ("url", "url")):
                if isinstance(x.get(key), str) and name not in out:
                    out[name] = x[key]
            pub = x.get("publisher")
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                out.setdefault("source", pub["name"])
            todo.extend(v for k, v in x.items() if k == "@graph")
    return out


def from_html(html: str) -> Metadata:
    """The metadata an HTML page declares (a date that cannot be read is ignored)."""
    p = _HtmlMeta()
    try:
        p.feed(html[:500_000])
        p.close()
    except AssertionError:
        return Metadata()
    ld: dict[str, str] = {}
    for raw in p.jsonld:
        for k, v in _jsonld_values(raw).items():
            ld.setdefault(k, v)
    dates = [p.meta[k] for k in _META_DATE if k in p.meta] + ([ld["date"]] if "date" in ld else []) + p.times
    date = None
    for d in dates:
        try:
            date = normalise_date(d)
        except ValueError:
            continue
        if date:
            break
    title = next((p.meta[k] for k in _META_TITLE if p.meta.get(k)), None) or ld.get("title") \
        or (" ".join("".join(p.title).split()) or None)
    url = next((p.meta[k] for k in _META_URL if p.meta.get(k)), None) or p.canonical or ld.get("url")
    source = next((p.meta[k] for k in _META_SOURCE if p.meta.get(k)), None) or ld.get("source")
    return Metadata(date=date, title=title, url=url, source=source)


# -- datelines ---------------------------------------------------------------------------
class DatelineReader:
    """Reads the dateline at the start of a news text. Built once per language."""

    def __init__(self, lang: str, tagger: TimeTagger | None = None) -> None:
        g = langdata.require(lang, "dates")["dateline"]
        self.tagger = tagger or TimeTagger(lang)
        agencies = "|".join(re.escape(a) for a in sorted(g["agencies"], key=len, reverse=True))
        published = "|".join(re.escape(w) for w in sorted(g["published"], key=len, reverse=True))
        self.day_first = bool(g["day_first"])
        # "PARIS, 12 mars 2019 (AFP) -", "WASHINGTON (Reuters), Jan. 24, 2019 -"
        self.place = re.compile(
            r"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{1,40}?)(?:\s*\((?P<agency1>[^)]{1,30})\))?\s*,\s*"
            r"(?P<date>[^\n(–—-]{4,40}?)\s*(?:\((?P<agency2>[^)]{1,30})\))?\s*[-–—:]")
        self.published = re.compile(rf"^\s*(?:{published})\s*:?\s*(?P<date>[^\n|]{{6,40}})", re.I | re.M) \
            if published else None
        self.agencies = re.compile(rf"\b(?:{agencies})\b") if agencies else None
        self.numeric = re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})")

    def _match(self, text: str):
        """(start, end, date, agency) of the dateline at the start of ``text``, or None."""
        head = text[:_DATELINE_SPAN]
        m = self.place.match(head)
        if m:
            date = self._date(m.group("date"))
            if date:
                agency = m.group("agency1") or m.group("agency2")
                if agency is None and self.agencies:
                    found = self.agencies.search(head)
                    agency = found.group(0) if found else None
                return m.start(), m.end(), date, agency.strip() if agency else None
        if self.published:
            m = self.published.search(head)
            if m:
                date = self._date(m.group("date"))
                if date:
                    return m.start(), m.end(), date, None
        return None

    def span(self, text: str) -> tuple[int, int] | None:
        """Where the dateline is (its time expression is the document's date, not a time of
        the story), or None."""
        found = self._match(text)
        return (found[0], found[1]) if found else None

    def read(self, text: str) -> Metadata:
        found = self._match(text)
        return Metadata(date=found[2], source=found[3]) if found else Metadata()

    def _date(self, raw: str) -> str | None:
        """A day (or month) written in full, with its year; a date without a year is no
        document date."""
        m = self.numeric.search(raw)
        if m:
            a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
            day, month = (a, b) if self.day_first else (b, a)
            try:
                return dt.date(y, month, day).isoformat()
            except ValueError:
                return None
        for x in self.tagger.tag(raw):
            if x.edtf and not x.relative and x.type == "date" and len(x.edtf) >= 7:
                return x.edtf
        return None
