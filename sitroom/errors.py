"""The sitroom exception tree.

    SitroomError                 base class: every error sitroom raises on purpose
    +-- ConfigError              a setting or option has a bad value
    +-- InputError               one input (file, URL, stdin, JSONL line) cannot be read
    |   +-- FetchError           a URL could not be fetched (unreachable, 404, not text)
    +-- KnowledgeError           a knowledge file (actors, gazetteer, lexicon) is invalid
    +-- ModelError               the spaCy model is missing or cannot be loaded
    +-- LLMError                 the optional LLM extractor's reply is unusable (one document fails)
    |   +-- LLMUnavailable       its endpoint is unreachable, timed out or refused (the run stops)
    +-- StoreError               the database cannot be opened or written
    +-- NotFoundError            a requested id does not exist

Messages name the thing at fault and say what to do.
"""

from __future__ import annotations


class SitroomError(Exception):
    """Base class for all sitroom errors."""


class ConfigError(SitroomError):
    """A setting or option has a bad value."""


class InputError(SitroomError):
    """One input cannot be read; ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(InputError):
    """A URL could not be fetched."""


class KnowledgeError(SitroomError):
    """A knowledge file is invalid."""


class ModelError(SitroomError):
    """The spaCy model cannot be loaded."""


class LLMError(SitroomError):
    """The LLM endpoint's reply for one document is not JSON or not the schema."""


class LLMUnavailable(LLMError):
    """The LLM endpoint cannot be used at all: unreachable, timed out, refused the request."""


class StoreError(SitroomError):
    """The database cannot be opened or written."""


class NotFoundError(SitroomError):
    """A requested id does not exist."""
