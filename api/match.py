"""``POST /api/v1/match``: the match page's result as JSON (the closest cards and a card's coverage).

The request is JSON (``text``, optional ``level``, ``standard``, ``card``, ``lang``) or a
multipart form with a ``file`` (.txt, .docx, .pdf) instead of ``text``. It is validated by the
page's own form (:class:`cards.match_input.MatchForm`), so the page and the API refuse the same
inputs with the same translated messages (``lang`` picks kk or ru), in the API's error shape.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers as s
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ParameterError, error, form_errors
from api.present import Links
from api.schema import ErrorSerializer
from api.views.base import LanguageParameter
from cards.match_input import MatchForm
from cards.matching import match_text
from cards.views.match import error_message
from matching import engine
from standards.models import Standard


class MatchRequestSerializer(s.Serializer):
    text = s.CharField(
        required=False, help_text="The vacancy or programme, in Kazakh or Russian (up to 20,000 characters)."
    )
    file = s.FileField(required=False, help_text="Instead of text (multipart): a .txt, .docx or .pdf file up to 5 MB.")
    level = s.IntegerField(required=False, min_value=1, max_value=8, help_text="Only cards of this ОРК level.")
    standard = s.CharField(required=False, help_text="Only cards of this standard (its code, e.g. J070).")
    card = s.CharField(required=False, help_text="The card whose coverage to return (e.g. J070/3); default the best.")
    lang = s.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES], required=False, help_text="Messages' language."
    )


class HitSerializer(s.Serializer):
    passage = s.CharField(help_text="A sentence or list item of the text.")
    item = s.CharField(help_text="The card's line it matches best.")
    kind = s.ChoiceField(choices=["function", "skill", "ability", "knowledge"])
    score = s.FloatField()


class MatchedCardSerializer(s.Serializer):
    rank = s.IntegerField()
    unit = s.CharField(help_text="Standard and position, shared by the kk and ru texts (e.g. J070/3).")
    score = s.FloatField()
    explained = s.FloatField(help_text="Share of the text's content passages the card explains.")
    covered = s.FloatField(help_text="Share of the card's lines (by weight) the text covers.")
    cross_language = s.BooleanField(help_text="Scored on the other language's text through the glossary.")
    title = s.CharField()
    level = s.IntegerField(allow_null=True)
    standard_code = s.CharField()
    language = s.CharField()
    permalink = s.URLField()
    hits = HitSerializer(many=True)


class ItemMarkSerializer(s.Serializer):
    kind = s.ChoiceField(choices=["function", "skill", "ability", "knowledge"])
    text = s.CharField()
    mark = s.ChoiceField(choices=["covered", "partly", "none"])
    score = s.FloatField()
    passage = s.CharField(help_text="The sentence of the text that covers it best ('' when none).")


class SkillCoverageSerializer(s.Serializer):
    number = s.IntegerField()
    mark = s.ChoiceField(choices=["covered", "partly", "none"])
    title = ItemMarkSerializer()
    abilities = ItemMarkSerializer(many=True)
    knowledge = ItemMarkSerializer(many=True)


class FunctionCoverageSerializer(s.Serializer):
    number = s.IntegerField()
    mark = s.ChoiceField(choices=["covered", "partly", "none"])
    title = ItemMarkSerializer()
    skills = SkillCoverageSerializer(many=True)


class CoverageSerializer(s.Serializer):
    unit = s.CharField()
    title = s.CharField()
    counts = s.DictField(child=s.IntegerField(), help_text="Abilities and knowledge by mark.")
    functions = FunctionCoverageSerializer(many=True)


class MatchResponseSerializer(s.Serializer):
    language = s.ChoiceField(choices=["kk", "ru"], help_text="The text's language, as read.")
    passages = s.IntegerField(help_text="Sentences and list items read from the text.")
    results = MatchedCardSerializer(many=True)
    coverage = CoverageSerializer(allow_null=True)


def _mark(item: engine.ItemMark) -> dict:
    return {"kind": item.kind, "text": item.text, "mark": item.mark, "score": item.score, "passage": item.passage}


def _coverage(coverage: engine.Coverage, unit: str, title: str) -> dict:
    return {
        "unit": unit,
        "title": title,
        "counts": coverage.counts(),
        "functions": [
            {
                "number": function.number,
                "mark": function.mark,
                "title": _mark(function.title),
                "skills": [
                    {
                        "number": skill.number,
                        "mark": skill.mark,
                        "title": _mark(skill.title),
                        "abilities": [_mark(item) for item in skill.abilities],
                        "knowledge": [_mark(item) for item in skill.knowledge],
                    }
                    for skill in function.skills
                ],
            }
            for function in coverage.functions
        ],
    }


class Match(APIView):
    """POST a text; get the ten closest cards and the chosen (or best) card's coverage."""

    authentication_classes: list = []  # public: no session, no CSRF
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        operation_id="match",
        summary="The cards closest to a vacancy or a programme, and what it covers of one",
        description=(
            "Send a text (JSON `text`, or a multipart `file`: .txt, .docx, .pdf) in Kazakh or Russian. The answer "
            "lists the ten closest cards (a standard and a position: `unit`), each with its score and the passages "
            "that matched, and the coverage of the card `card` (default the best): every labour function and skill "
            "with its abilities and knowledge marked `covered`, `partly` or `none`, with the sentence that covers it. "
            "A text that is empty, has only common words, or is in neither language is a 400 naming `text`."
        ),
        request={"application/json": MatchRequestSerializer, "multipart/form-data": MatchRequestSerializer},
        responses={
            200: MatchResponseSerializer,
            400: OpenApiResponse(ErrorSerializer, description="The text, the file or a filter is invalid."),
        },
    )
    def post(self, request):
        data = request.data
        if not hasattr(data, "get"):  # a JSON list or a bare value
            raise ParameterError({"detail": [error(_("The request body must be a JSON object."), "invalid")]})
        language = data.get("lang") or request.GET.get("lang") or settings.LANGUAGE_CODE
        if language not in dict(settings.LANGUAGES):
            raise ParameterError(form_errors(LanguageParameter({"lang": str(language)})))
        with translation.override(language):
            return self._match(request, data, language)

    def _match(self, request, data, language):
        fields = {key: data.get(key) for key in ("text", "level", "standard", "card") if data.get(key) is not None}
        fields = {key: str(value) for key, value in fields.items()}
        codes = Standard.objects.values_list("code", flat=True)
        form = MatchForm(fields, request.FILES or None, standard_codes=codes)
        if not form.is_valid():
            raise ParameterError(form_errors(form))
        cleaned = form.cleaned_data
        try:
            registry, result = match_text(
                cleaned["text"],
                levels=[cleaned["level"]] if cleaned["level"] else [],
                standards=[cleaned["standard"]] if cleaned["standard"] else [],
            )
        except engine.MatchError as failure:
            raise ParameterError({"text": [error(error_message(failure.code), failure.code)]}) from failure
        links = Links(request, language)
        results = []
        for rank, match in enumerate(result.cards, 1):
            card = registry.card(match.card)
            results.append(
                {
                    "rank": rank,
                    "unit": match.unit,
                    "score": match.score,
                    "explained": round(match.explained, 4),
                    "covered": round(match.covered, 4),
                    "cross_language": match.cross_language,
                    "title": card.title,
                    "level": card.level,
                    "standard_code": card.edition.standard.code,
                    "language": card.edition.language,
                    "permalink": links.card_permalink(card),
                    "hits": [
                        {"passage": hit.passage, "item": hit.item, "kind": hit.kind, "score": round(hit.score, 3)}
                        for hit in match.hits
                    ],
                }
            )
        unit = cleaned["card"] or (result.cards[0].unit if result.cards else "")
        c = registry.find(unit, result.language) if unit else None
        if unit and c is None:
            raise ParameterError(
                {"card": [error(_("There is no card %(card)s in the registry.") % {"card": unit}, "not_found")]}
            )
        coverage = (
            _coverage(engine.coverage(registry.corpus, result, c), unit, registry.card(c).title)
            if c is not None
            else None
        )
        return Response(
            {"language": result.language, "passages": len(result.passages), "results": results, "coverage": coverage}
        )
