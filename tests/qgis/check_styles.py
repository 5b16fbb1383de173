#!/usr/bin/python3
"""QGIS opens ecozone's GeoPackages styled: every layer valid, its default style taken from the
file's layer_styles table (renderer, classes, labels, colours as report/*/..._gpkg_styles.cpp set
them), and a map of screening.gpkg rendered headless shows the verdict colours.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/check_styles.py \
        --png out/screening_map.png screening.gpkg indicators.gpkg patches.gpkg rejected.gpkg

Run by CTest as qgis.styles (tests/qgis_tests.cmake).  Exit 0 when every check passes, 1 with
one line per failed check otherwise.
"""
import argparse
import os
import sqlite3
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display on CI

from qgis.core import (  # noqa: E402  (after the platform is chosen)
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402

VERDICT_COLOURS = {"prohibited": (215, 25, 28), "restricted": (253, 174, 97), "allowed": (26, 150, 65)}
# The units' label: the name and the coverage (the district's only when alone).
UNIT_LABELS = lambda text: '"name"' in text and '"forest_pct"' in text  # noqa: E731
# What each layer's default style must be.  categories / ranges: how many; labels: the label
# field or expression, or a test of it (None: no labels); colour: the first class's (or the
# single symbol's) fill, which QGIS's own random default would not have.
EXPECTED = {
    "sites": dict(renderer="categorizedSymbol", attr="verdict", categories=4,
                  labels="coalesce(nullif(\"name\", ''), \"site_id\")", colour=(215, 25, 28, 255)),
    "overlaps": dict(renderer="categorizedSymbol", categories=19, labels=None, colour=(165, 15, 21, 255)),
    "buffer_belts": dict(renderer="singleSymbol", labels=None, colour=(43, 131, 186, 90)),
    "units": dict(renderer="graduatedSymbol", attr="forest_pct", ranges=5, labels=UNIT_LABELS,
                  colour=(26, 150, 65, 255)),
    "forest": dict(renderer="singleSymbol", labels=None, colour=(0, 109, 44, 200)),
    "protected_wetland": dict(renderer="singleSymbol", labels=None, colour=(44, 127, 184, 200)),
    "patches": dict(renderer="categorizedSymbol", attr="hdlx", categories=11, labels="tbbh",
                    colour=(230, 171, 2, 255)),
    "rejected": dict(renderer="categorizedSymbol", attr="stage", categories=6, labels=None,
                     colour=(217, 217, 217, 255)),
}
FONT = "Noto Sans CJK SC"

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
    return ok


def rgba(colour):
    return (colour.red(), colour.green(), colour.blue(), colour.alpha())


def first_colour(renderer):
    """The first class's fill (or the single symbol's).  The class lists are copies: they are kept
    in a variable while their symbol is read (a temporary's symbol is a dangling pointer)."""
    kind = renderer.type()
    classes = renderer.categories() if kind == "categorizedSymbol" else (
        renderer.ranges() if kind == "graduatedSymbol" else None)
    if classes is not None:
        return rgba(classes[0].symbol().color()) if classes else None
    symbol = renderer.symbol()
    return rgba(symbol.color()) if symbol else None


def stored_styles(path):
    """layer_styles rows straight from SQLite: table -> [(name, default, qml)]."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT f_table_name, styleName, useAsDefault, styleQML FROM layer_styles").fetchall()
        kinds = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents").fetchall())
    finally:
        con.close()
    out = {}
    for table, name, default, qml in rows:
        out.setdefault(table, []).append((name, default, qml))
    check(kinds.get("layer_styles") == "attributes",
          f"{path}: layer_styles is not registered in gpkg_contents as attributes ({kinds.get('layer_styles')})")
    return out, [t for t, kind in kinds.items() if kind == "features"]


def check_layer(path, name, stored):
    where = f"{path}|{name}"
    want = EXPECTED.get(name)
    if not check(want is not None, f"{where}: no expected style for this layer (add it to EXPECTED)"):
        return None
    rows = stored.get(name, [])
    defaults = [r for r in rows if r[1]]
    if not check(len(defaults) == 1, f"{where}: {len(defaults)} default styles in layer_styles, expected 1"):
        return None
    try:
        ET.fromstring(defaults[0][2])
    except ET.ParseError as e:
        check(False, f"{where}: the stored QML is not XML ({e})")

    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not check(layer.isValid(), f"{where}: QGIS cannot open the layer"):
        return None
    count, _ids, names, _descriptions, err = layer.listStylesInDatabase()
    check(count >= 1 and defaults[0][0] in names[:count],
          f"{where}: QGIS does not list the stored style '{defaults[0][0]}' ({count}, {names}, {err})")

    renderer = layer.renderer()
    check(renderer.type() == want["renderer"], f"{where}: renderer {renderer.type()}, expected {want['renderer']}")
    if "attr" in want and renderer.type() == want["renderer"]:
        check(renderer.classAttribute() == want["attr"],
              f"{where}: classified by {renderer.classAttribute()}, expected {want['attr']}")
    if "categories" in want and renderer.type() == "categorizedSymbol":
        check(len(renderer.categories()) == want["categories"],
              f"{where}: {len(renderer.categories())} categories, expected {want['categories']}")
    if "ranges" in want and renderer.type() == "graduatedSymbol":
        check(len(renderer.ranges()) == want["ranges"],
              f"{where}: {len(renderer.ranges())} classes, expected {want['ranges']}")
    colour = first_colour(renderer)
    check(colour == want["colour"], f"{where}: first fill {colour}, expected {want['colour']} (QGIS's own default?)")

    if want["labels"] is None:
        check(not layer.labelsEnabled(), f"{where}: labels enabled, expected none")
    elif check(layer.labelsEnabled() and layer.labeling() is not None, f"{where}: labels not enabled"):
        settings = layer.labeling().settings()
        text_format = settings.format()
        buffer = text_format.buffer()
        text = settings.fieldName
        check(want["labels"](text) if callable(want["labels"]) else text == want["labels"],
              f"{where}: labels from {text!r}")
        family = text_format.font().family()
        check(family == FONT, f"{where}: label font {family!r}, expected {FONT!r}")
        check(buffer.enabled(), f"{where}: labels without a halo")
    return layer


def render(layers, png):
    """Draws the screening layers (overlaps over sites over belts) around the sites to `png`."""
    sites = layers["sites"]
    settings = QgsMapSettings()
    settings.setLayers([layers[n] for n in ("overlaps", "sites", "buffer_belts") if n in layers])
    settings.setDestinationCrs(sites.crs())
    extent = sites.extent()
    extent.scale(1.1)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1600, 1200))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    check(image.save(png, "PNG"), f"{png}: cannot be written")
    return image


def check_verdict_pixels(image, sites, png):
    present = {f["verdict"] for f in sites.getFeatures() if f["verdict"]}
    check(present, f"{png}: the sample's sites have no verdicts")
    image = image.convertToFormat(QImage.Format_RGB32)
    counts = dict.fromkeys(VERDICT_COLOURS, 0)
    background = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            px = (c.red(), c.green(), c.blue())
            if px == (255, 255, 255):
                background += 1
                continue
            for verdict, colour in VERDICT_COLOURS.items():
                if all(abs(a - b) <= 3 for a, b in zip(px, colour)):
                    counts[verdict] += 1
    total = (image.height() // 2) * (image.width() // 2)
    check(background < total, f"{png}: nothing drawn")
    for verdict in sorted(present):
        check(counts.get(verdict, 0) >= 10,
              f"{png}: only {counts.get(verdict, 0)} sampled pixels of the {verdict} colour {VERDICT_COLOURS[verdict]}")
    print(f"{png}: sampled pixels by verdict colour {counts}, background {background} of {total}")


def check_file(path, png):
    """Every layer of one GeoPackage; the layers die with this call, before QGIS exits."""
    if not check(os.path.isfile(path), f"{path}: no such file"):
        return
    stored, feature_tables = stored_styles(path)
    layers = {}
    for name in feature_tables:
        layer = check_layer(path, name, stored)
        if layer is not None:
            layers[name] = layer
    print(f"{path}: {', '.join(sorted(layers))} styled")
    if os.path.basename(path) == "screening.gpkg" and png and "sites" in layers:
        check_verdict_pixels(render(layers, png), layers["sites"], png)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gpkg", nargs="+", help="GeoPackages written by ecozone")
    parser.add_argument("--png", help="where to render screening.gpkg's map")
    args = parser.parse_args()

    app = QgsApplication([], False)
    app.initQgis()
    try:
        for path in args.gpkg:
            check_file(path, args.png)
    finally:
        app.exitQgis()
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
