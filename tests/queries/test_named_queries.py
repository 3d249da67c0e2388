"""Query tests: every named query runs with its example parameters and gives the real answer.

Stores and helpers come from tests/queries/conftest.py (fixtures ``store`` and ``run``).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clustergraph.catalogue import bind_parameters, parse_query_file

REPO = Path(__file__).resolve().parents[2]
QUERY_FILES = sorted((REPO / "queries").glob("*.rq"))
ID = "https://w3id.org/clustergraph/id/"
GRAPH = "https://w3id.org/clustergraph/graph/"
CG = "https://w3id.org/clustergraph/ontology#"


def ids(rows, key):
    return {r[key].removeprefix(ID) for r in rows if key in r}


def test_at_least_twenty_named_queries():
    assert len(QUERY_FILES) >= 20, f"queries/ holds {len(QUERY_FILES)} named queries; write at least 20"


def sparql_variables(text: str) -> set[str]:
    """The variables of a query, from rdflib's SPARQL parser (an independent reading)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, Variable):
            found.add(str(node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple, ParseResults)):
            for value in node:
                walk(value)

    walk(parseQuery(text))
    return found


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_header_format(path: Path):
    """What the catalogue shows of a query (API, CLI, editor) comes from its header: a title, a
    description, and typed parameters, each a variable of the query, with an example of its type."""
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem), f"{path.name}: lower case with hyphens"
    query = parse_query_file(path)  # the catalogue's reader: unknown types and short lines fail here
    assert query.title != path.stem, f"{path.name}: no '# title: ...' line"
    assert query.description, f"{path.name}: no '# description: ...' line"
    variables = sparql_variables(query.text)
    for param in query.parameters:
        assert param.name in variables, f"{path.name}: parameter ?{param.name} is not used"
        assert param.example is not None, f"{path.name}: parameter {param.name} has no example"
        bind_parameters([param], {param.name: param.example}, query=path.stem)  # a value of its type


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_runs_with_examples_and_without_optionals(path: Path, store, run):
    from .conftest import read_query

    query = read_query(path)
    examples = {p.name: p.example for p in query.params if p.example}
    assert run(path.stem, examples), f"{path.name}: no rows for the example parameters {examples}"
    required = {p.name: p.example for p in query.params if not p.optional}
    run(path.stem, required)  # an optional parameter left unbound must still give a valid query


# ----------------------------------------------------------------------------- real answers


def test_alliance_members(run):
    rows = run("alliance-members", {"alliance": ID + "bioxclusters-plus", "year": "2016"})
    assert ids(rows, "member") == {"biocat", "biom", "biopmed", "lyonbiopole"}
    assert {r["roles"] for r in rows} == {"member"}  # Lyonbiopole leads the project, not the alliance
    assert {(r["from"], r["until"], r["asOf"]) for r in rows} == {("2016-01-01", "2016-12-31", "2016")}
    assert all(r["g"] == GRAPH + "001-bioxclusters-plus-news" for r in rows)
    # the sources state the membership as of 2016 only: no other year is claimed
    assert run("alliance-members", {"alliance": ID + "bioxclusters-plus", "year": "2010"}) == []
    assert run("alliance-members", {"alliance": ID + "bioxclusters-plus", "year": "2013"}) == []
    # a supporter is no member
    assert "european-commission" not in ids(run("alliance-members", {"alliance": ID + "bioxclusters-plus"}), "member")
    affiliates = run("alliance-members", {"alliance": ID + "ecpg", "year": "2009"})
    assert [(r["member"].removeprefix(ID), r["roles"]) for r in affiliates] == [("tea-petrin", "affiliate")]


def test_agreements_by_target_market(run):
    rows = run("agreements-by-target-market", {"market": ID + "country/CN"})
    assert ids(rows, "agreement") == {"agreement/chinvalue/memoranda-of-understanding",
                                      "agreement/bioxclusters/memoranda-of-understanding"}
    # who has an agreement into China counts the MoUs with unnamed counterparts: 2 + 6 (some of the six
    # went to the US and Brazil; the source does not say how many to each)
    assert {r["agreement"].removeprefix(ID): r["agreements"] for r in rows} == {
        "agreement/chinvalue/memoranda-of-understanding": "2",
        "agreement/bioxclusters/memoranda-of-understanding": "6"}
    chinvalue = next(r for r in rows if "chinvalue" in r["agreement"])
    assert "Chinese partner organisations of ChInValue (not named)" in chinvalue["parties"]
    assert "china-medical-city" not in {r["agreement"].rsplit("/", 1)[-1] for r in rows}  # no signing stated
    au = run("agreements-by-target-market", {"market": ID + "country/AU"})
    assert ids(au, "agreement") == {"super-cluster-agreement-2016"}
    assert set(au[0]["parties"].split(", ")) == {
        "BioSA", "Health Industries South Australia", "Biocat", "BioM", "bioPmed", "Lyonbiopole"}
    assert ids(run("agreements-by-target-market", {"market": ID + "region/europe"}), "agreement") == {
        "super-cluster-agreement-2016"}


