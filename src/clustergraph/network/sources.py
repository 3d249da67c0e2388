"""Where a tie is stated: its graphs and quotes, its roles in words, its dates.

A tie's quote in a graph is the quote of the statement that makes the tie (the ``oa:exact`` of
the quote its ``rdf:Statement`` is derived from: ``cg:participant``, ``cg:party``,
``schema:funder`` or ``org:unitOf``); its dates are those it states, or else the comparable
period the build infers (``cg:periodStart`` / ``cg:periodEnd``).

The projection ranks and counts on integer arrays; what a person reads of a hop is fetched here,
for the ties of the answers returned (a few ``VALUES``-bound queries: ``net-tie-sources``,
``net-tie-details``, ``net-link-sources``), or for every tie at once when a whole graph is
written out (GraphML, the network page). Answers are remembered, so a warm server asks once.

>>> from clustergraph.network.example import example_store
>>> from clustergraph.network.readers import read_records
>>> store = example_store()
>>> recs = read_records(store)
>>> found = TieSources(store, recs).ties([0])[0]
>>> found.role, found.sources[0]["evidence"]
('member', 'Alpha and Beta form the Example Alliance')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from .. import sparql
from ..store.base import Store
from ..store.results import SelectResult, term_value
from ..store.sparqltext import bind_rows
from ..terms import local_name, pick_label
from .records import Records
from .ties import KINDS

#: Ties (or links) asked about in one query.
BATCH = 400


@dataclass
class TieSource:
    """What a tie says, as a person reads it."""

    role: str
    start: str | None = None
    end: str | None = None
    sources: list[dict[str, str | None]] = field(default_factory=list)  # [{graph, evidence}], by graph

    @property
    def graph(self) -> str | None:
        """The first graph (sorted) that states the tie."""
        return self.sources[0]["graph"] if self.sources else None

    @property
    def evidence(self) -> str | None:
        """The quote of the first graph."""
        return self.sources[0]["evidence"] if self.sources else None


def role_text(kind: str, roles: Iterable[str]) -> str:
    """The roles in words (``organiser``, ``co-organiser``), or the kind of tie.

    >>> role_text("participation", ["https://w3id.org/clustergraph/ontology#CoOrganiser"])
    'co-organiser'
    >>> role_text("party", [])
    'party'
    """
    chosen = sorted(set(roles))
    if not chosen:
        return {"party": "party", "funder": "funder", "unit": "unit", "membership": "member"}.get(kind, "participant")
    words = []
    for role in chosen:
        name = local_name(role)
        words.append("".join(("-" + c.lower()) if c.isupper() and i else c.lower() for i, c in enumerate(name)))
    return "/".join(words)


def _add(found: dict[str, str], graph: str | None, evidence: str | None) -> None:
    """Keep, per graph, the smallest non-empty quote (``""`` when the graph gives none)."""
    if not graph:
        return
    current = found.get(graph)
    if evidence and (not current or evidence < current):
        found[graph] = evidence
    elif current is None:
        found[graph] = ""


def _plain(result: SelectResult) -> Iterator[tuple[str | None, ...]]:
    for row in result.rows:
        yield tuple(None if t is None else t.value for t in row)  # type: ignore[union-attr]


def _listed(found: dict[str, str]) -> list[dict[str, str | None]]:
    return [{"graph": g, "evidence": q or None} for g, q in sorted(found.items())]


class TieSources:
    """Sources of the ties of one set of records, fetched on demand and remembered."""

    def __init__(self, store: Store, records: Records) -> None:
        self.store = store
        self.records = records
        self._ties: dict[int, TieSource] = {}
        self._links: dict[tuple[str, str], list[dict[str, str | None]]] = {}
        self._titles: dict[str, str] | None = None

    def _select(
        self, name: str, names: Sequence[str] | None = None, rows: Sequence[Sequence[NamedNode]] = ()
    ) -> SelectResult:
        text = sparql.load(name)
        if names is not None:
            text = bind_rows(text, names, rows)
        result = self.store.query(text)
        assert isinstance(result, SelectResult)
        return result

    def title(self, graph: str | None) -> str | None:
        """The title of a source graph (English, else untagged, else any language), or ``None``."""
        if graph is None:
            return None
        if self._titles is None:
            found: dict[str, set[tuple[str, str]]] = {}
            for row in self._select("net-graph-titles"):
                g, title = row
                if isinstance(title, Literal) and g is not None:
                    found.setdefault(term_value(g), set()).add((title.value, title.language or ""))
            self._titles = {g: pick_label(labels, "") for g, labels in found.items()}
        return self._titles.get(graph) or None

    def ties(self, ids: Iterable[int] | None = None) -> dict[int, TieSource]:
        """The sources of these ties (by tie id), or of every tie (``None``)."""
        table = self.records.ties
        asked = list(range(len(table))) if ids is None else list(ids)
        wanted = sorted(set(asked) - set(self._ties))
        if len(wanted) > 4 * BATCH:  # many: one scan of every tie beats many bound queries
            self._fetch(sorted(set(range(len(table))) - set(self._ties)), bound=False)
        else:
            for at in range(0, len(wanted), BATCH):
                self._fetch(wanted[at : at + BATCH], bound=True)
        return {i: self._ties[i] for i in asked}

    def _fetch(self, wanted: list[int], *, bound: bool) -> None:
        table, iris = self.records.ties, self.records.iris
        keys: dict[tuple[str, str], list[int]] = {}
        for i in wanted:
            keys.setdefault((table.nodes[i], iris[int(table.actor[i])]), []).append(i)
        nodes = sorted({table.nodes[i] for i in wanted})
        graphs: dict[int, dict[str, str]] = {i: {} for i in wanted}
        rows = [[NamedNode(t), NamedNode(a)] for t, a in keys] if bound else []
        result = self._select("net-tie-sources", ["tie", "actor"] if bound else None, rows)
        for tie, actor, graph, evidence in _plain(result):
            for i in keys.get((tie, actor), ()):  # type: ignore[arg-type]
                _add(graphs[i], graph, evidence)
        details: dict[str, dict[str, list[str]]] = {}
        result = self._select("net-tie-details", ["s"] if bound else None, [[NamedNode(n)] for n in nodes])
        for s, f, o in _plain(result):
            if s is not None and f is not None and o is not None:
                details.setdefault(s, {}).setdefault(f, []).append(o)
        for i in wanted:
            node = table.nodes[i]
            kind = KINDS[int(table.kind[i])]
            d = details.get(node, {})
            own = kind not in ("party", "funder", "unit")
            start = d.get("start") or [coarse(v, "start") for v in d.get("period_start", [])]
            end = d.get("end") or [coarse(v, "end") for v in d.get("period_end", [])]
            self._ties[i] = TieSource(
                role=role_text(kind, d.get("role", []) if own else []),
                start=min(start) if start else None,
                end=max(end) if end else None,
                sources=_listed(graphs[i]),
            )

    def links(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[dict[str, str | None]]]:
        """The sources (graph, quote of the part) of part-of links ``(part, whole)``."""
        asked = sorted(set(pairs))
        wanted = [p for p in asked if p not in self._links]
        for at in range(0, len(wanted), BATCH):
            chunk = wanted[at : at + BATCH]
            found: dict[tuple[str, str], dict[str, str]] = {p: {} for p in chunk}
            rows = [[NamedNode(p), NamedNode(w)] for p, w in chunk]
            for part, whole, graph, evidence in _plain(self._select("net-link-sources", ["part", "whole"], rows)):
                if (part, whole) in found:
                    _add(found[(part, whole)], graph, evidence)  # type: ignore[index]
            for p in chunk:
                self._links[p] = _listed(found[p])
        return {p: self._links[p] for p in asked}


def coarse(day: str, side: str) -> str:
    """An inferred period's first or last day as the year or month it stands for, so that a
    hop never shows a day the source did not state (``2017`` becomes 2017-01-01 .. 2017-12-31).

    >>> coarse("2017-01-01", "start"), coarse("2020-12-31", "end"), coarse("2016-06-01", "start")
    ('2017', '2020', '2016-06')
    >>> coarse("2009-01-31", "end"), coarse("2016-10-12", "start")
    ('2009-01', '2016-10-12')
    """
    import calendar

    year, _, rest = day.partition("-")
    month, _, date = rest.partition("-")
    if not (year.isdigit() and month.isdigit() and date.isdigit()):
        return day
    last = calendar.monthrange(int(year), int(month))[1]
    if side == "start" and date == "01":
        return year if month == "01" else f"{year}-{month}"
    if side == "end" and int(date) == last:
        return year if month == "12" else f"{year}-{month}"
    return day
