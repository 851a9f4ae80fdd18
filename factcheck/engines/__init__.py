"""Ingest engines, picked by name: ``local`` (this process, the default) and ``ray`` (a Ray Data pipeline)."""

from factcheck.engines.base import (
    LOCAL_ENGINE,
    RAY_ENGINE,
    EngineConfig,
    IngestEngine,
    LocalEngine,
    create_engine,
    engine_names,
    register_engine,
)

__all__ = [
    "LOCAL_ENGINE",
    "RAY_ENGINE",
    "EngineConfig",
    "IngestEngine",
    "LocalEngine",
    "create_engine",
    "engine_names",
    "register_engine",
]
