"""The OpenAPI description of the API: its parameters and the shapes of its answers, every field in English.

drf-spectacular builds ``/api/v1/schema/`` from these serializers and the views' ``extend_schema``;
the views answer with the plain data of ``api/present.py``, and the schemathesis test checks
every answer against this description. Examples are those of a real bundled card (J068/1).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers as s

from api.views.base import MAX_PAGE_SIZE
from cards.filters import LEVEL_CHOICES, SORTS
from cards.forms import SEARCH_LIMIT, SEARCH_LIMIT_MAX

QUERY, PATH = OpenApiParameter.QUERY, OpenApiParameter.PATH
LANGUAGES = [code for code, _name in settings.LANGUAGES]
EDITION_STATUSES = ["in_force", "superseded"]
ROW_STATUSES = ["common", "changed", "only"]
ITEM_KINDS = ["function", "skill", "ability", "knowledge"]
TREE_KINDS = ["function", "skill"]
FUNCTION_KINDS = ["mandatory", "additional"]

LANG = [
    OpenApiParameter(
        "lang",
        str,
        QUERY,
        enum=LANGUAGES,
        description="Language of the answer: which text of a kk/ru pair to show where both exist, and the "
        "language of labels and page addresses. Default `kk`.",
    )
]
PAGING = [
    OpenApiParameter("page", int, QUERY, description="Page number, from 1."),
    OpenApiParameter("page_size", int, QUERY, description=f"Results per page, 1 to {MAX_PAGE_SIZE} (default 25)."),
]
_FILTERS = [
    OpenApiParameter(
        "level",
        int,
        QUERY,
        many=True,
        explode=True,
        enum=[int(value) for value, _label in LEVEL_CHOICES],
        description="ОРК level (repeat for several: `level=6&level=7`).",
    ),
    OpenApiParameter("standard", str, QUERY, description="Standard code, e.g. `J068` (see `/standards`)."),
    OpenApiParameter("isco", str, QUERY, description="ISCO-08 unit group of the cards, e.g. `2512`."),
    OpenApiParameter(
        "language",
        str,
        QUERY,
        enum=LANGUAGES,
        description="Only cards whose text is in this language (both texts of a standard appear otherwise "
        "only where the requested `lang` has none).",
    ),
    OpenApiParameter("q", str, QUERY, description="Words that must all occur in the card's title."),
]
CARD_FILTERS = [
    *_FILTERS,
    OpenApiParameter(
        "sort", str, QUERY, enum=list(SORTS), description="Order: `standard` (default), `title`, `level`."
    ),
]
CARD_FILTERS_WITHOUT_SORT = [p for p in _FILTERS if p.name != "q"]
SEARCH = [
    OpenApiParameter(
        "q", str, QUERY, required=True, description="Search words, codes or levels: `тестировщик`, `2512`, `7 уровень`."
    ),
    OpenApiParameter(
        "limit", int, QUERY, description=f"Number of results, 1 to {SEARCH_LIMIT_MAX} (default {SEARCH_LIMIT})."
    ),
]
COMPARE = [
    OpenApiParameter(
        "cards",
        str,
        QUERY,
        required=True,
        description="2 to 4 comma-separated card references: `J068/1,J068/2`, `J068/1@kk,J068/1@ru`, "
        "`J071/2022-kk/4,J071/4`.",
        examples=[OpenApiExample("two levels of one profession", value="J068/1,J068/2")],
    )
]
STANDARD_PATH = [
    OpenApiParameter(
        "code", str, PATH, description="Standard code, e.g. `J068`.", examples=[OpenApiExample("J068", value="J068")]
    )
]
POSITION_PATH = [OpenApiParameter("position", int, PATH, description="1-based position of the card in the standard.")]
CARD_PATH = [*STANDARD_PATH, *POSITION_PATH]
EDITION_PATH = [
    *STANDARD_PATH,
    OpenApiParameter("key", str, PATH, description="Edition key, e.g. `2025-kk` (see a standard's `editions`)."),
]
OCCUPATION_PATH = [OpenApiParameter("code", str, PATH, description="НКЗ occupation code, e.g. `2166-1-002`.")]


# --- examples: a real bundled card (tests/api/test_endpoints.py checks them against the live answers) --

EXAMPLE_CARD = {
    "permalink": "https://example.org/kk/cards/J068/1/",
    "url": "https://example.org/api/v1/cards/J068/1?lang=kk",
    "reference": "J068/1@kk",
    "standard_code": "J068",
    "edition_key": "2024-kk",
    "position": 1,
    "title": "Жасанды интеллект жөніндегі инженер",
    "level": 6,
    "language": "kk",
    "status": "in_force",
    "occupation_code": "2519-9-001",
    "isco_code": "2519",
    "esco_uri": "http://data.europa.eu/esco/isco/C2519",
}
CARD_LIST_EXAMPLE = OpenApiExample(
    "J068/1 (standard=J068, level=6, lang=kk)",
    value={
        "count": 1,
        "next": None,
        "previous": None,
        "results": [EXAMPLE_CARD],
    },
    response_only=True,
)


# --- errors --------------------------------------------------------------------------------------


class ErrorItemSerializer(s.Serializer):
    message = s.CharField(help_text="What is wrong, in the requested language.")
    code = s.CharField(help_text="A stable machine code: `invalid_choice`, `invalid`, `min_value`, `not_found`, ...")
    allowed = s.CharField(
        required=False,
        help_text="For a parameter with a fixed set of values: the values it takes, comma-separated (`kk, ru`).",
    )


class ErrorSerializer(s.Serializer):
    errors = s.DictField(
        child=ErrorItemSerializer(many=True),
        help_text="Errors by parameter name; `detail` for an error that is not about one parameter.",
    )


def responses(ok, not_found: bool = False) -> dict:
    answers = {
        200: ok,
        400: OpenApiResponse(ErrorSerializer, description="A parameter is invalid: the errors name it."),
    }
    if not_found:
        answers[404] = OpenApiResponse(ErrorSerializer, description="No such object in the registry.")
    else:
        answers[404] = OpenApiResponse(ErrorSerializer, description="A page past the end of the list.")
    return answers


# --- links ---------------------------------------------------------------------------------------


def link(text: str, **kwargs) -> s.URLField:
    return s.URLField(help_text=text, **kwargs)


class CardSerializer(s.Serializer):
    permalink = link("The card's page (HTML), in the language of its text.")
    url = link("This card in the API.")
    reference = s.CharField(help_text="The reference naming exactly this card in `/compare?cards=`, e.g. `J068/1@kk`.")
    standard_code = s.CharField(help_text="Code of the standard the card belongs to, e.g. `J068`.")
    edition_key = s.CharField(help_text="Key of the card's edition, e.g. `2025-kk`.")
    position = s.IntegerField(help_text="1-based position of the card in its edition; the same in kk and ru.")
    title = s.CharField(help_text="The profession's name as printed in the card.")
    level = s.IntegerField(allow_null=True, help_text="ОРК level 1-8 (null when the source gives none).")
    language = s.ChoiceField(choices=LANGUAGES, help_text="Language of the card's text.")
    status = s.ChoiceField(choices=EDITION_STATUSES, help_text="Status of the card's edition.")
    occupation_code = s.CharField(allow_null=True, help_text="НКЗ occupation code as printed (`-` kept as printed).")
    isco_code = s.CharField(allow_null=True, help_text="ISCO-08 unit group, four digits.")
    esco_uri = link("The ISCO-08 group's concept in ESCO: `http://data.europa.eu/esco/isco/C<code>`.", allow_null=True)


class PageSerializer(s.Serializer):
    count = s.IntegerField(help_text="Number of results over all pages.")
    next = link("The next page, or null on the last one.", allow_null=True)
    previous = link("The previous page, or null on the first one.", allow_null=True)


class CardPageSerializer(PageSerializer):
    results = CardSerializer(many=True, help_text="The cards of this page, in a stable order.")


class IscoGroupSerializer(s.Serializer):
    code = s.CharField(help_text="ISCO-08 unit group code.")
    title = s.CharField(allow_null=True, help_text="The group's title in the requested language, where known.")
    esco_uri = link("The group's concept in ESCO.")
    permalink = link("The group's page (HTML): its professions by standard.")


class OccupationLinkSerializer(s.Serializer):
    code = s.CharField(help_text="НКЗ occupation code.")
    permalink = link("The occupation's page (HTML).")
    url = link("The occupation in the API.")


class SkillSerializer(s.Serializer):
    position = s.IntegerField(help_text="1-based position within the labour function.")
    number = s.IntegerField(allow_null=True, help_text="Number as printed.")
    title = s.CharField(help_text="The skill.")
    recognition = s.CharField(allow_blank=True, help_text="Possibility of recognising prior learning, as printed.")
    abilities = s.ListField(child=s.CharField(), help_text="Abilities, in order.")
    knowledge = s.ListField(child=s.CharField(), help_text="Knowledge items, in order.")


class LabourFunctionSerializer(s.Serializer):
    position = s.IntegerField(help_text="1-based position within the card.")
    number = s.IntegerField(allow_null=True, help_text="Number as printed.")
    title = s.CharField(help_text="The labour function.")
    kind = s.ChoiceField(choices=FUNCTION_KINDS, help_text="Mandatory or additional function.")
    skills = SkillSerializer(many=True, help_text="Its skills, in order.")


class RelatedSerializer(s.Serializer):
    position = s.IntegerField(help_text="1-based row of the card's table of related professions.")
    level = s.IntegerField(allow_null=True, help_text="ОРК level, or the lower end of a range such as 5-6.")
    level_max = s.IntegerField(allow_null=True, help_text="The upper end of a range, else null.")
    title = s.CharField(help_text="The profession's name as printed.")
    card = CardSerializer(allow_null=True, help_text="The registry's card this row names, when one matches.")


class OrderSerializer(s.Serializer):
    label = s.CharField(help_text="The order as a reader names it, in the requested language.")
    number = s.CharField(allow_null=True, help_text="Order number, e.g. `569/НҚ`.")
    date = s.DateField(allow_null=True, help_text="Order date.")
    official_url = link("Address of the order's official publication, when known.", allow_null=True)


class EditionSerializer(s.Serializer):
    standard_code = s.CharField(help_text="Code of the standard.")
    key = s.CharField(help_text="Stable key of the edition, e.g. `2025-kk`.")
    language = s.ChoiceField(choices=LANGUAGES, help_text="Language of the text.")
    status = s.ChoiceField(choices=EDITION_STATUSES, help_text="In force or superseded.")
    label = s.CharField(help_text="The edition as a reader names it, in the requested language.")
    title = s.CharField(help_text="The standard's title in this text.")
    version = s.IntegerField(allow_null=True, help_text="Version number, when printed.")
    year = s.IntegerField(allow_null=True, help_text="Year of the version, when printed.")
    annex = s.IntegerField(allow_null=True, help_text="Annex number of order 569 that holds the text.")
    code_as_printed = s.CharField(allow_null=True, help_text="The standard's code as printed in this text.")
    order_number = s.CharField(allow_null=True, help_text="Number of the order the text comes from.")
    order_date = s.DateField(allow_null=True, help_text="Date of that order.")
    official_url = link("Official publication of the order, when known.", allow_null=True)
    card_count = s.IntegerField(allow_null=True, help_text="Number of cards in the edition (null where not counted).")
    permalink = link("The edition's page (HTML).")
    url = link("The edition in the API.")


class PassportSerializer(s.Serializer):
    review_date = s.CharField(allow_null=True, help_text="Planned review date, as printed.")
    oked_codes = s.ListField(child=s.CharField(), help_text="OKED subclasses the standard covers.")
    oked_text = s.CharField(allow_blank=True, help_text="The OKED entry as printed.")
    scope = s.CharField(allow_blank=True, help_text="Scope of the standard.")
    description = s.CharField(allow_blank=True, help_text="Short description of the activity.")
    government_body = s.CharField(allow_blank=True, help_text="The responsible government body.")
    developers = s.CharField(allow_blank=True, help_text="Who developed the standard.")
    sector_council = s.CharField(allow_blank=True, help_text="Sector council that approved it.")
    national_body = s.CharField(allow_blank=True, help_text="National body for professional qualifications.")
    atameken = s.CharField(allow_blank=True, help_text="Examination by the National Chamber of Entrepreneurs Atameken.")


class StandardSerializer(s.Serializer):
    code = s.CharField(help_text="Normalised current code, e.g. `J068`.")
    title = s.CharField(help_text="Title in the requested language, else in the other one.")
    title_kk = s.CharField(allow_null=True, help_text="Title in Kazakh.")
    title_ru = s.CharField(allow_null=True, help_text="Title in Russian.")
    permalink = link("The standard's page (HTML) in the requested language.")
    url = link("The standard in the API.")


class StandardListItemSerializer(StandardSerializer):
    card_count = s.IntegerField(help_text="Cards readable in the requested language (one per position).")
    levels = s.CharField(allow_blank=True, help_text="The ОРК levels of its cards, e.g. `4–7`.")
    languages = s.ListField(child=s.CharField(), help_text="Languages of its texts in force.")
    editions = EditionSerializer(many=True, help_text="Every edition, in force and superseded.")


class StandardPageSerializer(PageSerializer):
    results = StandardListItemSerializer(many=True, help_text="The standards of this page, by code.")


class StandardDetailSerializer(StandardSerializer):
    approving_order = OrderSerializer(allow_null=True, help_text="The order that approved the standard.")
    shown_edition = EditionSerializer(allow_null=True, help_text="The text in force shown for the requested language.")
    passport = PassportSerializer(allow_null=True, help_text="The passport of that text.")
    editions = EditionSerializer(many=True, help_text="Every edition: in force first, then superseded.")
    cards = CardSerializer(many=True, help_text="The cards of the shown text, by position.")
    changes_url = link("What changed between the standard's editions, in the API.")


class EditionDetailSerializer(EditionSerializer):
    standard = StandardSerializer(help_text="The standard.")
    passport = PassportSerializer(help_text="The passport of this text.")
    cards = CardSerializer(many=True, help_text="The edition's cards, by position.")


class CardDetailSerializer(CardSerializer):
    is_in_requested_language = s.BooleanField(
        help_text="False when the standard has no text in the requested language and the other one is shown."
    )
    number = s.CharField(allow_null=True, help_text="The card's paragraph number as printed.")
    header_title = s.CharField(allow_blank=True, help_text="The name in the card's header.")
    group_code = s.CharField(allow_null=True, help_text="НКЗ group code as printed.")
    isco_group = IscoGroupSerializer(allow_null=True, help_text="The card's ISCO-08 unit group, with its ESCO URI.")
    occupation = OccupationLinkSerializer(allow_null=True, help_text="The НКЗ occupation, for a whole code.")
    level_source = s.CharField(allow_null=True, help_text="Where the level comes from: `card`, `passport` or `twin`.")
    level_text = s.CharField(allow_blank=True, help_text="The level as printed in the card.")
    sublevel = s.CharField(allow_null=True, help_text="Sublevel, as printed.")
    etks_level = s.CharField(allow_blank=True, help_text="ETKS/KS level, as printed.")
    education = s.ListField(child=s.CharField(), help_text="Education requirements.")
    experience = s.CharField(allow_blank=True, help_text="Experience requirements.")
    nonformal_education = s.CharField(allow_blank=True, help_text="Non-formal and informal education.")
    other_titles = s.ListField(child=s.CharField(), help_text="Other possible names of the profession.")
    purpose = s.CharField(allow_blank=True, help_text="Main purpose of the profession.")
    labour_functions = LabourFunctionSerializer(many=True, help_text="The whole tree, in order.")
    personal_competencies = s.ListField(child=s.CharField(), help_text="Personal competencies.")
    regulations = s.ListField(child=s.CharField(), help_text="Technical regulations and national standards.")
    related = RelatedSerializer(many=True, help_text="Related professions within the ОРК, resolved to cards.")
    twin = CardSerializer(allow_null=True, help_text="The same card in the other language.")
    predecessor = CardSerializer(allow_null=True, help_text="The card of a superseded edition this card replaces.")
    successors = CardSerializer(many=True, help_text="For a superseded card: the cards in force that replace it.")
    ladder = CardSerializer(many=True, help_text="The levels of this profession in the edition, lowest first.")
    same_occupation_elsewhere = CardSerializer(many=True, help_text="Cards with the same НКЗ code in other standards.")
    ladder_url = link("The level ladder in the API (in-force cards).", allow_null=True)
    standard = StandardSerializer(help_text="The card's standard.")
    edition = EditionSerializer(help_text="The card's edition.")
    source_lines = s.ListField(child=s.IntegerField(), help_text="First and last line of the card in its source text.")


class ChangeSerializer(s.Serializer):
    change = s.ChoiceField(choices=["added", "removed"], help_text="Added at the higher level, or no longer listed.")
    kind = s.ChoiceField(choices=ITEM_KINDS, help_text="What kind of item.")
    function = s.CharField(help_text="The labour function it belongs to (the item itself for a function).")
    skill = s.CharField(allow_blank=True, help_text="The skill it belongs to (empty for a function or skill).")
    text = s.CharField(help_text="The item's text.")


class CountsSerializer(s.Serializer):
    kind = s.ChoiceField(choices=ITEM_KINDS, help_text="What kind of item.")
    common = s.IntegerField(help_text="Items with the same text on both sides.")
    changed = s.IntegerField(help_text="Items reworded.")
    added = s.IntegerField(help_text="Items only on the later side.")
    removed = s.IntegerField(help_text="Items only on the earlier side.")


class LadderStepSerializer(s.Serializer):
    before = CardSerializer(help_text="The lower level.")
    after = CardSerializer(help_text="The next level up.")
    counts = CountsSerializer(many=True, help_text="Items per kind, from `before` to `after`.")
    added = ChangeSerializer(many=True, help_text="Items new at `after`.")
    removed = ChangeSerializer(many=True, help_text="Items of `before` that `after` no longer lists.")


class LadderSerializer(s.Serializer):
    card = CardSerializer(help_text="The card asked for.")
    cards = CardSerializer(many=True, help_text="The levels of its profession in its edition, lowest first.")
    steps = LadderStepSerializer(many=True, help_text="One per step up the ladder.")


class UnderstoodSerializer(s.Serializer):
    levels = s.ListField(child=s.IntegerField(), help_text="ОРК levels read from the query.")
    occupation_codes = s.ListField(child=s.CharField(), help_text="НКЗ codes read from the query.")
    standard_codes = s.ListField(child=s.CharField(), help_text="Standard codes read from the query.")


class SearchHitSerializer(CardSerializer):
    rank = s.IntegerField(help_text="1 for the best match.")
    score = s.FloatField(help_text="Relevance score; higher is better.")
    profession_key = s.CharField(help_text="What makes cards of an edition one profession: the НКЗ code, or the name.")


class SearchSerializer(s.Serializer):
    query = s.CharField(allow_blank=True, help_text="The query as read.")
    understood = UnderstoodSerializer(help_text="Levels and codes the query was read to ask for.")
    count = s.IntegerField(help_text="Number of matching cards.")
    profession_count = s.IntegerField(help_text="Number of matching professions.")
    results = SearchHitSerializer(many=True, help_text="The best cards, at most `limit`.")


CELL = {
    "type": "object",
    "nullable": True,
    "description": "The item in one card, or null where the card lacks it.",
    "required": ["text", "number", "moved", "changed", "segments"],
    "properties": {
        "text": {"type": "string", "description": "The item's text in this card."},
        "number": {"type": "integer", "nullable": True, "description": "Its number as printed."},
        "moved": {"type": "boolean", "description": "Out of its card's order: moved within its list."},
        "changed": {"type": "boolean", "description": "Reworded against the nearest card on its left."},
        "segments": {
            "type": "array",
            "description": "The word diff against that card.",
            "items": {
                "type": "object",
                "required": ["op", "text"],
                "properties": {
                    "op": {"enum": ["equal", "insert", "delete"], "type": "string", "description": "Diff operation."},
                    "text": {"type": "string", "description": "The words."},
                },
            },
        },
    },
}


@extend_schema_field({"type": "array", "items": CELL})
class CellsField(s.ListField):
    """One cell per compared card, each an object or null."""


class ItemRowSerializer(s.Serializer):
    kind = s.ChoiceField(choices=ITEM_KINDS, help_text="What the row aligns.")
    status = s.ChoiceField(choices=ROW_STATUSES, help_text="Same everywhere, reworded, or missing somewhere.")
    only_in = s.ListField(child=s.CharField(), help_text="Labels of the cards that list the item, when not all do.")
    cells = CellsField(help_text="One per card; null where the card lacks the item.")


class SkillRowSerializer(ItemRowSerializer):
    abilities = ItemRowSerializer(many=True, help_text="Aligned abilities.")
    knowledge = ItemRowSerializer(many=True, help_text="Aligned knowledge items.")


class FunctionRowSerializer(ItemRowSerializer):
    skills = SkillRowSerializer(many=True, help_text="Aligned skills.")


class StepCountsSerializer(s.Serializer):
    before = s.IntegerField(help_text="Index of the earlier card in `cards`.")
    after = s.IntegerField(help_text="Index of the later card.")
    counts = CountsSerializer(many=True, help_text="Items per kind between the two.")


class ComparedCardSerializer(CardSerializer):
    label = s.CharField(help_text="Short name of the card for column headers, in the requested language.")


class ComparisonSerializer(s.Serializer):
    method = s.ChoiceField(choices=["text", "position"], help_text="Aligned by text (one language) or by position.")
    cards = ComparedCardSerializer(many=True, help_text="The cards, one column each.")
    rows = FunctionRowSerializer(many=True, help_text="Labour-function rows, each with its skills and items.")
    steps = StepCountsSerializer(many=True, help_text="Counts between neighbouring columns.")
    permalink = link("The comparison page (HTML).")


class OccupationSerializer(s.Serializer):
    code = s.CharField(help_text="НКЗ occupation code.")
    isco_group = IscoGroupSerializer(allow_null=True, help_text="Its ISCO-08 unit group, with its ESCO URI.")
    permalink = link("The occupation's page (HTML).")
    url = link("The occupation in the API.")


class OccupationPageSerializer(PageSerializer):
    results = OccupationSerializer(many=True, help_text="The occupations of this page, by code.")


class LevelCardsSerializer(s.Serializer):
    level = s.IntegerField(allow_null=True, help_text="ОРК level.")
    cards = CardSerializer(many=True, help_text="The cards at this level, by standard and position.")


class OccupationDetailSerializer(OccupationSerializer):
    levels = LevelCardsSerializer(many=True, help_text="Its cards by ОРК level, lowest first.")


class TreeChangeSerializer(s.Serializer):
    change = s.ChoiceField(choices=["added", "removed", "changed"], help_text="Added, removed or reworded.")
    kind = s.ChoiceField(choices=TREE_KINDS, help_text="A labour function or a skill.")
    text = s.CharField(help_text="The text in the new edition (in the old one when removed).")
    function = s.CharField(allow_blank=True, help_text="For a skill: its labour function.")
    old_text = s.CharField(allow_blank=True, help_text="For a rewording: the old text.")
    skills = s.IntegerField(help_text="For a function added or removed whole: how many skills come or go with it.")


class KeptCardSerializer(s.Serializer):
    old = CardSerializer(help_text="The card of the superseded edition.")
    new = CardSerializer(help_text="The card in force that replaces it.")
    renamed = s.BooleanField(help_text="The profession's name changed.")
    level_changed = s.BooleanField(help_text="The ОРК level changed.")
    occupation_code_changed = s.BooleanField(help_text="The НКЗ code changed.")
    counts = CountsSerializer(many=True, help_text="Items per kind, old to new.")
    changes = TreeChangeSerializer(many=True, help_text="Functions and skills added, removed or reworded.")


class AddedCardSerializer(s.Serializer):
    card = CardSerializer(help_text="A card of the new edition without a predecessor.")
    old_levels = s.ListField(child=s.IntegerField(), help_text="Levels its profession had in the old edition.")


class EditionComparisonSerializer(s.Serializer):
    old_edition = EditionSerializer(help_text="The superseded edition.")
    new_edition = EditionSerializer(allow_null=True, help_text="The edition in force it is compared with.")
    kept = KeptCardSerializer(many=True, help_text="Cards that live on.")
    added = AddedCardSerializer(many=True, help_text="Cards new in the edition in force.")
    dropped = CardSerializer(many=True, help_text="Cards of the old edition without a successor.")


class ChangesSerializer(s.Serializer):
    standard = StandardSerializer(help_text="The standard.")
    comparisons = EditionComparisonSerializer(many=True, help_text="One per superseded edition.")


class PlaceSerializer(s.Serializer):
    function = s.IntegerField(
        allow_null=True, help_text="Position of the labour function, or null for the card itself."
    )
    skill = s.IntegerField(allow_null=True, help_text="Position of the skill within it, or null.")


class CountDifferenceSerializer(s.Serializer):
    place = PlaceSerializer(help_text="Where in the card.")
    part = s.CharField(help_text="What is counted: `functions`, `skills`, `abilities`, `knowledge`, or a list field.")
    kk = s.IntegerField(help_text="How many in the Kazakh text.")
    ru = s.IntegerField(help_text="How many in the Russian text.")


class IdenticalTextSerializer(s.Serializer):
    place = PlaceSerializer(help_text="Where in the card.")
    part = s.CharField(help_text="Which field holds the same text in both languages.")
    text = s.CharField(help_text="The text.")
    item = s.IntegerField(allow_null=True, help_text="Position of the ability or knowledge item, if one.")


class OneSidedSerializer(s.Serializer):
    place = PlaceSerializer(help_text="Where in the card.")
    part = s.CharField(help_text="The field filled on one side only.")
    filled = s.ChoiceField(choices=LANGUAGES, help_text="The language whose side is filled.")


class TwinFindingsSerializer(s.Serializer):
    kk = CardSerializer(help_text="The Kazakh card.")
    ru = CardSerializer(help_text="Its Russian twin.")
    counts = CountDifferenceSerializer(many=True, help_text="Lists of different lengths.")
    identical = IdenticalTextSerializer(many=True, help_text="Texts left untranslated.")
    one_sided = OneSidedSerializer(many=True, help_text="Fields filled in one language only.")


class IssueSerializer(s.Serializer):
    source_file = s.CharField(help_text="The source text's file name.")
    line = s.IntegerField(help_text="Line in that file.")
    severity = s.ChoiceField(choices=["error", "warning", "info"], help_text="How serious.")
    code = s.CharField(allow_blank=True, help_text="Kind of issue.")
    message = s.CharField(help_text="The issue in the requested language.")
    card = CardSerializer(allow_null=True, help_text="The card whose source lines hold the line.")


class QualityTotalsSerializer(s.Serializer):
    twins = s.IntegerField(help_text="Kazakh/Russian card pairs compared.")
    twins_with_findings = s.IntegerField(help_text="Pairs with at least one finding.")
    count_differences = s.IntegerField(help_text="Lists of different lengths.")
    identical_texts = s.IntegerField(help_text="Texts identical in both languages.")
    one_sided_fields = s.IntegerField(help_text="Fields filled on one side only.")
    issues = s.DictField(child=s.IntegerField(), help_text="Import issues by severity.")


class QualitySerializer(s.Serializer):
    totals = QualityTotalsSerializer(help_text="Counts over the registry.")
    twins = TwinFindingsSerializer(many=True, help_text="Pairs with findings, by standard and position.")
    passport_levels = CardSerializer(many=True, help_text="Cards whose level comes from the passport's list.")
    issues = IssueSerializer(many=True, help_text="Import issues other than information.")
    permalink = link("The quality report page (HTML).")


BINARY = OpenApiTypes.BINARY
OBJECT = OpenApiTypes.OBJECT
