"""Page-index interop for the Swift tests.

Usage:
  page_index.py inspect FILE...  print {"FILE": [[{"column_index": bool, "offset_index": bool}, ...
                                 per column] per row group]} as pyarrow's metadata reports it,
                                 plus the rows pyarrow reads with a filter on "id"
  page_index.py write OUT ROWS   write ROWS rows (id int64 0..ROWS-1, label string) with pyarrow's
                                 page index and pages of about 100 rows
"""
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def inspect(paths):
    result = {}
    for path in paths:
        metadata = pq.ParquetFile(path).metadata
        groups = []
        for group in range(metadata.num_row_groups):
            columns = []
            for column in range(metadata.num_columns):
                chunk = metadata.row_group(group).column(column)
                columns.append({"column_index": chunk.has_column_index, "offset_index": chunk.has_offset_index})
            groups.append(columns)
        filtered = pq.read_table(path, filters=[("id", ">=", 250), ("id", "<=", 349)])
        result[path] = {"row_groups": groups, "filtered_ids": [str(v) for v in filtered.column("id").to_pylist()]}
    print(json.dumps(result))


def write(path, rows):
    table = pa.table({
        "id": pa.array(range(rows), type=pa.int64()),
        "label": pa.array(["label-%d" % (i % 7) for i in range(rows)], type=pa.string()),
    })
    pq.write_table(table, path, write_page_index=True, data_page_size=512, write_batch_size=100,
                   compression="snappy")


if __name__ == "__main__":
    if sys.argv[1] == "inspect":
        inspect(sys.argv[2:])
    elif sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("unknown mode " + sys.argv[1])
