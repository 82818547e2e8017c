#!/usr/bin/env python3
"""pyarrow, pandas and polars against `CompactEnum` columns in Parquet:
a file `examples/enum_parquet.rs` writes shows the enum as categories of
its variant names (and the `arrow = "code"` enum as its integer code);
files pandas and polars write with category columns read back in Rust;
a category no variant has, or an undefined code, is refused with the
column, row and value named.

Usage (from the repository root; installs pyarrow, pandas, polars with pip):

    python3 tests/python/enum_check.py [--rows N] [--no-install]

Prints 'N passed, 0 failed' at the end; exits non-zero on a mismatch.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from checks import check, done

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = ["pyarrow", "pandas", "polars"]
NAMES = ["Card", "Cash", "Voucher"]
LEVELS = [-300, 0, 300]


def example(*args):
    cmd = ["cargo", "run", "-q", "--release", "--features", "arrow,parquet", "--example", "enum_parquet", "--", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--no-install", action="store_true")
    opts = ap.parse_args()
    if not opts.no_install:
        missing = []
        for p in PACKAGES:
            try:
                __import__(p)
            except ImportError:
                missing.append(p)
        if missing:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = opts.rows
    tmp = tempfile.mkdtemp(prefix="cr-enum-")
    path = os.path.join(tmp, "sales.parquet")
    r = example("write", path, str(n))
    check("rust writes the parquet file", r.returncode == 0, r.stderr)

    t = pq.read_table(path)
    check("pyarrow sees a dictionary of names", pa.types.is_dictionary(t.schema.field("payment").type),
          str(t.schema))
    check("pyarrow sees the code enum as int16", t.schema.field("level").type == pa.int16(), str(t.schema))
    df = t.to_pandas()
    check("pandas sees categories of the variant names",
          isinstance(df["payment"].dtype, pd.CategoricalDtype)
          and list(df["payment"].cat.categories) == NAMES, str(df.dtypes))
    check("pandas reads every value",
          list(df["payment"].astype(str)) == [NAMES[i % 3] for i in range(n)]
          and list(df["level"]) == [LEVELS[i % 3] for i in range(n)], str(df.head()))
    pdf = pl.read_parquet(path)
    check("polars sees a categorical column", pdf.schema["payment"] in (pl.Categorical, pl.Enum)
          or isinstance(pdf.schema["payment"], (pl.Categorical, pl.Enum)), str(pdf.schema))
    check("polars reads every value", pdf["payment"].cast(pl.Utf8).to_list() == [NAMES[i % 3] for i in range(n)],
          str(pdf.head()))

    # Files the clients write read back in Rust.
    src = pd.DataFrame({
        "id": pd.array([5, 6, 7, 8], dtype="uint32"),
        "payment": pd.Categorical(["Voucher", "Card", "Voucher", "Cash"]),
        "level": pd.array([300, -300, 0, 300], dtype="int16"),
    })
    p = os.path.join(tmp, "pandas.parquet")
    src.to_parquet(p, index=False)
    r = example("read", p)
    want = ["5 Voucher High", "6 Card Low", "7 Voucher Mid", "8 Cash High"]
    check("rust reads a pandas file with a category column", r.returncode == 0 and r.stdout.split("\n")[:4] == want,
          r.stdout + r.stderr)
    pol = pl.DataFrame({
        "id": pl.Series([1, 2, 3], dtype=pl.UInt32),
        "payment": pl.Series(["Cash", "Cash", "Card"], dtype=pl.Categorical),
        "level": pl.Series([0, 0, -300], dtype=pl.Int16),
    })
    p = os.path.join(tmp, "polars.parquet")
    pol.write_parquet(p)
    r = example("read", p)
    check("rust reads a polars file with a categorical column",
          r.returncode == 0 and r.stdout.split("\n")[:3] == ["1 Cash Mid", "2 Cash Mid", "3 Card Low"],
          r.stdout + r.stderr)

    # Values no variant has are refused, naming the column, row and value.
    bad = src.copy()
    bad["payment"] = pd.Categorical(["Voucher", "Card", "Cheque", "Cash"])
    p = os.path.join(tmp, "bad_name.parquet")
    bad.to_parquet(p, index=False)
    r = example("read", p)
    check("a category no variant has is refused",
          r.returncode == 2 and "column `payment`, row 2: \"Cheque\" is not a variant of `Payment`" in r.stdout,
          r.stdout + r.stderr)
    bad = src.copy()
    bad["level"] = pd.array([300, -300, 1, 300], dtype="int16")
    p = os.path.join(tmp, "bad_code.parquet")
    bad.to_parquet(p, index=False)
    r = example("read", p)
    check("an undefined code is refused",
          r.returncode == 2 and "column `level`, row 2: 1 is not a code of `Level`" in r.stdout,
          r.stdout + r.stderr)

    shutil.rmtree(tmp, ignore_errors=True)
    done()


if __name__ == "__main__":
    main()
