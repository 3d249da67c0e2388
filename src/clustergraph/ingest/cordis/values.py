"""The values of CORDIS records: amounts with decimal commas, dates, flags, countries, roles.

Each parser takes the text of one field and returns the value in its RDF lexical form, or
``None`` for an empty field; a value that does not fit raises :class:`BadValue`, which the
importer turns into an error naming file, line and column.

>>> amount("960619,95"), amount("1499998"), amount(""), amount(75000.0)
('960619.95', '1499998', None, '75000')
>>> date("2024-02-01"), timestamp("2023-12-26 14:40:12")
('2024-02-01', '2023-12-26T14:40:12')
>>> flag("true"), flag("False"), flag("")
(True, False, None)
>>> country("EL"), country("UK"), country("de")
('GR', 'GB', 'DE')
>>> coordinates("51.9863279,5.6679366")
('51.9863279', '5.6679366')
>>> role("thirdParty", "HORIZON")
'https://w3id.org/clustergraph/ontology#ThirdParty'
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ...namespaces import CG


class BadValue(ValueError):
    """A field's text is not a value of the kind the column holds."""


_AMOUNT = re.compile(r"^-?\d+(?:[.,]\d+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")

#: CORDIS writes Greece as EL and the United Kingdom as UK (EU protocol order); ISO 3166 has GR, GB.
COUNTRY_CODES = {"EL": "GR", "UK": "GB"}

#: The role vocabularies of the programmes, mapped to the project's roles. FP7 knows
#: coordinator and participant; H2020 adds partner (partner organisations of Marie
#: Sklodowska-Curie actions), thirdParty and internationalPartner; HORIZON adds associatedPartner.
ROLES: dict[str, str] = {
    "coordinator": CG + "Coordinator",
    "participant": CG + "Partner",
    "beneficiary": CG + "Partner",
    "partner": CG + "Partner",
    "thirdparty": CG + "ThirdParty",
    "associatedpartner": CG + "AssociatedPartner",
    "internationalpartner": CG + "InternationalPartner",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def amount(value: Any) -> str | None:
    """An amount in euros (``"960619,95"``, ``"1499998"``) as an ``xsd:decimal`` lexical form."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = _text(value)
        if not text:
            return None
        if not _AMOUNT.match(text):
            raise BadValue(f"{text!r} is not an amount (digits with an optional decimal comma, as 960619,95)")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern rules it out
            raise BadValue(f"{text!r} is not an amount") from None
    return format(number.normalize(), "f")


def date(value: Any) -> str | None:
    """A calendar date ``YYYY-MM-DD`` (``xsd:date``)."""
    text = _text(value)
    if not text:
        return None
    match = _DATE.match(text)
    if not match or not (1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(3)) <= 31):
        raise BadValue(f"{text!r} is not a date (YYYY-MM-DD)")
    return text


def timestamp(value: Any) -> str | None:
    """A date and time ``YYYY-MM-DD HH:MM:SS`` as an ``xsd:dateTime`` lexical form."""
    text = _text(value)
    if not text:
        return None
    match = _TIMESTAMP.match(text)
    if not match:
        raise BadValue(f"{text!r} is not a date and time (YYYY-MM-DD HH:MM:SS)")
    date(match.group(1))
    return f"{match.group(1)}T{match.group(2)}"


def flag(value: Any) -> bool | None:
    """``true`` / ``false`` in any case."""
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if not text:
        return None
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise BadValue(f"{text!r} is not true or false")


def country(value: Any) -> str:
    """An ISO 3166-1 alpha-2 code from a CORDIS country code (EL -> GR, UK -> GB); ``""`` if empty."""
    text = _text(value).upper()
    if not text:
        return ""
    if not _COUNTRY.match(text):
        raise BadValue(f"{text!r} is not a two-letter country code")
    return COUNTRY_CODES.get(text, text)


def coordinates(value: Any) -> tuple[str, str] | None:
    """``"lat,lon"`` in degrees (WGS84) as two ``xsd:decimal`` lexical forms."""
    text = _text(value)
    if not text:
        return None
    parts = [p.strip() for p in text.split(",")]
    try:
        lat, lon = (Decimal(p) for p in parts) if len(parts) == 2 else (None, None)
    except InvalidOperation:
        lat = lon = None
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadValue(f"{text!r} is not a position 'latitude,longitude' in degrees")
    return parts[0], parts[1]


def role(value: Any, programme: str) -> str:
    """The project's role (a ``cg:`` IRI) for a programme's role name."""
    text = _text(value)
    found = ROLES.get(text.lower().replace("_", "").replace(" ", ""))
    if found is None:
        known = ", ".join(sorted({"coordinator", "participant", "partner", "thirdParty", "associatedPartner",
                                  "internationalPartner"}))
        raise BadValue(f"{text!r} is not a role of {programme} participations (known: {known})")
    return found


def text(value: Any) -> str:
    """A field's text, stripped (JSON values given as numbers become their text)."""
    return _text(value)