def test_agreement_signatories(run):
    rows = run("agreement-signatories")
    signed = [r for r in rows if r["agreement"] == ID + "super-cluster-agreement-2016"]
    assert ids(signed, "party") == {"biosa", "health-industries-south-australia", "biocat", "biom",
                                    "biopmed", "lyonbiopole"}
    assert {r["signed"] for r in signed} == {"2016"}
    assert {r["event"] for r in signed} == {ID + "bio-international-convention-2016"}
    assert {r["place"] for r in signed} == {ID + "city/san-francisco"}
    mous = [r for r in rows if r["agreement"] == ID + "agreement/bioxclusters/memoranda-of-understanding"]
    assert {(r["party"].removeprefix(ID), r["named"]) for r in mous} == {
        ("bioxclusters-plus", "true"), ("party/bioxclusters/local-partners-us", "false"),
        ("party/bioxclusters/local-partners-cn", "false"), ("party/bioxclusters/local-partners-br", "false")}


def test_project_participants(run):
    rows = run("project-participants", {"project": ID + "bioxclusters"})
    partnerships = {r["participation"] for r in rows if r["roleLabel"] == "partner"}
    assert len(partnerships) == 4  # the four cluster partners ...
    partners = {r["participant"].removeprefix(ID) for r in rows if r["roleLabel"] == "partner"}
    assert partners == {"biocat", "biom", "biopmed", "bioindustry-park-silvano-fumero", "lyonbiopole"}
    joint = {r["participation"] for r in rows if r["participant"] == ID + "bioindustry-park-silvano-fumero"}
    assert joint == {r["participation"] for r in rows if r["participant"] == ID + "biopmed"}  # ... one held jointly
    assert {r["participant"] for r in rows if r["roleLabel"] == "leader"} == {ID + "lyonbiopole"}
    assert {r["participant"] for r in rows if r["roleLabel"] == "funder"} == {ID + "european-commission"}
    netbioclue = run("project-participants", {"project": ID + "netbioclue"})
    partners = {r["participant"].removeprefix(ID) for r in netbioclue if r["roleLabel"] == "partner"}
    assert len(partners) == 14
    assert "bioindustry-park-silvano-fumero" in partners and "biopmed" not in partners
    assert {r["participant"] for r in netbioclue if r["roleLabel"] == "coordinator"} == {ID + "milan-chamber-of-commerce"}
    chinvalue = run("project-participants", {"project": ID + "chinvalue"})
    assert {(r["participant"].removeprefix(ID), r["roleLabel"]) for r in chinvalue} == {
        ("bio-cm", "awardee"), ("bio-nrw", "awardee"), ("bmbf", "funder"), ("china-medical-city", "network partner"),
        ("party/chinvalue/chinese-partner-organisations", "network partner")}
    assert {r.get("programmeLabel") for r in chinvalue} == {None}  # the source names a project, no programme


def test_events_in_market(run):
    rows = run("events-in-market", {"market": ID + "country/JP", "year": "2016"})
    assert ids(rows, "event") == {
        "mission-japan-2016", "mission-japan-2016-arrival-osaka", "mission-japan-2016-workshop",
        "european-biotech-pharma-partnering-conference-2016", "biojapan-2016",
        "eu-japan-centre-biotech-cluster-sme-mission-2016"}
    assert {r.get("status") for r in rows} == {"https://schema.org/EventScheduled"}  # announced, not reported
    all_years = ids(run("events-in-market", {"market": ID + "country/JP"}), "event")
    assert {"eu-japan-cluster-matchmaking-2014", "eu-japan-cluster-matchmaking-2015"} <= all_years
    assert ids(run("events-in-market", {"market": ID + "country/US"}), "event") == {
        "mission-boston-2013", "bio-international-convention-2016"}
    # the Yangtze River Delta contains Shanghai (source 003), where SEPB took place (source 000)
    delta = run("events-in-market", {"market": ID + "region/yangtze-river-delta"})
    assert {"sepb-2013", "chinvalue-delegation-trips"} <= ids(delta, "event")
    assert "sepb-2013" in ids(run("events-in-market", {"market": ID + "country/CN", "year": "2013"}), "event")


