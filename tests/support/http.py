"""Reading HTTP answers in tests: the status is checked before the body is read.

A test that reads ``response.json()["rows"]`` from an error answer fails with a ``KeyError``
that hides what happened; these helpers fail with the status and the body instead.

>>> import httpx
>>> json_of(httpx.Response(200, json={"rows": []}))
{'rows': []}
>>> json_of(httpx.Response(503, json={"error": "timeout"}))
Traceback (most recent call last):
...
AssertionError: expected HTTP 200, got 503: {"error":"timeout"}
"""

from __future__ import annotations

from typing import Any

import httpx


def expect(response: httpx.Response, status: int = 200) -> httpx.Response:
    """``response``, after asserting its status (the body is shown when it differs)."""
    assert response.status_code == status, f"expected HTTP {status}, got {response.status_code}: {response.text[:2000]}"
    return response


def json_of(response: httpx.Response, status: int = 200) -> Any:
    """The JSON body of ``response``, after asserting its status."""
    return expect(response, status).json()
