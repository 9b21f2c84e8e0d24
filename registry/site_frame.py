"""The parts of the site's frame that are the same on every page of one interface language.

``base.html`` writes its header (skip link, brand, main menu) and its footer with
``{% frame_part "includes/site_header.html" %}``: such a part is rendered once per process for each
interface language, script prefix and URLconf, then its text reused. A part is rendered with
no context at all (no request, no page variables), so what it shows cannot depend on the page,
and a part that tried would show the variable empty in every test, not one page's value on all.
Under DEBUG (templates edited while the server runs) every page renders its parts anew.

The frame was a third of the empty site frame's cost over a bare response: ten reversed URLs
and fourteen translations that every page asked for again.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_rendered: dict[tuple, SafeString] = {}
MAX_PARTS = 256


@register.simple_tag
def frame_part(template_name: str) -> SafeString:
    """``template_name`` rendered without context in the active language, once per process."""
    key = (template_name, get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    part = _rendered.get(key)
    if part is None:
        part = mark_safe(get_template(template_name).render({}))
        if not settings.DEBUG:
            if len(_rendered) >= MAX_PARTS:  # script prefixes come from the server: a bound all the same
                _rendered.clear()
            _rendered[key] = part
    return part


def _forget(**kwargs) -> None:
    """A changed setting (tests: ROOT_URLCONF, LANGUAGES, ...) may change a part: render them anew."""
    _rendered.clear()


setting_changed.connect(_forget)
