"""The actor and claimant registries: canonical names with their aliases.

Read from `data/actors.jsonl` (belligerents) and `data/claimants.jsonl` (who
reports: monitors, media, officials). Format: data/README.md. Pure: no DB.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTORS_PATH = DATA_DIR / "actors.jsonl"
CLAIMANTS_PATH = DATA_DIR / "claimants.jsonl"

# Aliases of 2-5 capitals ("IS", "SDF", "SAA") match case-sensitively.
CASE_SENSITIVE_MAX_LENGTH = 5


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...]
    description: str = ""
    is_claimant: bool = False

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def is_case_sensitive(alias: str) -> bool:
    """Return whether `alias` is a short all-capitals acronym ("IS", "YPG")."""
    letters = alias.replace(".", "").replace("-", "")
    return letters.isupper() and len(letters) <= CASE_SENSITIVE_MAX_LENGTH


def load_registry(path: Path, *, is_claimant: bool = False) -> list[RegistryEntry]:
    """Return the entries of a registry JSONL file."""
    entries = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                record = json.loads(line)
                entries.append(
                    RegistryEntry(
                        name=record["name"],
                        kind=record["kind"],
                        side=record.get("side", "other"),
                        aliases=tuple(record.get("aliases", ())),
                        description=record.get("description", ""),
                        is_claimant=is_claimant,
                    )
                )
            except (json.JSONDecodeError, KeyError) as error:
                raise ValueError(f"{path.name} line {number}: {error}") from error
    return entries


@cache
def default_registry() -> tuple[RegistryEntry, ...]:
    """Return the shipped actors followed by the shipped claimants."""
    return tuple(
        load_registry(ACTORS_PATH) + load_registry(CLAIMANTS_PATH, is_claimant=True)
    )
