"""Naming characters that staff cannot see or cannot tell apart, for refusals of ids and formulas.

An id with a zero-width space inside, or with a Cyrillic letter that looks exactly like a Latin
one, looks right in any editor, so "does not match the pattern" does not help: the message names
the character by its Unicode code point and name, and says what it looks like.
"""

from __future__ import annotations

import unicodedata

from iku_macros.data.safe_files import describe_char

# Cross-script letters that Unicode's confusables list (UTS #39) maps to a Latin letter or digit
# of an id; accents, fullwidth and mathematical forms are folded by NFKD instead.
_LOOKALIKES = {
    "\u0430": "a",  # CYRILLIC SMALL LETTER A
    "\u0441": "c",  # CYRILLIC SMALL LETTER ES
    "\u0501": "d",  # CYRILLIC SMALL LETTER KOMI DE
    "\u0435": "e",  # CYRILLIC SMALL LETTER IE
    "\u04bb": "h",  # CYRILLIC SMALL LETTER SHHA
    "\u0456": "i",  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    "\u0458": "j",  # CYRILLIC SMALL LETTER JE
    "\u04cf": "l",  # CYRILLIC SMALL LETTER PALOCHKA
    "\u043e": "o",  # CYRILLIC SMALL LETTER O
    "\u0440": "p",  # CYRILLIC SMALL LETTER ER
    "\u051b": "q",  # CYRILLIC SMALL LETTER QA
    "\u0455": "s",  # CYRILLIC SMALL LETTER DZE
    "\u051d": "w",  # CYRILLIC SMALL LETTER WE
    "\u0445": "x",  # CYRILLIC SMALL LETTER HA
    "\u0443": "y",  # CYRILLIC SMALL LETTER U
    "\u0437": "3",  # CYRILLIC SMALL LETTER ZE
    "\u0251": "a",  # LATIN SMALL LETTER ALPHA
    "\u0261": "g",  # LATIN SMALL LETTER SCRIPT G
    "\u0269": "i",  # LATIN SMALL LETTER IOTA
    "\u0131": "i",  # LATIN SMALL LETTER DOTLESS I
    "\u03b1": "a",  # GREEK SMALL LETTER ALPHA
    "\u03b9": "i",  # GREEK SMALL LETTER IOTA
    "\u03bd": "v",  # GREEK SMALL LETTER NU
    "\u03bf": "o",  # GREEK SMALL LETTER OMICRON
    "\u03c1": "p",  # GREEK SMALL LETTER RHO
    "\u03c5": "u",  # GREEK SMALL LETTER UPSILON
}
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}


def code_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE`` (the same naming as the file reader's refusals)."""
    return describe_char(char)


def invisible(char: str) -> bool:
    """A space other than the ASCII one, a control, format (zero-width, bidi) or combining mark."""
    return char != " " and unicodedata.category(char) in _INVISIBLE_CATEGORIES


def lookalike(char: str) -> str | None:
    """The ASCII letter or digit ``char`` is easily mistaken for, if any."""
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    folded = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if folded != char and folded.isascii() and folded.isalnum():
        return folded
    return None


def describe_character(char: str) -> str:
    """Code point, name, and why it is hard to see, e.g.
    ``U+0430 CYRILLIC SMALL LETTER A (mirip `a`)``."""
    text = code_name(char)
    similar = lookalike(char)
    if similar is not None:
        return f"{text} (mirip `{similar}`)"
    if char == " ":
        return f"{text} (spasi)"
    if invisible(char):
        return f"{text} (tak terlihat)"
    return f"{text} `{char}`"


def visible(text: str, *, ascii_only: bool = True) -> str:
    """``text`` with every character outside printable ASCII (or, with ``ascii_only=False``,
    every invisible one) written as ``⟨U+200B⟩``, so that it shows where it is."""
    return "".join(
        f"⟨U+{ord(c):04X}⟩" if (invisible(c) or (ascii_only and not " " <= c <= "~")) else c
        for c in text
    )


def id_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not an id (``^[a-z][a-z0-9_]*$``): what is wrong, naming the first
    offending character and its position, and how to fix it; None when it is an id."""
    if not text:
        return "kosong", "tulis id-nya"
    for index, char in enumerate(text):
        if "a" <= char <= "z" or (index > 0 and ("0" <= char <= "9" or char == "_")):
            continue
        if index == 0 and ("0" <= char <= "9" or char == "_"):
            return f"diawali {describe_character(char)}", "id diawali huruf kecil a–z"
        problem = f"memuat {describe_character(char)} pada karakter ke-{index + 1}"
        return problem, _id_hint(char)
    return None


def _id_hint(char: str) -> str:
    similar = lookalike(char)
    if "A" <= char <= "Z":
        return f"huruf kecil: tulis `{char.lower()}`"
    if char in " -.":
        return "garis bawah `_` sebagai pemisah kata"
    if similar is not None:
        return f"huruf biasa: ketik ulang sebagai `{similar}`"
    if invisible(char):
        return "tanpa karakter tak terlihat: hapus, lalu ketik ulang id-nya"
    return "hanya huruf kecil a–z, angka 0–9, dan garis bawah `_`"


def fold_id(text: str) -> str:
    """``text`` without invisible characters and with look-alikes replaced by the ASCII they
    imitate: two ids that fold alike are the same id to a reader."""
    return "".join(lookalike(c) or c for c in text if not invisible(c))
