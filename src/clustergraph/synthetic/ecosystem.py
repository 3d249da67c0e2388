"""The state of one synthetic generation: the random source, places, the writer, the helpers
that write an organisation, a membership or a participation, and the predicates they use."""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from ..namespaces import CG, DCTERMS, GRAPH, ID, RDF, RDFS, SCHEMA, XSD
from .nquads import iri, lang, typed
from .places import Place, reference

#: Markets foreign partners, missions and services aim at, most targeted first.
TOP_MARKETS = (
    "US",
    "CN",
    "JP",
    "DE",
    "GB",
    "FR",
    "CH",
    "KR",
    "IN",
    "SG",
    "CA",
    "AU",
    "BR",
    "IL",
    "NL",
    "SE",
    "IT",
    "ES",
    "DK",
    "BE",
    "AE",
    "SA",
    "MX",
    "TW",
    "ZA",
)

FIRST_YEAR, LAST_YEAR = 2005, 2024
BUFFER_LINES = 20_000

# predicates, pre-written
A = iri(RDF + "type")
LABEL = iri(RDFS + "label")
EVIDENCE = iri(CG + "evidence")
LOCATED = iri(CG + "locatedIn")
SECTOR = iri(CG + "sector")
SERVES = iri(CG + "servesMarket")
PURPOSE = iri(CG + "purpose")
TARGET = iri(CG + "targetMarket")
PARTY = iri(CG + "party")
PARTICIPANT = iri(CG + "participant")
PARTICIPATES = iri(CG + "participatesIn")
ROLE = iri(CG + "role")
START = iri(SCHEMA + "startDate")
END = iri(SCHEMA + "endDate")
LOCATION = iri(SCHEMA + "location")
DESCRIPTION = iri(DCTERMS + "description")


def synthetic_graph(seed: int, actors: int) -> str:
    """The named graph of a synthetic set: ``graph:synthetic/<seed>-<actors>``."""
    return f"{GRAPH}synthetic/{seed}-{actors}"


@dataclass(frozen=True)
class Org:
    """An organisation other records point at."""

    iri: str
    label: str
    local: str  # label in the local language (== label when there is none)
    place: Place


class Writer:
    """Buffers N-Quads lines of one graph and writes them in large chunks."""

    def __init__(self, out: TextIO, graph: str) -> None:
        self.out = out
        self.tail = f" {iri(graph)} .\n"
        self.lines: list[str] = []
        self.count = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}{self.tail}")
        if len(self.lines) >= BUFFER_LINES:
            self.flush()

    def flush(self) -> None:
        self.count += len(self.lines)
        self.out.write("".join(self.lines))
        self.lines.clear()


class Ecosystem:
    """The state of one generation: the random source, the places, the organisations."""

    def __init__(self, out: TextIO, actors: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed, self.actors = seed, actors
        self.base = f"{ID}synthetic/{seed}-{actors}/"
        self.graph = synthetic_graph(seed, actors)
        self.w = Writer(out, self.graph)
        self.evidence = lang(f"synthetic record (seed {seed})", "en")
        self.counts: dict[str, int] = {}
        ref = reference()
        self.sectors = [iri(s) for s in ref.sectors]
        countries = {p.country: p for p in ref.countries}
        self.countries = countries
        markets = [countries[c] for c in TOP_MARKETS if c in countries]
        others = [p for p in ref.countries if p.country not in TOP_MARKETS]
        self.markets = markets + others
        self.market_cum = zipf_cum(len(self.markets), 1.3)
        # home places of clusters: the reference regions first, then the big markets, then the
        # rest of the world; a seeded shuffle inside each tier, Zipf weights over the whole order
        tiers = [list(ref.regions), list(markets), list(others)]
        homes: list[Place] = []
        for tier in tiers:
            self.rng.shuffle(tier)
            homes += tier
        self.homes = homes
        self.home_cum = zipf_cum(len(homes), 1.0)
        self.cluster_ranks: list[int] = []

    # --- small helpers -------------------------------------------------------------------
    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def home(self) -> tuple[Place, int]:
        """A home place for a cluster, and its rank (0: the most frequent)."""
        rank = bisect(self.home_cum, self.rng.random() * self.home_cum[-1])
        return self.homes[rank], rank

    def market(self, not_country: str | None = None) -> Place:
        for _ in range(20):
            place = self.markets[bisect(self.market_cum, self.rng.random() * self.market_cum[-1])]
            if place.country != not_country:
                return place
        return self.markets[0] if self.markets[0].country != not_country else self.markets[1]

    def date(self, year: int | None = None) -> tuple[int, str]:
        """A year and a date literal at year, month or day precision."""
        rng = self.rng
        y = year if year is not None else rng.randint(FIRST_YEAR, LAST_YEAR)
        r = rng.random()
        if r < 0.4:
            return y, typed(str(y), XSD + "gYear")
        month = rng.randint(1, 12)
        if r < 0.7:
            return y, typed(f"{y}-{month:02d}", XSD + "gYearMonth")
        return y, typed(f"{y}-{month:02d}-{rng.randint(1, 28):02d}", XSD + "date")

    def labels(self, node: str, english: str, local: tuple[str, str] | None) -> None:
        self.w.add(node, LABEL, lang(english, "en"))
        if local is not None and local[1] != "en":
            self.w.add(node, LABEL, lang(local[0], local[1]))

    def organisation(self, node: str, cls: str, english: str, local: tuple[str, str] | None, place: Place) -> None:
        w = self.w
        w.add(node, A, iri(cls))
        self.labels(node, english, local)
        w.add(node, LOCATED, iri(place.iri))
        w.add(node, SECTOR, self.rng.choice(self.sectors))
        w.add(node, EVIDENCE, self.evidence)

    def membership(self, member: str, organisation: str, key: str, leader: bool = False) -> None:
        w = self.w
        node = iri(f"{self.base}membership/{key}")
        w.add(node, A, iri(CG + "Participation"))
        w.add(node, PARTICIPANT, member)
        w.add(node, PARTICIPATES, organisation)
        w.add(node, ROLE, iri(CG + "Member"))
        if leader:
            w.add(node, ROLE, iri(CG + "Leader"))
        w.add(node, START, self.date()[1])
        w.add(node, EVIDENCE, self.evidence)
        self.count("memberships")

    def participation(self, participant: str, activity: str, key: str, role: str, date: str | None = None) -> None:
        w = self.w
        node = iri(f"{self.base}participation/{key}")
        w.add(node, A, iri(CG + "Participation"))
        w.add(node, PARTICIPANT, participant)
        w.add(node, PARTICIPATES, activity)
        w.add(node, ROLE, iri(CG + role))
        if date is not None:
            w.add(node, START, date)
        w.add(node, EVIDENCE, self.evidence)
        self.count("participations")


def zipf_cum(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** exponent for i in range(n)))


def attach(rng: random.Random, endpoints: Sequence[int], n: int) -> int:
    """Preferential attachment: an organisation picked in proportion to the links it has
    (three times in four), or any of the first ``n`` organisations (so newcomers get in)."""
    if not endpoints or rng.random() < 0.25:
        return rng.randrange(n)
    return endpoints[rng.randrange(len(endpoints))]
