"""The edition-changes page: cards kept, added and dropped between a standard's editions."""

import pytest
from django.urls import reverse

from cards.changes import KeptCard, changes_of_standard, pair_editions
from cards.models import ProfessionCard
from standards.models import Edition, Standard
from tests.factories import make_card, make_edition, make_labour_function, make_skill, make_standard

# --- pure: sorting cards by the predecessor links -----------------------------------------------


def card(pk, position, level, code="2521-2-001", title="Сәулетші", predecessor=None, group="2521-2"):
    return ProfessionCard(
        pk=pk,
        position=position,
        level=level,
        occupation_code=code,
        group_code=group,
        title=title,
        predecessor_id=predecessor,
    )


def test_it_sorts_cards_into_kept_added_and_dropped_by_the_predecessor_links():
    old = [card(1, 1, 5), card(2, 2, 6), card(3, 3, 7)]
    new = [card(12, 2, 7, predecessor=3), card(11, 1, 6, predecessor=2), card(13, 3, 4, code="3512-1-001")]
    changes = pair_editions(None, None, old, new)
    assert [(k.old.pk, k.new.pk) for k in changes.kept] == [(2, 11), (3, 12)]
    assert [c.pk for c in changes.dropped] == [1]
    assert [a.card.pk for a in changes.added] == [13]
    assert (changes.old_count, changes.new_count) == (3, 3)


def test_an_added_card_of_an_occupation_known_at_other_levels_is_a_new_level():
    old = [card(1, 1, 3, code="3512-1-003"), card(2, 2, 4, code="3512-1-003")]
    new = [card(11, 1, 4, code="3512-1-003", predecessor=2), card(12, 2, 5, code="3512-1-003")]
    [added] = pair_editions(None, None, old, new).added
    assert added.is_new_level
    assert added.old_levels == [3, 4]


def test_an_added_card_of_a_new_occupation_is_not_a_new_level():
    old = [card(1, 1, 5, code="2521-2-001")]
    [added] = pair_editions(None, None, old, [card(11, 1, 5, code="2523-0-007")]).added
    assert not added.is_new_level


def test_cards_without_an_occupation_code_count_as_one_occupation_by_their_name():
    old = [card(1, 1, 5, code="-", title="Бұлттық технология әкімшісі")]
    new = [
        card(11, 1, 6, code="-", title="Бұлттық технология  әкімшісі."),
        card(12, 2, 6, code="-", title="Бұлттық технология сәулетшісі"),
    ]
    added = pair_editions(None, None, old, new).added
    assert [a.is_new_level for a in added] == [True, False]


def test_a_kept_card_says_whether_it_was_renamed_or_changed_its_codes():
    kept = KeptCard(
        card(1, 1, 7, title="АТ-инфрақұрылым сәулетшілері", group="2521-2"),
        card(11, 1, 7, title="IT инфрақұрылымының сәулетшісі", group="2529-0"),
    )
    assert kept.renamed and kept.group_code_changed
    assert not kept.occupation_code_changed and not kept.level_changed
    assert {s.op for s in kept.title_segments} >= {"insert", "delete"}


def test_a_change_of_case_quotes_or_final_full_stop_is_not_a_rename():
    kept = KeptCard(card(1, 1, 7, title="«Бұлттық» маман."), card(11, 1, 7, title="бұлттық маман"))
    assert not kept.renamed
    assert kept.title_segments == ()


# --- from the database: factories -------------------------------------------------------------


def two_editions(language="kk"):
    standard = make_standard()
    old = make_edition(standard=standard, language=language, status="superseded", year=2020, version=1)
    new = make_edition(standard=standard, language=language, year=2025, version=2)
    return standard, old, new


def function_with_skills(card, title, skills):
    function = make_labour_function(card=card, title=title)
    for skill in skills:
        make_skill(labour_function=function, title=skill)
    return function


