"""A synthetic but realistic cluster ecosystem in clustergraph's own model, streamed as N-Quads.

The generator writes clusters (cluster organisations) in real reference places with a
heavy-tailed number of member companies, universities, market-entry services, alliances,
agreements with foreign partners (preferential attachment, so a few clusters become hubs),
projects with coordinators and partners, partnering events and missions, dated over two
decades (2005-2024) and labelled in the local language as well as English. Every record has
the shape the curated data has (``cg:Participation`` nodes for memberships and participations,
``cg:Agreement`` with ``cg:party``, ``cg:locatedIn`` places, ``cg:evidence`` on every stated
node: the shorthand that reading a file turns into per-statement provenance) and passes
``ontology/shapes.ttl`` once read.

All of it goes into one named graph, ``graph:synthetic/<seed>-<actors>``, described as synthetic
inside itself; resources get IRIs under ``id:synthetic/<seed>-<actors>/`` so a synthetic set never
mixes with the bundled data or with another synthetic set. Only the organisations that other
records point at (clusters, universities, services: about a tenth of the actors) are held in
memory; companies and every n-ary node are written as they are drawn. The same seed and size give
the same bytes.

>>> import io
>>> out = io.StringIO()
>>> report = generate(out, actors=100, seed=7)
>>> report.actors, report.quads == out.getvalue().count("\\n")
(100, True)
>>> synthetic_graph(7, 100)
'https://w3id.org/clustergraph/graph/synthetic/7-100'
>>> again = io.StringIO()
>>> _ = generate(again, actors=100, seed=7)
>>> again.getvalue() == out.getvalue()
True
"""

from __future__ import annotations

import itertools
import os
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from ..namespaces import CG, DCTERMS, GRAPH, ID, ORG, RDF, RDFS, SCHEMA, XSD
from .names import LANGUAGE, cluster_name, company_name, university_name
from .nquads import iri, lang, plain, typed
from .places import Place, reference

#: The smallest ecosystem the generator makes (a few of each kind of actor).
MIN_ACTORS = 20
#: The largest (about 10^7 quads).
MAX_ACTORS = 2_000_000

#: Markets foreign partners, missions and services aim at, most targeted first.
TOP_MARKETS = ("US", "CN", "JP", "DE", "GB", "FR", "CH", "KR", "IN", "SG", "CA", "AU", "BR",
               "IL", "NL", "SE", "IT", "ES", "DK", "BE", "AE", "SA", "MX", "TW", "ZA")

_FIRST_YEAR, _LAST_YEAR = 2005, 2024
_BUFFER_LINES = 20_000

# predicates, pre-written
_A = iri(RDF + "type")
_LABEL = iri(RDFS + "label")
_EVIDENCE = iri(CG + "evidence")
_LOCATED = iri(CG + "locatedIn")
_SECTOR = iri(CG + "sector")
_SERVES = iri(CG + "servesMarket")
_PURPOSE = iri(CG + "purpose")
_TARGET = iri(CG + "targetMarket")
_PARTY = iri(CG + "party")
_PARTICIPANT = iri(CG + "participant")
_PARTICIPATES = iri(CG + "participatesIn")
_ROLE = iri(CG + "role")
_START = iri(SCHEMA + "startDate")
_END = iri(SCHEMA + "endDate")
_LOCATION = iri(SCHEMA + "location")
_DESCRIPTION = iri(DCTERMS + "description")

_AGREEMENT_LABEL = {
    "en": "Cooperation agreement between {a} and {b} ({year})",
    "de": "Kooperationsvereinbarung zwischen {a} und {b} ({year})",
    "it": "Accordo di cooperazione tra {a} e {b} ({year})",
    "fr": "Accord de coopération entre {a} et {b} ({year})",
    "es": "Acuerdo de cooperación entre {a} y {b} ({year})",
    "ja": "{a}と{b}の協力協定（{year}年）",
    "zh": "{a}与{b}合作协议（{year}年）",
}
_EVENT_KINDS = ("Partnering Forum", "Investor Day", "Innovation Summit", "Matchmaking Days",
                "Cluster Conference", "Brokerage Event")
