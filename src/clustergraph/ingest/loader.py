"""Read, check and commit: the build of the bundled graph and the loading of user files.

Nothing reaches the store until every file has parsed and the data has passed the shapes; then
it is committed in one transaction (a fresh store generation for a build), so a failure leaves
the store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Triple

from .. import sparql
from ..errors import InputNotFoundError, ValidationError, Violation
from ..namespaces import DCTERMS, INFERRED_GRAPH, ONTOLOGY_GRAPH, SHAPES_GRAPH
from ..store.base import Store
from ..terms import local_name
from .formats import is_sheet, rdf_format_for
from .inference import infer
from .places import PLACES_GRAPH, check_places, known_places, locate, place_kind
from .reading import check_input, has_bom, input_error, read_file
from .sources import SourceFile, bundled_files, user_graph
from .validate import validate_quads

Progress = Callable[[str], None]


@dataclass
class LoadReport:
    """What a build or load did."""

    files: list[tuple[str, str, int | None]] = field(default_factory=list)  # path, graph, quads (None: not counted)
    validated: bool = False
    inferred: int = 0  # quads written to graph:inferred
    cached: bool = False  # a build taken from the build cache (clustergraph.ingest.buildcache)

    @property
    def quads(self) -> int:
        """Quads read from all files."""
        return sum(n or 0 for _, _, n in self.files)

    @property
    def graphs(self) -> list[str]:
        """The graphs written, in order."""
        return list(dict.fromkeys(g for _, g, _ in self.files))


def _read(
    files: Sequence[SourceFile], progress: Progress | None, fmt: str | None = None
) -> tuple[dict[str, list[Quad]], LoadReport]:
    per_graph: dict[str, list[Quad]] = {}
    report = LoadReport()
    for source in files:
        if progress:
            progress(str(source.path))
        quads = read_file(source.path, graph=source.graph, format=fmt)
        quads.append(
            Quad(
                NamedNode(source.graph),
                NamedNode(DCTERMS + "source"),
                Literal(_display(source.path)),
                NamedNode(source.graph),
            )
        )
        per_graph.setdefault(source.graph, []).extend(quads)
        report.files.append((str(source.path), source.graph, len(quads)))
    return per_graph, report


def _display(path: Path) -> str:
    """A short, stable name for a file: relative to the bundled folders or the file name."""
    parts = path.parts
    for anchor in ("data", "ontology"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i:])
    return path.name


def _where(violations: Sequence[Violation], files: Sequence[SourceFile]) -> list[Violation]:
    """Name the file and line where each violation's focus node (or, failing that, its value) is
    written; within the node's block, the line of the property when it can be found."""
    texts = {f.path: f.path.read_text(encoding="utf-8", errors="replace").splitlines() for f in files}
    located = []
    for v in violations:
        spot = _focus_line(v, texts) or _value_line(v, texts)
        message = f"{v.message} [{spot}]" if spot else v.message
        located.append(Violation(v.focus, v.path, message, v.severity, v.value))
    return located


def _focus_line(v: Violation, texts: dict[Path, list[str]]) -> str | None:
    local = local_name(v.focus)
    prop = (v.path or "").rsplit(":", 1)[-1]
    for path, lines in texts.items():
        for number, line in enumerate(lines, 1):
            if v.focus in line or (local and f":{local}" in line.split("#")[0].split('"')[0]):
                for offset, later in enumerate(lines[number - 1 : number + 40]):
                    code = later.split("#")[0]
                    if prop and (f":{prop} " in code or f"/{prop}> " in code):
                        return f"{path}:{number + offset}"
                    if offset and code.rstrip().endswith(" ."):
                        break
                return f"{path}:{number}"
    return None


def _value_line(v: Violation, texts: dict[Path, list[str]]) -> str | None:
    needle = " ".join((v.value or "").split())[:40]
    if len(needle) < 3:
        return None
    for path, lines in texts.items():
        for number, line in enumerate(lines, 1):
            if needle in " ".join(line.split()):
                return f"{path}:{number}"
    return None


