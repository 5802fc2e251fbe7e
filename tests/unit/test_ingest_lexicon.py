"""The cue lexicon as it is compiled: folded, lower-cased outside escapes, text only."""

from __future__ import annotations

import pytest

from concord.ingest.lexicon import _pattern
from concord.model.errors import ConcordError


def test_patterns_are_folded_and_lowered_but_escapes_are_kept() -> None:
    assert _pattern(r"Opposé (\S+ ){0,2}\W", "oppose") == r"oppose (\S+ ){0,2}\W"


def test_a_cue_that_yaml_read_as_a_boolean_is_named() -> None:
    with pytest.raises(ConcordError) as err:
        _pattern(False, "negation")
    assert "cue False under 'negation' is not text: quote it" in str(err.value)
    assert "cues.yaml" in (err.value.where or "")
