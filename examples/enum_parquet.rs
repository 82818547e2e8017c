//! Parquet files with `CompactEnum` columns for `tests/python/enum_check.py`:
//! writes one (a dictionary of variant names and an integer-code column),
//! and reads one back, printing the rows or the error.
//!
//! ```text
//! cargo run --features arrow,parquet --example enum_parquet -- write FILE N
//! cargo run --features arrow,parquet --example enum_parquet -- read FILE
//! ```

use compact_record::{CompactEnum, CompactRecord, Soa};

/// Stored as a dictionary of its names (pandas/polars categories).
#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

/// Stored as its code.
#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i16)]
#[compact_enum(arrow = "code")]
pub enum Level {
    Low = -300,
    Mid = 0,
    High = 300,
}

/// One sale.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Sale {
    pub id: u32,
    pub payment: Payment,
    pub level: Level,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", file, n] => {
            let n: u32 = n.parse().expect("N is a number");
            let soa: Soa<Sale> = (0..n)
                .map(|i| Sale {
                    id: i,
                    payment: Payment::VARIANTS[i as usize % 3],
                    level: Level::VARIANTS[i as usize % 3],
                })
                .collect();
            soa.write_parquet(file).expect("write the file");
        }
        ["read", file] => match Soa::<Sale>::read_parquet(file) {
            Ok(soa) => {
                for s in soa.iter() {
                    println!("{} {} {}", s.id, s.payment.name(), s.level.name());
                }
            }
            Err(e) => {
                println!("error: {e}");
                std::process::exit(2);
            }
        },
        _ => {
            eprintln!("usage: enum_parquet write FILE N | enum_parquet read FILE");
            std::process::exit(1);
        }
    }
}
