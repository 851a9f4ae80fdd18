"""The web page for journalists: ``GET /`` (see :mod:`api.web.page`)."""

from api.web.page import router

__all__ = ["router"]
