"""A corpus of bad input, generated here: each file is either read (and its text is clean) or
skipped with a message naming it and the reason, and the batch goes on past every one."""
import logging
import os
import random
import re

import pytest
from click.testing import CliRunner

from dyadline import extract
from dyadline.cli import main

EN = "Chile signed a trade agreement with Peru in 1998. Two years later Chile threatened Bolivia.\n"
FR = ("Le général chilien a signé un accord avec le Pérou en 1998. Deux ans plus tard, "
      "le Chili a menacé la Bolivie à propos de la frontière.\n")
UR = "پاکستان اور بھارت کے درمیان تعلقات ہمیشہ کشیدہ رہے ہیں۔ دونوں ممالک نے کئی جنگیں لڑی ہیں۔\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# file name -> None (read) or a pattern its skip reason must match
EXPECTED = {
    "good.txt": None,
    "cp1252.txt": None,
    "utf16.txt": None,
    "page.html": None,
    "saved page.txt": None,
    "notes.md": None,
    "controls.txt": None,
    "no events.txt": None,
    "mixed.txt": None,
    "long sentence.txt": None,
    "Pérou – été.txt": None,
    "empty.txt": r"is empty",
    "blank.txt": r"is empty",
    "random.txt": r"not valid UTF-8|binary|language",
    "nuls.txt": r"binary",
    "report.txt": r"is a PDF file",
    "huge line.txt": r"is 50,000,\d+ bytes; .*split it",
    "urdu.txt": r"language 'ur'",
    "numbers.txt": r"has no words",
    "dangling.txt": r"cannot be read \(No such file",
    "loop-a.txt": r"cannot be read \(Too many levels of symbolic links",
    "loop-b.txt": r"cannot be read \(Too many levels of symbolic links",
    "pipe.txt": r"not a regular file",
    "cycle": r"symbolic link loop",
}
if not ROOT:
    EXPECTED["locked.txt"] = r"cannot be read \(Permission denied"
    EXPECTED["locked-folder"] = r"folder cannot be read \(Permission denied"


