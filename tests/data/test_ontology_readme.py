"""ontology/README.md describes the ontology as it is: its term table is generated from it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_term_table_lists_every_term_as_the_ontology_defines_it() -> None:
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "term_table.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    readme = (REPO / "ontology" / "README.md").read_text(encoding="utf-8")
    for term in ("`cg:Participation`", "`cg:UnnamedParty`", "`cg:quote`", "`cg:periodStart`", "`cg:InverseRule`",
                 "`oa:TextQuoteSelector`", "`rdf:Statement`", "`schema:EventSeries`"):
        assert term in readme, f"ontology/README.md lacks {term}"
    assert "`org:Membership`" not in readme.split("<!-- term table")[1], "org:Membership is retired"
