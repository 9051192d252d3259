"""The calendar's words, Chinese and English: weekdays, month names, relative days.

Source: the calendar vocabulary of both languages (《现代汉语词典》, English dictionaries).
One home for both stages that read dates in text: the stories' event days
(``clustering.event_days``) and the comparison's date slots (``comparison.lexicons.timewords``
re-exports them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# Chinese outlets date their wording ("周三", "今天") in Beijing/Taipei/HK time; most outlets
# of the corpus (VOA, RFI, DW, BBC Chinese...) also write for readers in UTC+8, so Chinese
# relative dates resolve against the publication date in UTC+8 (English ones in UTC).
DEFAULT_UTC_OFFSET_HOURS = 8


def local_publication_date(published: datetime, utc_offset_hours: int = DEFAULT_UTC_OFFSET_HOURS) -> date:
    """The publication's calendar day where its readers are (``utc_offset_hours`` east of UTC)."""
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.astimezone(timezone(timedelta(hours=utc_offset_hours))).date()


def utc_offset_for(language: str | None) -> int:
    """Hours east of UTC that a text's relative dates count in: UTC+8 for Chinese, else UTC."""
    return DEFAULT_UTC_OFFSET_HOURS if (language or "").startswith("zh") else 0

WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
               "sunday": 6}
MONTHS_EN = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
             "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
             "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
             "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# relative day word -> days from the publication day
RELATIVE_DAYS_ZH = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "昨天": -1, "昨日": -1,
                    "昨晚": -1, "前天": -2, "明天": 1, "明日": 1}
RELATIVE_DAYS_EN = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                    "yesterday": -1, "last night": -1, "tomorrow": 1}
