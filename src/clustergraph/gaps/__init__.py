"""Gaps in the network: coverage, brokerage, missing links and fragmentation.

>>> from clustergraph.network.example import example_store
>>> gap_report(example_store(), market="JP").cell("Alpha Cluster", "Japan").entry_actors
['Osaka Partner']
"""

from __future__ import annotations

from .brokers import Bridge, Broker, Piece, brokers
from .coverage import CoverageCell, Home, coverage, homes_of, markets_of
from .fragmentation import Community, CommunityBridge, Component, Fragmentation, fragmentation
from .links import MissingLink, missing_links
from .report import GapReport, gap_report

__all__ = [
    "Bridge",
    "Broker",
    "Community",
    "CommunityBridge",
    "Component",
    "CoverageCell",
    "Fragmentation",
    "GapReport",
    "Home",
    "MissingLink",
    "Piece",
    "brokers",
    "coverage",
    "fragmentation",
    "gap_report",
    "homes_of",
    "markets_of",
    "missing_links",
]
