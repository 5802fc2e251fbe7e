"""Run ingestion jobs on an existing Dask cluster (the optional ``dask`` extra)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from concord.model.errors import ConcordError

R = TypeVar("R")
J = TypeVar("J")


def run_on_dask(
    jobs: Sequence[J],
    address: str,
    task: Callable[[list[J]], list[R]],
    batches: Callable[[Sequence[J], int], list[list[J]]],
) -> Iterator[list[R]]:
    """Run ``task`` over batches of ``jobs`` on the scheduler at ``address``, in order.

    Jobs carry file names (and addresses) only: the workers read the files (a shared
    filesystem, as on a LocalCluster); a few large batches per worker keep the scheduler's
    per-task cost small.
    """
    try:
        from distributed import Client
    except ImportError:
        raise ConcordError(
            "--dask needs the dask extra: pip install 'concord[dask]'", where="--dask"
        ) from None
    try:
        client: Any = Client(address, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise ConcordError(f"cannot reach Dask scheduler: {exc}", where=address) from None
    try:
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        futures = client.map(task, batches(jobs, n_workers), pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
