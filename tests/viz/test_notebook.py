"""to_pyvis: the projection as a pyvis network whose pages load nothing from the internet."""

from __future__ import annotations

from pathlib import Path

import pytest

from clustergraph.network import project
from clustergraph.store import EmbeddedStore
from clustergraph.viz import remote_references
from clustergraph.viz.notebook import to_pyvis

ID = "https://w3id.org/clustergraph/id/"


def test_nodes_and_edges_of_the_projection(curated: EmbeddedStore) -> None:
    net = project(curated)
    vis = to_pyvis(net, heading="Curated")
    assert len(vis.nodes) == net.actors.number_of_nodes()
    assert len(vis.edges) == net.actors.number_of_edges()
    park = next(n for n in vis.nodes if n["id"] == ID + "bioindustry-park-silvano-fumero")
    assert park["label"] == "Bioindustry Park Silvano Fumero" and "betweenness 0.236" in park["title"]
    assert max(n["size"] for n in vis.nodes) == park["size"]  # the top broker is the largest


@pytest.mark.parametrize("how", ["write_html", "show"])
def test_written_pages_inline_vis_network_and_name_no_host(
    curated: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(tmp_path)  # pyvis writes relative to the working folder
    vis = to_pyvis(project(curated))
    if how == "write_html":
        vis.write_html("net.html")
    else:
        vis.show("net.html", notebook=True)  # what a notebook does (an iframe on the file)
    text = (tmp_path / "net.html").read_text(encoding="utf-8")
    assert "new vis.Network" in text and "vis-network" in text
    assert remote_references(text) is True
    assert "http://" not in text and "https://" not in text  # no asset URL, not even in data
    assert not (tmp_path / "lib").exists()  # nothing copied beside it either
    assert text.count("</script>") == text.count("<script")