def test_cluster_contact_points(run):
    rows = run("cluster-contact-points")
    people = {(r["organisation"].removeprefix(ID), r["personLabel"], r["contactType"]) for r in rows}
    assert people == {
        ("biocat", "Jordi Fabrega", "regional contact point"),
        ("biom", "Stephanie Wehnelt", "regional contact point"),
        ("biopmed", "Alberto Baldi", "regional contact point"),
        ("lyonbiopole", "Simon Gudin", "regional contact point"),
        ("health-industries-south-australia", "Marco Baccanti", "media contact"),
    }


def test_organisations_by_region(run):
    assert ids(run("organisations-by-region", {"place": ID + "country/DE"}), "organisation") == {
        "bio-cm", "bio-nrw", "biom", "heidelberg-technology-park", "munich-gruender-regio"}
    # Bavaria: BioM (Bavaria) and Munich Gruender Regio (named for Munich)
    assert ids(run("organisations-by-region", {"place": ID + "nuts/DE2"}), "organisation") == {
        "biom", "munich-gruender-regio"}
    # Lombardy: the two NETBIOCLUE partners named for Milan
    assert ids(run("organisations-by-region", {"place": ID + "nuts/ITC4"}), "organisation") == {
        "milan-chamber-of-commerce", "polimi-school-of-management"}
    # Adelaide BioMed City is a cluster in the sense of a place: not an organisation
    assert ids(run("organisations-by-region", {"place": ID + "country/AU"}), "organisation") == {
        "biosa", "health-industries-south-australia"}
    assert ids(run("organisations-by-region", {"place": ID + "nuts/ES51"}), "organisation") == {"biocat"}
    assert ids(run("organisations-by-region", {"place": ID + "country/JP"}), "organisation") == {
        "osaka-bio-headquarters", "japan-bioindustry-association"}
    bavaria = run("organisations-by-region", {"place": ID + "nuts/DE2"})
    assert {r["country"] for r in bavaria} == {ID + "country/DE"}


def test_shared_organisations(run):
    rows = run("shared-organisations", {"first": ID + "bioxclusters-plus", "second": ID + "super-cluster-agreement-2016"})
    assert ids(rows, "organisation") == {"biocat", "biom", "biopmed", "lyonbiopole"}
    # NETBIOCLUE and the project bioXclusters share the Bioindustry Park (partner of both) and the
    # European Commission (initiator / funder)
    rows = run("shared-organisations", {"first": ID + "netbioclue", "second": ID + "bioxclusters"})
    assert ids(rows, "organisation") == {"bioindustry-park-silvano-fumero", "european-commission"}


def test_entity_evidence(run):
    rows = run("entity-evidence", {"entity": ID + "biopmed"})
    graphs = {r["g"].removeprefix(GRAPH) for r in rows}
    assert graphs == {"000-biopmed-internationalisation", "001-bioxclusters-plus-news"}
    by_statement = {(r["subject"], r["predicate"], r["object"]): r["quote"] for r in rows}
    assert by_statement[(ID + "biopmed", "http://www.w3.org/2000/01/rdf-schema#label", "bioPmed")] in {
        "bioPmed (Piemonte-Italy)",
        "Fabrizio Conicella - Director Business Development and International Projects - bioPmed (Piemonte-Italy)",
        "The four European clusters – Biocat (Catalonia, Spain), BioM (Bavaria, Germany), bioPmed (Piedmont, Italy)"
        " and Lyonbiopole (Auvergne-Rhone Alpes, France) – form bioXclusters PLUS alliance."}
    link = [r for r in rows if r["predicate"] == "http://www.w3.org/ns/org#linkedTo"]
    assert {r["quote"] for r in link} == {
        "The initiative gathers4 cluster partners: Biocat (Catalonia), BioM (Bavaria), bioPmed/Bioindustry Park"
        " Silvano Fumero (Piemonte) and Lyonbiopole (Rhône-Alpes, project leader), aiming to reinforce and promote"
        " international competitiveness of their SMEs on strategic global markets."}
    # the nodes that tie it to something come with their statements and quotes: its membership's role
    assert (ID + "membership/bioxclusters-plus/biopmed", CG + "role", CG + "Member") in by_statement
    park = run("entity-evidence", {"entity": ID + "bioindustry-park-silvano-fumero"})
    assert "Bioindustry Park (Italy);" in {r["quote"] for r in park}
    assert {r["g"].removeprefix(GRAPH) for r in park} == {"001-bioxclusters-plus-news", "004-netbioclue"}


