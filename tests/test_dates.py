from __future__ import annotations

from kg.extract.dates import find_dates, resolve


def _one(text, ref, future=False):
    found = find_dates(text)
    assert found, text
    return resolve(found[0], ref, future=future)


def test_dates_weekday_past_and_future():
    # 2023-06-21 is a Wednesday
    assert _one("They met on Tuesday.", "2023-06-21") == ("2023-06-20", "day")
    assert _one("They will meet on Tuesday.", "2023-06-21", future=True) == ("2023-06-27", "day")


def test_dates_explicit_and_relative():
    assert _one("on March 4, 2024", None) == ("2024-03-04", "day")
    assert _one("on 4 March", "2024-02-28") == ("2024-03-04", "day")
    assert _one("yesterday", "2024-01-01") == ("2023-12-31", "day")
    assert _one("in May 2019", None) == ("2019-05", "month")
    assert _one("In March, they met.", "2021-04-16") == ("2021-03", "month")


def test_dates_unresolvable_without_reference():
    assert _one("on Friday", None) is None


def test_dates_month_without_year_is_the_last_one_for_past_events():
    from kg.extract.dates import find_dates, resolve

    (expr,) = find_dates("They last met in September.")
    assert resolve(expr, "1996-08-30") == ("1995-09", "month")
    assert resolve(expr, "1996-08-30", future=True) == ("1996-09", "month")
    (day,) = find_dates("They met on March 3.")
    assert resolve(day, "2024-01-10") == ("2023-03-03", "day")
    assert resolve(day, "2024-01-10", future=True) == ("2024-03-03", "day")
