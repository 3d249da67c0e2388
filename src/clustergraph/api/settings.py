"""The server's settings, read from ``CLUSTERGRAPH_*`` environment variables or given in code.

>>> s = Settings(query_timeout=5, updates_enabled=False)
>>> s.query_timeout, s.allow_service
(5.0, False)
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything ``create_app`` needs; each field can be set as ``CLUSTERGRAPH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="CLUSTERGRAPH_", extra="ignore")

    store: str | None = Field(
        None,
        description="A store folder or a SPARQL server URL; default: $CLUSTERGRAPH_STORE or the"
        " per-user folder (built from the bundled data on first use when empty).",
    )
    queries: Path | None = Field(
        None, description="A folder of named queries (.rq) to serve instead of the bundled ones."
    )
    query_timeout: float = Field(30.0, gt=0, description="Seconds a query may run before it is stopped.")
    query_workers: int = Field(3, ge=1, le=64, description="Worker processes answering queries on an embedded store.")
    client_queries: int | None = Field(
        None,
        ge=1,
        le=64,
        description="Queries one client (IP address) may run at once; the rest of its"
        " queries wait their turn. Default: one fewer than the query workers, so others always find one.",
    )
    cheap_workers: int = Field(
        2,
        ge=0,
        le=16,
        description="Worker processes kept for cheap queries (ASK, small LIMITs: the rule is in"
        " clustergraph.api.lanes), on top of the query workers; 0: no lane for cheap requests.",
    )
    cheap_budget: float = Field(
        1.0,
        gt=0,
        description="Seconds a query may take in the lane for cheap requests; past it the query"
        " runs again among the query workers and its client leaves the lane for a while.",
    )
    max_rows: int = Field(
        100_000,
        ge=1,
        description="Most rows an answer may have where the server holds it in memory (the"
        " named queries, the API); /sparql streams JSON, XML, CSV and TSV answers of any size.",
    )
    html_row_cap: int = Field(1000, ge=1, description="At most this many rows in HTML result views.")
    updates_enabled: bool = Field(False, description="Accept SPARQL updates (with the token).")
    update_token: SecretStr | None = Field(
        None, description="The bearer token an update must carry (required for updates)."
    )
    allow_service: bool = Field(False, description="Allow federated SERVICE calls and LOAD, which contact other hosts.")
    max_request_bytes: int = Field(1_000_000, ge=1024, description="Largest request body accepted.")
    region_shapes: Path | None = Field(
        None,
        description="A GeoJSON FeatureCollection of region shapes (NUTS_ID or iso_3166_2 codes) that the"
        " map draws and shades below the countries; the package ships none (clustergraph.viz.regions).",
    )
