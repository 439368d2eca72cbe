"""Read Parquet files with pyarrow, DuckDB and polars and print what each engine sees as JSON.

Usage: read_parquet.py FILE...

Output: {"FILE": {"pyarrow": {...}, "duckdb": {...}, "polars": {...}}, ...} where each engine
entry is {"types": {column: type name}, "columns": {column: [value, ...]}} or {"error": text}.
pyarrow entries also carry "row_groups" (row counts) and "statistics" (per column, per row group).

Values are normalised to strings so the Swift test can build the same text from its inputs:
bool -> "true"/"false"; int -> decimal text; float -> "nan" or the IEEE-754 double bit pattern
as a signed 64-bit integer; str -> itself; bytes -> "0x" + hex; Decimal -> normalised plain
text; date -> days since 1970-01-01; datetime -> microseconds since 1970-01-01 (UTC for aware
values); None -> null.
"""
import datetime
import decimal
import json
import math
import struct
import sys

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1)


def canon(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return str(struct.unpack("<q", struct.pack("<d", value))[0])
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "0x" + bytes(value).hex()
    if isinstance(value, decimal.Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return str((value - EPOCH) // datetime.timedelta(microseconds=1))
    if isinstance(value, datetime.date):
        return str((value - EPOCH_DATE).days)
    raise TypeError(f"unexpected value type {type(value).__name__}")


def with_pyarrow(path):
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    metadata = pq.ParquetFile(path).metadata
    statistics = {}
    for column_index, field in enumerate(table.schema):
        per_group = []
        for group in range(metadata.num_row_groups):
            stats = metadata.row_group(group).column(column_index).statistics
            if stats is None:
                per_group.append(None)
                continue
            entry = {"null_count": stats.null_count if stats.has_null_count else None}
            if stats.has_min_max:
                entry["min"] = canon(stats.min)
                entry["max"] = canon(stats.max)
            per_group.append(entry)
        statistics[field.name] = per_group
    return {
        "types": {field.name: str(field.type) for field in table.schema},
        "columns": {name: [canon(v) for v in table.column(name).to_pylist()] for name in table.column_names},
        "row_groups": [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)],
        "statistics": statistics,
    }


def with_duckdb(path):
    import duckdb
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    names = [row[0] for row in described]
    types = [row[1] for row in described]
    # Aware timestamps would need pytz in Python; with TimeZone UTC the naive cast is the same instant.
    selected = ", ".join(
        f'CAST("{name}" AS TIMESTAMP)' if kind == "TIMESTAMP WITH TIME ZONE" else f'"{name}"'
        for name, kind in zip(names, types))
    rows = connection.execute(f"SELECT {selected} FROM read_parquet(?)", [path]).fetchall()
    return {
        "types": dict(zip(names, types)),
        "columns": {name: [canon(row[i]) for row in rows] for i, name in enumerate(names)},
    }


def with_polars(path):
    import polars
    frame = polars.read_parquet(path)
    return {
        "types": {name: str(dtype) for name, dtype in frame.schema.items()},
        "columns": {name: [canon(v) for v in frame[name].to_list()] for name in frame.columns},
    }


def main(paths):
    result = {}
    for path in paths:
        entry = {}
        for engine, read in (("pyarrow", with_pyarrow), ("duckdb", with_duckdb), ("polars", with_polars)):
            try:
                entry[engine] = read(path)
            except Exception as error:  # reported to the test, which fails with the message
                entry[engine] = {"error": f"{type(error).__name__}: {error}"}
        result[path] = entry
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
