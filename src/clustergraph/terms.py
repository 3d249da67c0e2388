"""IRIs as people write them and read them: expansion, compact forms, local names, labels.

Every face takes the same spellings of a resource (a full IRI, ``<...>``, a prefixed name with
one of :data:`~clustergraph.namespaces.PREFIXES`, or a slug under a base) and shows the same
short forms, so this module is the one place that turns text into IRIs and IRIs into text.

rdflib's ``NamespaceManager`` does prefix expansion and compaction too, but it works on rdflib
terms and binds its own default prefixes; these few lines work on plain strings and pyoxigraph
terms with the project's prefixes only, and accept the slugs sheets and parameters use.

>>> expand("id:biocat")
'https://w3id.org/clustergraph/id/biocat'
>>> expand("country/JP", base="https://w3id.org/clustergraph/id/")
'https://w3id.org/clustergraph/id/country/JP'
>>> expand("Biocat") is None
True
>>> compact("https://w3id.org/clustergraph/ontology#Member")
'cg:Member'
>>> pick_label([("BIO.NRW", "de"), ("BIO.NRW (en)", "en")], "id:bio-nrw")
'BIO.NRW (en)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from .namespaces import PREFIXES, RDFS, SCHEMA, SKOS

#: The properties whose values name a resource, in the order a display name is taken from.
LABEL_PROPERTIES: tuple[str, ...] = (RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", SCHEMA + "name")

#: Absolute IRIs users paste (other schemes are taken as they are only where an IRI is expected).
_SCHEMES = ("http://", "https://", "urn:")
#: A slug: a relative path under a base (``biocat``, ``country/JP``, ``nuts/ES51``).
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~/-]*$")


def expand(text: str, *, base: str | None = None, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """The absolute IRI ``text`` spells, or ``None`` when it spells none.

    Parameters
    ----------
    text : str
        ``https://...``, ``http://...`` or ``urn:...``; the same in angle brackets; a prefixed
        name with a known prefix (``id:biocat``, ``cg:Leader``); or, when ``base`` is given, a
        slug under it (``biocat``, ``country/JP``).
    base : str, optional
        The namespace of slugs; without it a slug is not an IRI (it may be a name).
    prefixes : mapping of str to str
        The prefixes known (default: the project's).

    Examples
    --------
    >>> expand("<https://schema.org/Event>")
    'https://schema.org/Event'
    >>> expand("cg:Leader")
    'https://w3id.org/clustergraph/ontology#Leader'
    >>> expand("bioxclusters-plus", base="https://w3id.org/clustergraph/id/")
    'https://w3id.org/clustergraph/id/bioxclusters-plus'
    >>> expand("Chamber of Commerce", base="https://w3id.org/clustergraph/id/") is None
    True
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not text or any(c.isspace() for c in text):
        return None
    if text.startswith(_SCHEMES):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in prefixes and local and "//" not in local:
        return prefixes[prefix] + local
    if base is not None and _SLUG.match(text):
        return base + text
    return None


def named_node(text: str, *, base: str | None = None) -> NamedNode | None:
    """The IRI ``text`` spells as a term (see :func:`expand`; any other text is taken as it is), or ``None``.

    >>> named_node("id:biocat").value, named_node("mailto:info@example.org").value
    ('https://w3id.org/clustergraph/id/biocat', 'mailto:info@example.org')
    >>> named_node("not an IRI") is None
    True
    """
    try:
        return NamedNode(expand(text, base=base) or text.strip())
    except ValueError:
        return None


def compact(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The prefixed name of an IRI under the longest namespace that fits, else the IRI itself.

    >>> compact("https://w3id.org/clustergraph/id/biocat")
    'id:biocat'
    >>> compact("https://example.org/x")
    'https://example.org/x'
    """
    best = ""
    chosen = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, chosen = namespace, prefix
    return f"{chosen}:{iri[len(best):]}" if best else iri


def display(term: NamedNode | BlankNode | Literal | Triple | None, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """A term as a table shows it: a prefixed name or ``<IRI>``, a literal's text and language.

    >>> display(NamedNode("https://w3id.org/clustergraph/id/biocat")), display(None)
    ('id:biocat', '')
    >>> display(NamedNode("https://example.org/x")), display(Literal("Biocat", language="en"))
    ('<https://example.org/x>', 'Biocat@en')
    """
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        short = compact(term.value, prefixes)
        return short if short != term.value else f"<{term.value}>"
    if isinstance(term, Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    return str(term)


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> local_name("https://w3id.org/clustergraph/ontology#CoOrganiser")
    'CoOrganiser'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def pick_label(labels: Iterable[tuple[str, str]], fallback: str) -> str:
    """The label to show: English, else untagged, else the first language; else ``fallback``.

    Parameters
    ----------
    labels : iterable of (str, str)
        ``(text, language)`` pairs; the language is ``""`` for an untagged label.
    fallback : str
        What to show when there is no label (usually :func:`compact` of the IRI).

    Examples
    --------
    >>> pick_label([("Biocat", ""), ("Biocat (ja)", "ja")], "x"), pick_label([], "id:biocat")
    ('Biocat', 'id:biocat')
    """
    ordered = sorted(labels, key=lambda pair: (pair[1] != "en", pair[1] != "", pair[1], pair[0]))
    return ordered[0][0] if ordered else fallback
