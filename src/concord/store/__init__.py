"""Persistence: dossier files now; the SQL store joins here."""
