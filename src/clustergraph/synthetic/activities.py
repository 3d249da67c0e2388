"""What ties the organisations of a synthetic ecosystem: alliances, agreements with foreign
partners (preferential attachment), projects with coordinators and partners, partnering events
and missions."""

from __future__ import annotations

from collections.abc import Sequence

from ..namespaces import CG, SCHEMA, XSD
from .ecosystem import (
    END,
    EVIDENCE,
    LABEL,
    LAST_YEAR,
    LOCATION,
    PARTY,
    PURPOSE,
    SECTOR,
    START,
    TARGET,
    A,
    Ecosystem,
    Org,
    attach,
)
from .names import LANGUAGE, company_name
from .nquads import iri, lang, typed

AGREEMENT_LABEL = {
    "en": "Cooperation agreement between {a} and {b} ({year})",
    "de": "Kooperationsvereinbarung zwischen {a} und {b} ({year})",
    "it": "Accordo di cooperazione tra {a} e {b} ({year})",
    "fr": "Accord de coopération entre {a} et {b} ({year})",
    "es": "Acuerdo de cooperación entre {a} y {b} ({year})",
    "ja": "{a}と{b}の協力協定（{year}年）",
    "zh": "{a}与{b}合作协议（{year}年）",
}
EVENT_KINDS = (
    "Partnering Forum",
    "Investor Day",
    "Innovation Summit",
    "Matchmaking Days",
    "Cluster Conference",
    "Brokerage Event",
)
PROJECT_THEMES = (
    "Go International",
    "Market Access",
    "Clinical Bridge",
    "Digital Health Link",
    "MedTech Gateway",
    "Biomanufacturing Network",
    "Precision Medicine Alliance",
)


def write_alliances(eco: Ecosystem, n: int, clusters: Sequence[Org]) -> list[int]:
    """Alliances of cluster organisations; returns the preferential-attachment endpoints."""
    rng, w = eco.rng, eco.w
    endpoints: list[int] = []
    for i in range(n):
        node = f"{eco.base}alliance/{i}"
        s = iri(node)
        market = eco.market()
        stem = company_name(rng, "GB")[0].split(" ")[0]
        w.add(s, A, iri(CG + "Alliance"))
        w.add(s, LABEL, lang(f"{stem} Cluster Alliance", "en"))
        w.add(s, TARGET, iri(market.iri))
        w.add(s, EVIDENCE, eco.evidence)
        size = min(len(clusters), rng.randint(3, 12))
        members: list[int] = []
        while len(members) < size:
            c = attach(rng, endpoints, len(clusters))
            if c not in members:
                members.append(c)
        for k, c in enumerate(members):
            eco.membership(iri(clusters[c].iri), s, f"alliance-{i}/cluster-{c}", leader=k == 0)
        endpoints += members
    eco.count("alliances", n)
    return endpoints


def write_agreements(eco: Ecosystem, n: int, pool: Sequence[Org], endpoints: list[int]) -> None:
    """Agreements of an organisation with foreign partners, by preferential attachment."""
    rng, w = eco.rng, eco.w
    where = {o.iri: k for k, o in enumerate(pool)}
    for i in range(n):
        home = pool[attach(rng, endpoints, len(pool))]
        partners: list[Org] = []
        for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):
            for _ in range(10):
                cand = pool[attach(rng, endpoints, len(pool))]
                if cand.place.country != home.place.country and cand not in partners:
                    partners.append(cand)
                    break
        if not partners:
            market = eco.market(not_country=home.place.country)
            partners = [o for o in pool if o.place.country == market.country][:1]
        year, date = eco.date()
        s = iri(f"{eco.base}agreement/{i}")
        mou = rng.random() < 0.5
        w.add(s, A, iri(CG + ("MemorandumOfUnderstanding" if mou else "Agreement")))
        first = partners[0] if partners else home
        english = AGREEMENT_LABEL["en"].format(a=home.label, b=first.label, year=year)
        w.add(s, LABEL, lang(english, "en"))
        language = LANGUAGE.get(home.place.country)
        if language is not None and language in AGREEMENT_LABEL and language != "en":
            local = AGREEMENT_LABEL[language].format(a=home.local, b=first.label, year=year)
            w.add(s, LABEL, lang(local, language))
        w.add(s, PARTY, iri(home.iri))
        for p in partners:
            w.add(s, PARTY, iri(p.iri))
        w.add(s, START, date)
        w.add(s, LOCATION, iri(rng.choice((home, first)).place.iri))
        w.add(s, TARGET, iri(eco.countries[first.place.country].iri))
        w.add(s, PURPOSE, lang(f"help companies of each side enter the other's market ({first.place.label})", "en"))
        w.add(s, EVIDENCE, eco.evidence)
        endpoints.append(where[home.iri])
        endpoints.extend(where[p.iri] for p in partners)
    eco.count("agreements", n)


