"""The network between two years: the 2016 super cluster agreement opens Australia."""

from __future__ import annotations

import pytest

from clustergraph.errors import InputError
from clustergraph.gaps.diff import gap_diff
from clustergraph.store import EmbeddedStore

ID = "https://w3id.org/clustergraph/id/"


def test_homes_that_gained_a_way_in_between_two_years(curated: EmbeddedStore) -> None:
    diff = gap_diff(curated, 2014, 2018)
    cell = next(c for c in diff.changes if c.home == ID + "biocat" and c.market == ID + "country/AU")
    assert (cell.before, cell.change) == (0, "gained") and cell.after >= 1
    assert "BioSA" in cell.gained_entries and cell.lost_entries == []
    assert diff.summary["after"]["ties"] > diff.summary["before"]["ties"]
    brief = diff.to_markdown()
    assert brief.startswith("# The network from 2014 to 2018") and "## Gained a way in" in brief


def test_one_market_and_no_change(curated: EmbeddedStore) -> None:
    # the 2016 mission to Japan held in 2016 only: neither year has a way in through it
    diff = gap_diff(curated, 2014, 2018, market="Japan")
    assert diff.market is not None and diff.market.iri == ID + "country/JP"
    assert all(c.market == ID + "country/JP" for c in diff.changes)
    assert diff.changes == [] and "No home gained or lost a way into Japan" in diff.to_markdown()
    into_2016 = gap_diff(curated, 2014, 2016, market="Japan")
    assert any(c.home == ID + "biocat" and c.change == "gained" for c in into_2016.changes)


def test_years_in_the_wrong_order_are_a_clear_error(curated: EmbeddedStore) -> None:
    with pytest.raises(InputError, match="earlier year first: got 2018 and 2014; try --diff 2014 2018"):
        gap_diff(curated, 2018, 2014)
