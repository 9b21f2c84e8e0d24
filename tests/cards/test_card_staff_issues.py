"""The card page's staff block lists the import issues of the card's lines in the page language."""

import pytest
from django.utils import translation
from lxml import html as lxml_html

from standards.models import ImportIssue
from tests.factories import make_card

pytestmark = pytest.mark.django_db


def test_staff_see_each_issue_as_the_sentence_of_its_code_not_the_importers_english(client, admin_user):
    card = make_card(first_line=100, last_line=200)
    issue = ImportIssue.objects.create(
        document=card.edition.document,
        line=150,
        code="abilities_without_skill",
        params={"number": 3},
        message="abilities with no open skill: unnamed skill 3 added",
        text="1. талдау",
    )
    client.force_login(admin_user)
    html = client.get(f"/ru/cards/{card.edition.standard.code}/1/").content.decode()
    [row] = lxml_html.fromstring(html).xpath('//table[@class="issues"]/tbody/tr')
    with translation.override("ru"):
        expected = issue.display_message()
    assert " ".join(row.xpath("./td")[2].text_content().split()) == expected
    assert "3" in expected and "unnamed skill" not in html
