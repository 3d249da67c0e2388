"""The organisations of a synthetic ecosystem: clusters, universities, market-entry services
and companies (heavy-tailed cluster sizes)."""

from __future__ import annotations

import itertools
from bisect import bisect
from collections.abc import Sequence

from ..namespaces import CG, ORG
from .ecosystem import EVIDENCE, LABEL, LOCATED, PURPOSE, SERVES, A, Ecosystem, Org
from .names import cluster_name, company_name, university_name
from .nquads import iri, lang


def write_clusters(eco: Ecosystem, n: int) -> list[Org]:
    out = []
    eco.cluster_ranks = []
    for i in range(n):
        place, rank = eco.home()
        eco.cluster_ranks.append(rank)
        english, local = cluster_name(eco.rng, place.country, place.label)
        node = f"{eco.base}cluster/{i}"
        eco.organisation(iri(node), CG + "ClusterOrganisation", english, local, place)
        out.append(Org(node, english, local[0] if local else english, place))
    eco.count("clusters", n)
    return out


def write_universities(eco: Ecosystem, n: int, clusters: Sequence[Org]) -> list[Org]:
    out = []
    for i in range(n):
        host = eco.rng.choice(clusters)
        place = host.place
        english, local = university_name(eco.rng, place.country, place.label)
        node = f"{eco.base}university/{i}"
        eco.organisation(iri(node), CG + "University", english, local, place)
        number = host.iri.rsplit("/", 1)[1]
        eco.membership(iri(node), iri(host.iri), f"cluster-{number}/university-{i}")
        out.append(Org(node, english, local[0] if local else english, place))
    eco.count("universities", n)
    return out


def write_services(eco: Ecosystem, n: int) -> list[Org]:
    out = []
    w = eco.w
    for i in range(n):
        market = eco.market()
        english = f"{market.label} Market Entry Desk {i}"
        node = f"{eco.base}service/{i}"
        s = iri(node)
        w.add(s, A, iri(ORG + "FormalOrganization"))
        w.add(s, LABEL, lang(english, "en"))
        w.add(s, LOCATED, iri(market.iri))
        w.add(s, SERVES, iri(market.iri))
        w.add(
            s,
            PURPOSE,
            lang(
                f"soft-landing, partnering and market-entry services for life-science companies"
                f" entering {market.label}",
                "en",
            ),
        )
        w.add(s, EVIDENCE, eco.evidence)
        out.append(Org(node, english, english, market))
    eco.count("services", n)
    return out


def write_companies(eco: Ecosystem, n: int, clusters: Sequence[Org]) -> None:
    rng = eco.rng
    # heavy-tailed cluster sizes: Pareto weights, so a few clusters gather most members; the
    # clusters of the most frequent places weigh more, as the big hubs sit in the big regions
    cum = list(
        itertools.accumulate(min(rng.paretovariate(1.5), 200.0) / (1 + rank) ** 0.5 for rank in eco.cluster_ranks)
    )
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
