"""IRIs as people write and read them: the same spellings everywhere."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode

from clustergraph.catalogue import to_term
from clustergraph.namespaces import ID, PREFIXES
from clustergraph.terms import compact, display, expand


@pytest.mark.parametrize("text", ["id:biocat", "biocat", f"<{ID}biocat>", f" {ID}biocat "])
def test_parameters_and_sheet_cells_take_the_same_spellings(text: str) -> None:
    assert expand(text, base=ID) == ID + "biocat"
    assert to_term(text, "iri").value == ID + "biocat"


def test_names_are_not_iris() -> None:
    for text in ("Biocat", "Chamber of Commerce", "日本", "ES51", "unknown:thing", "id:", ""):
        assert expand(text) is None, text
    assert expand("urn:isbn:0451450523") == "urn:isbn:0451450523"


@pytest.mark.parametrize("prefix", sorted(PREFIXES))
def test_compact_and_expand_are_inverse_for_every_prefix(prefix: str) -> None:
    iri = PREFIXES[prefix] + "Thing"
    assert compact(iri) == f"{prefix}:Thing"
    assert expand(compact(iri)) == iri


def test_display_of_terms() -> None:
    assert display(NamedNode("https://example.org/x")) == "<https://example.org/x>"
    assert display(Literal("2016", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))) == "2016"
    assert display(Literal("日本", language="ja")) == "日本@ja"
    assert display(BlankNode("b0")) == "_:b0"
