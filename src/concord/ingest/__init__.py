"""News ingestion: article text or HTML in, attributed stances with evidence out.

Rule-based and data-driven: every cue, name and official lives in ``concord/data/ingest``;
no rule is keyed to a particular article.
"""
