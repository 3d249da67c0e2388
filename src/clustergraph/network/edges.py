"""The edges of the two projected graphs, computed on arrays from the kept ties.

Affiliation graph (bipartite)
    One edge per actor and what it is tied to (alliance, project, event, agreement, or another
    actor for a unit or an acting alliance): strength and relation of its strongest tie. Plus one
    edge per part-of link (a sub-event and its event, ...), strength 0.9.
Actor graph
    Two actors are joined when they share an affiliation: both tied to it, or one to it and the
    other to a part of it (a sub-event of the event, an activity in the context of the project).
    Members of an ordinary organisation (the companies of a cluster organisation) are joined to
    it, not to each other (a star, not a clique, which would grow with the square of the
    membership); members of a collaboration (alliance, cluster) are joined to it and to each
    other. An edge's **weight** sums, over the affiliations it goes through, the strength of the
    weaker of the two ties (the strongest such pair when there are several); its relations are
    every relation type it carries; its years span the years of its ties.

>>> import numpy as np
>>> pairs = _group_pairs(np.array([5, 5, 7]), np.array([5, 5, 5, 7]))
>>> [p.tolist() for p in pairs]
[[0, 0, 0, 1, 1, 1, 2], [0, 1, 2, 0, 1, 2, 3]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .csr import CSRGraph, Ints
from .relations import PART_STRENGTH
from .ties import STRENGTHS

#: The links between affiliations, by code.
LINK_KINDS: tuple[str, ...] = ("sub-event", "in context of", "signed at", "continues")


@dataclass
class AffiliationEdges:
    """The bipartite graph: tie edges first, then link edges."""

    graph: CSRGraph
    strength: npt.NDArray[np.float64]
    relation: npt.NDArray[np.int8]  # relation code of a tie edge; -1 - link code for a link edge
    year: npt.NDArray[np.int16]  # latest year of the edge's strongest tie (0 when undated or a link)
    tie_ptr: Ints  # edge e's ties are tie_ids[tie_ptr[e]:tie_ptr[e+1]] (none for links)
    tie_ids: Ints
    link_part: Ints  # for link edges (index e - ties): the part's node id (-1 for tie edges)


@dataclass
class ActorEdges:
    """The actor graph, with what every edge goes through."""

    graph: CSRGraph
    weight: npt.NDArray[np.float64]
    relations: npt.NDArray[np.int16]  # bit r set: the edge carries relation code r
    start: npt.NDArray[np.int16]  # 0 when no tie is dated
    end: npt.NDArray[np.int16]
    via_ptr: Ints  # edge e goes through via_ids[via_ptr[e]:via_ptr[e+1]] (node ids)
    via_ids: Ints
    tie_ptr: Ints  # and rests on tie_ids[tie_ptr[e]:tie_ptr[e+1]]
    tie_ids: Ints


def _ptr(groups: Ints, count: int) -> Ints:
    ptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(groups, minlength=count), out=ptr[1:])
    return ptr


def affiliation_edges(
    n: int,
    actor: Ints,
    target: Ints,
    relation: Ints,
    years: Ints,
    tie_index: Ints,
    links: list[tuple[int, int, int]],
) -> AffiliationEdges:
    """The bipartite graph of kept ties ``(actor[i], target[i], relation[i])`` (``years[i]`` the
    latest year of each, ``tie_index[i]`` their ids) and links ``(part, whole, link code)`` on
    ``n`` nodes."""
    key = actor * n + target
    order = np.argsort(key, kind="stable")  # the ties of each edge, in table order
    key_sorted = key[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = key_sorted[1:] != key_sorted[:-1]
    edge_of = np.cumsum(first) - 1
    heads = order[first]
    u, v = actor[heads], target[heads]
    # the relation of an edge: its strongest tie's, the first in table order among equals
    tie_strength = STRENGTHS[relation] if len(relation) else np.zeros(0)
    strongest = np.lexsort((np.arange(len(key)), -tie_strength, key))
    rel = relation[strongest[first]].astype(np.int8)
    year = years[strongest[first]].astype(np.int16)
    strength = STRENGTHS[rel] if len(rel) else np.zeros(0)
    tie_ptr = _ptr(edge_of, len(heads))
    seen = set((u * n + v).tolist()) | set((v * n + u).tolist())
    lu, lv, lk = [], [], []
    for part, whole, code in links:
        if part * n + whole in seen or part == whole:
            continue
        seen.update((part * n + whole, whole * n + part))
        lu.append(part)
        lv.append(whole)
        lk.append(code)
    all_u = np.concatenate([u, np.array(lu, dtype=np.int64)])
    all_v = np.concatenate([v, np.array(lv, dtype=np.int64)])
    return AffiliationEdges(
        graph=CSRGraph.from_edges(n, all_u, all_v),
        strength=np.concatenate([strength, np.full(len(lu), PART_STRENGTH)]),
        relation=np.concatenate([rel, (-1 - np.array(lk, dtype=np.int64)).astype(np.int8)]),
        year=np.concatenate([year, np.zeros(len(lu), dtype=np.int16)]),
        tie_ptr=np.concatenate([tie_ptr, np.full(len(lu), tie_ptr[-1])]),
        tie_ids=tie_index[order].astype(np.int64),
        link_part=np.concatenate([np.full(len(heads), -1), np.array(lu, dtype=np.int64)]),
    )


def _group_pairs(first_groups: Ints, second_groups: Ints) -> tuple[Ints, Ints]:
    """Every (i, j) with ``first_groups[i] == second_groups[j]`` (both sorted ascending)."""
    groups, f_start, f_count = np.unique(first_groups, return_index=True, return_counts=True)
    s_start = np.searchsorted(second_groups, groups, side="left")
    s_count = np.searchsorted(second_groups, groups, side="right") - s_start
    sizes = f_count * s_count
    total = int(sizes.sum())
    g = np.repeat(np.arange(len(groups)), sizes)
    local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return f_start[g] + local // s_count[g], s_start[g] + local % s_count[g]


def actor_edges(
    n: int,
    nodes: int,
    actor: Ints,
    target: Ints,
    relation: Ints,
    start: Ints,
    end: Ints,
    tie_index: Ints,
    star_targets: npt.NDArray[np.bool_],
    pair_targets: npt.NDArray[np.bool_],
    scope: list[tuple[int, int]],
) -> ActorEdges:
    """The actor graph on the ``n`` actors of kept ties (arrays of equal length; targets are
    node ids below ``nodes``; ``tie_index`` the ties' ids).

    ``star_targets[t]``: ``t`` is an actor, so its members are joined to it; ``pair_targets[t]``:
    members of ``t`` are joined to each other (every target but ordinary organisations);
    ``scope``: ``(whole, part)`` pairs, every part below each whole (from the part-of links).
    """
    strength = STRENGTHS[relation] if len(relation) else np.zeros(0)
    rows_u, rows_v, rows_via, rows_s, rows_r, rows_t1, rows_t2 = [], [], [], [], [], [], []
    star = star_targets[target] & (actor != target)
    idx = np.nonzero(star)[0]
    rows_u.append(actor[idx])
    rows_v.append(target[idx])
    rows_via.append(target[idx])
    rows_s.append(strength[idx])
    rows_r.append(relation[idx])
    rows_t1.append(idx)
    rows_t2.append(idx)
    # the "first" ties point at a pairing target; the "second" at it or at a part below it
    firsts = np.nonzero(pair_targets[target])[0]
    firsts = firsts[np.argsort(target[firsts], kind="stable")]
    inside_group = [target]
    inside_tie = [np.arange(len(target))]
    if scope:
        wholes = np.array([w for w, _ in scope], dtype=np.int64)
        parts = np.array([p for _, p in scope], dtype=np.int64)
        order = np.argsort(target, kind="stable")
        ts = target[order]
        lo, hi = np.searchsorted(ts, parts, "left"), np.searchsorted(ts, parts, "right")
        for w, a, b in zip(wholes.tolist(), lo.tolist(), hi.tolist(), strict=True):
            inside_group.append(np.full(b - a, w, dtype=np.int64))
            inside_tie.append(order[a:b])
    groups = np.concatenate(inside_group)
    ties2 = np.concatenate(inside_tie)
    o2 = np.argsort(groups, kind="stable")
    groups, ties2 = groups[o2], ties2[o2]
    fi, si = _group_pairs(target[firsts], groups)
    t1, t2 = firsts[fi], ties2[si]
    keep = actor[t1] != actor[t2]
    t1, t2 = t1[keep], t2[keep]
    weaker = np.where(strength[t2] < strength[t1], t2, t1)
    rows_u.append(actor[t1])
    rows_v.append(actor[t2])
    rows_via.append(target[t1])
    rows_s.append(strength[weaker])
    rows_r.append(relation[weaker])
    rows_t1.append(t1)
    rows_t2.append(t2)

    a, b = np.concatenate(rows_u), np.concatenate(rows_v)
    u, v = np.minimum(a, b), np.maximum(a, b)
    via, s, r = np.concatenate(rows_via), np.concatenate(rows_s), np.concatenate(rows_r)
    t1, t2 = np.concatenate(rows_t1), np.concatenate(rows_t2)
    key = u * n + v
    edge_keys, edge_of = np.unique(key, return_inverse=True)
    m = len(edge_keys)
    eu, ev = edge_keys // n, edge_keys % n
    # weight: per (edge, via), the strongest pair; summed over the vias of the edge
    ev_key = edge_of.astype(np.int64) * nodes + via
    pair_keys, pair_of = np.unique(ev_key, return_inverse=True)
    best = np.zeros(len(pair_keys))
    np.maximum.at(best, pair_of, s)
    weight = np.bincount(pair_keys // nodes, weights=best, minlength=m)
    bits = np.zeros(m, dtype=np.int16)
    np.bitwise_or.at(bits, edge_of, (1 << r.astype(np.int16)).astype(np.int16))
    via_edge, via_node = pair_keys // nodes, pair_keys % nodes
    # the ties of every edge, each once; years from them
    both_edge = np.concatenate([edge_of, edge_of])
    both_tie = np.concatenate([t1, t2])
    tie_keys = np.unique(both_edge.astype(np.int64) * (len(actor) + 1) + both_tie)
    tie_edge, tie_local = tie_keys // (len(actor) + 1), tie_keys % (len(actor) + 1)
    ys, ye = start[tie_local], end[tie_local]
    first_year = np.full(m, np.iinfo(np.int16).max, dtype=np.int16)
    np.minimum.at(first_year, tie_edge[ys > 0], ys[ys > 0])
    first_year[first_year == np.iinfo(np.int16).max] = 0
    last_year = np.zeros(m, dtype=np.int16)
    np.maximum.at(last_year, tie_edge, np.maximum(ye, ys))
    return ActorEdges(
        graph=CSRGraph.from_edges(n, eu, ev),
        weight=np.round(weight, 3),
        relations=bits,
        start=first_year,
        end=last_year,
        via_ptr=_ptr(via_edge, m),
        via_ids=via_node,
        tie_ptr=_ptr(tie_edge, m),
        tie_ids=tie_index[tie_local],
    )


def part_scope(links: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Each whole with every part below it, at any depth: ``(whole, part)`` pairs, in order.

    ``links`` are ``(part, whole, kind)`` triples (a sub-event of an event, an activity in the
    context of a project); a part of a part counts too, and a cycle is walked once.

    >>> part_scope([(1, 0, 0), (2, 1, 0), (0, 2, 0)])
    [(0, 1), (0, 2), (1, 2), (1, 0), (2, 0), (2, 1)]
    """
    children: dict[int, set[int]] = {}
    for part, whole, _ in links:
        children.setdefault(whole, set()).add(part)
    scope: list[tuple[int, int]] = []
    for whole in sorted(children):
        seen, stack = {whole}, [whole]
        while stack:
            for child in sorted(children.get(stack.pop(), ())):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
                    scope.append((whole, child))
    return scope