def build(
    store: Store, *, validate: bool = True, progress: Progress | None = None, cache: bool = True
) -> LoadReport:
    """Build the bundled knowledge graph into ``store``, replacing what it held.

    Reads the ontology, the shapes and every data file (one named graph per file, each graph
    recording the file it came from), validates the data against ``ontology/shapes.ttl``,
    infers what the model implies into ``graph:inferred`` (:mod:`clustergraph.ingest.inference`)
    and then swaps the store's content in one step. With ``cache``, a build of the same inputs
    made before is taken from the build cache (:mod:`clustergraph.ingest.buildcache`); every
    build made here is kept there.

    Raises
    ------
    InputSyntaxError, ValidationError
        Before anything is written.
    """
    from . import buildcache

    files = bundled_files()
    name = buildcache.key(files, validate=validate)
    cached = buildcache.get(name) if cache else None
    if cached is not None:
        quads, saved = cached
        if progress:
            progress("writing the store (from the build cache)")
        store.replace_all(quads)
        return LoadReport(files=[(f, g, n) for f, g, n in saved["files"]], validated=saved["validated"],
                          inferred=saved["inferred"], cached=True)
    per_graph, report = _read(files, progress)
    if validate:
        if progress:
            progress("validating against the shapes")
        shapes = per_graph[SHAPES_GRAPH]
        roles = {f.graph: f.role for f in files}
        data = [q for g, qs in per_graph.items() if g != SHAPES_GRAPH for q in qs]
        # the reference data (places, sectors) is checked by its data test, not on every build
        sources = [q for g, qs in per_graph.items() if roles.get(g) == "source" for q in qs]
        violations = _where(validate_quads(data, shapes, scope=sources), files)
        places = frozenset(q.subject.value for q in per_graph.get(PLACES_GRAPH, [])
                           if isinstance(q.subject, NamedNode) and place_kind(q.subject.value))
        violations += locate(check_places(sources, places), [f.path for f in files if f.role == "source"])
        if violations:
            raise ValidationError(violations, source="bundled data")
        report.validated = True
    if progress:
        progress("inferring what the model implies")
    inferred = infer(q for g, qs in per_graph.items() if g != SHAPES_GRAPH for q in qs)
    report.inferred = sum(1 for q in inferred if q.graph_name == NamedNode(INFERRED_GRAPH))
    if progress:
        progress("writing the store")
    everything = [*(q for qs in per_graph.values() for q in qs), *inferred]
    store.replace_all(everything)
    buildcache.put(name, everything, {"files": report.files, "validated": report.validated,
                                      "inferred": report.inferred})
    return report


def _shapes_of(store: Store) -> list[Quad]:
    result = store.query(sparql.load("ingest-graph-triples"), bindings={"g": NamedNode(SHAPES_GRAPH)})
    triples = getattr(result, "triples", [])
    if triples:
        return [Quad(t.subject, t.predicate, t.object, NamedNode(SHAPES_GRAPH)) for t in triples]
    shapes_file = next(f for f in bundled_files() if f.role == "shapes")
    return read_file(shapes_file.path, graph=SHAPES_GRAPH)


def _store_context(store: Store, nodes: set[str]) -> list[Quad]:
    """The store's triples that constraints on ``nodes`` can read (see ``validate.neighbourhood``),
    in batches of a thousand nodes bound as ``?n``, and the class hierarchy; the shapes graph is
    left out."""
    from pyoxigraph import DefaultGraph

    from ..store.sparqltext import bind_rows

    def triples(query: str) -> list[Quad]:
        result = store.query(query)
        return [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in getattr(result, "triples", [])]

    text = sparql.load("validation-neighbourhood")
    out = triples(sparql.load("validation-class-hierarchy"))
    ordered = sorted(nodes)
    for start in range(0, len(ordered), 1000):
        out += triples(bind_rows(text, ["n"], [[NamedNode(n)] for n in ordered[start : start + 1000]]))
    return out


def check_files(
    paths: Sequence[str | Path],
    *,
    store: Store | None = None,
    graph: str | None = None,
    format: str | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, list[Quad]], LoadReport]:
    """Parse and validate files without writing anything; return their quads per graph.

    The data is checked in the context of ``store`` (its ontology, places, organisations); with
    no store, in the context of the bundled graph. Only problems of the files' own nodes count.
    """
    per_graph, report, _ = _check(paths, store=store, graph=graph, format=format, progress=progress)
    return per_graph, report