def test_people_and_roles(run):
    rows = run("people-and-roles")
    posts = {(r["name"], r["role"], r.get("organisationLabel")) for r in rows}
    for expected in [
        ("Marco Baccanti", "CE", "Health Industries South Australia"),
        ("Meera Verma", "Acting CE", "BioSA"),
        ("Sem Fabrizi", "Ambassador to Australia", "European Union"),
        ("Horst Domdey", "CEO", "BioM"),
        ("Fabrizio Conicella", "Vice President", "bioPmed"),
        ("Fabrizio Conicella", "Director Business Development and International Projects", "bioPmed"),
        ("Albert Barbera", "CEO", "Biocat"),
        ("Florence Agostino-Etchetto", "CEO", "Lyonbiopole"),
        ("Tea Petrin", "affiliate", "University of Ljubljana"),
        ("Tea Petrin", "affiliate", "European Cluster Policy Group"),
        ("Tea Petrin", "speaker", "Competitiveness Cluster Forum 2009"),
    ]:
        assert expected in posts, f"missing {expected}"


def test_figures(run):
    rows = run("figures", {"entity": ID + "country/US"})
    values = {(r["value"], r["unit"]) for r in rows}
    assert values == {("61000000000", "USD"), ("1455", "companies"), ("300", "companies"),
                      ("30000000000", "USD"), ("70", "percent"), ("15", "percent")}
    rd = next(r for r in rows if r["value"] == "30000000000")
    assert rd["asOf"] == "2010" and rd["qualifier"] == "not less than"
    smes = run("figures", {"entity": ID + "bioxclusters-plus"})
    assert [(r["value"], r["unit"], r["qualifier"]) for r in smes] == [("3300", "SMEs", "more than")]
    ytd = run("figures", {"entity": ID + "region/yangtze-river-delta"})
    assert {r["value"] for r in ytd} == {"150000000", "10", "20"}
    nrw = run("figures", {"entity": ID + "nuts/DEA"})
    assert [(r["value"], r["unit"], r["qualifier"]) for r in nrw] == [("3", "decades", "mehr als")]
    unnamed = run("figures", {"entity": ID + "party/chinvalue/chinese-partner-organisations"})
    assert [(r["value"], r["qualifier"]) for r in unnamed] == [("10", "über")]


def test_market_entry_points(run):
    rows = run("market-entry-points", {"market": ID + "country/JP"})
    serving = {r["actor"].removeprefix(ID) for r in rows if r["how"] == "serves the market"}
    assert serving == {"eu-japan-centre", "osaka-bio-headquarters"}
    cn = run("market-entry-points", {"market": ID + "country/CN"})
    assert "bio-cm" in ids([r for r in cn if r["how"] == "serves the market"], "actor")
    assert "china-medical-city" in ids([r for r in cn if r["how"] == "located in the market"], "actor")
    assert {"party/bioxclusters/local-partners-cn", "party/chinvalue/chinese-partner-organisations"} == ids(
        [r for r in cn if r["how"] == "located in the market, not named"], "actor")
    delta = run("market-entry-points", {"market": ID + "region/yangtze-river-delta"})
    assert ids(delta, "actor") == {"china-medical-city"}  # in Taizhou, which the source places in the delta


def test_actors_without_agreement_into_market(run):
    assert ids(run("actors-without-agreement-into-market", {"market": ID + "country/AU"}), "organisation") == {
        "bio-cm", "bio-nrw"}
    # the bioXclusters partners are members of the alliance that signed MoUs into China
    assert ids(run("actors-without-agreement-into-market", {"market": ID + "country/CN"}), "organisation") == {
        "biosa", "health-industries-south-australia"}


def test_sector_coverage(run):
    rows = {r["concept"].removeprefix(ID): r for r in run("sector-coverage")}
    assert set(rows) >= {"sector/personalised-healthcare", "sector/digital-health", "sector/pharmaceuticals"}
    assert rows["sector/digital-health"]["count"] == "1"
    assert "International super cluster agreement" in rows["sector/digital-health"]["covered"]
    assert rows["sector/pharmaceuticals"]["count"] == "2"
    assert "EU-Japan Cluster Matchmaking Event 2014" in rows["sector/pharmaceuticals"]["covered"]
    assert "bioXclusters PLUS" in rows["sector/personalised-healthcare"]["covered"]


