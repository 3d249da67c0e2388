"""The catalogue of named questions: one ``.rq`` file each, with a header that documents it."""

from __future__ import annotations

from .catalogue import NamedQuery, Parameter, get_query, load_catalogue, parse_query_file
from .params import PARAM_TYPES, bind_parameters, to_term
from .run import run_named, run_text

__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "Parameter",
    "bind_parameters",
    "get_query",
    "load_catalogue",
    "parse_query_file",
    "run_named",
    "run_text",
    "to_term",
]
