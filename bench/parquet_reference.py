"""The reference side of bench/parquet.sh: pyarrow and cramjam doing what lakemake does.

Usage: parquet_reference.py MODE ARGS...
  write IN.csv OUT.parquet   CSV -> Parquet with pyarrow (Snappy, dictionary, statistics)
  read IN.parquet            Parquet -> CSV on /dev/null with pyarrow
  compress IN OUT            one raw Snappy block with cramjam
  decompress IN OUT          its inverse
  check A.parquet B.parquet  exit 1 unless both files hold the same rows
pyarrow runs on one thread, like lakemake.
"""
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

pa.set_cpu_count(1)
pa.set_io_thread_count(1)

SALES_TYPES = {
    "transaction_timestamp": pa.timestamp("ms", tz="UTC"),
    "quantity": pa.int32(),
    "unit_price": pa.decimal128(10, 2),
    "line_total": pa.decimal128(10, 2),
    "discount_amount": pa.decimal128(10, 2),
}


def main():
    mode = sys.argv[1]
    if mode == "write":
        table = pacsv.read_csv(sys.argv[2], read_options=pacsv.ReadOptions(use_threads=False),
                               convert_options=pacsv.ConvertOptions(column_types=SALES_TYPES))
        pq.write_table(table, sys.argv[3], compression="snappy")
    elif mode == "read":
        table = pq.read_table(sys.argv[2], use_threads=False)
        pacsv.write_csv(table, "/dev/null")
    elif mode in ("compress", "decompress"):
        import cramjam
        data = open(sys.argv[2], "rb").read()
        codec = cramjam.snappy.compress_raw if mode == "compress" else cramjam.snappy.decompress_raw
        with open(sys.argv[3], "wb") as out:
            out.write(bytes(codec(data)))
    elif mode == "check":
        a, b = pq.read_table(sys.argv[2]), pq.read_table(sys.argv[3])
        sys.exit(0 if a.equals(b) else 1)


if __name__ == "__main__":
    main()
