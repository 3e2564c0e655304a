"""Numbers as people read them, in Danish and English: grouped thousands also with decimals, and
never in scientific notation (a key figure of 0.00005 is not '5e-05')."""

from __future__ import annotations

import pytest

from erhverv_cli.export import _decimal_comma
from erhverv_cli.render.fields import money, number_text


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (12500, "12.500", "12,500"),
        (12500.0, "12.500", "12,500"),
        (12500.5, "12.500,5", "12,500.5"),
        (2500000.5, "2.500.000,5", "2,500,000.5"),
        (0.33, "0,33", "0.33"),
        (0.00001, "0,00001", "0.00001"),
        (-3.25, "-3,25", "-3.25"),
        (1e15, "1.000.000.000.000.000", "1,000,000,000,000,000"),
    ],
)
def test_numbers_read_as_written_in_each_language(value: float, danish: str, english: str) -> None:
    assert (number_text(value, "da"), number_text(value, "en")) == (danish, english)


def test_amounts_keep_their_grouping_with_decimals() -> None:
    assert (money(2500000.5, "da"), money(2500000.5, "en")) == ("2.500.000,5 kr.", "DKK 2,500,000.5")


@pytest.mark.parametrize(("value", "cell"), [(0.00001, "0,00001"), (1234567.5, "1234567,5"), (7, 7)])
def test_excel_csv_numbers_have_a_decimal_comma_and_no_exponent(value: float, cell: object) -> None:
    assert _decimal_comma(value) == cell
