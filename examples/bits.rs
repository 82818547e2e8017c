//! Bit-packed records: layout, bytes per record, and a quick one-field sum
//! timing of `CellBitVec` against `Vec<Cell>` (a sanity check; the real
//! numbers come from the benchmarks).
//!
//! `cargo run --release --example bits [records]`

use std::hint::black_box;
use std::time::Instant;

use compact_record::{BitForm, CompactRecord};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bits_size = 8)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

/// Three 21-bit coordinates: 63 bits, so fields cross word boundaries.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Coord {
    #[record(bits = 21)]
    pub x: i32,
    #[record(bits = 21)]
    pub y: i32,
    #[record(bits = 21)]
    pub z: i32,
}

fn main() {
    println!("{}", Cell::layout());
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let cell = |i: usize| Cell {
        x: (i as u32).wrapping_mul(2_654_435_761) & 0x1F_FFFF,
        y: (i as u32) & 0x1F_FFFF,
        z: (i as i32 % 1_000_000) - 500_000,
        alive: i % 3 == 0,
    };
    let start = Instant::now();
    let vec: Vec<Cell> = (0..n).map(cell).collect();
    let build_vec = start.elapsed();
    let start = Instant::now();
    let bits: CellBitVec = (0..n).map(cell).collect();
    let build_bits = start.elapsed();
    println!(
        "build {n} records: Vec<Cell> {:.1} ms, CellBitVec (checked pushes) {:.1} ms",
        build_vec.as_secs_f64() * 1e3,
        build_bits.as_secs_f64() * 1e3
    );
    let vec_bytes = vec.capacity() * std::mem::size_of::<Cell>();
    println!(
        "{n} records: Vec<Cell> {} bytes ({} per record), CellBitVec {} bytes ({:.3} per record, {} bits)",
        vec_bytes,
        std::mem::size_of::<Cell>(),
        bits.heap_bytes(),
        bits.heap_bytes() as f64 / n as f64,
        <CellBits as BitForm>::BITS,
    );

    let time = |label: &str, f: &dyn Fn() -> u64| {
        let mut best = f64::MAX;
        let mut sum = 0;
        for _ in 0..7 {
            let start = Instant::now();
            sum = black_box(f());
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{label:<34} {:>8.2} ms  (sum {sum})", best * 1e3);
        best
    };
    let v = time("sum x, Vec<Cell>", &|| {
        black_box(&vec).iter().map(|c| u64::from(c.x)).sum()
    });
    let b = time("sum x, CellBitVec::iter_x", &|| {
        black_box(&bits).iter_x().map(u64::from).sum()
    });
    time("sum z, Vec<Cell>", &|| {
        black_box(&vec)
            .iter()
            .map(|c| c.z as i64 as u64)
            .fold(0, u64::wrapping_add)
    });
    time("sum z, CellBitVec::iter_z", &|| {
        black_box(&bits)
            .iter_z()
            .map(|z| z as i64 as u64)
            .fold(0, u64::wrapping_add)
    });
    time("sum x, CellBitVec::iter_x, for loop", &|| {
        let mut sum = 0u64;
        for x in black_box(&bits).iter_x() {
            sum += u64::from(x);
        }
        sum
    });
    time("sum x, CellBitVec::iter (records)", &|| {
        black_box(&bits).iter().map(|c| u64::from(c.x)).sum()
    });
    println!("iter_x / Vec<Cell>: {:.2}x", b / v);

    let coord = |i: usize| Coord {
        x: (i as i32 % 2_000_000) - 1_000_000,
        y: (i as i32 % 999_999) - 499_999,
        z: (i as i32 % 1_048_575),
    };
    let coords: Vec<Coord> = (0..n).map(coord).collect();
    let packed: CoordBitVec = (0..n).map(coord).collect();
    println!(
        "Coord: Vec<Coord> {} bytes ({} per record), CoordBitVec {} bytes ({:.3} per record, {} bits)",
        coords.capacity() * std::mem::size_of::<Coord>(),
        std::mem::size_of::<Coord>(),
        packed.heap_bytes(),
        packed.heap_bytes() as f64 / n as f64,
        <CoordBits as BitForm>::BITS,
    );
    let v = time("sum y, Vec<Coord>", &|| {
        black_box(&coords)
            .iter()
            .map(|c| c.y as i64 as u64)
            .fold(0, u64::wrapping_add)
    });
    let b = time("sum y, CoordBitVec::iter_y", &|| {
        black_box(&packed)
            .iter_y()
            .map(|y| y as i64 as u64)
            .fold(0, u64::wrapping_add)
    });
    println!("iter_y / Vec<Coord>: {:.2}x", b / v);
    assert_eq!(
        bits_example_sum_coord_y(&packed),
        coords
            .iter()
            .map(|c| c.y as i64 as u64)
            .fold(0, u64::wrapping_add)
    );
}

/// For inspecting the generated loop: `objdump -d` the example.
#[inline(never)]
#[no_mangle]
pub fn bits_example_sum_coord_y(v: &CoordBitVec) -> u64 {
    v.iter_y()
        .map(|y| y as i64 as u64)
        .fold(0, u64::wrapping_add)
}
