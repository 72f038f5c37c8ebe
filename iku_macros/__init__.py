"""IKU transparency site: data model, loading, computation and rendering.

The mkdocs-macros plugin loads this package (``module_name: iku_macros``) and calls
:func:`define_env`; everything else here is plain Python with no MkDocs import.
"""

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros hook; imported lazily so the core never imports MkDocs."""
    from iku_macros.macros import define_env as _define_env

    _define_env(env)