@pytest.mark.django_db
def test_it_lists_the_functions_and_skills_added_removed_and_reworded_in_a_kept_card():
    standard, old_edition, new_edition = two_editions()
    old = make_card(edition=old_edition, occupation_code="2529-0-001")
    new = make_card(edition=new_edition, occupation_code="2529-0-001", predecessor=old)
    function_with_skills(old, "Бұлтты ресурстарды жоспарлау және басқару", ["Бұлтты ресурстарды басқару"])
    function_with_skills(new, "Бұлт ресурстарын жоспарлау және басқару", ["Бұлтты ресурстарды басқару"])
    function_with_skills(old, "Бұлтты дамыту", ["Архитектураны бақылау", "Ортаны дамыту"])
    function_with_skills(new, "Ақпараттық қауіпсіздікті қамтамасыз ету", ["Тәуекелдерді бағалау"])

    [changes] = changes_of_standard(standard)
    [kept] = changes.kept
    items = [(i.change, i.kind, i.text, i.skills) for i in kept.tree.items]
    assert items == [
        ("changed", "function", "Бұлт ресурстарын жоспарлау және басқару", 0),
        ("removed", "function", "Бұлтты дамыту", 2),
        ("added", "function", "Ақпараттық қауіпсіздікті қамтамасыз ету", 1),
    ]
    reworded = kept.tree.items[0]
    assert reworded.old_text == "Бұлтты ресурстарды жоспарлау және басқару"
    assert [s.op for s in reworded.segments if s.op != "equal"] == ["delete", "insert"]
    assert (kept.tree.counts["skill"].common, kept.tree.counts["skill"].added) == (1, 1)


@pytest.mark.django_db
def test_it_compares_a_superseded_edition_with_the_in_force_one_in_the_same_language():
    standard, _, ru = two_editions(language="ru")
    make_edition(standard=standard, language="kk", year=2025, version=2)
    [changes] = changes_of_standard(standard)
    assert changes.new_edition == ru


@pytest.mark.django_db
def test_a_standard_without_a_superseded_edition_has_no_changes_page_content(client):
    standard = make_edition().standard
    response = client.get(reverse("edition_changes", args=[standard.code]))
    assert response.status_code == 200
    assert response.context["changes"] == []
    assert b"data-no-earlier-edition" in response.content


@pytest.mark.django_db
def test_an_unknown_standard_has_no_changes_page(client):
    assert client.get(reverse("edition_changes", args=["J999"])).status_code == 404


@pytest.mark.django_db
def test_it_links_each_card_to_its_page_and_the_pair_to_the_comparison(client):
    standard, old_edition, new_edition = two_editions()
    old = make_card(edition=old_edition, title="Ескі <b>атау</b>")
    dropped = make_card(edition=old_edition, level=5)
    new = make_card(edition=new_edition, predecessor=old, title="Жаңа атау")
    added = make_card(edition=new_edition, level=8, occupation_code="2529-0-002")
    html = client.get(reverse("edition_changes", args=[standard.code])).content.decode()
    code, key = standard.code, old_edition.key
    assert reverse("edition_card_detail", args=[code, key, old.position]) in html
    assert reverse("edition_card_detail", args=[code, key, dropped.position]) in html
    assert reverse("card_detail", args=[code, new.position]) in html
    assert reverse("card_detail", args=[code, added.position]) in html
    assert f"{reverse('compare')}?cards={code}/{key}/{old.position},{code}/{new.position}@kk" in html
    assert "Ескі &lt;b&gt;атау&lt;/b&gt;" in html and "<b>атау" not in html


@pytest.mark.django_db
def test_the_changes_page_runs_seven_queries_whatever_the_number_and_size_of_the_cards(
    client, django_assert_num_queries
):
    standard, old_edition, new_edition = two_editions()
    url = reverse("edition_changes", args=[standard.code])
    old = make_card(edition=old_edition)
    new = make_card(edition=new_edition, predecessor=old)
    for c in (old, new):
        function_with_skills(c, "Бұлтты дамыту", ["Ортаны дамыту"])
    with django_assert_num_queries(7):
        client.get(url)
    for level in (5, 7):
        old = make_card(edition=old_edition, level=level)
        new = make_card(edition=new_edition, level=level, predecessor=old)
        for c in (old, new):
            function_with_skills(c, "Бұлтты дамыту", ["Ортаны дамыту", "Архитектураны бақылау"])
    make_card(edition=old_edition, level=4)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["changes"][0].kept) == 3


# --- on the bundled orders ----------------------------------------------------------------------


def changes_page(client, code, language="kk"):
    response = client.get(f"/{language}/standards/{code}/changes/")
    assert response.status_code == 200
    [changes] = response.context["changes"]
    return changes, response.content.decode()