def test_sources_overview(run):
    rows = run("sources-overview")
    assert {r["g"].removeprefix(GRAPH) for r in rows} == {
        "000-biopmed-internationalisation", "001-bioxclusters-plus-news", "002-ecpg-world-class-clusters",
        "003-chinvalue-bio-nrw-china", "004-netbioclue"}
    assert {r["g"].removeprefix(GRAPH) for r in run("sources-overview", {"language": "de"})} == {
        "003-chinvalue-bio-nrw-china"}
    netbioclue = {r["kind"]: r for r in rows if r["g"] == GRAPH + "004-netbioclue" and "kind" in r}
    assert netbioclue["Participation"]["nodes"] == "15"  # 14 partners (the coordinator among them), the initiator
    assert int(netbioclue["Participation"]["statements"]) >= 15 * 4


def test_entity_search_any_language(run):
    assert "bio-cm" in ids(run("entity-search", {"text": "clustermanagement"}), "entity")
    de = run("entity-search", {"text": "Bundesministerium", "language": "de"})
    assert ids(de, "entity") == {"bmbf"}
    assert ids(run("entity-search", {"text": "silvano fumero"}), "entity") == {"bioindustry-park-silvano-fumero"}
    assert "milan-chamber-of-commerce" in ids(run("entity-search", {"text": "InnovHub"}), "entity")


def test_timeline(run):
    rows = run("timeline", {"from": "2013", "to": "2014"})
    assert [r["thing"].removeprefix(ID) for r in rows] == [
        "sepb-2013", "mission-boston-2013", "bio-europe-2014", "eu-japan-cluster-matchmaking-2014"]
    everything = {r["thing"].removeprefix(ID): r for r in run("timeline")}
    assert {"netbioclue", "bioxclusters", "competitiveness-cluster-forum-2009", "chinvalue"} <= set(everything)
    assert "bioxclusters-plus-kick-off" not in everything  # no year in the source, so no date
    # NETBIOCLUE's end is not printed: launched January 2006, three years of operation
    assert (everything["netbioclue"]["start"], everything["netbioclue"]["end"]) == ("2006-01", "2009-01")
    # ChInValue: awarded in 2017, BMBF funding until 2020, continued since: no end
    assert everything["chinvalue"]["start"] == "2017" and "end" not in everything["chinvalue"]
    assert everything["eu-japan-cluster-matchmaking-2015"]["status"] == "https://schema.org/EventScheduled"


def test_policy_recommendations(run):
    rows = run("policy-recommendations", {"issuer": ID + "ecpg"})
    assert [(r["number"], r["title"]) for r in rows] == [
        ("1", "Align EU-level Policies around Clusters"),
        ("2", "Provide Data on the Real Cluster Landscape"),
        ("3", "Promote Strategic and Commercial Networking of Clusters"),
        ("4", "Promote International Mobility of Cluster Actors"),
        ("5", "Encourage Clusters to Attract International Talent"),
    ]
    assert {r["status"] for r in rows} == {"preliminary"}
    conicella = run("policy-recommendations", {"issuer": ID + "fabrizio-conicella"})
    assert {r["title"] for r in conicella} == {
        "Clusters as one-stop shop for local companies and entry point for external companies and institutions",
        "A win-win approach and reciprocal trust", "A proactive approach and working together",
        "Target the Asia-Pacific markets from Australia"}


def test_actor_markets(run):
    rows = run("actor-markets", {"actor": ID + "lyonbiopole"})
    assert {r["market"].removeprefix(ID) for r in rows} == {
        "country/US", "country/CN", "country/BR", "country/JP", "country/AU", "region/europe"}
    assert ("country/CN", "party through its alliance to") in {
        (r["market"].removeprefix(ID), r["relation"]) for r in rows}
    bio_cm = run("actor-markets", {"actor": ID + "bio-cm"})
    assert {("country/DE", "serves"), ("country/CN", "serves"), ("country/CN", "party to"),
            ("subdivision/CN-JS", "takes part in")} <= {
        (r["market"].removeprefix(ID), r["relation"]) for r in bio_cm}


def test_organisations_without_location(run):
    rows = ids(run("organisations-without-location"), "organisation")
    assert {"eu-japan-centre", "easme", "ecpg", "bmbf", "european-commission"} <= rows
    assert not rows & {"biocat", "biom", "biopmed", "lyonbiopole", "bio-cm", "osaka-bio-headquarters",
                       "japan-bioindustry-association"}


