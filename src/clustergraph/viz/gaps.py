"""The gap overlay of the network page: suggested links, brokers, unreached markets.

It is read from a :class:`clustergraph.gaps.GapReport` and refers to the page's node numbers
(see :mod:`clustergraph.viz.data`).

>>> from clustergraph.gaps import gap_report
>>> from clustergraph.network import project
>>> from clustergraph.network.example import example_store
>>> from clustergraph.viz.data import network_data
>>> store = example_store()
>>> data = network_data(project(store))
>>> overlay = gap_overlay(gap_report(store), data)
>>> sorted(b["label"] for b in overlay["brokers"] if b["articulation_point"])
['Alpha Cluster', 'Beta Cluster']
>>> [m["market"] for m in overlay["unreached"] if m["homes_total"] == len(m["homes"])][:1]
['Brazil']
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..gaps.report import GapReport


def gap_overlay(report: GapReport, data: dict[str, Any]) -> dict[str, Any]:
    """Suggested links, brokers and unreached markets, by the page's node numbers.

    Parameters
    ----------
    report : GapReport
        From :func:`clustergraph.gaps.gap_report` (same relations and year as ``data``).
    data : dict
        From :func:`clustergraph.viz.data.network_data`.

    Returns
    -------
    dict
        ``suggested``: ``{from, to, title}`` per missing link (resource allocation ranking first,
        then pairs with complementary markets); ``brokers``: ``{id, label, betweenness,
        articulation_point, cut_off}``; ``unreached``: per market, the homes with no entry path
        (``homes``) out of ``homes_total``, markets no home reaches first; ``notes``.
    """
    ids = {node["iri"]: node["id"] for node in data["nodes"]}
    suggested = []
    seen: set[tuple[int, int]] = set()
    rankings = (("shared partners", report.missing_links), ("complementary markets", report.complementary_links))
    for kind, links in rankings:
        for link in links:
            if link.a not in ids or link.b not in ids:
                continue
            pair = (min(ids[link.a], ids[link.b]), max(ids[link.a], ids[link.b]))
            if pair in seen:
                continue
            seen.add(pair)
            through = ", ".join(link.shared_neighbours[:4])
            why = f"suggested link ({kind}): {link.a_label} — {link.b_label}; through {through}"
            if link.a_brings or link.b_brings:
                a_adds, b_adds = ", ".join(link.a_brings) or "—", ", ".join(link.b_brings) or "—"
                why += f"; {link.a_label} adds {a_adds}, {link.b_label} adds {b_adds}"
            suggested.append({"from": pair[0], "to": pair[1], "title": why})
    brokers = [
        {
            "id": ids[b.actor],
            "label": b.label,
            "betweenness": b.betweenness,
            "articulation_point": b.articulation_point,
            "cut_off": b.cut_off_text(),
        }
        for b in report.brokers
        if b.actor in ids
    ]
    missing: dict[str, list[str]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for cell in report.coverage:
        totals[cell.market_label] += 1
        if cell.paths == 0:
            missing[cell.market_label].append(cell.home_label)
    ordered = sorted(missing, key=lambda m: (-len(missing[m]) / max(totals[m], 1), m))
    unreached = [{"market": m, "homes": sorted(missing[m]), "homes_total": totals[m]} for m in ordered]
    return {"suggested": suggested, "brokers": brokers, "unreached": unreached, "notes": list(report.notes)}
