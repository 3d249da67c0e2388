"""A synthetic but realistic cluster ecosystem in clustergraph's own model, streamed as N-Quads.

The generator writes clusters (cluster organisations) in real reference places with a
heavy-tailed number of member companies, universities, market-entry services, alliances,
agreements with foreign partners (preferential attachment, so a few clusters become hubs),
projects with coordinators and partners, partnering events and missions, dated over two
decades (2005-2024) and labelled in the local language as well as English. Every record has
the shape the curated data has (``cg:Participation`` nodes for memberships and participations,
``cg:Agreement`` with ``cg:party``, ``cg:locatedIn`` places, ``cg:evidence`` on every stated
node) and passes ``ontology/shapes.ttl``.

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
>>> report.graph
'https://w3id.org/clustergraph/graph/synthetic/7-100'
>>> again = io.StringIO()
>>> _ = generate(again, actors=100, seed=7)
>>> again.getvalue() == out.getvalue()
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from ..namespaces import CG, DCTERMS
from .activities import write_agreements, write_alliances, write_events, write_projects
from .actors import write_clusters, write_companies, write_services, write_universities
from .ecosystem import DESCRIPTION, EVIDENCE, LABEL, A, Ecosystem
from .nquads import iri, lang, plain

#: The smallest ecosystem the generator makes (a few of each kind of actor).
MIN_ACTORS = 20
#: The largest (about 10^7 quads).
MAX_ACTORS = 2_000_000


@dataclass
class GenerationReport:
    """What :func:`generate` wrote."""

    seed: int
    actors: int
    graph: str
    quads: int = 0
    counts: dict[str, int] = field(default_factory=dict)


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


def generate(out: TextIO, *, actors: int, seed: int, progress: Callable[[str], None] | None = None) -> GenerationReport:
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
        raise InputError(f"--actors must be between {MIN_ACTORS} and {MAX_ACTORS:,} (got {actors})")
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (got {seed})")
    eco = Ecosystem(out, actors, seed)
    sizes = _sizes(actors)
    step = progress or (lambda _: None)
    _describe_graph(eco)
    step("clusters, universities, services")
    clusters = write_clusters(eco, sizes["clusters"])
    universities = write_universities(eco, sizes["universities"], clusters)
    services = write_services(eco, sizes["services"])
    step(f"{sizes['companies']:,} companies")
    write_companies(eco, sizes["companies"], clusters)
    pool = clusters + universities + services
    step("alliances and agreements")
    endpoints = write_alliances(eco, sizes["alliances"], clusters)
    write_agreements(eco, sizes["agreements"], pool, endpoints)
    step("projects, events, missions")
    write_projects(eco, sizes["projects"], pool, endpoints, sizes["companies"])
    write_events(eco, sizes["events"], sizes["missions"], clusters, pool, sizes["companies"])
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


def _describe_graph(eco: Ecosystem) -> None:
    w, g = eco.w, iri(eco.graph)
    title = f"Synthetic life-science cluster ecosystem (seed {eco.seed}, {eco.actors} actors)"
    w.add(g, A, iri(CG + "Source"))
    w.add(g, LABEL, lang(title, "en"))
    w.add(g, iri(DCTERMS + "title"), lang(title, "en"))
    w.add(
        g,
        DESCRIPTION,
        lang(
            "SYNTHETIC data made by `clustergraph generate` for tests and benchmarks: the"
            " organisations, agreements, projects and events are invented (only the places are"
            " real reference places). Never mix it with the curated graph or cite it as fact.",
            "en",
        ),
    )
    w.add(g, iri(DCTERMS + "language"), plain("en"))
    w.add(g, iri(DCTERMS + "creator"), plain("clustergraph synthetic generator"))
    w.add(g, iri(CG + "sourceFile"), plain(f"clustergraph generate --actors {eco.actors} --seed {eco.seed}"))
    w.add(g, EVIDENCE, eco.evidence)
