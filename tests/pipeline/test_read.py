import pytest

from dyadline.errors import LanguageError, ReadError
from dyadline.records import Skipped
from dyadline.pipeline.read import identify_language, parse_tables, read_bytes, read_paths, read_text


def test_read_text_identifies_english_and_french():
    en = read_text("The government of Chile signed a trade agreement with Peru in 1998.")
    fr = read_text("Le gouvernement du Chili a signé un accord commercial avec le Pérou en 1998.")
    assert en.lang == "en" and fr.lang == "fr"


def test_read_text_id_is_content_hash_and_stable():
    a = read_text("Brazil and Argentina held talks in Brasília in March 1990.")
    b = read_text("Brazil and Argentina held talks in Brasília in March 1990.")
    assert a.id == b.id and len(a.id) == 16


def test_read_empty_is_an_error_naming_the_file():
    with pytest.raises(ReadError, match="empty.txt"):
        read_text("   \n", path="empty.txt")


def test_read_binary_is_an_error():
    with pytest.raises(ReadError, match="binary|PNG image"):
        read_bytes(b"\x89PNG\x00\x00\x01", path="x.png")


def test_read_invalid_utf8_is_an_error():
    with pytest.raises(ReadError, match="UTF-8"):
        read_bytes("Québec".encode("latin-1") * 10, path="latin.txt")


def test_read_other_language_is_skipped():
    with pytest.raises(LanguageError, match="'de'"):
        read_text("Die Regierung von Chile unterzeichnete im Jahr 1998 ein Handelsabkommen mit Peru "
                  "und die beiden Länder vereinbarten eine engere Zusammenarbeit.", path="de.txt")


def test_read_paths_goes_on_after_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("Kenya and Uganda signed a border treaty in 1970.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.md").write_text("Le Kenya et l'Ouganda ont signé un traité en 1970.", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("x,y", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert isinstance(items[1], Skipped) and "b.txt" in items[1].reason
    assert items[0].id == "a.txt"


def test_parse_tables_keeps_cell_offsets():
    text = "Title\n| Chile | Peru |\n|---|---|\n| Embassy of Peru, Santiago | Embassy of Chile, Lima |\nProse."
    tables = parse_tables(text)
    assert len(tables) == 1
    rows = tables[0].rows
    assert [c.text for c in rows[0]] == ["Chile", "Peru"]
    cell = rows[1][1]
    assert text[cell.start:cell.end] == "Embassy of Chile, Lima"


def test_identify_language_ignores_tables():
    text = "| A | B |\n|---|---|\n| x | y |\nLe Japon et la Corée ont rétabli leurs relations diplomatiques en 1965."
    assert identify_language(text) == "fr"
