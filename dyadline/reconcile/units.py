"""Units of reconciliation: blocks linked by the mentions that belong to several of them.

A mention of two participants belongs to one block (kind family × pair); one naming three or
more belongs to the block of each pair among them and links those blocks. A unit is a set of
blocks so linked (most units are one block); units are reconciled independently of each other,
in any order and on any machine, and a unit's clusters depend only on its own mentions."""
from __future__ import annotations

from collections.abc import Iterable


class Units:
    """Union-find over block keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(key, key) != root:           # path compression
            parent[key], key = root, parent[key]
        return root

    def link(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if len(keys) < 2:
            return
        roots = sorted({self.find(k) for k in keys})
        for r in roots[1:]:
            self.parent[r] = roots[0]                  # the smallest key names the unit
        for k in keys:
            self.parent.setdefault(k, roots[0])

    def unit(self, key: str) -> str:
        """The unit's name: its smallest linked key (the key itself when it is alone)."""
        return self.find(key)

    def members(self) -> dict[str, list[str]]:
        """Unit -> its linked keys (units of one block are not listed)."""
        out: dict[str, list[str]] = {}
        for k in list(self.parent):
            out.setdefault(self.find(k), []).append(k)
        return out


def link_all(key_lists: Iterable[list[str]]) -> Units:
    u = Units()
    for keys in key_lists:
        if len(keys) > 1:
            u.link(keys)
    return u
