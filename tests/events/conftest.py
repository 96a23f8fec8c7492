import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the test users' passwords cheaply: the admin tests create many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
