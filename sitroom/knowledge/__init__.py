"""Knowledge shipped as data: actors, gazetteer supplement, lexicons, type mappings."""