_PROJECT_THEMES = ("Go International", "Market Access", "Clinical Bridge", "Digital Health Link",
                   "MedTech Gateway", "Biomanufacturing Network", "Precision Medicine Alliance")


def synthetic_graph(seed: int, actors: int) -> str:
    """The named graph of a synthetic set: ``graph:synthetic/<seed>-<actors>``."""
    return f"{GRAPH}synthetic/{seed}-{actors}"


@dataclass
class GenerationReport:
    """What :func:`generate` wrote."""

    seed: int
    actors: int
    graph: str
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Org:
    """An organisation other records point at."""

    iri: str
    label: str
    local: str  # label in the local language (== label when there is none)
    place: Place


class _Writer:
    """Buffers N-Quads lines of one graph and writes them in large chunks."""

    def __init__(self, out: TextIO, graph: str) -> None:
        self.out = out
        self.tail = f" {iri(graph)} .\n"
        self.lines: list[str] = []
        self.count = 0

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}{self.tail}")
        if len(self.lines) >= _BUFFER_LINES:
            self.flush()

    def flush(self) -> None:
        self.count += len(self.lines)
        self.out.write("".join(self.lines))
        self.lines.clear()


class _Ecosystem:
    """The state of one generation: the random source, the places, the organisations."""

    def __init__(self, out: TextIO, actors: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed, self.actors = seed, actors
        self.base = f"{ID}synthetic/{seed}-{actors}/"
        self.graph = synthetic_graph(seed, actors)
        self.w = _Writer(out, self.graph)
        self.evidence = lang(f"synthetic record (seed {seed})", "en")
        self.counts: dict[str, int] = {}
        ref = reference()
        self.sectors = [iri(s) for s in ref.sectors]
        countries = {p.country: p for p in ref.countries}
        self.countries = countries
        markets = [countries[c] for c in TOP_MARKETS if c in countries]
        others = [p for p in ref.countries if p.country not in TOP_MARKETS]
        self.markets = markets + others
        self.market_cum = _zipf_cum(len(self.markets), 1.3)
        # home places of clusters: the reference regions first, then the big markets, then the
        # rest of the world; a seeded shuffle inside each tier, Zipf weights over the whole order
        tiers = [list(ref.regions), list(markets), list(others)]
        homes: list[Place] = []
        for tier in tiers:
            self.rng.shuffle(tier)
            homes += tier
        self.homes = homes
        self.home_cum = _zipf_cum(len(homes), 1.0)
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
        y = year if year is not None else rng.randint(_FIRST_YEAR, _LAST_YEAR)
        r = rng.random()
        if r < 0.4:
            return y, typed(str(y), XSD + "gYear")
        month = rng.randint(1, 12)
        if r < 0.7:
            return y, typed(f"{y}-{month:02d}", XSD + "gYearMonth")
        return y, typed(f"{y}-{month:02d}-{rng.randint(1, 28):02d}", XSD + "date")

    def labels(self, node: str, english: str, local: tuple[str, str] | None) -> None:
        self.w.add(node, _LABEL, lang(english, "en"))
        if local is not None and local[1] != "en":
            self.w.add(node, _LABEL, lang(local[0], local[1]))

    def organisation(
        self, node: str, cls: str, english: str, local: tuple[str, str] | None, place: Place
    ) -> None:
        w = self.w
        w.add(node, _A, iri(cls))
        self.labels(node, english, local)
        w.add(node, _LOCATED, iri(place.iri))
        w.add(node, _SECTOR, self.rng.choice(self.sectors))
        w.add(node, _EVIDENCE, self.evidence)

    def membership(self, member: str, organisation: str, key: str, leader: bool = False) -> None:
        w = self.w
        node = iri(f"{self.base}membership/{key}")
        w.add(node, _A, iri(CG + "Participation"))
        w.add(node, _PARTICIPANT, member)
        w.add(node, _PARTICIPATES, organisation)
        w.add(node, _ROLE, iri(CG + "Member"))
        if leader:
            w.add(node, _ROLE, iri(CG + "Leader"))
        w.add(node, _START, self.date()[1])
        w.add(node, _EVIDENCE, self.evidence)
        self.count("memberships")

    def participation(
        self, participant: str, activity: str, key: str, role: str, date: str | None = None
    ) -> None:
        w = self.w
        node = iri(f"{self.base}participation/{key}")
        w.add(node, _A, iri(CG + "Participation"))
        w.add(node, _PARTICIPANT, participant)
        w.add(node, _PARTICIPATES, activity)
        w.add(node, _ROLE, iri(CG + role))
        if date is not None:
            w.add(node, _START, date)
        w.add(node, _EVIDENCE, self.evidence)
        self.count("participations")


def _zipf_cum(n: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** exponent for i in range(n)))


