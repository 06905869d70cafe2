"""How a run is carried out; no option changes what a record holds."""

from __future__ import annotations

from dataclasses import dataclass

ENGINES = ("local", "dask")
#: Longest document (characters) processed by default; longer ones become error lines.
MAX_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Settings of the engine that runs the pipeline.

    Attributes:
        engine: ``local`` (this machine) or ``dask`` (Dask distributed).
        workers: local worker processes, or LocalCluster workers for dask.
        scheduler: address of a running Dask scheduler (dask engine only).
        batch_size: documents per ``nlp.pipe`` batch.
        chunk_size: documents per task sent to a worker (rounded up to whole batches).
        agreements: CSV of known agreements for ``claimx_agreements`` ("" for none).
        max_chars: longest document processed; a longer one becomes an error line.
    """

    engine: str = "local"
    workers: int = 1
    scheduler: str = ""
    batch_size: int = 64
    chunk_size: int = 128
    agreements: str = ""
    max_chars: int = MAX_CHARS

    @property
    def chunk_items(self) -> int:
        """The chunk size rounded up to whole batches, so chunks never split a batch."""
        return -(-self.chunk_size // self.batch_size) * self.batch_size
