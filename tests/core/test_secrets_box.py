"""Secrets encrypted with a key derived from SECRET_KEY (core.secrets_box)."""

import pytest

from core.secrets_box import SecretUnreadable, decrypt, encrypt


def test_a_secret_round_trips_and_is_not_stored_as_itself(app):
    with app.app_context():
        stored = encrypt("JBSWY3DPEHPK3PXP")
        assert "JBSWY3DPEHPK3PXP" not in stored
        assert decrypt(stored) == "JBSWY3DPEHPK3PXP"


def test_each_encryption_differs(app):
    with app.app_context():
        assert encrypt("same") != encrypt("same")


def test_another_secret_key_cannot_read_it():
    stored = encrypt("JBSWY3DPEHPK3PXP", secret_key="old-key")
    with pytest.raises(SecretUnreadable):
        decrypt(stored, secret_key="rotated-key")


def test_another_purpose_cannot_read_it():
    stored = encrypt("JBSWY3DPEHPK3PXP", secret_key="k", purpose="totp")
    with pytest.raises(SecretUnreadable):
        decrypt(stored, secret_key="k", purpose="other")


def test_a_changed_token_is_refused():
    stored = encrypt("JBSWY3DPEHPK3PXP", secret_key="k")
    with pytest.raises(SecretUnreadable):
        decrypt(stored[:-4] + "AAAA", secret_key="k")
