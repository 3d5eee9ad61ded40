"""``cma_wagtail.text.one_line``: what a page title or an email header built from stored text
becomes, whatever the text holds."""

from cma_wagtail.text import one_line


def test_line_breaks_controls_and_bidi_overrides_become_one_space():
    assert one_line("Boulangerie\r\nBcc: x@y") == "Boulangerie Bcc: x@y"
    assert one_line("a\x00b\u202ec\u2028d\u2029e  \t f") == "a b c d e f"


def test_cut_with_an_ellipsis_within_the_limit():
    assert one_line("Pâtisserie Xavier Brignon", 12) == "Pâtisserie…"
    assert len(one_line("x" * 500, 255)) == 255
    assert one_line("Trimadel", 255) == "Trimadel"


def test_accented_letters_and_emoji_are_kept():
    assert one_line("Au Cœur du Tricot 🧶") == "Au Cœur du Tricot 🧶"


def test_the_no_break_spaces_of_french_typography_are_kept():
    assert one_line("Confirmez votre inscription\u00a0: Maintenir le cap\u202f!") == (
        "Confirmez votre inscription\u00a0: Maintenir le cap\u202f!"
    )
