"""kilde: dated news articles in, a source-attributed event database out.

    import kilde
    result = kilde.extract("IS tok kontroll over Palmyra søndag.", published="2016-12")
"""

from __future__ import annotations

__version__ = "0.1.0"

from kilde import extract  # noqa: E402  (callable: see kilde/extract/__init__.py)

__all__ = ["extract", "__version__"]
