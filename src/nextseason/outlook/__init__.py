"""The renewal outlook: the odds that an undecided show's next season is made.

Labels (:mod:`.labels`, normalized by :mod:`.rules`) come from ``raw/outcomes/``; the features
known at decision time are in :mod:`.features`; :mod:`.train` fits the model (scikit-learn,
imported only there) that ships as ``nextseason/data/outlook-model.json`` and that
:mod:`.scoring` reads with numpy alone; :mod:`.predict` turns it into a report's
:class:`~nextseason.model.Outlook`; :mod:`.words` writes it out. ``bench/outlook_backtest.py``
measures it on a time split.

Importing this package is cheap: the names below load their modules on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nextseason.outlook.errors import OutlookModelError
    from nextseason.outlook.predict import band, outlook_for, report_outlook
    from nextseason.outlook.scoring import load_model

__all__ = ["OutlookModelError", "band", "load_model", "outlook_for", "report_outlook"]

_HOMES = {
    "band": "predict",
    "outlook_for": "predict",
    "report_outlook": "predict",
    "OutlookModelError": "errors",
    "load_model": "scoring",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"nextseason.outlook.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'nextseason.outlook' has no attribute {name!r}")