def _check(
    paths: Sequence[str | Path],
    *,
    store: Store | None,
    graph: str | None,
    format: str | None,
    progress: Progress | None,
) -> tuple[dict[str, list[Quad]], LoadReport, list[Quad] | None]:
    """:func:`check_files`, also returning what the store gave as context (None: no store)."""
    files = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise InputNotFoundError(str(path))
        files.append(SourceFile(path, graph or user_graph(path), "user"))
    per_graph, report = _read(files, progress, format)
    if progress:
        progress("validating against the shapes")
    new = [q for qs in per_graph.values() for q in qs]
    nodes = {t.value for q in new for t in (q.subject, q.object) if isinstance(t, NamedNode)}
    stored: list[Quad] | None = None
    if store is not None and not store.is_empty():
        shapes, context = _shapes_of(store), _store_context(store, nodes)
        stored = context
    else:  # the bundled graph; its reference data holds no node a user file's constraints read
        bundled = [f for f in bundled_files() if f.role != "reference"]
        bundled_quads, _ = _read(bundled, None)
        shapes = bundled_quads.pop(SHAPES_GRAPH)
        context = [q for qs in bundled_quads.values() for q in qs]
    own = {q.subject.value for q in new if not isinstance(q.subject, Triple)}
    violations = [v for v in validate_quads([*context, *new], shapes, scope=new) if v.focus in own]
    violations = _where(violations, files)
    violations += locate(check_places(new, known_places(store)), [f.path for f in files])
    if violations:
        raise ValidationError(violations, source=", ".join(map(str, paths)))
    report.validated = True
    return per_graph, report, stored


def load_files(
    store: Store,
    paths: Sequence[str | Path],
    *,
    graph: str | None = None,
    format: str | None = None,
    validate: bool = True,
    replace: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Load user files into the store, each into its own graph (or all into ``graph``).

    Every file is parsed, and the data validated against the store's shapes, before one
    transaction adds it (``replace=True``: replaces the graphs' content instead). A validated
    load into a built store adds, in the same transaction, what the inference rules conclude from
    the new data (to ``graph:inferred``); what followed only from replaced content stays there
    until the next build.

    Raises
    ------
    InputNotFoundError, UnknownFormatError, InputSyntaxError, SheetError, ValidationError
        Before anything is written.
    """
    if not validate and not any(map(is_sheet, paths)) and not any(Path(p).is_file() and has_bom(p) for p in paths):
        return _bulk_load(store, paths, graph=graph, format=format, replace=replace, progress=progress)
    stored: list[Quad] | None = None
    if validate:
        per_graph, report, stored = _check(paths, store=store, graph=graph, format=format, progress=progress)
    else:
        files = []
        for p in paths:
            path = Path(p)
            if not path.exists():
                raise InputNotFoundError(str(path))
            files.append(SourceFile(path, graph or user_graph(path), "user"))
        per_graph, report = _read(files, progress, format)
    delta: list[Quad] = []
    if stored is not None:
        if progress:
            progress("inferring what the new data implies")
        delta = _inferences(store, stored, per_graph)
        report.inferred = sum(1 for q in delta if q.graph_name == NamedNode(INFERRED_GRAPH))
    if progress:
        progress("writing the store")
    if replace:  # quads listed under another graph's key go to their own graph: one transaction
        first = next(iter(per_graph), None)
        store.replace_graphs({g: [*qs, *delta] if g == first else qs for g, qs in per_graph.items()})
    else:
        store.add([*(q for qs in per_graph.values() for q in qs), *delta])
    return report


def _inferences(store: Store, context: list[Quad], per_graph: dict[str, list[Quad]]) -> list[Quad]:
    """What the rules conclude from new data, given the store's ontology and the new nodes'
    neighbourhood (conclusions the store already holds are not repeated)."""
    result = store.query(sparql.load("ingest-graph-triples"), bindings={"g": NamedNode(ONTOLOGY_GRAPH)})
    graph = NamedNode(ONTOLOGY_GRAPH)
    ontology = [Quad(t.subject, t.predicate, t.object, graph) for t in getattr(result, "triples", [])]
    return infer([*ontology, *context, *(q for qs in per_graph.values() for q in qs)])


def _bulk_load(
    store: Store,
    paths: Sequence[str | Path],
    *,
    graph: str | None,
    format: str | None,
    replace: bool,
    progress: Progress | None,
) -> LoadReport:
    """Unvalidated loads: the store's bulk loader (on disk: straight into a new generation), all or nothing."""
    files = []
    for p in paths:
        path = Path(p)
        if not path.is_file():
            raise InputNotFoundError(str(path))
        fmt = rdf_format_for(path, format)
        check_input(path, fmt)
        files.append((path, fmt, graph or user_graph(path)))
    described = [
        Quad(NamedNode(g), NamedNode(DCTERMS + "source"), Literal(_display(path)), NamedNode(g))
        for path, _, g in files
    ]
    if progress:
        progress("bulk loading")
    try:
        store.bulk_load(files, extra=described, drop=sorted({g for _, _, g in files}) if replace else ())
    except (SyntaxError, MemoryError) as err:
        named = getattr(err, "filename", None) or (str(files[0][0]) if len(files) == 1 else None)
        raise input_error(named or ", ".join(str(f[0]) for f in files), err) from None
    report = LoadReport()
    report.files = [(str(path), g, None) for path, _, g in files]
    return report
