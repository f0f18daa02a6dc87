"""Doc + Article -> Mention, Place, TimeSpan, Quantity, Claim: one module per record kind.

This package shares its name with the API call ``kilde.extract(text, ...)``;
importing any extractor binds the package to ``kilde.extract``, so the package
itself is made callable and forwards to ``kilde.api.extract``.
"""

from __future__ import annotations

import sys
import types


class _CallablePackage(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from kilde.api import extract

        return extract(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