def _attach(rng: random.Random, endpoints: Sequence[int], n: int) -> int:
    """Preferential attachment: an organisation picked in proportion to the links it has
    (three times in four), or any of the first ``n`` organisations (so newcomers get in)."""
    if not endpoints or rng.random() < 0.25:
        return rng.randrange(n)
    return endpoints[rng.randrange(len(endpoints))]


def _sizes(actors: int) -> dict[str, int]:
    clusters = max(2, actors // 20)
    universities = max(1, actors // 25)
    services = max(1, actors // 250)
    return {
        "clusters": clusters,
        "universities": universities,
        "services": services,
        "companies": actors - clusters - universities - services,
        "alliances": max(1, actors // 1000),
        "agreements": max(1, actors // 40),
        "projects": max(1, actors // 80),
        "events": max(1, actors // 200),
        "missions": max(1, actors // 400),
    }


def generate(
    out: TextIO, *, actors: int, seed: int, progress: Callable[[str], None] | None = None
) -> GenerationReport:
    """Write a synthetic ecosystem of ``actors`` organisations to ``out`` as N-Quads.

    Parameters
    ----------
    out : text stream
        Where the N-Quads lines go (UTF-8 when it is a file).
    actors : int
        Number of organisations (clusters, companies, universities, services), 20 to 2,000,000;
        about 11 quads each, all records included.
    seed : int
        The random seed (non-negative); the same seed and size give the same output.
    progress : callable, optional
        Called with a short text before each stage.

    Returns
    -------
    GenerationReport
        The graph, the number of quads and the count of each kind of record.

    Raises
    ------
    InputError
        If ``actors`` or ``seed`` is out of range.
    """
    if not MIN_ACTORS <= actors <= MAX_ACTORS:
        raise InputError(
            f"--actors must be between {MIN_ACTORS} and {MAX_ACTORS:,} (got {actors})"
        )
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed})")
    eco = _Ecosystem(out, actors, seed)
    sizes = _sizes(actors)
    step = progress or (lambda _: None)
    _describe_graph(eco)
    step("clusters, universities, services")
    clusters = _clusters(eco, sizes["clusters"])
    universities = _universities(eco, sizes["universities"], clusters)
    services = _services(eco, sizes["services"])
    step(f"{sizes['companies']:,} companies")
    _companies(eco, sizes["companies"], clusters)
    pool = clusters + universities + services
    step("alliances and agreements")
    endpoints = _alliances(eco, sizes["alliances"], clusters)
    _agreements(eco, sizes["agreements"], pool, endpoints)
    step("projects, events, missions")
    _projects(eco, sizes["projects"], pool, endpoints, sizes["companies"])
    _events(eco, sizes["events"], sizes["missions"], clusters, pool, sizes["companies"])
    eco.w.flush()
    return GenerationReport(seed, actors, eco.graph, eco.w.count, dict(sorted(eco.counts.items())))


def generate_file(
    path: str | Path, *, actors: int, seed: int, progress: Callable[[str], None] | None = None
) -> GenerationReport:
    """Write a synthetic ecosystem to an N-Quads file (atomically: a temporary file, renamed).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "eco.nq"
    >>> generate_file(target, actors=50, seed=1).quads == len(target.read_text().splitlines())
    True
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a folder; give a file name such as eco.nq")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such folder to write {target.name} into")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            report = generate(out, actors=actors, seed=seed, progress=progress)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return report


# --- the stages ------------------------------------------------------------------------


def _describe_graph(eco: _Ecosystem) -> None:
    w, g = eco.w, iri(eco.graph)
    title = f"Synthetic life-science cluster ecosystem (seed {eco.seed}, {eco.actors} actors)"
    w.add(g, _A, iri(CG + "Source"))
    w.add(g, _LABEL, lang(title, "en"))
    w.add(g, iri(DCTERMS + "title"), lang(title, "en"))
    w.add(g, _DESCRIPTION, lang(
        "SYNTHETIC data made by `clustergraph generate` for tests and benchmarks: the"
        " organisations, agreements, projects and events are invented (only the places are"
        " real reference places). Never mix it with the curated graph or cite it as fact.", "en"))
    w.add(g, iri(DCTERMS + "language"), plain("en"))
    w.add(g, iri(DCTERMS + "creator"), plain("clustergraph synthetic generator"))
    w.add(g, iri(CG + "sourceFile"),
          plain(f"clustergraph generate --actors {eco.actors} --seed {eco.seed}"))
    w.add(g, _EVIDENCE, eco.evidence)


def _clusters(eco: _Ecosystem, n: int) -> list[_Org]:
    out = []
    eco.cluster_ranks = []
    for i in range(n):
        place, rank = eco.home()
        eco.cluster_ranks.append(rank)
        english, local = cluster_name(eco.rng, place.country, place.label)
        node = f"{eco.base}cluster/{i}"
        eco.organisation(iri(node), CG + "ClusterOrganisation", english, local, place)
        out.append(_Org(node, english, local[0] if local else english, place))
    eco.count("clusters", n)
    return out


def _universities(eco: _Ecosystem, n: int, clusters: Sequence[_Org]) -> list[_Org]:
    out = []
    for i in range(n):
        host = eco.rng.choice(clusters)
        place = host.place
        english, local = university_name(eco.rng, place.country, place.label)
        node = f"{eco.base}university/{i}"
        eco.organisation(iri(node), CG + "University", english, local, place)
        number = host.iri.rsplit("/", 1)[1]
        eco.membership(iri(node), iri(host.iri), f"cluster-{number}/university-{i}")
        out.append(_Org(node, english, local[0] if local else english, place))
    eco.count("universities", n)
    return out


def _services(eco: _Ecosystem, n: int) -> list[_Org]:
    out = []
    w = eco.w
    for i in range(n):
        market = eco.market()
        english = f"{market.label} Market Entry Desk {i}"
        node = f"{eco.base}service/{i}"
        s = iri(node)
        w.add(s, _A, iri(ORG + "FormalOrganization"))
        w.add(s, _LABEL, lang(english, "en"))
        w.add(s, _LOCATED, iri(market.iri))
        w.add(s, _SERVES, iri(market.iri))
        w.add(s, _PURPOSE, lang(
            f"soft-landing, partnering and market-entry services for life-science companies"
            f" entering {market.label}", "en"))
        w.add(s, _EVIDENCE, eco.evidence)
        out.append(_Org(node, english, english, market))
    eco.count("services", n)
    return out


def _companies(eco: _Ecosystem, n: int, clusters: Sequence[_Org]) -> None:
    rng = eco.rng
    # heavy-tailed cluster sizes: Pareto weights, so a few clusters gather most members; the
    # clusters of the most frequent places weigh more, as the big hubs sit in the big regions
    cum = list(itertools.accumulate(
        min(rng.paretovariate(1.5), 200.0) / (1 + rank) ** 0.5 for rank in eco.cluster_ranks))
    total = cum[-1]
    for i in range(n):
        host = clusters[bisect(cum, rng.random() * total)]
        place = host.place
        if rng.random() >= 0.85:  # some members sit elsewhere in the country
            place = eco.countries.get(place.country, place)
        english, local = company_name(rng, place.country)
        node = iri(f"{eco.base}company/{i}")
        eco.organisation(node, CG + "Company", english, local, place)
        eco.membership(node, iri(host.iri), f"cluster-{host.iri.rsplit('/', 1)[1]}/company-{i}")
        if rng.random() < 0.08:  # a second cluster
            other = clusters[bisect(cum, rng.random() * total)]
            if other is not host:
                number = other.iri.rsplit("/", 1)[1]
                eco.membership(node, iri(other.iri), f"cluster-{number}/company-{i}")
    eco.count("companies", n)


def _alliances(eco: _Ecosystem, n: int, clusters: Sequence[_Org]) -> list[int]:
    """Alliances of cluster organisations; returns the preferential-attachment endpoints."""
    rng, w = eco.rng, eco.w
    endpoints: list[int] = []
    for i in range(n):
        node = f"{eco.base}alliance/{i}"
        s = iri(node)
        market = eco.market()
        stem = company_name(rng, "GB")[0].split(" ")[0]
        w.add(s, _A, iri(CG + "Alliance"))
        w.add(s, _LABEL, lang(f"{stem} Cluster Alliance", "en"))
        w.add(s, _TARGET, iri(market.iri))
        w.add(s, _EVIDENCE, eco.evidence)
        size = min(len(clusters), rng.randint(3, 12))
        members: list[int] = []
        while len(members) < size:
            c = _attach(rng, endpoints, len(clusters))
            if c not in members:
                members.append(c)
        for k, c in enumerate(members):
            eco.membership(iri(clusters[c].iri), s, f"alliance-{i}/cluster-{c}", leader=k == 0)
        endpoints += members
    eco.count("alliances", n)
    return endpoints


def _agreements(
    eco: _Ecosystem, n: int, pool: Sequence[_Org], endpoints: list[int]
) -> None:
    """Agreements of an organisation with foreign partners, by preferential attachment."""
    rng, w = eco.rng, eco.w
    where = {o.iri: k for k, o in enumerate(pool)}
    for i in range(n):
        home = pool[_attach(rng, endpoints, len(pool))]
        partners: list[_Org] = []
        for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):
            for _ in range(10):
                cand = pool[_attach(rng, endpoints, len(pool))]
                if cand.place.country != home.place.country and cand not in partners:
                    partners.append(cand)
                    break
        if not partners:
            market = eco.market(not_country=home.place.country)
            partners = [o for o in pool if o.place.country == market.country][:1]
        year, date = eco.date()
        s = iri(f"{eco.base}agreement/{i}")
        mou = rng.random() < 0.5
        w.add(s, _A, iri(CG + ("MemorandumOfUnderstanding" if mou else "Agreement")))
        first = partners[0] if partners else home
        english = _AGREEMENT_LABEL["en"].format(a=home.label, b=first.label, year=year)
        w.add(s, _LABEL, lang(english, "en"))
        language = LANGUAGE.get(home.place.country)
        if language is not None and language in _AGREEMENT_LABEL and language != "en":
            local = _AGREEMENT_LABEL[language].format(a=home.local, b=first.label, year=year)
            w.add(s, _LABEL, lang(local, language))
        w.add(s, _PARTY, iri(home.iri))
        for p in partners:
            w.add(s, _PARTY, iri(p.iri))
        w.add(s, _START, date)
        w.add(s, _LOCATION, iri(rng.choice((home, first)).place.iri))
        w.add(s, _TARGET, iri(eco.countries[first.place.country].iri))
        w.add(s, _PURPOSE, lang(
            f"help companies of each side enter the other's market ({first.place.label})", "en"))
        w.add(s, _EVIDENCE, eco.evidence)
        endpoints.append(where[home.iri])
        endpoints.extend(where[p.iri] for p in partners)
    eco.count("agreements", n)


def _projects(
    eco: _Ecosystem, n: int, pool: Sequence[_Org], endpoints: list[int], companies: int
) -> None:
    rng, w = eco.rng, eco.w
    for i in range(n):
        coordinator = pool[_attach(rng, endpoints, len(pool))]
        year, start = eco.date()
        end_year = year + rng.randint(2, 5)
        theme = rng.choice(_PROJECT_THEMES)
        stem = company_name(rng, "GB")[0].split(" ")[0].upper()[:8]
        node = f"{eco.base}project/{i}"
        s = iri(node)
        w.add(s, _A, iri(SCHEMA + "Project"))
        w.add(s, _LABEL, lang(f"{stem} – {theme} ({year}-{end_year})", "en"))
        language = LANGUAGE.get(coordinator.place.country)
        if language in ("de", "it", "fr", "es"):
            word = {"de": "Projekt", "it": "Progetto", "fr": "Projet", "es": "Proyecto"}[language]
            w.add(s, _LABEL, lang(f"{word} {stem} – {theme}", language))
        w.add(s, _START, start)
        w.add(s, _END, typed(str(min(end_year, _LAST_YEAR + 5)), XSD + "gYear"))
        w.add(s, _SECTOR, rng.choice(eco.sectors))
        if rng.random() < 0.6:
            w.add(s, _TARGET, iri(eco.market(not_country=coordinator.place.country).iri))
        w.add(s, _EVIDENCE, eco.evidence)
        eco.participation(iri(coordinator.iri), s, f"project-{i}/0", "Coordinator", start)
        for k in range(1, rng.randint(3, 9)):
            if rng.random() < 0.5 and companies:
                partner = iri(f"{eco.base}company/{rng.randrange(companies)}")
            else:
                partner = iri(pool[_attach(rng, endpoints, len(pool))].iri)
            eco.participation(partner, s, f"project-{i}/{k}", "Partner")
    eco.count("projects", n)


def _events(
    eco: _Ecosystem, n: int, missions: int, clusters: Sequence[_Org], pool: Sequence[_Org],
    companies: int,
) -> None:
    rng, w = eco.rng, eco.w
    for i in range(n + missions):
        organiser = rng.choice(clusters)
        year, date = eco.date()
        if i < n:
            node = f"{eco.base}event/{i}"
            s = iri(node)
            kind = rng.choice(_EVENT_KINDS)
            w.add(s, _A, iri(SCHEMA + "Event"))
            w.add(s, _LABEL, lang(f"{organiser.place.label} {kind} {year}", "en"))
            w.add(s, _LOCATION, iri(organiser.place.iri))
            role = "Organiser"
        else:
            market = eco.market(not_country=organiser.place.country)
            node = f"{eco.base}mission/{i - n}"
            s = iri(node)
            w.add(s, _A, iri(CG + "Mission"))
            w.add(s, _LABEL, lang(f"Mission of {organiser.label} to {market.label} ({year})", "en"))
            w.add(s, _TARGET, iri(market.iri))
            role = "Organiser"
        w.add(s, _START, date)
        w.add(s, _EVIDENCE, eco.evidence)
        key = node.rsplit("/", 2)
        tag = f"{key[1]}-{key[2]}"
        eco.participation(iri(organiser.iri), s, f"{tag}/0", role)
        for k in range(1, rng.randint(4, 16)):
            if rng.random() < 0.7 and companies:
                who = iri(f"{eco.base}company/{rng.randrange(companies)}")
            else:
                who = iri(rng.choice(pool).iri)
            eco.participation(who, s, f"{tag}/{k}", "Participant")
    eco.count("events", n)
    eco.count("missions", missions)
