"""The record-linkage model: splink (Fellegi-Sunter on DuckDB) with rapidfuzz name measures.

Each organisation becomes one row per normalised name (so a CORDIS name in capitals meets a ROR
label in any language). splink generates candidate pairs across sources with blocking rules
(same country and a shared distinctive name word, or the same normalised name anywhere) and
scores them on five comparisons: the name (equal, or rapidfuzz's token-set ratio at 92 and 80,
computed in DuckDB through a vectorised function), the country, the city, the acronyms and the
shared ids. The ``u`` probabilities are estimated from the data by random sampling; the ``m``
probabilities are the priors below, chosen on the labelled pairs of ``docs/registers.md``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .candidates import Candidate
from .names import is_organisation_word

METHOD = "splink 5 (Fellegi-Sunter, DuckDB) + rapidfuzz token-set ratio; clustergraph reconcile"


def _key_words(name: str) -> tuple[str, str]:
    """Two blocking words of a normalised name: its first and its longest distinctive word."""
    words = name.split()
    distinctive = [w for w in words if not is_organisation_word(w) and len(w) > 2] or words
    return distinctive[0], max(distinctive, key=lambda w: (len(w), w))


def rows(candidates: Iterable[Candidate]) -> dict[str, list[dict[str, Any]]]:
    """The model's input: rows per source, one per normalised name."""
    out: dict[str, list[dict[str, Any]]] = {}
    candidates = list(candidates)
    kinds: dict[str, set[str]] = {}
    for c in candidates:
        for value in c.ids:
            kinds.setdefault(value.split(":", 1)[0], set()).add(c.source)
    shared = {kind for kind, sources in kinds.items() if len(sources) > 1}
    for c in candidates:
        ids = sorted(i for i in c.ids if i.split(":", 1)[0] in shared) or None
        for i, name in enumerate(c.normalised_names()):
            first, longest = _key_words(name)
            out.setdefault(c.source, []).append(
                {
                    "unique_id": f"{c.iri} {i}",
                    "iri": c.iri,
                    "name_norm": name,
                    "key_first": first,
                    "key_longest": longest,
                    "country": c.country,
                    "city": sorted(c.cities)[0] if c.cities else None,
                    "acronyms": sorted(c.acronym_keys()) or None,
                    "ids": ids,
                }
            )
    return out


@dataclass(frozen=True)
class ScoredPair:
    """Two organisations of different sources and how the model compared them."""

    left: str
    right: str
    probability: float
    name_left: str
    name_right: str
    levels: dict[str, int]  # comparison -> splink gamma level (-1: a value missing)


def _vectorised(scorer: Any) -> Any:
    """A DuckDB arrow function scoring aligned name columns with a rapidfuzz scorer."""

    def run(left: Any, right: Any) -> Any:
        import pyarrow as pa
        from rapidfuzz import process

        a = [x or "" for x in left.to_pylist()]
        b = [y or "" for y in right.to_pylist()]
        return pa.array(process.cpdist(a, b, scorer=scorer, workers=1).tolist(), type=pa.float64())

    return run


