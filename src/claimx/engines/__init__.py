"""Engines run the pipeline over a stream of inputs; none changes what a record holds."""

from claimx.engines.local import Outcome, process

__all__ = ["Outcome", "process"]
