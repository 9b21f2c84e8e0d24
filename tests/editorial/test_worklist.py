"""The import issues as the editors' worklist: filters on the quality report, resolutions, admin filters."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from cards.services import resolve_import_issues
from cards.worklist import ImportIssueFilter
from standards.models import Edition, ImportIssue
from tests.editorial.support import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = user_in("reviewers", "рецензент")
    client.force_login(user)
    return user


def worklist_rows(client, **params):
    page = lxml_html.fromstring(client.get("/ru/quality/", params).content.decode())
    return page.xpath('//section[@aria-labelledby="issues-heading"]//tbody/tr')


def test_the_worklist_lists_the_open_warnings_and_errors_by_default(order_209, staff, client):
    expected = ImportIssue.objects.exclude(severity="info").count()
    assert expected > 0 and len(worklist_rows(client)) == expected
    infos = ImportIssue.objects.filter(severity="info").count()
    assert len(worklist_rows(client, severity="info")) == infos > 0


def test_the_worklist_filters_by_standard_and_links_each_issue_to_its_source_line_and_card(order_209, staff, client):
    edition, issue = next(
        (e, i)
        for i in ImportIssue.objects.exclude(severity="info").order_by("line")
        for e in Edition.objects.filter(document=i.document)
        if e.first_line <= i.line <= e.last_line
    )
    code = edition.standard.code
    issues = ImportIssueFilter({"standard": code.lower()}, queryset=ImportIssue.objects.all()).qs
    assert issue in issues
    ranges = [(e.first_line, e.last_line) for e in Edition.objects.filter(standard__code=code)]
    assert all(any(a <= i.line <= b for a, b in ranges) for i in issues)
    rows = worklist_rows(client, standard=code)
    assert len(rows) == issues.count()
    assert rows[0].xpath("./th/a/@href")[0] == f"/ru/sources/{issue.document_id}/#L{issue.line}"
    card_links = rows[0].xpath("./td[4]/a/@href")
    assert card_links == [] or card_links[0].startswith("/ru/cards/") or card_links[0].startswith("/ru/standards/")


def test_a_resolved_issue_leaves_the_open_list_and_shows_who_resolved_it(order_209, staff, client):
    issue = ImportIssue.objects.exclude(severity="info").first()
    editor = user_in("editors", "редактор")
    resolve_import_issues([issue], editor, "строка перенесена в поле вручную")
    assert issue.pk not in ImportIssueFilter({}, queryset=ImportIssue.objects.all()).qs.values_list("pk", flat=True)
    [row] = worklist_rows(client, state="resolved")
    assert "редактор" in row.text_content() and "строка перенесена в поле вручную" in row.text_content()


def test_an_invalid_filter_gives_an_error_and_an_empty_list_not_the_whole_worklist(order_209, staff, client):
    assert not ImportIssueFilter({"severity": "fatal"}, queryset=ImportIssue.objects.all()).qs.exists()
    page = lxml_html.fromstring(client.get("/ru/quality/", {"severity": "fatal"}).content.decode())
    assert page.xpath('//form[contains(@class, "worklist-filters")]//*[@role="alert"]')
    assert worklist_rows(client, severity="fatal") == []


def test_the_admin_lists_issues_by_state_severity_standard_and_document(order_209, client):
    client.force_login(user_in("editors", "редактор"))
    url = reverse("admin:standards_importissue_changelist")
    response = client.get(url, {"state": "open", "severity__exact": "warning", "standard": "J068"})
    assert response.status_code == 200
    shown = set(response.context["cl"].queryset.values_list("pk", flat=True))
    expected = ImportIssueFilter({"severity": "warning", "standard": "J068"}, queryset=ImportIssue.objects.all()).qs
    assert shown == set(expected.values_list("pk", flat=True))
