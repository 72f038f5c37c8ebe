"""Filling a generated page's macro calls without a template engine.

A generated page (:mod:`iku_macros.web.plan`) is fixed Markdown and calls such as
``{{ capaian_tabel(2025, 'iku') }}`` whose arguments are literals (years, validated ids). Handing
each such page to mkdocs-macros meant compiling it as a Jinja template, a thousand times at
kabupaten scale, to make one function call per line. Here each call is read with
:func:`ast.literal_eval` (literals only: nothing is evaluated) and the function is called
directly. Anything else between ``{{`` and ``}}`` stops the build: a generated page never
reaches a reader with a template left in it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from typing import Any

CALL = re.compile(r"\{\{\s*(?P<name>[a-z_][a-z0-9_]*)\((?P<args>[^{}]*)\)\s*\}\}")
"""One macro call of a generated page."""


def parse_call(name: str, args: str) -> tuple[str, list[Any], dict[str, Any]]:
    """``name`` and its literal positional and keyword arguments; ValueError for anything
    that is not a literal."""
    try:
        call = ast.parse(f"f({args})", mode="eval").body
        if not isinstance(call, ast.Call) or any(k.arg is None for k in call.keywords):
            raise ValueError
        values = [ast.literal_eval(arg) for arg in call.args]
        named = {str(k.arg): ast.literal_eval(k.value) for k in call.keywords}
    except (SyntaxError, ValueError):
        raise ValueError(f"panggilan makro tidak sah: {name}({args})") from None
    return name, values, named


def results(markdown: str, functions: Mapping[str, Callable[..., Any]]) -> list[str]:
    """The result of every call of ``markdown``, in order."""
    rest = CALL.sub("", markdown)
    if "{{" in rest or "{%" in rest or "{#" in rest:
        raise ValueError("halaman buatan memuat sintaks templat selain panggilan makro")
    found = []
    for match in CALL.finditer(markdown):
        name, values, named = parse_call(match["name"], match["args"])
        function = functions.get(name)
        if function is None:
            raise ValueError(f"makro tidak dikenal: {name}")
        result = function(*values, **named)
        found.append("" if result is None else str(result))
    return found


def insert(markdown: str, found: list[str], keep: Callable[[str], str]) -> str:
    """``markdown`` with its calls replaced by ``found`` (from :func:`results`); an HTML
    result (a block starting with ``<``) goes through ``keep``, which returns the placeholder
    Markdown leaves alone."""
    pending = iter(found)

    def one(match: re.Match[str]) -> str:
        text = next(pending)
        return keep(text) if text.lstrip().startswith("<") else text

    return CALL.sub(one, markdown)
