"""The three-way re-import's decisions (importers/reconcile.py): pure, no database."""

from importers.reconcile import ADDED, CONFLICT, KEPT, REMOVED, UPDATED, reconcile

SKILL = "e1/c1/f1/s1"


def outcomes(plan):
    return {(d.key, d.field): d.outcome for d in plan.decisions}


def test_a_value_nobody_edited_takes_the_file_s_value():
    plan = reconcile({SKILL: {"title": "Талдау"}}, {SKILL: {"title": "Талдау"}}, {SKILL: {"title": "Жобалау"}})
    assert outcomes(plan) == {(SKILL, "title"): UPDATED}
    assert plan.update == {SKILL: {"title": "Жобалау"}}
    assert plan.snapshot == {SKILL: {"title": "Жобалау"}}


def test_an_edit_the_file_did_not_change_is_kept():
    plan = reconcile(
        {SKILL: {"title": "Талдау"}}, {SKILL: {"title": "Талдау (түзетілген)"}}, {SKILL: {"title": "Талдау"}}
    )
    assert outcomes(plan) == {(SKILL, "title"): KEPT}
    assert plan.update == {} and not plan.changes_anything


def test_an_edit_the_file_changed_too_is_a_conflict_that_keeps_the_edit_and_the_old_base():
    plan = reconcile({SKILL: {"title": "A"}}, {SKILL: {"title": "B"}}, {SKILL: {"title": "C"}})
    [conflict] = plan.open_conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == ("A", "B", "C")
    assert plan.update == {}
    # The next import of the same file raises the same conflict: nothing is decided silently.
    assert plan.snapshot == {SKILL: {"title": "A"}}
    again = reconcile(plan.snapshot, {SKILL: {"title": "B"}}, {SKILL: {"title": "C"}})
    assert outcomes(again) == {(SKILL, "title"): CONFLICT}


def test_a_preference_decides_a_conflict_and_records_how():
    taken = reconcile({SKILL: {"title": "A"}}, {SKILL: {"title": "B"}}, {SKILL: {"title": "C"}}, prefer="file")
    assert taken.update == {SKILL: {"title": "C"}} and taken.conflicts[0].resolution == "file"
    kept = reconcile({SKILL: {"title": "A"}}, {SKILL: {"title": "B"}}, {SKILL: {"title": "C"}}, prefer="edits")
    assert kept.update == {} and kept.conflicts[0].resolution == "mine" and not kept.open_conflicts
    assert kept.snapshot == {SKILL: {"title": "C"}}


def test_the_same_value_on_both_sides_is_no_change_at_all():
    plan = reconcile({SKILL: {"title": "A"}}, {SKILL: {"title": "B"}}, {SKILL: {"title": "B"}})
    assert plan.decisions == [] and plan.snapshot == {SKILL: {"title": "B"}}


def test_elements_the_file_adds_are_created_parents_first():
    theirs = {"e1/c1/f1": {"title": "Функция"}, SKILL: {"title": "Дағды"}, SKILL + "/a1": {"text": "Білу"}}
    plan = reconcile({}, {}, theirs)
    assert list(plan.create) == ["e1/c1/f1", SKILL, SKILL + "/a1"]
    assert {d.outcome for d in plan.decisions} == {ADDED}


def test_an_element_the_file_drops_is_removed_with_its_descendants_decided_once():
    base = {SKILL: {"title": "A"}, SKILL + "/a1": {"text": "x"}}
    plan = reconcile(base, base, {})
    assert plan.delete == [SKILL]
    assert outcomes(plan) == {(SKILL, ""): REMOVED}


def test_an_edited_element_the_file_drops_is_a_conflict_and_stays_with_its_children():
    base = {SKILL: {"title": "A"}, SKILL + "/a1": {"text": "x"}}
    mine = {SKILL: {"title": "A (түзетілген)"}, SKILL + "/a1": {"text": "x"}}
    plan = reconcile(base, mine, {})
    assert outcomes(plan) == {(SKILL, ""): CONFLICT}
    assert plan.delete == []


def test_an_element_deleted_by_hand_stays_deleted_unless_the_file_changed_it():
    base = {SKILL: {"title": "A"}}
    assert outcomes(reconcile(base, {}, {SKILL: {"title": "A"}})) == {(SKILL, ""): KEPT}
    changed = reconcile(base, {}, {SKILL: {"title": "B"}})
    assert outcomes(changed) == {(SKILL, ""): CONFLICT} and changed.create == {}
    assert reconcile(base, {}, {SKILL: {"title": "B"}}, prefer="file").create == {SKILL: {"title": "B"}}


def test_an_element_added_by_hand_is_kept():
    plan = reconcile({}, {SKILL + "/a9": {"text": "Қолмен қосылған"}}, {})
    assert outcomes(plan) == {(SKILL + "/a9", ""): KEPT} and plan.delete == []
