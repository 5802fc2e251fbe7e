"""``concord serve`` keeps its start-up objects out of the collector's full passes."""

from __future__ import annotations

import gc

from concord.cli.service import freeze_heap


def test_freeze_heap_moves_what_exists_out_of_the_collected_generations() -> None:
    kept = [[i] for i in range(100)]  # lists are tracked by the collector
    assert any(o is kept[0] for o in gc.get_objects())
    try:
        freeze_heap()
        assert gc.get_freeze_count() >= len(kept)
        assert not any(o is kept[0] for o in gc.get_objects())  # not scanned any more
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
