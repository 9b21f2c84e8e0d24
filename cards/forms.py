"""Forms that check request parameters the FilterSet does not own (the API's language and limit)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SEARCH_LIMIT = 20
SEARCH_LIMIT_MAX = 100


class SearchParameters(forms.Form):
    """``/api/v1/search``'s own parameters; the card list's filters are the FilterSet's.

    Invalid values give the form's errors, in the same shape as the FilterSet's
    (``form.errors.get_json_data()``), so every bad request of the API reads alike.
    """

    q = forms.CharField(required=False, label=_("Search words"))
    lang = forms.ChoiceField(choices=settings.LANGUAGES, required=False, label=_("Language"))
    limit = forms.IntegerField(min_value=1, max_value=SEARCH_LIMIT_MAX, required=False, label=_("Number of results"))

    def clean_lang(self) -> str:
        return self.cleaned_data["lang"] or settings.LANGUAGE_CODE

    def clean_limit(self) -> int:
        limit = self.cleaned_data["limit"]
        return SEARCH_LIMIT if limit is None else limit
