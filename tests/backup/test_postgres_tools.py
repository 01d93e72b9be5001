"""The PostgreSQL client binaries: found on PATH or in the server folders, and a clear
error naming the binary when there is none (no PostgreSQL needed for these)."""

import pytest

from backup.common import BackupError, file_kind
from backup.postgres import find_tool


def test_a_missing_client_binary_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError) as error:
        find_tool("pg_dump", search_glob=str(tmp_path / "none" / "*" / "bin"))
    assert "pg_dump was not found" in error.value.message
    assert "postgresql-client" in error.value.message


def test_the_newest_server_folder_is_used_when_path_has_none(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for version in ("9.6", "15", "16"):
        binary = tmp_path / version / "bin" / "pg_restore"
        binary.parent.mkdir(parents=True)
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    found = find_tool("pg_restore", search_glob=str(tmp_path / "*" / "bin"))
    assert found == str(tmp_path / "16" / "bin" / "pg_restore")


def test_a_dump_is_told_from_a_sqlite_file(tmp_path):
    dump = tmp_path / "a.dump"
    dump.write_bytes(b"PGDMP\x01\x0e\x00")
    assert file_kind(dump) == "postgresql"
