"""Build the web app's offline basemap from the npm package ``world-atlas`` (Natural Earth, public domain).

Run once when the basemap should change; the output is committed:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python scripts/build_basemap.py /tmp/package/countries-50m.json \
        kilde/serve/static/basemap/countries.geojson

It decodes the TopoJSON (quantised, delta-encoded arcs) into plain GeoJSON with
coordinates rounded to ``--digits`` decimals, so the browser needs no TopoJSON
library and no network.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (undoing quantisation and delta encoding)."""
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if transform:
                x += dx
                y += dy
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list, digits: int) -> list[list[float]]:
    """Join arcs into one ring; a negative index means the arc reversed (~i)."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    lons = [lon for lon, _ in points]
    unwrapped = _unwrap(lons)
    if max(unwrapped) - min(unwrapped) < 359:  # not a ring around the pole (Antarctica): keep it raw
        lons = unwrapped
    out: list[list[float]] = []
    for lon, (_, lat) in zip(lons, points, strict=True):
        point = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def _unwrap(lons: list[float]) -> list[float]:
    """Keep rings that cross the antimeridian (Russia, Fiji) continuous: 179.9 -> 180.1, not -179.9,
    which a flat map would draw as a band across the whole world."""
    out: list[float] = []
    for lon in lons:
        if out:
            while lon - out[-1] > 180:
                lon -= 360
            while lon - out[-1] < -180:
                lon += 360
        out.append(lon)
    return out


def to_geojson(topo: dict, layer: str, digits: int) -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geometry in topo["objects"][layer]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [[ring(r, arcs, digits) for r in polygon] for polygon in polygons]
        rings = [[r for r in polygon if len(r) >= 4] for polygon in rings]
        rings = [polygon for polygon in rings if polygon]
        if not rings:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": (geometry.get("properties") or {}).get("name"), "id": geometry.get("id")},
            "geometry": {"type": "MultiPolygon", "coordinates": rings},
        })
    return {
        "type": "FeatureCollection",
        "attribution": "Natural Earth (public domain) via world-atlas",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--layer", default="countries")
    parser.add_argument("--digits", type=int, default=2)
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    geojson = to_geojson(topo, args.layer, args.digits)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(geojson, separators=(",", ":")), encoding="utf-8")
    print(f"{len(geojson['features'])} features, {args.output.stat().st_size / 1e6:.2f} MB -> {args.output}")


if __name__ == "__main__":
    main()
