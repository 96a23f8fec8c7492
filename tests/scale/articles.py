"""Short, distinct war reports made from templates: the workload of the scale tests.

Towns are gazetteer names; figures, weekdays and dates vary with the number,
so no two texts are the same and the extractor finds different events.
"""

from pathlib import Path

TOWNS = [
    "Aleppo",
    "Idlib",
    "Douma",
    "Raqqa",
    "Homs",
    "Hama",
    "Daraa",
    "Ariha",
    "Saraqib",
    "Manbij",
    "Azaz",
    "Harasta",
    "Zabadani",
    "Palmyra",
    "Qamishli",
    "Jisr al-Shughur",
    "Khan Sheikhoun",
    "Maarat al-Numan",
    "Deir ez-Zor",
    "Kafr Nabl",
]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September".split()
INCIDENTS = [
    "Air strikes killed {n} civilians in {town} on {weekday}, the Syrian "
    "Observatory for Human Rights said.",
    "Government shelling killed {n} people in {town} on {weekday}, activists said.",
    "A car bomb exploded in {town} on {weekday}, killing {n} people, the Syrian "
    "Observatory for Human Rights said.",
    "Clashes between rebels and government forces in {town} killed {n} fighters "
    "on {weekday}, the Observatory said.",
]
SECOND_INCIDENT = (
    "In {town}, {n} people were killed by Russian air strikes, residents said."
)
CLOSING = (
    "At least {wounded} people were wounded. Residents said the raids hit a "
    "market and a school. The death toll was likely to rise."
)


def article_text(number: int) -> str:
    """Return report `number`: a title, a dateline and one or two incidents."""
    town = TOWNS[number % len(TOWNS)]
    killed = 2 + number % 37
    body = [
        INCIDENTS[number % len(INCIDENTS)].format(
            n=killed, town=town, weekday=WEEKDAYS[number % len(WEEKDAYS)]
        )
    ]
    if number % 2:
        other = TOWNS[(number * 7 + 3) % len(TOWNS)]
        body.append(SECOND_INCIDENT.format(town=other, n=1 + number * 3 % 11))
    body.append(CLOSING.format(wounded=3 + number % 13))
    dateline = (
        f"BEIRUT, {MONTHS[number % len(MONTHS)]} {1 + number % 28}, 2016 (Reuters) -"
    )
    title = f"Report {number:03d}: {killed} killed in {town}"
    return f"{title}\n\n{dateline} {' '.join(body)}\n"


def article_files(folder: Path, count: int) -> Path:
    """Write reports 0 .. count-1 as .txt files into `folder`; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        path = folder / f"report-{number:03d}.txt"
        path.write_text(article_text(number), encoding="utf-8")
    return folder
