"""Write one table with pyarrow, DuckDB and polars under many settings, for our reader to read.

Usage: write_foreign.py OUTPUT_DIRECTORY

Prints JSON {"files": [name, ...], "expected": {column: [value, ...]}, "errors": {name: text}}:
the values are this script's own inputs, normalised like read_parquet.py does, so the test
compares what our reader returns against what was written, not against another reader.
"""
import datetime
import decimal
import json
import os
import sys

from read_parquet import canon

ROWS = 300


def column_values():
    def nullable(values, every=7):
        return [None if i % every == 3 else v for i, v in enumerate(values)]

    strings = ["", "é", "e\u0301", "日本", "x" * 300] + [f"s{i % 13}" for i in range(ROWS - 5)]
    return {
        "b": nullable([i % 3 == 0 for i in range(ROWS)]),
        "i8": [(i * 37) % 256 - 128 for i in range(ROWS)],
        "i32": [-(2 ** 31), 2 ** 31 - 1] + [(i * 7919) % 100000 - 50000 for i in range(ROWS - 2)],
        "i64": nullable([-(2 ** 63), 2 ** 63 - 1] + [i * 1_000_000_007 - 10 ** 11 for i in range(ROWS - 2)]),
        "f32": nullable([float("nan"), -0.0, 0.0, float("inf")] + [(i % 40) * 0.25 - 5 for i in range(ROWS - 4)]),
        "f64": [float("nan"), -0.0, float("-inf"), 1e-300] + [i / 8 - 3.5 for i in range(ROWS - 4)],
        "s": nullable(strings, every=11),
        "bin": [bytes([i % 256, (i * 3) % 256]) if i % 5 else b"" for i in range(ROWS)],
        "d": nullable([datetime.date(1970, 1, 1) + datetime.timedelta(days=i * 97 - 15000) for i in range(ROWS)]),
        "ts_us": [datetime.datetime(2001, 2, 3, 4, 5, 6) + datetime.timedelta(microseconds=i * 123_456_789)
                  for i in range(ROWS)],
        "ts_ms_utc": nullable([datetime.datetime(1999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)
                               + datetime.timedelta(milliseconds=i * 86_399_001) for i in range(ROWS)]),
        "dec": nullable([decimal.Decimal(i * 37 - 5000).scaleb(-2) for i in range(ROWS)]),
        "dec38": [decimal.Decimal(i * 10 ** 20 - 7).scaleb(-6) for i in range(ROWS)],
    }


def arrow_table():
    import pyarrow as pa
    values = column_values()
    types = {
        "b": pa.bool_(), "i8": pa.int8(), "i32": pa.int32(), "i64": pa.int64(), "f32": pa.float32(),
        "f64": pa.float64(), "s": pa.string(), "bin": pa.binary(), "d": pa.date32(),
        "ts_us": pa.timestamp("us"), "ts_ms_utc": pa.timestamp("ms", tz="UTC"),
        "dec": pa.decimal128(9, 2), "dec38": pa.decimal128(38, 6),
    }
    return pa.table({name: pa.array(values[name], type=types[name]) for name in values}), values


def writers(directory, table):
    import duckdb
    import polars
    import pyarrow.parquet as pq

    def path(name):
        return os.path.join(directory, name + ".parquet")

    def pyarrow_writer(**options):
        return lambda name: pq.write_table(table, path(name), **options)

    def duckdb_writer(options):
        def write(name):
            connection = duckdb.connect()
            connection.register("source", table)
            connection.execute(f"COPY source TO '{path(name)}' (FORMAT parquet{options})")
        return write

    def polars_writer(**options):
        return lambda name: polars.from_arrow(table).write_parquet(path(name), **options)

    result = {
        "pyarrow-default": pyarrow_writer(),
        "pyarrow-gzip": pyarrow_writer(compression="gzip"),
        "pyarrow-zstd": pyarrow_writer(compression="zstd"),
        "pyarrow-none-plain": pyarrow_writer(compression="none", use_dictionary=False),
        "pyarrow-v2-pages": pyarrow_writer(data_page_version="2.0"),
        "pyarrow-v2-pages-plain-gzip": pyarrow_writer(data_page_version="2.0", use_dictionary=False, compression="gzip"),
        "pyarrow-small-pages": pyarrow_writer(data_page_size=512, row_group_size=70),
        "pyarrow-delta-bss": pyarrow_writer(use_dictionary=False, column_encoding={
            "i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "s": "DELTA_BYTE_ARRAY",
            "bin": "DELTA_LENGTH_BYTE_ARRAY", "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT"}),
        "duckdb-default": duckdb_writer(""),
        "duckdb-gzip": duckdb_writer(", COMPRESSION 'gzip'"),
        "duckdb-zstd": duckdb_writer(", COMPRESSION 'zstd'"),
        "duckdb-uncompressed": duckdb_writer(", COMPRESSION 'uncompressed'"),
        "duckdb-v2": duckdb_writer(", PARQUET_VERSION v2"),
        "polars-default": polars_writer(),
        "polars-snappy": polars_writer(compression="snappy"),
        "polars-gzip": polars_writer(compression="gzip"),
        "polars-uncompressed-small-groups": polars_writer(compression="uncompressed", row_group_size=64),
    }
    return result


def main(directory):
    table, values = arrow_table()
    files, errors = [], {}
    for name, write in writers(directory, table).items():
        try:
            write(name)
            files.append(name)
        except Exception as error:  # reported so the test names the writer that failed
            errors[name] = f"{type(error).__name__}: {error}"
    expected = {name: [canon(v) for v in column] for name, column in values.items()}
    json.dump({"files": files, "expected": expected, "errors": errors}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
