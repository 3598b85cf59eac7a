"""The child's age in words, as the method card and the parents' pages say it (in every language of the site)."""

from __future__ import annotations

from flask_babel import gettext, ngettext

from catalogue.content.model import Age
from catalogue.web.site.present import number


def age(value: Age) -> str:
    """3–6 år · 3–6 vuotta · 3–6 years; from pregnancy, or under one year, in words."""
    if value.prenatal:
        if value.end == 0:
            return gettext("Pregnancy and the first year")
        return ngettext("Pregnancy to age %(end)s", "Pregnancy to age %(end)s", value.end, end=number(value.end))
    if value.end == 0:
        return gettext("Under 1 year")
    if value.start == value.end:
        return ngettext("%(years)s year", "%(years)s years", value.end, years=number(value.end))
    # the plural follows the last number: "от 0 до 1 года", "от 0 до 2 лет"
    start, end = number(value.start), number(value.end)
    return ngettext("%(start)s–%(end)s years", "%(start)s–%(end)s years", value.end, start=start, end=end)
