//! Bit-packed records: the sum of one field over 10M `Cell`s from
//! `CellBitVec` (records back to back at 64 bits) vs `Vec<Cell>` (16 bytes
//! each), `Vec<CellBits>` and `CellSoa`. Prints bytes per record first.
//!
//!     cd bench && cargo bench --bench bits

use compact_record::CompactRecord;
use divan::{black_box, Bencher};

/// Records per benchmark.
const N: usize = 10_000_000;

/// The bit-packing issue's record: 21 + 21 + 21 + 1 = 64 bits.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    #[record(bits = 21)]
    pub x: u32,
    #[record(bits = 21)]
    pub y: u32,
    #[record(bits = 21)]
    pub z: i32,
    pub alive: bool,
}

/// Cell `i`: distinct for every `i < 2^42`, every field in range.
fn cell(i: usize) -> Cell {
    const M: usize = 1 << 21;
    Cell {
        x: (i % M) as u32,
        y: ((i / M) % M) as u32,
        z: ((i.wrapping_mul(7_919) % M) as i32) - (1 << 20),
        alive: i % 3 != 0,
    }
}

fn main() {
    let vec: Vec<Cell> = (0..N).map(cell).collect();
    let bits: CellBitVec = (0..N).map(cell).collect();
    let soa: CellSoa = (0..N).map(cell).collect();
    let per = |bytes: usize| bytes as f64 / N as f64;
    println!(
        "bytes per record at N = {N}: Vec<Cell> {:.3}, Vec<CellBits> {:.3}, CellSoa {:.3}, CellBitVec {:.3}",
        per(vec.capacity() * core::mem::size_of::<Cell>()),
        core::mem::size_of::<CellBits>() as f64,
        per(soa.heap_bytes()),
        per(bits.heap_bytes()),
    );
    drop((vec, bits, soa));
    divan::main();
}

/// Sum of `x` over 10M cells.
mod sum_one_field {
    use super::*;

    #[divan::bench(sample_count = 30)]
    fn vec_cell(b: Bencher) {
        let v: Vec<Cell> = (0..N).map(cell).collect();
        b.bench_local(|| black_box(&v).iter().map(|c| u64::from(c.x)).sum::<u64>());
    }

    #[divan::bench(sample_count = 30)]
    fn vec_cellbits(b: Bencher) {
        let v: Vec<CellBits> = (0..N)
            .map(|i| CellBits::try_from(cell(i)).expect("in range"))
            .collect();
        b.bench_local(|| black_box(&v).iter().map(|c| u64::from(c.x())).sum::<u64>());
    }

    #[divan::bench(sample_count = 30)]
    fn cell_bitvec(b: Bencher) {
        let v: CellBitVec = (0..N).map(cell).collect();
        b.bench_local(|| black_box(&v).iter_x().map(u64::from).sum::<u64>());
    }

    #[divan::bench(sample_count = 30)]
    fn cell_soa(b: Bencher) {
        let v: CellSoa = (0..N).map(cell).collect();
        b.bench_local(|| black_box(&v).x().iter().map(|&x| u64::from(x)).sum::<u64>());
    }
}
