"""The characters case text may not hold and screens must never receive raw, described once.

They can rewrite a terminal, hide text or reorder it on screen: C0 and C1 controls (tab and line
feed excepted: a carriage return gets into text only written as "\\r", since YAML reads a file's
line ends as line feeds, and would send the cursor back over what was printed), the line and
paragraph separators, and every invisible one: all format characters (Unicode category Cf: bidi
overrides and isolates, zero-width characters, the soft hyphen, the Mongolian vowel separator,
the byte-order mark, tag characters U+E0000-U+E007F …) and the other default-ignorable code
points that render as nothing (the combining grapheme joiner, the Hangul fillers, the Khmer
inherent vowels, the reserved U+FFF0-U+FFF8 and U+E0080-U+E0FFF). Variation selectors
(U+FE00-U+FE0F, U+E0100-U+E01EF) stay allowed: they only choose how the character before them
looks (an emoji's colour form, an ideograph's variant).

:mod:`erhverv_cli.models` refuses them in case text; :mod:`erhverv_cli.render.text` shows them
visibly, and lone surrogates too (the bytes of a file name that is not UTF-8).
"""

# The inside of a regular-expression character class: "[" + UNSAFE + "]".
UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f"
    "\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
)
