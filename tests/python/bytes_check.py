#!/usr/bin/env python3
"""numpy and gcc against the checked byte forms: records with `bool`,
`CompactEnum` and `char` fields that `examples/bytes_files.rs` writes decode
with numpy and `struct.unpack`; records numpy writes read back in Rust;
a bool byte of 2 or an undefined enum code is refused, naming the field;
the fixed form has the layout gcc gives the same C struct; and
`endian = "big"` records decode with '>' dtypes and struct.unpack('>...'),
and numpy-written big-endian records read back in Rust.

Usage (from the repository root; installs numpy with pip):

    python3 tests/python/bytes_check.py [--rows N] [--no-install]

Prints 'N passed, 0 failed' at the end; exits non-zero on a mismatch.
"""

import argparse
import ast
import os
import shutil
import struct
import subprocess
import sys
import tempfile

from checks import check, done

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAYMENT = {1: "Card", 2: "Cash", 7: "Voucher"}
LEVEL = {-300: "Low", 0: "Mid", 300: "High"}
MARKS = ["a", "é", "€", "😀"]


def example(*args):
    cmd = ["cargo", "run", "-q", "--release", "--example", "bytes_files", "--", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def expected(i):
    return (i, i % 3 == 0, [1, 2, 7][i % 3], [-300, 0, 300][i % 3], i * 0.25, MARKS[i % 4])


C_TWIN = r"""
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <uchar.h>
/* gcc's packed enums take the smallest integer that holds the values,
   as `#[repr(u8)]` / `#[repr(i16)]` do (C23's `enum e : uint8_t` needs gcc 13). */
enum __attribute__((packed)) payment { CARD = 1, CASH = 2, VOUCHER = 7 };
enum __attribute__((packed)) level { LOW = -300, MID = 0, HIGH = 300 };
_Static_assert(sizeof(enum payment) == 1 && _Alignof(enum payment) == 1, "payment is one byte");
_Static_assert(sizeof(enum level) == 2 && _Alignof(enum level) == 2, "level is two bytes");
struct sale {
    uint32_t id;
    bool paid;
    enum payment payment;
    enum level level;
    double amount;
    char32_t mark;
};
int main(void) {
    printf("size %zu\n", sizeof(struct sale));
    printf("id %zu\npaid %zu\npayment %zu\nlevel %zu\namount %zu\nmark %zu\n",
           offsetof(struct sale, id), offsetof(struct sale, paid),
           offsetof(struct sale, payment), offsetof(struct sale, level),
           offsetof(struct sale, amount), offsetof(struct sale, mark));
    return 0;
}
"""


def gcc_layout(tmp):
    gcc = shutil.which("gcc")
    if gcc is None:
        print("gcc not found: skipping the C layout oracle")
        return None
    src = os.path.join(tmp, "sale.c")
    exe = os.path.join(tmp, "sale")
    with open(src, "w") as f:
        f.write(C_TWIN)
    r = subprocess.run([gcc, "-std=gnu11", "-o", exe, src], capture_output=True, text=True)
    check("gcc compiles the C twin of the record", r.returncode == 0, r.stderr)
    return subprocess.run([exe], capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--no-install", action="store_true")
    opts = ap.parse_args()
    if not opts.no_install:
        try:
            import numpy  # noqa: F401
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q", "numpy"], check=True)
    import numpy as np

    n = opts.rows
    tmp = tempfile.mkdtemp(prefix="cr-bytes-")
    r = example("write", tmp, str(n))
    check("rust writes the files", r.returncode == 0, r.stderr)

    # numpy decodes both forms with the dtypes Rust spelled.
    for form in ["packed", "fixed"]:
        with open(os.path.join(tmp, f"sales_{form}.dtype")) as f:
            dt = np.dtype(ast.literal_eval(f.read()))
        a = np.fromfile(os.path.join(tmp, f"sales_{form}.bin"), dtype=dt)
        ok = len(a) == n and all(
            (int(a["id"][i]), bool(a["paid"][i]), int(a["payment"][i]), int(a["level"][i]),
             float(a["amount"][i]), str(a["mark"][i])) == expected(i)
            for i in range(0, n, max(1, n // 500))
        )
        check(f"numpy reads the {form} form (bool, enum codes, char as U1)", ok, str(a[:3]))
        check(f"numpy sees bool as {form} '?'", dt["paid"].kind == "b" and dt["payment"] == np.uint8
              and dt["level"] == np.int16, str(dt))

    # struct.unpack reads the packed records, field by field, in native order.
    with open(os.path.join(tmp, "sales_packed.bin"), "rb") as f:
        raw = f.read()
    fmt = "=I?BhdI"
    size = struct.calcsize(fmt)
    check("struct.calcsize matches the packed record", size * n == len(raw), f"{size} * {n} != {len(raw)}")
    rows = [struct.unpack_from(fmt, raw, i * size) for i in range(n)]
    ok = all(
        (r[0], r[1], r[2], r[3], r[4], chr(r[5])) == expected(i) for i, r in enumerate(rows)
    )
    check("struct.unpack('=I?BhdI') reads every packed record", ok, str(rows[:3]))

    # numpy writes records; Rust reads them back through the checked view.
    with open(os.path.join(tmp, "sales_packed.dtype")) as f:
        dt = np.dtype(ast.literal_eval(f.read()))
    a = np.zeros(4, dtype=dt)
    a["id"] = [10, 11, 12, 13]
    a["paid"] = [True, False, True, False]
    a["payment"] = [7, 1, 2, 7]
    a["level"] = [300, -300, 0, 300]
    a["amount"] = [1.5, 2.5, 3.5, 4.5]
    a["mark"] = ["x", "ß", "€", "😀"]
    good = os.path.join(tmp, "numpy_good.bin")
    a.tofile(good)
    r = example("read", good)
    want = [
        f"10 true Voucher High 1.5 {ord('x')}",
        f"11 false Card Low 2.5 {ord('ß')}",
        f"12 true Cash Mid 3.5 {ord('€')}",
        f"13 false Voucher High 4.5 {ord('😀')}",
    ]
    check("rust reads numpy-written records (bool, enums, char)",
          r.returncode == 0 and r.stdout.split("\n")[:4] == want, r.stdout + r.stderr)

    # A bool byte of 2 and an undefined enum code are refused, naming the field.
    b = a.copy()
    raw = bytearray(b.tobytes())
    raw[1 * dt.itemsize + dt.fields["paid"][1]] = 2
    bad = os.path.join(tmp, "numpy_bad_bool.bin")
    with open(bad, "wb") as f:
        f.write(raw)
    r = example("read", bad)
    check("a bool byte of 2 is refused, naming record and field",
          r.returncode == 2 and "record 1 of `SalePacked`: field `paid` (offset 4) holds 2, which is not a bool" in r.stdout,
          r.stdout + r.stderr)
    b = a.copy()
    b["payment"][3] = 3
    bad = os.path.join(tmp, "numpy_bad_enum.bin")
    b.tofile(bad)
    r = example("read", bad)
    check("an undefined enum code is refused, naming the field and the code",
          r.returncode == 2 and "record 3 of `SalePacked`: field `payment` (offset 5) holds 3, which is not a code of `Payment`" in r.stdout,
          r.stdout + r.stderr)
    b = a.copy()
    b["level"][0] = 299
    bad = os.path.join(tmp, "numpy_bad_level.bin")
    b.tofile(bad)
    r = example("read", bad)
    check("an undefined i16 enum code is refused", r.returncode == 2 and "field `level`" in r.stdout
          and "holds 299" in r.stdout, r.stdout + r.stderr)

    # Big-endian records: '>' dtypes, struct.unpack('>...'), and back.
    with open(os.path.join(tmp, "frames_be.dtype")) as f:
        text = f.read()
    check("the big-endian dtype spells '>'", "'>u4'" in text and "'>f8'" in text and "'|b1'" in text, text)
    dt = np.dtype(ast.literal_eval(text))
    check("numpy's dtype is big-endian", dt["magic"].byteorder == ">" and dt["value"].byteorder == ">", str(dt))
    frames = np.fromfile(os.path.join(tmp, "frames_be.bin"), dtype=dt)

    def frame(i):
        return (0xCAFE0000 + i, [1, 2, 7][i % 3], i % 2 == 1, i % 1000, i / 8.0, 1000 - i)

    ok = len(frames) == n and all(
        (int(frames["magic"][i]), int(frames["payment"][i]), bool(frames["ok"][i]), int(frames["len"][i]),
         float(frames["value"][i]), int(frames["offset"][i])) == frame(i)
        for i in range(n))
    check("numpy decodes Rust's big-endian records with '>' dtypes", ok, str(frames[:3]))
    with open(os.path.join(tmp, "frames_be.bin"), "rb") as f:
        raw = f.read()
    fmt = ">IB?Hdi"
    size = struct.calcsize(fmt)
    rows = [struct.unpack_from(fmt, raw, i * size) for i in range(len(raw) // size)]
    check("struct.unpack('>IB?Hdi') decodes every big-endian record",
          size * n == len(raw) and rows == [frame(i) for i in range(n)], str(rows[:3]))
    out = np.zeros(3, dtype=np.dtype([("magic", ">u4"), ("payment", "u1"), ("ok", "?"), ("len", ">u2"),
                                      ("value", ">f8"), ("offset", ">i4")]))
    out["magic"] = [1, 0x01020304, 0xFFFFFFFF]
    out["payment"] = [2, 7, 1]
    out["ok"] = [True, False, True]
    out["len"] = [513, 2, 65535]
    out["value"] = [0.5, -1.25, 1e300]
    out["offset"] = [-1, 70000, -2147483648]
    path = os.path.join(tmp, "numpy_be.bin")
    out.tofile(path)
    r = example("read-be", path)
    want = ["1 Cash true 513 0.5 -1", "16909060 Voucher false 2 -1.25 70000",
            f"4294967295 Card true 65535 {1e300:.0f} -2147483648"]
    got = r.stdout.split("\n")[:3]
    check("rust reads numpy-written big-endian records",
          r.returncode == 0 and got[:2] == want[:2] and got[2].split()[:4] == want[2].split()[:4]
          and float(got[2].split()[4]) == 1e300 and got[2].split()[5] == "-2147483648",
          r.stdout + r.stderr)
    bad = out.copy()
    bad["payment"][2] = 0
    bad.tofile(path)
    r = example("read-be", path)
    check("a big-endian file with an undefined enum code is refused",
          r.returncode == 2 and "record 2 of `FramePacked`: field `payment` (offset 4) holds 0" in r.stdout,
          r.stdout + r.stderr)

    # Layout oracles: numpy's aligned struct and gcc's C struct.
    with open(os.path.join(tmp, "sales_fixed.layout")) as f:
        rust_layout = f.read()
    aligned = np.dtype([("id", "u4"), ("paid", "?"), ("payment", "u1"), ("level", "i2"),
                        ("amount", "f8"), ("mark", "U1")], align=True)
    np_layout = f"size {aligned.itemsize}\n" + "".join(
        f"{name} {aligned.fields[name][1]}\n" for name in aligned.names)
    check("the fixed form has numpy's aligned (C) layout", rust_layout == np_layout,
          f"rust:\n{rust_layout}numpy:\n{np_layout}")
    c_layout = gcc_layout(tmp)
    if c_layout is not None:
        check("the fixed form has the layout gcc gives the same C struct", rust_layout == c_layout,
              f"rust:\n{rust_layout}gcc:\n{c_layout}")

    shutil.rmtree(tmp, ignore_errors=True)
    done()


if __name__ == "__main__":
    main()
