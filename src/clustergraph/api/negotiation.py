"""HTTP content negotiation: pick the best media type on offer for an ``Accept`` header.

Quality values are honoured; a more specific range overrides a wildcard; ``q=0`` excludes; ties
go to the server's order of preference.

>>> best(["application/sparql-results+json", "text/csv"], "text/csv;q=0.9, */*;q=0.1")
'text/csv'
>>> best(["text/turtle", "text/html"], "text/html,application/xhtml+xml,*/*;q=0.8")
'text/html'
>>> best(["text/turtle"], "application/json") is None
True
>>> best(["text/turtle", "application/n-triples"], None)
'text/turtle'
"""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str) -> list[tuple[str, str, float]]:
    """The media ranges of an ``Accept`` header as ``(type, subtype, q)``.

    >>> parse_accept("text/*;q=0.5, application/json")
    [('text', '*', 0.5), ('application', 'json', 1.0)]
    """
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        kind, _, sub = fields[0].lower().partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((kind, sub or "*", q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, str, float]]) -> float:
    kind, _, sub = offer.lower().partition("/")
    best_specificity, quality = -1, 0.0
    for rkind, rsub, q in ranges:
        if rkind == kind and rsub == sub:
            specificity = 2
        elif rkind == kind and rsub == "*":
            specificity = 1
        elif rkind == "*" and rsub == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, quality = specificity, q
    return quality


def best(offers: Sequence[str], accept: str | None) -> str | None:
    """The offer the client prefers most, or ``None`` when it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = parse_accept(accept)
    scored = [(_quality(offer, ranges), -i, offer) for i, offer in enumerate(offers)]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    return max(scored)[2]
