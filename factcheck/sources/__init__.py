"""Reading sources from files: plain text, Markdown, HTML and JSON Lines."""

from factcheck.sources.readers import SUPPORTED_EXTENSIONS, ReadFailure, SourceOverrides, read_path, walk_paths

__all__ = ["SUPPORTED_EXTENSIONS", "ReadFailure", "SourceOverrides", "read_path", "walk_paths"]
