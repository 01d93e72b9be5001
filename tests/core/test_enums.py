"""core.enums: the title every member shows and the order a record passes through."""

from core.enums import OrderedEnum, TitledEnum


def test_titles_default_to_the_value_unless_the_class_names_them():
    class Kind(TitledEnum):
        __titles__ = {"on_the_job": "On-the-job training"}

        on_the_job = "on_the_job"
        self_study = "self_study"

    assert [k.title for k in Kind] == ["On-the-job training", "Self study"]
    assert len(Kind) == 2  # ``__titles__`` is not a member


def test_order_counts_members_in_declaration_order():
    class Step(OrderedEnum):
        first = "first"
        second = "second"
        third = "third"

    assert [s.order for s in Step] == [0, 1, 2]
    assert Step.third.title == "Third"
