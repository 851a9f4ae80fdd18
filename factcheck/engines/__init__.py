"""Engines, picked by name: ingest and report engines, ``local`` (this process, the default) and ``ray`` (a Ray
cluster: a Ray Data pipeline for ingest, an actor pool for reports)."""

from factcheck.engines.base import (
    LOCAL_ENGINE,
    RAY_ENGINE,
    EngineConfig,
    IngestEngine,
    LocalEngine,
    LocalReportEngine,
    ReportEngine,
    create_engine,
    create_report_engine,
    engine_names,
    register_engine,
    register_report_engine,
    report_engine_names,
)

__all__ = [
    "LOCAL_ENGINE",
    "RAY_ENGINE",
    "EngineConfig",
    "IngestEngine",
    "LocalEngine",
    "LocalReportEngine",
    "ReportEngine",
    "create_engine",
    "create_report_engine",
    "engine_names",
    "register_engine",
    "register_report_engine",
    "report_engine_names",
]
