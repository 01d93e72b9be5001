"""A report's columns from the small text table of its module."""

from reports.result import Column, table_columns


def test_table_columns_reads_key_label_and_number():
    assert table_columns(
        """
        name      | Person
        gap       | Gap (levels) | number
        """
    ) == [Column("name", "Person"), Column("gap", "Gap (levels)", True)]
