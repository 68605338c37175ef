"""What a new set of indicator rows changed: matched by name (spaces and case ignored, the n-th of a name with
the n-th), moves are no change, renames are a removal and an addition."""

from biaozhun.rules.indicator_changes import changes


def row(name, value="1", **other):
    return {"name": name, "chinese_value": value, "foreign_value": "1", **other}


def test_moving_rows_changes_nothing():
    assert not changes([row("a"), row("b")], [row("b"), row("a")])


def test_added_removed_and_changed_fields_with_old_and_new_values():
    found = changes([row("密度", unit="kg/m³"), row("灰分")], [row("密度", "2", unit="kg/m3"), row("水分")])
    assert found.as_data() == {"added": ["水分"], "removed": ["灰分"], "changed": [
        {"name": "密度", "fields": {"unit": ["kg/m³", "kg/m3"], "chinese_value": ["1", "2"]}}]}


def test_names_match_without_spaces_or_case_and_twins_stay_apart():
    found = changes([row("Flash point", "1"), row("硫 含量"), row("硫 含量", "5")],
                    [row("flash  POINT", "1"), row("硫含量"), row("硫含量", "6"), row("硫含量", "7")])
    assert found.added == ["硫含量"] and found.removed == []
    assert found.changed == [{"name": "硫含量", "fields": {"chinese_value": ["5", "6"]}}]


def test_from_nothing_every_row_is_added():
    assert changes([], [row("a"), row("a")]).added == ["a", "a"]
