"""Column options shared by the `ingest` and `extract` commands."""

from events.ingestion.readers import Columns

ROLES = ("id", "title", "text", "date", "source", "url")


def add_column_arguments(parser) -> None:
    """Add --id-column ... --url-column to `parser`."""
    for role in ROLES:
        parser.add_argument(
            f"--{role}-column",
            dest=f"{role}_column",
            metavar="NAME",
            help=f"CSV/JSONL field holding the {role} (default: guessed)",
        )


def columns_from_options(options: dict) -> Columns:
    """Return the Columns named by the parsed options."""
    return Columns(**{role: options.get(f"{role}_column") for role in ROLES})