def _settings(links: int) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    name = cl.CustomComparison(
        output_column_name="name",
        comparison_levels=[
            cll.NullLevel("name_norm"),
            cll.ExactMatchLevel("name_norm").configure(m_probability=0.6),
            cll.CustomLevel("rf_token_sort(name_norm_l, name_norm_r) >= 90", "same words").configure(
                m_probability=0.2
            ),
            cll.CustomLevel("rf_token_set(name_norm_l, name_norm_r) >= 92", "one name contains the other").configure(
                m_probability=0.12
            ),
            cll.CustomLevel("rf_token_set(name_norm_l, name_norm_r) >= 80", "token set >= 80").configure(
                m_probability=0.05
            ),
            cll.ElseLevel().configure(m_probability=0.03),
        ],
    )
    country = cl.CustomComparison(
        output_column_name="country",
        comparison_levels=[
            cll.NullLevel("country"),
            cll.ExactMatchLevel("country").configure(m_probability=0.97),
            cll.ElseLevel().configure(m_probability=0.03),
        ],
    )
    city = cl.CustomComparison(
        output_column_name="city",
        comparison_levels=[
            cll.NullLevel("city"),
            cll.ExactMatchLevel("city").configure(m_probability=0.7),
            cll.JaroWinklerLevel("city", 0.88).configure(m_probability=0.15),
            cll.ElseLevel().configure(m_probability=0.15),
        ],
    )
    acronym = cl.CustomComparison(
        output_column_name="acronyms",
        comparison_levels=[
            cll.NullLevel("acronyms"),
            cll.ArrayIntersectLevel("acronyms", 1).configure(m_probability=0.6),
            cll.ElseLevel().configure(m_probability=0.4),
        ],
    )
    ids = cl.CustomComparison(
        output_column_name="ids",
        comparison_levels=[
            cll.NullLevel("ids"),
            cll.ArrayIntersectLevel("ids", 1).configure(m_probability=0.9),
            cll.ElseLevel().configure(m_probability=0.1),
        ],
    )
    return SettingsCreator(
        link_type="link_only",
        comparisons=[name, country, city, acronym, ids],
        blocking_rules_to_generate_predictions=[
            block_on("country", "key_first"),
            block_on("country", "key_longest"),
            block_on("name_norm"),
        ],
        probability_two_random_records_match=1.0 / max(links, 1),
        additional_columns_to_retain=["iri"],
        retain_intermediate_calculation_columns=False,
    )


def score(tables: dict[str, list[dict[str, Any]]], *, threshold: float = 0.05, seed: int = 7) -> list[ScoredPair]:
    """Score the candidate pairs across sources; pairs under ``threshold`` are left out.

    Returns one pair per two organisations (the best-scoring pair of their names), both sides
    ordered by source (curated, then CORDIS, then ROR).
    """
    import duckdb
    import pyarrow as pa
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    used = {source: table for source, table in tables.items() if table}
    if len(used) < 2:
        return []
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    from rapidfuzz import fuzz

    for name, scorer in (("rf_token_set", fuzz.token_set_ratio), ("rf_token_sort", fuzz.token_sort_ratio)):
        con.create_function(name, _vectorised(scorer), ["VARCHAR", "VARCHAR"], "DOUBLE", type="arrow")  # type: ignore[call-overload]
    db = DuckDBAPI(connection=con)
    frames = [db.register(pa.Table.from_pylist(rows_), table_name=f"cg_{source}") for source, rows_ in used.items()]
    sizes = sorted(len(t) for t in used.values())
    linker = Linker(frames, _settings(sizes[-1]), log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2_000_000, sizes[0] * sizes[-1]), seed=seed)
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    levels_sql = ", ".join(f"gamma_{c}" for c in ("name", "country", "city", "acronyms", "ids"))
    columns = f"iri_l, iri_r, source_dataset_l, source_dataset_r, match_probability, name_norm_l, name_norm_r, {levels_sql}"  # noqa: E501
    table = con.sql(f"SELECT {columns} FROM {predictions.physical_name}").fetchall()
    order = {"curated": 0, "cordis": 1, "ror": 2}
    best: dict[tuple[str, str], ScoredPair] = {}
    for iri_l, iri_r, src_l, src_r, p, n_l, n_r, *gammas in table:
        if order.get(src_l.removeprefix("cg_"), 9) > order.get(src_r.removeprefix("cg_"), 9):
            iri_l, iri_r, n_l, n_r = iri_r, iri_l, n_r, n_l
        levels = dict(zip(("name", "country", "city", "acronyms", "ids"), (int(g) for g in gammas)))
        pair = ScoredPair(iri_l, iri_r, float(p), n_l, n_r, levels)
        key = (iri_l, iri_r)
        if key not in best or pair.probability > best[key].probability:
            best[key] = pair
    con.close()
    return sorted(best.values(), key=lambda s: (-s.probability, s.left, s.right))
