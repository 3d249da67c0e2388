"""The relation types of the projection, their strengths, and the as-of rule.

Relation types and their strength (the edge weight of the actor network and the factor of a hop
in entry-point scores): agreement 1.0, alliance 0.9, unit 0.9, project 0.7, event 0.5,
funding 0.3; a part-of link between two alliances, projects, events or agreements (a sub-event
and its event) is 0.9.

The ``as_of`` rule: a tie counts in year Y when its start year is at most Y and it has no end or
its end year is at least Y. **A tie without any date always counts.**

>>> RELATION_STRENGTH["agreement"], DEFAULT_RELATIONS[-1]
(1.0, 'event')
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InputError
from ..namespaces import CG

#: The relation types of the projection, strongest first, with the strength each tie gives.
RELATION_STRENGTH: dict[str, float] = {
    "agreement": 1.0,
    "alliance": 0.9,
    "unit": 0.9,
    "project": 0.7,
    "event": 0.5,
    "funding": 0.3,
}
#: The relation types used when the caller names none: every type except funding.
DEFAULT_RELATIONS: tuple[str, ...] = ("agreement", "alliance", "unit", "project", "event")
#: Roles that make a participation in an organisation (an alliance) a membership.
MEMBER_ROLES = frozenset({CG + "Member", CG + "Leader"})
#: Roles that make a participation a funding tie when it has no other role.
FUNDING_ROLES = frozenset({CG + "Funder", CG + "Initiator", CG + "Supporter"})
#: Strength of a hop between two alliances/projects/events/agreements (a sub-event and its event).
PART_STRENGTH = 0.9


def year_of(value: str | None) -> int | None:
    """The year of an ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` lexical form.

    >>> year_of("2016-10-09"), year_of("2016"), year_of(None), year_of("January")
    (2016, 2016, None, None)
    """
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    return int(value[:4])


def active(start: int | None, end: int | None, as_of: int | None) -> bool:
    """The as-of rule: start <= Y and (no end or end >= Y); undated ties always count.

    >>> active(2016, 2018, 2017), active(2016, None, 2020), active(2016, 2016, 2020)
    (True, True, False)
    >>> active(None, None, 1900)
    True
    """
    if as_of is None:
        return True
    if start is not None and start > as_of:
        return False
    return end is None or end >= as_of


def check_relations(relations: Iterable[str] | None) -> tuple[str, ...]:
    """Validate relation type names; ``None`` gives the default set.

    >>> check_relations(None)
    ('agreement', 'alliance', 'unit', 'project', 'event')
    >>> check_relations(["event", "funding"])
    ('event', 'funding')
    >>> check_relations(["friendship"])
    Traceback (most recent call last):
    ...
    clustergraph.errors.InputError: unknown relation type 'friendship'; known: ...
    """
    if relations is None:
        return DEFAULT_RELATIONS
    chosen = tuple(dict.fromkeys(r.strip().lower() for r in relations if r.strip()))
    for r in chosen:
        if r not in RELATION_STRENGTH:
            raise InputError(f"unknown relation type {r!r}; known: {', '.join(RELATION_STRENGTH)}")
    return chosen or DEFAULT_RELATIONS