@pytest.mark.slow
@pytest.mark.django_db
def test_j071_dropped_the_level_5_architect_and_renamed_the_kept_one(registry, client):
    changes, html = changes_page(client, "J071")
    assert (changes.old_edition.key, changes.new_edition.key) == ("2022-kk", "2025-kk")
    assert [(c.occupation_code, c.level, c.position) for c in changes.dropped] == [("2521-2-001", 5, 4)]
    assert 'data-card="J071/2022-kk/4"' in html
    architects = [k for k in changes.kept if k.new.occupation_code == "2521-2-001"]
    assert [(k.old.title, k.new.title, k.new.level) for k in architects] == [
        ("АТ-инфрақұрылым сәулетшілері", "IT инфрақұрылымының сәулетшісі", 7),
        ("АТ-инфрақұрылым сәулетшілері", "IT инфрақұрылымының сәулетшісі", 6),
    ]
    assert all(k.renamed for k in architects)
    assert (len(changes.kept), len(changes.added), len(changes.renamed)) == (4, 0, 2)
    # Both editions' version and year, and where the in-force one comes from.
    assert (changes.old_edition.version, changes.old_edition.year) == (2, 2022)
    assert (changes.new_edition.version, changes.new_edition.year) == (3, 2025)
    assert "569/НҚ" in html


@pytest.mark.slow
@pytest.mark.django_db
def test_j071_kept_cards_list_their_reworded_functions(registry, client):
    changes, html = changes_page(client, "J071")
    first = next(k for k in changes.kept if k.new.position == 1)
    reworded = [i.text for i in first.tree.items if i.kind == "function" and i.change == "changed"]
    assert "Ұйымның ІТ-инфрақұрылымын дамыту" in reworded
    assert "<ins>" in html and "<del>" in html


@pytest.mark.slow
@pytest.mark.django_db
def test_j076_dropped_seven_cards_and_gave_3512_1_003_a_level_5_card(registry, client):
    changes, html = changes_page(client, "J076", language="ru")
    assert (changes.old_edition.key, changes.new_edition.key) == ("2019-ru", "2025-ru")
    assert len(changes.dropped) == 7
    assert {(c.occupation_code, c.level) for c in changes.dropped} == {
        ("3512-1-001", 4),
        ("3512-1-003", 3),
        ("3512-1-004", 4),
        ("3512-1-004", 5),
        ("3512-1-005", 4),
        ("3512-1-005", 5),
        ("3512-1-006", 3),
    }
    [added] = changes.added
    assert (added.card.occupation_code, added.card.level, added.card.position) == ("3512-1-003", 5, 5)
    assert added.is_new_level and added.old_levels == [3, 4]
    assert 'data-new-level="3512-1-003"' in html
    assert len(changes.kept) == 5


@pytest.mark.slow
@pytest.mark.django_db
def test_j072_kept_all_eleven_cards_and_moved_nine_to_group_2529_0(registry, client):
    changes, _ = changes_page(client, "J072")
    assert (len(changes.kept), len(changes.dropped), len(changes.added)) == (11, 0, 0)
    # Cards 1 and 2 (2529-0-001) were in group 2529-0 already; the nine without a code moved there.
    assert {k.old.group_code for k in changes.group_code_changes} == {"2512-1", "2523-0", "2521-2"}
    assert len(changes.group_code_changes) == 9
    assert {k.new.group_code for k in changes.kept} == {"2529-0"}
    assert len(changes.renamed) == 11


@pytest.mark.slow
@pytest.mark.django_db
def test_the_russian_page_of_j071_still_compares_the_kazakh_texts(registry, client):
    changes, html = changes_page(client, "J071", language="ru")
    assert changes.new_edition.language == "kk"
    assert "/ru/cards/J071/1/" in html
    assert "?cards=J071/2022-kk/1,J071/1@kk" in html


@pytest.mark.slow
@pytest.mark.django_db
def test_standards_without_an_earlier_edition_say_so(registry, client):
    response = client.get("/kk/standards/J068/changes/")
    assert response.status_code == 200 and response.context["changes"] == []


@pytest.mark.slow
@pytest.mark.django_db
def test_the_j072_changes_page_runs_seven_queries(registry, client, django_assert_num_queries):
    with django_assert_num_queries(7):
        client.get("/kk/standards/J072/changes/")


@pytest.mark.slow
@pytest.mark.django_db
def test_every_superseded_edition_is_compared(registry):
    codes = Edition.objects.superseded().values_list("standard__code", flat=True)
    found = {code: changes_of_standard(Standard.objects.get(code=code)) for code in codes}
    assert {code: len(c[0].kept) for code, c in found.items()} == {"J071": 4, "J072": 11, "J076": 5}