def test_actor_connections(run):
    rows = run("actor-connections", {"actor": ID + "biopmed"})
    others = ids(rows, "other")
    assert {"biocat", "biom", "lyonbiopole", "biosa", "health-industries-south-australia",
            "eu-japan-centre", "bioindustry-park-silvano-fumero"} <= others
    ties = {(r["other"].removeprefix(ID), r["tie"]) for r in rows}
    assert ("biom", "alliance") in ties and ("biosa", "agreement") in ties
    assert ("bioindustry-park-silvano-fumero", "project or event") in ties  # one partnership of bioXclusters
    park = ids(run("actor-connections", {"actor": ID + "bioindustry-park-silvano-fumero"}), "other")
    assert {"areta", "university-of-dundee", "milan-chamber-of-commerce", "biocat", "biopmed"} <= park


def test_project_outcomes(run):
    rows = run("project-outcomes", {"project": ID + "bioxclusters"})
    counts = {r.get("count") for r in rows}
    assert {"11", "6"} <= counts
    mous = next(r for r in rows if r.get("count") == "6")
    assert set(mous["targetMarkets"].split()) == {ID + "country/US", ID + "country/CN", ID + "country/BR"}
    nb = run("project-outcomes", {"project": ID + "netbioclue"})
    assert len(nb) == 6  # five results and the publication
    chinvalue = run("project-outcomes", {"project": ID + "chinvalue"})
    assert {r["outcome"].removeprefix(ID) for r in chinvalue} == {
        "outcome/chinvalue/partner-network", "outcome/chinvalue/business-development-support",
        "outcome/chinvalue/industrial-cooperation"}


def test_funding_by_programme(run):
    ec = run("funding-by-programme", {"funder": ID + "european-commission"})
    assert {"bioxclusters", "bioxclusters-plus-project"} <= ids(ec, "project")
    plus = next(r for r in ec if r["project"] == ID + "bioxclusters-plus-project")
    assert plus["callId"] == "COS-CLUSTER-2014-3-03" and plus["programme"] == ID + "cosme"
    assert (plus["start"], plus["end"]) == ("2016", "2018")
    bmbf = run("funding-by-programme", {"funder": ID + "bmbf"})
    assert [(r["project"].removeprefix(ID), r["start"], r["end"]) for r in bmbf] == [("chinvalue", "2017", "2020")]


def test_organisation_involvement(run):
    rows = run("organisation-involvement", {"organisation": ID + "biocat"})
    assert {(r["thing"].removeprefix(ID), r["relation"]) for r in rows} == {
        ("bioxclusters-plus", "membership"), ("super-cluster-agreement-2016", "agreement"),
        ("mission-japan-2016", "participation"), ("bioxclusters-plus-kick-off", "participation"),
        ("bioxclusters", "participation"), ("bioxclusters-plus-project", "participation")}


def test_readme_examples_run(store):
    """The worked examples in ontology/README.md run and answer."""
    text = (REPO / "ontology" / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```sparql\n(.*?)```", text, re.S)
    assert len(examples) >= 5, "ontology/README.md should hold its five worked SPARQL examples"
    answers = []
    for sparql in examples:
        rows = store.select(sparql).values()
        assert rows, f"README example gives no rows:\n{sparql}"
        answers.append(rows)
    members, delta, end, japan, china = answers[:5]
    # 1. the quote behind each membership: four members, two sentences each
    assert {r["memberLabel"] for r in members} == {"Biocat", "BioM", "bioPmed", "Lyonbiopole"}
    assert len(members) == 8 and all(r["g"] == GRAPH + "001-bioxclusters-plus-news" for r in members)
    # 2. located in the delta, found without a property path
    assert [(r["organisationLabel"], r["place"]) for r in delta] == [("China Medical City", ID + "city/taizhou")]
    # 2b. an inferred statement traced to its rule and the quotes of its premises
    assert {(r["end"], r["rule"]) for r in end} == {("2009-01", CG + "DurationEndRule")}
    assert [r["premisePredicate"].rsplit("/", 1)[-1] for r in end] == ["duration", "startDate"]
    # 3. dates of any precision compared as dates; the announced events are scheduled
    assert {r["eventLabel"] for r in japan} >= {"bioXclusters+ mission to Japan 2016", "BioJapan 2016"}
    assert {r["status"] for r in japan} == {"https://schema.org/EventScheduled"}
    # 4. agreements into China, counted with their unnamed counterparts
    assert sorted(int(r["agreements"]) for r in china) == [2, 6]
