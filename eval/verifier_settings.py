"""``--verifier FIELD=VALUE`` for the evaluation scripts: any field of ``VerifierModelConfig`` (a number,
``enabled=false``, or ``model_dir=DIR`` for another exported model), so a setting or a candidate model can be tried
on dev without editing the defaults."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from factcheck.config import VerifierModelConfig

VERIFIER_HELP = (
    "override a VerifierModelConfig field, e.g. report_conflict=0.95, enabled=false or model_dir=DIR (repeatable)"
)


def verifier_settings(pairs: list[str]) -> VerifierModelConfig:
    config = VerifierModelConfig()
    types = {f.name: f.type for f in fields(VerifierModelConfig)}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in types:
            raise SystemExit(f"unknown verifier setting {name!r}; one of {', '.join(sorted(types))}")
        if name == "enabled":
            parsed: object = value.lower() in ("1", "true", "yes", "on")
        elif name == "model_dir":
            parsed = Path(value)
        elif name in ("candidates", "max_pairs"):
            parsed = int(value)
        else:
            parsed = float(value)
        config = replace(config, **{name: parsed})
    return config
