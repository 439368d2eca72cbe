"""Runs the reader examples of docs/partitions.md against a built lake and prints what they returned.

Usage: partition_doc_queries.py DOC PROJECT SALES_DAY FLIGHTS_DAY

Every fenced block whose info string carries `query=NAME` is run from PROJECT (the folder
holding lake/ and rules/): ```sql with DuckDB, ```python as it stands, leaving its result in
`rows`. Blocks carrying `result=NAME` are the tables the page shows. The expectations are
computed here without lakemake's code: the store totals from the raw JSON uploads and
reference/stores.csv with the json and csv modules, the flight hours from the hours of the
QuickSight export. Prints one JSON object; the Swift test compares. When a reader or Java is
missing it prints {"unavailable": why} and nothing else.
"""

import csv
import datetime
import decimal
import glob
import importlib
import json
import os
import shutil
import sys
import time
import traceback


def fenced_blocks(markdown):
    """[(language, {key: value}, first line number, code)] for every fenced block."""
    blocks, current = [], None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if current is None and line.startswith("```"):
            words = line[3:].split()
            language = words[0] if words and "=" not in words[0] else ""
            attributes = dict(w.split("=", 1) for w in words if "=" in w)
            current = (language, attributes, number + 1, [])
        elif current is not None and line.strip() == "```":
            blocks.append((current[0], current[1], current[2], "\n".join(current[3])))
            current = None
        elif current is not None:
            current[3].append(line)
    return blocks


def reader_of(language, code):
    if language == "sql":
        return "duckdb"
    for line in code.split("\n"):
        for name in ("pyspark", "polars", "pyarrow", "duckdb"):
            if line.startswith(("import " + name, "from " + name)):
                return name
    return "unknown"


def text(value):
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def run(language, code, name):
    if language == "sql":
        import duckdb
        return duckdb.connect().execute(code).fetchall()
    namespace = {"__name__": "__main__"}
    exec(compile(code, name, "exec"), namespace)
    return namespace["rows"]


def store_totals(day):
    """line_total per store listed in stores.csv, from the day's raw uploads."""
    with open("lake/reference/stores.csv", newline="", encoding="utf-8") as f:
        names = {row["store_id"]: row["name"] for row in csv.DictReader(f)}
    totals = {}
    for path in glob.glob(f"lake/raw/sales/store_*_{day}.json"):
        store = os.path.basename(path)[len("store_"):-len(f"_{day}.json")]
        with open(path, encoding="utf-8") as f:
            lines = json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)
        totals[store] = sum((line["line_total"] for line in lines), decimal.Decimal(0))
    return [[store, names[store], format(totals[store].quantize(decimal.Decimal("0.01")), "f")]
            for store in sorted(totals) if store in names], sorted(totals)


def flight_hours(day):
    """observations and distinct aircraft of hours 0-2, as the QuickSight export counts them."""
    with open(f"lake/reports/quicksight/flights_daily/date={day}.ndjson", encoding="utf-8") as f:
        hours = [json.loads(line) for line in f if line.strip()]
    return [[str(h["hour"]), str(h["observations"]), str(h["unique_aircraft"])] for h in hours if h["hour"] < 3]


def main():
    doc, project, sales_day, flights_day = sys.argv[1:5]
    missing = []
    for module in ("duckdb", "pyarrow", "polars", "pyspark"):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        print(json.dumps({"unavailable": f"{sys.executable} lacks {', '.join(missing)}"}))
        return
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        print(json.dumps({"unavailable": "PySpark needs Java (17 or later) and there is no java on PATH"}))
        return

    with open(doc, encoding="utf-8") as f:
        blocks = fenced_blocks(f.read())
    os.chdir(project)
    # Spark in local mode: bound to the loopback address, worker Pythons this one. On two
    # busy cores the JVM's optimising compiler costs more than it saves for a few small
    # queries, and one shuffle partition is enough for them: the session then starts and
    # answers in about half the time. None of this changes what the examples return.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_SUBMIT_ARGS"] = (
        "--driver-java-options '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' "
        "--conf spark.sql.shuffle.partitions=1 pyspark-shell")

    results = []
    for language, attributes, line, code in blocks:
        if "query" not in attributes:
            continue
        entry = {"query": attributes["query"], "line": line, "reader": reader_of(language, code)}
        started = time.monotonic()
        try:
            rows = [tuple(row) for row in run(language, code, f"partitions.md:{line}")]
            entry["rows"] = [[text(v) for v in row] for row in rows]
            entry["types"] = sorted({",".join(type(v).__name__ for v in row) for row in rows})
        except Exception:
            entry["error"] = traceback.format_exc(limit=4)[-1500:]
        entry["seconds"] = round(time.monotonic() - started, 2)
        results.append(entry)
    from pyspark.sql import SparkSession
    if SparkSession.getActiveSession() is not None:
        SparkSession.getActiveSession().stop()

    shown = {}
    for language, attributes, line, code in blocks:
        if "result" in attributes:
            table = [[cell.strip() for cell in row.split("|")] for row in code.split("\n") if row.strip()]
            shown[attributes["result"]] = table[1:]

    sales, uploads = store_totals(sales_day)
    versions = {m: importlib.import_module(m).__version__ for m in ("duckdb", "pyarrow", "polars", "pyspark")}
    print(json.dumps({
        "results": results,
        "shown": shown,
        "expected": {"store-totals": sales, "flight-hours": flight_hours(flights_day)},
        "uploads": uploads,
        "versions": versions,
    }))


if __name__ == "__main__":
    main()
