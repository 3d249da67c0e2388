"""Place IRIs and ISO codes the reference data does not define are validation errors.

A file that says ``cg:locatedIn <https://w3id.org/clustergraph/id/nuts/DEA9>`` (no such NUTS
region) or ``cg:iso3166Code "XZ"`` would otherwise load, and its organisation would silently drop
out of regional answers and maps. SHACL cannot say "this IRI must be defined in another graph"
without reading the whole reference graph for every file, so this module checks the names
against the set of place IRIs the reference defines, and suggests the nearest known ones.

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> known = frozenset({ID + "nuts/DEA", ID + "nuts/DEA1", ID + "country/DE"})
>>> q = Quad(NamedNode("http://e/org"), NamedNode(CG + "locatedIn"), NamedNode(ID + "nuts/DEA9"))
>>> [v.message for v in check_places([q], known)]  # doctest: +NORMALIZE_WHITESPACE
['id:nuts/DEA9 is not a place of the reference data; nearest known: id:nuts/DEA, id:nuts/DEA1.
  Use one of them, or add the place to the reference (data/reference/README.md, "Add a place").']
>>> check_places([Quad(NamedNode("http://e/org"), NamedNode(CG + "locatedIn"), NamedNode(ID + "nuts/DEA"))], known)
[]
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from ..errors import Violation
from ..namespaces import CG, GRAPH, ID
from ..store.base import Store

#: The kinds of place IRI (``id:<kind>/<code or slug>``), docs/model-conventions.md.
PLACE_KINDS = ("country", "nuts", "subdivision", "city", "region")
PLACES_GRAPH = GRAPH + "places"
_CODE = CG + "iso3166Code"


def place_kind(iri: str) -> str | None:
    """The kind of a place IRI, or None for any other IRI.

    >>> place_kind(ID + "subdivision/JP-27"), place_kind(ID + "biocat")
    ('subdivision', None)
    """
    if not iri.startswith(ID):
        return None
    kind, _, local = iri[len(ID) :].partition("/")
    return kind if kind in PLACE_KINDS and local else None


@cache
def _bundled(path: Path) -> frozenset[str]:
    with path.open("rb") as f:
        return frozenset(q.subject.value for q in parse(f, format=RdfFormat.TURTLE)
                         if isinstance(q.subject, NamedNode) and place_kind(q.subject.value))


def known_places(store: Store | None = None) -> frozenset[str]:
    """The place IRIs the reference defines: the store's ``graph:places``, else the bundled file."""
    if store is not None and not store.is_empty():
        from ..sparql import load

        rows = store.select(load("validation-places"), bindings={"g": NamedNode(PLACES_GRAPH)}).rows
        found = frozenset(str(getattr(row[0], "value", row[0])) for row in rows)
        if found:
            return found
    from ..paths import bundled_dir

    return _bundled(bundled_dir("data") / "reference" / "places.ttl")


def _nearest(iri: str, known: frozenset[str]) -> list[str]:
    kind = place_kind(iri) or ""
    prefix = ID + kind + "/"
    locals_ = sorted(k[len(prefix) :] for k in known if k.startswith(prefix))
    local = iri[len(prefix) :]
    known_locals = set(locals_)
    # the longest known beginning first (a NUTS code's parent region), then similar spellings
    parents = [local[:n] for n in range(len(local) - 1, 1, -1) if local[:n] in known_locals][:1]
    close = [c for c in difflib.get_close_matches(local, locals_, n=3, cutoff=0.6) if c not in parents]
    return [f"id:{kind}/{c}" for c in [*parents, *close][:3]]


def _short(iri: str) -> str:
    return "id:" + iri[len(ID) :] if iri.startswith(ID) else iri


def check_places(quads: Iterable[Quad], known: frozenset[str]) -> list[Violation]:
    """Violations for place IRIs not in ``known`` and ISO codes of no known country or subdivision.

    Each violation's focus is the subject that uses the name, its value the unknown name.
    """
    codes = {k.rsplit("/", 1)[1] for k in known if place_kind(k) in ("country", "subdivision")}
    out = set()
    for q in quads:
        for term in (q.subject, q.object):
            if isinstance(term, NamedNode) and place_kind(term.value) and term.value not in known:
                near = _nearest(term.value, known)
                hint = f"; nearest known: {', '.join(near)}. Use one of them" if near else ". Use a known place"
                out.add(Violation(
                    focus=str(getattr(q.subject, "value", q.subject)),
                    path=None,
                    message=f"{_short(term.value)} is not a place of the reference data{hint}, or add "
                            "the place to the reference (data/reference/README.md, \"Add a place\").",
                    value=term.value,
                ))
        if q.predicate.value == _CODE and isinstance(q.object, Literal) and q.object.value not in codes:
            near = difflib.get_close_matches(q.object.value, sorted(codes), n=3, cutoff=0.5)
            out.add(Violation(
                focus=str(getattr(q.subject, "value", q.subject)),
                path="cg:iso3166Code",
                message=f"\"{q.object.value}\" is no ISO 3166-1 or ISO 3166-2 code"
                        + (f"; nearest: {', '.join(near)}" if near else "")
                        + ". Give the alpha-2 country code (\"DE\") or a subdivision code (\"DE-NW\").",
                value=q.object.value,
            ))
    return sorted(out, key=lambda v: (v.focus, v.value or ""))


def locate(violations: Sequence[Violation], paths: Sequence[Path]) -> list[Violation]:
    """Add ``[file:line]`` to each place violation: the first line that writes the bad name."""
    texts = {p: p.read_text(encoding="utf-8", errors="replace").splitlines() for p in paths}
    out = []
    for v in violations:
        needles = [v.value or ""]
        if v.value and v.value.startswith(ID):
            local = v.value[len(ID) :]
            needles += [f"<{local}>", local.replace("/", ":", 1)]
        elif v.value:
            needles = [f'"{v.value}"']
        spot = next((f"{p}:{n}" for p, lines in texts.items() for n, line in enumerate(lines, 1)
                     if any(x and x in line for x in needles)), None)
        out.append(Violation(v.focus, v.path, f"{v.message} [{spot}]" if spot else v.message, v.severity, v.value))
    return out