def make_corpus(folder):
    w = lambda name, data: (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    w("good.txt", EN)
    w("cp1252.txt", FR.encode("cp1252"))
    w("utf16.txt", EN.encode("utf-16"))
    w("page.html", "<!DOCTYPE html><html><head><title>t</title><script>var Bolivia = 1;</script>"
                   "<style>p { color: red }</style></head><body><h1>Chile &amp; Peru</h1>"
                   f"<p>{EN.replace('Peru', '<a href=/p>Peru</a>')}</p></body></html>")
    w("saved page.txt", f"<html><body><div><p>{EN}</p></div></body></html>")
    w("notes.md", "# Notes\n\n**Chile** signed a [trade agreement](http://x.org) with *Peru* in 1998.\n\n"
                  "```\ncode Chile threatened Bolivia\n```\n")
    w("controls.txt", "Ch\u200bile sig\u00adned a trade agreement with Peru\x07 in 1998.\r\n\ufeff")
    w("no events.txt", "The weather in Santiago was mild and the markets were calm all week long.\n")
    w("mixed.txt", (EN.strip() + " " + EN) + "\n" + FR + FR + "\n" + EN)
    w("long sentence.txt", "Chile signed an agreement with Peru and " * 800 + "that was all.\n")
    w("Pérou – été.txt", EN)
    w("empty.txt", b"")
    w("blank.txt", " \n\t\n ")
    w("random.txt", bytes(random.Random(3).randrange(128, 256) for _ in range(4000)))
    w("nuls.txt", b"abc\x00def\x00" * 100)
    w("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    w("huge line.txt", b"word " * 10_000_001)
    w("urdu.txt", UR * 3)
    w("numbers.txt", "1998 2001 3.14 -- 42\n")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "cycle").symlink_to(folder, target_is_directory=True)
    odd = os.fsencode(folder) + b"/caf\xe9 odd-name.txt"        # a file name that is not UTF-8
    with open(odd, "wb") as f:
        f.write(EN.encode())
    if not ROOT:
        w("locked.txt", EN)
        os.chmod(folder / "locked.txt", 0)
        (folder / "locked-folder").mkdir()
        (folder / "locked-folder" / "x.txt").write_text(EN)
        os.chmod(folder / "locked-folder", 0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    make_corpus(folder)
    yield folder
    for p in (folder / "locked.txt", folder / "locked-folder"):
        if p.exists():
            os.chmod(p, 0o700)


@pytest.fixture(scope="module")
def result(corpus, pipeline):
    return extract([corpus], pipeline=pipeline)


def _name(path):
    return os.path.basename(path.rstrip("/"))


def test_every_bad_file_is_skipped_with_its_name_and_reason(result):
    skipped = {_name(s.path): s.reason for s in result.skipped}
    for name, pattern in EXPECTED.items():
        if pattern is None:
            assert name not in skipped, f"{name} was skipped: {skipped.get(name)}"
        else:
            assert name in skipped, f"{name} was not reported; skipped: {sorted(skipped)}"
            assert re.search(pattern, skipped[name]), f"{name}: {skipped[name]}"
            assert name in skipped[name] or name == "cycle", "the message names the file"
    assert set(skipped) <= set(EXPECTED), f"skipped unexpectedly: {set(skipped) - set(EXPECTED)}"


def test_the_good_files_are_read_with_clean_text(result):
    docs = {d.id: d for d in result.documents}
    assert {n for n, p in EXPECTED.items() if p is None} <= set(docs)
    assert docs["cp1252.txt"].lang == "fr" and "général" in docs["cp1252.txt"].text
    assert docs["utf16.txt"].text.startswith("Chile signed")
    page = docs["page.html"].text
    assert "var Bolivia" not in page and "color" not in page and "<" not in page and "Chile & Peru" in page
    assert "<" not in docs["saved page.txt"].text
    notes = docs["notes.md"].text
    assert "**" not in notes and "http" not in notes and "threatened" not in notes
    assert "Chile signed a trade agreement with Peru in 1998." in notes
    assert docs["controls.txt"].text.startswith("Chile signed a trade agreement with Peru in 1998.")
    assert not re.search("[\x00-\x08\x0b-\x1f\u200b\u00ad\ufeff\r]", docs["controls.txt"].text)
    assert any(name.startswith("caf\ufffd") for name in docs), "a non-UTF-8 file name is shown, not lost"


def test_bad_files_do_not_cost_events(result):
    by_doc = {d.id: d for d in result.documents}
    for name in ("good.txt", "cp1252.txt", "utf16.txt", "page.html", "saved page.txt", "Pérou – été.txt",
                 "controls.txt", "notes.md"):
        kinds = {(e.kind, tuple(e.source), tuple(e.target)) for e in by_doc[name].events}
        assert any(k[1] == ("CHL",) and "PER" in k[2] for k in kinds), f"{name}: {kinds}"
        for e in by_doc[name].events:
            assert by_doc[name].text[e.span[0]:e.span[1]] == e.evidence
    assert by_doc["no events.txt"].events == []
    assert by_doc["long sentence.txt"].events, "a very long sentence is read, not dropped"


def test_a_mixed_language_document_is_read_in_its_main_language_with_a_warning(corpus, pipeline, caplog):
    with caplog.at_level(logging.WARNING, logger="dyadline.pipeline.read"):
        out = extract([corpus / "mixed.txt"], pipeline=pipeline)
    assert out.documents[0].lang == "en"
    assert re.search(r"mixed languages \(en \d+%, fr \d+%\)", caplog.text)


def test_the_run_summary_lists_what_was_skipped_and_stores_the_rest(corpus, tmp_path):
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "t.duckdb")])
    assert res.exit_code == 0, res.output
    listed = re.findall(r"^  skipped (.+?): \[DL\d+\]", res.output, re.MULTILINE)
    assert {_name(p) for p in listed} == {n for n, p in EXPECTED.items() if p is not None}
    n_read = int(re.search(r"documents read: (\d+)", res.output).group(1))
    assert n_read == sum(p is None for p in EXPECTED.values()) + 1      # + the non-UTF-8 name
