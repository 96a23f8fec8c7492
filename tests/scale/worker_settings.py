"""Settings of the scale tests' worker processes: the project's, with a broker
that gives a dead worker's message to another after seconds, not an hour."""

from conflictwatch.settings import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Far above one short article's extraction or a new worker process's
    # model loading (a message it received waits for that), far below the
    # test's patience.
    "visibility_timeout": 20,
    # Look for such messages every second.
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
