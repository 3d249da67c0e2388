"""Invented CORDIS downloads, in the official layout, for benchmarks at 10^5-10^6 participations.

:func:`write_cordis` writes ``project.csv`` and ``organization.csv`` as CORDIS publishes them
(the columns of the HORIZON download, ``;``-separated, every field quoted, decimal commas,
country codes EL and UK, NUTS codes that are sometimes only a country or empty, ``lat,lon``
geolocations, the programme's role words) with invented names, so that ``clustergraph import
cordis`` meets every quirk of the real files. Organisations take part in projects with a
heavy-tailed frequency, as in the real data. Nothing here describes a real project.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp()) / "cordis-HORIZONprojects-csv"
>>> report = write_cordis(folder, participations=200, seed=1)
>>> report.participations, (folder / "organization.csv").read_text(encoding="utf-8")[:14]
(200, '"projectID";"p')
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

PROJECT_COLUMNS = [
    "id", "acronym", "status", "title", "startDate", "endDate", "totalCost", "ecMaxContribution", "legalBasis",
    "topics", "ecSignatureDate", "frameworkProgramme", "masterCall", "subCall", "fundingScheme", "nature",
    "objective", "contentUpdateDate", "rcn", "grantDoi",
]
ORGANISATION_COLUMNS = [
    "projectID", "projectAcronym", "organisationID", "vatNumber", "name", "shortName", "SME", "activityType",
    "street", "postCode", "city", "country", "nutsCode", "geolocation", "organizationURL", "contactForm",
    "contentUpdateDate", "rcn", "order", "role", "ecContribution", "netEcContribution", "totalCost",
    "endOfParticipation", "active",
]
# CORDIS country codes (EL, UK as CORDIS writes them), their NUTS 1 codes and a point inside.
_COUNTRIES = [
    ("DE", ["DE1", "DE2", "DE7", "DEA", "DE3"], (51.0, 10.0)), ("FR", ["FR1", "FRK", "FRL", "FRJ"], (46.6, 2.4)),
    ("ES", ["ES5", "ES3", "ES2", "ES6"], (40.2, -3.7)), ("IT", ["ITC", "ITH", "ITI", "ITF"], (42.8, 12.5)),
    ("NL", ["NL3", "NL4", "NL2"], (52.2, 5.3)), ("BE", ["BE1", "BE2", "BE3"], (50.6, 4.6)),
    ("EL", ["EL3", "EL4", "EL5"], (39.1, 22.9)), ("UK", ["UKI", "UKJ", "UKM"], (52.8, -1.6)),
    ("PL", ["PL9", "PL2", "PL4"], (52.1, 19.4)), ("SE", ["SE1", "SE2"], (60.1, 15.6)),
    ("PT", ["PT1"], (39.6, -8.0)), ("EE", ["EE0"], (58.7, 25.5)), ("DK", ["DK0"], (56.0, 9.5)),
    ("AT", ["AT1", "AT2", "AT3"], (47.6, 14.1)), ("FI", ["FI1"], (64.5, 26.0)),
    ("US", [], (39.8, -98.6)), ("IL", [], (31.4, 35.0)), ("NO", [], (61.4, 8.8)), ("GE", [], (42.2, 43.5)),
]
_KINDS = ["HES", "REC", "PRC", "PUB", "OTH"]
_FORMS = {"DE": "GMBH", "FR": "SAS", "ES": "SL", "IT": "SRL", "NL": "BV", "BE": "SRL", "EL": "AE", "UK": "LTD",
          "PL": "SP ZOO", "SE": "AB", "PT": "LDA", "EE": "OU", "DK": "APS", "AT": "GMBH", "FI": "OY",
          "US": "INC", "IL": "LTD", "NO": "AS", "GE": "LLC"}
_WORDS = ["NOVA", "GENE", "BIO", "THERA", "MEDI", "CYTO", "VITA", "NEURO", "ONCO", "IMMU", "AXO", "LUMI",
          "SANA", "CURA", "HELIX", "ORGA", "VAX", "DERMA", "CARDIO", "QUANTA", "TERRA", "AQUA", "SOLAR", "AGRO"]
_OTHER_ROLES = ["participant", "thirdParty", "associatedPartner"]
_OTHER_WEIGHTS = [6, 2, 1]


@dataclass
class CordisReport:
    """What :func:`write_cordis` wrote."""

    folder: Path
    projects: int
    organisations: int
    participations: int


def _amount(rng: random.Random, low: int, high: int) -> str:
    cents = rng.randrange(0, 100) if rng.random() < 0.4 else 0
    whole = rng.randrange(low, high)
    return f"{whole},{cents:02d}" if cents else str(whole)


def _organisation(rng: random.Random, pic: int) -> list[str]:
    code, regions, (lat, lon) = _COUNTRIES[min(int(rng.paretovariate(1.2)) - 1, len(_COUNTRIES) - 1)]
    kind = rng.choice(_KINDS)
    stem = rng.choice(_WORDS) + rng.choice(_WORDS).lower()
    word = {"HES": "UNIVERSITY OF", "REC": "INSTITUTE FOR", "PUB": "AGENCY FOR"}.get(kind)
    number = rng.randrange(1, 999)
    name = f"{word} {stem.upper()} {number}" if word else f"{stem.upper()} {number} {_FORMS[code]}"
    r = rng.random()
    if r < 0.12 or not regions:
        nuts = code  # only the country, as CORDIS often gives
    elif r < 0.15:
        nuts = ""
    else:
        nuts = rng.choice(regions) + rng.choice("12345") + str(rng.randrange(1, 9))
    geo = "" if rng.random() < 0.05 else f"{lat + rng.uniform(-1.5, 1.5):.7f},{lon + rng.uniform(-1.5, 1.5):.7f}"
    return [
        str(pic), "", name, stem[:6].upper() if rng.random() < 0.6 else "",
        "true" if kind == "PRC" and rng.random() < 0.5 else "false",
        kind, "", "", f"CITY{rng.randrange(1, 400)}", code, nuts, geo,
        f"http://www.{stem.lower()}{pic}.example" if rng.random() < 0.5 else "",
    ]


def write_cordis(folder: str | Path, *, participations: int = 100_000, seed: int = 7) -> CordisReport:
    """Write an invented HORIZON download of about ``participations`` rows into ``folder``."""
    rng = random.Random(seed)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    n_projects = max(1, participations // 8)
    n_orgs = max(2, participations // 5)
    orgs: dict[int, list[str]] = {}
    quote = {"delimiter": ";", "quoting": csv.QUOTE_ALL, "lineterminator": "\n"}
    with (out / "project.csv").open("w", encoding="utf-8", newline="") as pf, \
         (out / "organization.csv").open("w", encoding="utf-8", newline="") as of:
        projects, rows = csv.writer(pf, **quote), csv.writer(of, **quote)  # type: ignore[arg-type]
        projects.writerow(PROJECT_COLUMNS)
        rows.writerow(ORGANISATION_COLUMNS)
        written = 0
        for p in range(n_projects):
            grant = 101_000_000 + p
            acronym = f"{rng.choice(_WORDS)}{rng.choice(_WORDS).lower()}-{p}"
            year = rng.randrange(2021, 2027)
            start = f"{year}-{rng.randrange(1, 13):02d}-01"
            end = f"{year + rng.randrange(2, 6)}-{rng.randrange(1, 13):02d}-28"
            call = f"HORIZON-CL{rng.randrange(1, 7)}-{year - 1}-{rng.randrange(1, 9):02d}"
            updated = f"{year - 1}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d} 12:00:00"
            size = participations - written if p == n_projects - 1 else max(1, min(int(rng.expovariate(1 / 8)) + 1, 60))
            size = min(size, participations - written)
            if size <= 0:
                break
            projects.writerow([
                grant, acronym, rng.choice(["SIGNED", "CLOSED"]), f"Invented project {acronym} for benchmarks",
                start, end, _amount(rng, 100_000, 9_000_000), _amount(rng, 100_000, 6_000_000), "HORIZON.2.1",
                call + "-TOPIC", f"{year - 1}-12-15", "HORIZON", call, call, "HORIZON-RIA", "",
                "An invented objective.", updated, 900_000 + p, f"10.3030/{grant}",
            ])
            members = set()
            for order in range(1, size + 1):
                pic = 880_000_000 + min(int(rng.paretovariate(0.9)), n_orgs)  # heavy-tailed: a few take part often
                while pic in members:
                    pic = 880_000_000 + rng.randrange(1, n_orgs + 1)
                members.add(pic)
                org = orgs.setdefault(pic, _organisation(rng, pic))
                role = "coordinator" if order == 1 else rng.choices(_OTHER_ROLES, _OTHER_WEIGHTS)[0]
                ec = _amount(rng, 0, 2_000_000)
                rows.writerow([
                    grant, acronym, org[0], "", org[2], org[3], org[4], org[5], org[6], org[7], org[8], org[9],
                    org[10], org[11], org[12], "", updated, 950_000 + written, order, role, ec, ec,
                    _amount(rng, 0, 2_500_000), "false", "true",
                ])
                written += 1
    return CordisReport(out, n_projects, len(orgs), written)
