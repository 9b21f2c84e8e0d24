"""Downloads: the whole registry as one JSON file, a CSV bundle and an XLSX workbook; filtered cards as CSV/XLSX.

Built from the database at request time and cached under the content revision (the files are
``RegistryView`` answers: conditional, cached by address and revision). CSV is UTF-8 with a BOM
so that Excel reads Kazakh letters; a cell that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe
in CSV and stored as text in XLSX.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.http import HttpResponse, JsonResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from rest_framework.renderers import BaseRenderer, JSONRenderer

from api import schema
from api.errors import ParameterError, form_errors
from api.tables import Table, card_rows, registry_tables, with_tree
from api.views.base import RegistryView, request_language
from cards.filters import CardFilter
from cards.models import ProfessionCard
from importers.export import export_registry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_TYPE = "application/zip"
JSON_TYPE = "application/json"


def neutralised(value):
    """A CSV cell a spreadsheet will not run: text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([neutralised(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def csv_zip(tables: list[Table]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.name}.csv", csv_bytes(table))
    return buffer.getvalue()


def xlsx_bytes(tables: list[Table]) -> bytes:
    """One sheet per table, the header frozen and filters on; every text cell stored as text, never a formula."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        last = f"{get_column_letter(len(table.header))}{len(table.rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text: a spreadsheet shows it, never evaluates it
        return cell
    return value


def attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class FileRenderer(BaseRenderer):
    """Lets content negotiation accept a file's media type; the views write the bytes themselves."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


def file_renderer(media: str, extension: str):
    return type(f"{extension.title()}Renderer", (FileRenderer,), {"media_type": media, "format": extension})


def file_responses(media: str) -> dict:
    return {
        (200, media): OpenApiResponse(schema.BINARY, description="The file."),
        (400, JSON_TYPE): OpenApiResponse(schema.ErrorSerializer, description="A parameter is invalid."),
    }


class Download(RegistryView):
    """A file: errors stay JSON whatever the file's type."""

    def handle_exception(self, exc):
        if isinstance(exc, ParameterError):
            return JsonResponse(
                {"errors": exc.errors}, status=exc.status_code, json_dumps_params={"ensure_ascii": False}
            )
        return super().handle_exception(exc)


class RegistryJson(Download):
    renderer_classes = [JSONRenderer]

    @extend_schema(
        operation_id="download_registry_json",
        summary="The whole registry as one JSON file (the documented export format, docs/export.md)",
        description="Its JSON Schema is `docs/export.schema.json` (draft 2020-12) in the project's repository.",
        responses={
            (200, JSON_TYPE): OpenApiResponse(
                schema.OBJECT, description="registry.json: `format`, `standards`, `cards` (docs/export.md)"
            )
        },
    )
    def get(self, request):
        content = json.dumps(export_registry(), ensure_ascii=False, indent=1).encode("utf-8")
        return attachment(content + b"\n", "application/json; charset=utf-8", "registry.json")


class RegistryCsv(Download):
    renderer_classes = [JSONRenderer, file_renderer(ZIP_TYPE, "zip")]

    @extend_schema(
        operation_id="download_registry_csv",
        summary="The whole registry as CSV: a zip of one UTF-8 (with BOM) file per table",
        responses=file_responses(ZIP_TYPE),
    )
    def get(self, request):
        return attachment(csv_zip(registry_tables()), ZIP_TYPE, "registry-csv.zip")


class RegistryXlsx(Download):
    renderer_classes = [JSONRenderer, file_renderer(XLSX_TYPE, "xlsx")]

    @extend_schema(
        operation_id="download_registry_xlsx",
        summary="The whole registry as one XLSX workbook: one sheet per table, header frozen, filters on",
        responses=file_responses(XLSX_TYPE),
    )
    def get(self, request):
        return attachment(xlsx_bytes(registry_tables()), XLSX_TYPE, "registry.xlsx")


def filtered_cards(request) -> tuple[list[ProfessionCard], str]:
    """The cards of the card list for these filters (every page), with their trees; the language asked for."""
    language = request_language(request)
    filterset = CardFilter(request.GET, ProfessionCard.objects.all(), language=language)
    if not filterset.is_valid():
        raise ParameterError(form_errors(filterset.form))
    return list(with_tree(filterset.qs)), language


class CardsCsv(Download):
    renderer_classes = [JSONRenderer, file_renderer("text/csv", "csv")]

    @extend_schema(
        operation_id="download_cards_csv",
        summary="The cards of the card list for these filters, as one CSV file (UTF-8 with BOM)",
        parameters=[*schema.LANG, *schema.CARD_FILTERS],
        responses=file_responses("text/csv"),
    )
    def get(self, request):
        cards, language = filtered_cards(request)
        return attachment(csv_bytes(card_rows(cards)[0]), CSV_TYPE, f"cards-{language}.csv")


class CardsXlsx(Download):
    renderer_classes = [JSONRenderer, file_renderer(XLSX_TYPE, "xlsx")]

    @extend_schema(
        operation_id="download_cards_xlsx",
        summary="The cards of the card list for these filters, with their trees, as one XLSX workbook",
        parameters=[*schema.LANG, *schema.CARD_FILTERS],
        responses=file_responses(XLSX_TYPE),
    )
    def get(self, request):
        cards, language = filtered_cards(request)
        return attachment(xlsx_bytes(card_rows(cards)), XLSX_TYPE, f"cards-{language}.xlsx")
