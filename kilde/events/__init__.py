"""Extracted records -> coded events (ontology, triggers, arguments, actors, modality)."""
