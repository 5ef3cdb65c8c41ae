"""The package's architecture, enforced: each layer imports only the layers below it, no import
cycle crosses subpackages, no private name is imported across subpackages, and no language code
or word of a language stands in the library outside ``lang/`` (and ``testing/``)."""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "dyadline"

# the layers, from the ground up (ARCHITECTURE.md); a module may import its own layer or lower
LAYERS = [
    {"records", "errors", "kinds", "about"},
    {"lang"},
    {"timex"},
    {"kb"},
    {"pipeline"},
    {"store"},
    {"ingest", "reconcile", "timeline", "export", "evaluate", ""},   # "": the public API
    {"spark", "cli", "web", "testing", "__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}
LIBRARY_EXEMPT = ("lang", "testing")     # where language codes and words may stand


def modules() -> dict[str, Path]:
    out = {}
    for p in ROOT.rglob("*.py"):
        parts = list(p.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = modules()


def subpackage(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else ""


def _resolve(mod: str, node: ast.ImportFrom) -> list[tuple[str, list[str]]]:
    """(imported module, names) for a ``from ... import`` inside the package."""
    is_pkg = MODULES[mod].name == "__init__.py"
    base = mod.split(".")
    if node.level:
        base = base[:len(base) - node.level + (1 if is_pkg else 0)]
        target = ".".join(base + (node.module.split(".") if node.module else []))
    else:
        target = node.module or ""
    if not target.startswith("dyadline"):
        return []
    out = []
    names = [a.name for a in node.names]
    for n in names:                      # "from . import lang": a submodule
        if f"{target}.{n}" in MODULES:
            out.append((f"{target}.{n}", []))
    rest = [n for n in names if f"{target}.{n}" not in MODULES]
    if rest:
        out.append((target, rest))
    return out


def imports() -> list[tuple[str, str, list[str], int]]:
    """(importer, imported module, names, line) for every import of a dyadline module, at
    any depth (imports inside functions count)."""
    out = []
    for mod, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for target, names in _resolve(mod, node):
                    out.append((mod, target, names, node.lineno))
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("dyadline"):
                        out.append((mod, a.name, [], node.lineno))
    return out


IMPORTS = imports()


def test_every_module_has_a_layer():
    assert {subpackage(m) for m in MODULES} <= set(RANK), {subpackage(m) for m in MODULES} - set(RANK)


def test_each_layer_imports_only_layers_below_it():
    wrong = [f"{a} (line {line}) imports {b}" for a, b, _n, line in IMPORTS
             if RANK[subpackage(b)] > RANK[subpackage(a)]]
    assert not wrong, "\n".join(wrong)


def test_the_library_never_imports_the_cli_or_testing():
    wrong = [f"{a} imports {b}" for a, b, _n, _l in IMPORTS
             if subpackage(b) in ("cli", "testing") and subpackage(a) not in ("cli", "testing", "__main__")]
    assert not wrong, wrong


def _sccs(graph: dict[str, set[str]]) -> list[set[str]]:
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            out.append(comp)

    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle_crosses_subpackages():
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b, _n, _l in IMPORTS:
        if a != b:
            graph[a].add(b)
    bad = [sorted(c) for c in _sccs(graph) if len({subpackage(m) for m in c}) > 1]
    assert not bad, bad


def test_no_private_name_imported_across_subpackages():
    wrong = [f"{a} (line {line}) imports {n} from {b}" for a, b, names, line in IMPORTS for n in names
             if n.startswith("_") and not n.startswith("__") and subpackage(a) != subpackage(b)]
    assert not wrong, "\n".join(wrong)


# -- language knowledge stays in lang/ --------------------------------------------------------
def _words() -> set[str]:
    """Function words of every language dyadline reads (spaCy's stop words): the words a rule
    written in Python would name."""
    from spacy.util import get_lang_class

    from dyadline.lang import available_languages
    out: set[str] = set()
    for code in available_languages():
        out |= {w for w in get_lang_class(code).Defaults.stop_words if w.isalpha() and len(w) > 1}
    return out


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


TEXT_ATTRS = {"text", "lower_", "lemma_", "orth_", "norm_", "text_with_ws"}


def _reads_text(node) -> bool:
    """Whether an expression reads the words of a token or span (``tok.lower_``, ...)."""
    return any(isinstance(n, ast.Attribute) and n.attr in TEXT_ATTRS for n in ast.walk(node))


def language_literals() -> list[str]:
    """String literals of the library outside lang/ and testing/ that are a language's code,
    a word compared with the words of the text (``tok.lower_ == "of"``), or a list of words
    (``("not", "pas", "never")``)."""
    from dyadline.lang import available_languages
    codes, words = set(available_languages()), _words()

    def word(c) -> bool:
        return isinstance(c, ast.Constant) and isinstance(c.value, str) and c.value in words

    found = []
    for mod, path in MODULES.items():
        if subpackage(mod) in LIBRARY_EXEMPT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        flagged: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and _reads_text(node):
                flagged.update(id(c) for x in [node.left] + node.comparators for c in ast.walk(x) if word(c))
            elif isinstance(node, (ast.Set, ast.List, ast.Tuple)):
                strs = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                hits = [e for e in strs if word(e)]
                if len(hits) >= 2 and 3 * len(hits) >= 2 * len(strs):
                    flagged.update(id(e) for e in hits)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docs:
                continue
            if node.value in codes or id(node) in flagged:
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {node.value!r}")
    return found


def test_no_language_code_or_word_in_the_library_outside_lang():
    found = language_literals()
    assert not found, "move these to dyadline/lang/<code>/ data:\n" + "\n".join(found)


@pytest.mark.parametrize("bad, expect", [
    ('if tok.lower_ in ("of", "de"):\n    pass\n', True),
    ('if c.head.lower_ == "by":\n    pass\n', True),
    ('NEGATION = {"not", "never", "pas", "jamais"}\n', True),
    ('if lang == "fr":\n    pass\n', True),
    ('x = {"kind": "VISIT"}\n', False),
    ('if m.via in ("name", "adjective", "demonym"):\n    pass\n', False),
])
def test_the_language_check_would_catch_a_rule_in_python(tmp_path, monkeypatch, bad, expect):
    pkg = tmp_path / "dyadline" / "pipeline"
    pkg.mkdir(parents=True)
    (pkg / "rule.py").write_text(bad, encoding="utf-8")
    this = sys.modules[__name__]
    monkeypatch.setattr(this, "ROOT", tmp_path / "dyadline")
    monkeypatch.setattr(this, "MODULES", {"dyadline.pipeline.rule": pkg / "rule.py"})
    assert bool(language_literals()) is expect
