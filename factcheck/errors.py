"""One exception tree for the whole library.

Every error factcheck raises on purpose derives from :class:`FactcheckError`, so callers (the CLI, the
HTTP service) can map each class to an exit code or a status once, instead of catching per call site.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error factcheck raises deliberately."""


class ConfigError(FactcheckError):
    """The configuration is invalid or names something that does not exist (model, index type)."""


class InvalidInputError(FactcheckError):
    """Input that can never be accepted as given: bad id, empty text, bad date, undecodable bytes."""


class UnsupportedFormatError(InvalidInputError):
    """A file whose extension or content type factcheck does not read."""


class InputTooLargeError(InvalidInputError):
    """Input over a configured size limit."""


class NotFoundError(FactcheckError):
    """A source (or other stored object) that does not exist."""


class SourceConflictError(FactcheckError):
    """The id is already stored with different text; re-ingesting identical text is a no-op instead."""


class StorageError(FactcheckError):
    """The data directory cannot be used: unwritable, corrupt, or built with another embedding model."""


class ModelMismatchError(StorageError):
    """The stored vectors were made by another embedding model than the one configured."""