def write_projects(eco: Ecosystem, n: int, pool: Sequence[Org], endpoints: list[int], companies: int) -> None:
    rng, w = eco.rng, eco.w
    for i in range(n):
        coordinator = pool[attach(rng, endpoints, len(pool))]
        year, start = eco.date()
        end_year = year + rng.randint(2, 5)
        theme = rng.choice(PROJECT_THEMES)
        stem = company_name(rng, "GB")[0].split(" ")[0].upper()[:8]
        node = f"{eco.base}project/{i}"
        s = iri(node)
        w.add(s, A, iri(SCHEMA + "Project"))
        w.add(s, LABEL, lang(f"{stem} – {theme} ({year}-{end_year})", "en"))
        language = LANGUAGE.get(coordinator.place.country)
        if language in ("de", "it", "fr", "es"):
            word = {"de": "Projekt", "it": "Progetto", "fr": "Projet", "es": "Proyecto"}[language]
            w.add(s, LABEL, lang(f"{word} {stem} – {theme}", language))
        w.add(s, START, start)
        w.add(s, END, typed(str(min(end_year, LAST_YEAR + 5)), XSD + "gYear"))
        w.add(s, SECTOR, rng.choice(eco.sectors))
        if rng.random() < 0.6:
            w.add(s, TARGET, iri(eco.market(not_country=coordinator.place.country).iri))
        w.add(s, EVIDENCE, eco.evidence)
        eco.participation(iri(coordinator.iri), s, f"project-{i}/0", "Coordinator", start)
        for k in range(1, rng.randint(3, 9)):
            if rng.random() < 0.5 and companies:
                partner = iri(f"{eco.base}company/{rng.randrange(companies)}")
            else:
                partner = iri(pool[attach(rng, endpoints, len(pool))].iri)
            eco.participation(partner, s, f"project-{i}/{k}", "Partner")
    eco.count("projects", n)


def write_events(
    eco: Ecosystem,
    n: int,
    missions: int,
    clusters: Sequence[Org],
    pool: Sequence[Org],
    companies: int,
) -> None:
    rng, w = eco.rng, eco.w
    for i in range(n + missions):
        organiser = rng.choice(clusters)
        year, date = eco.date()
        if i < n:
            node = f"{eco.base}event/{i}"
            s = iri(node)
            kind = rng.choice(EVENT_KINDS)
            w.add(s, A, iri(SCHEMA + "Event"))
            w.add(s, LABEL, lang(f"{organiser.place.label} {kind} {year}", "en"))
            w.add(s, LOCATION, iri(organiser.place.iri))
            role = "Organiser"
        else:
            market = eco.market(not_country=organiser.place.country)
            node = f"{eco.base}mission/{i - n}"
            s = iri(node)
            w.add(s, A, iri(CG + "Mission"))
            w.add(s, LABEL, lang(f"Mission of {organiser.label} to {market.label} ({year})", "en"))
            w.add(s, TARGET, iri(market.iri))
            role = "Organiser"
        w.add(s, START, date)
        w.add(s, EVIDENCE, eco.evidence)
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
