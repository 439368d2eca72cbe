"""Raw Snappy through cramjam (the libsnappy-compatible Rust codec), for cross-checking ours.

Usage: snappy_codec.py compress|decompress INPUT OUTPUT
       snappy_codec.py probe      (prints "available" or "missing": cramjam is optional)
"""
import sys

try:
    import cramjam
except ImportError:
    cramjam = None


def main(mode, source=None, target=None):
    if mode == "probe":
        print("available" if cramjam is not None else "missing")
        return
    with open(source, "rb") as handle:
        data = handle.read()
    if mode == "compress":
        result = bytes(cramjam.snappy.compress_raw(data))
    elif mode == "decompress":
        result = bytes(cramjam.snappy.decompress_raw(data))
    else:
        raise SystemExit(f"unknown mode {mode}")
    with open(target, "wb") as handle:
        handle.write(result)


if __name__ == "__main__":
    main(*sys.argv[1:4])
