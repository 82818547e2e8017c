//! Checked byte files for `tests/python/bytes_check.py`: writes records
//! with `bool`, `CompactEnum` and `char` fields as raw bytes (the packed and
//! the fixed form) with their numpy dtypes and the fixed form's layout, and
//! reads files numpy wrote back through the checked `slice_from_bytes`,
//! printing the records or the error.
//!
//! ```text
//! cargo run --example bytes_files -- write DIR N
//! cargo run --example bytes_files -- read FILE      # packed records
//! cargo run --example bytes_files -- read-be FILE   # big-endian frames
//! ```
//!
//! `write` also writes `frames_be.bin`: big-endian records
//! (`#[record(bytes, endian = "big")]`) with their numpy dtype.

use std::fmt::Write as _;

use compact_record::{CompactEnum, CompactRecord, FormKind, NumpyRecord, RecordBytes};

/// How a sale was paid; codes as a C header would give them.
#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

/// A signed 16-bit enum: two bytes in the file, in the host's order.
#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i16)]
pub enum Level {
    Low = -300,
    Mid = 0,
    High = 300,
}

/// The record of the files (`struct sale` in the Python script's C twin).
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes)]
pub struct Sale {
    pub id: u32,
    pub paid: bool,
    pub payment: Payment,
    pub level: Level,
    pub amount: f64,
    pub mark: char,
}

/// A big-endian frame, as a network protocol or a file from a big-endian
/// machine has it.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(bytes, endian = "big")]
pub struct Frame {
    pub magic: u32,
    pub payment: Payment,
    pub ok: bool,
    pub len: u16,
    pub value: f64,
    pub offset: i32,
}

fn frame(i: u32) -> Frame {
    Frame {
        magic: 0xCAFE_0000 + i,
        payment: Payment::VARIANTS[i as usize % 3],
        ok: i % 2 == 1,
        len: (i % 1000) as u16,
        value: f64::from(i) / 8.0,
        offset: 1000 - i as i32,
    }
}

fn sale(i: u32) -> Sale {
    Sale {
        id: i,
        paid: i % 3 == 0,
        payment: Payment::VARIANTS[i as usize % 3],
        level: Level::VARIANTS[i as usize % 3],
        amount: f64::from(i) * 0.25,
        mark: ['a', 'é', '€', '😀'][i as usize % 4],
    }
}

fn write(dir: &str, n: u32) -> std::io::Result<()> {
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir)?;
    let packed: Vec<SalePacked> = (0..n).map(|i| sale(i).into()).collect();
    let fixed: Vec<SaleFixed> = (0..n).map(|i| sale(i).into()).collect();
    std::fs::write(
        dir.join("sales_packed.bin"),
        SalePacked::slice_as_bytes(&packed),
    )?;
    std::fs::write(
        dir.join("sales_fixed.bin"),
        SaleFixed::slice_as_bytes(&fixed),
    )?;
    std::fs::write(dir.join("sales_packed.dtype"), Sale::numpy_dtype())?;
    std::fs::write(
        dir.join("sales_fixed.dtype"),
        Sale::numpy_dtype_of(FormKind::Fixed).expect("a fixed form"),
    )?;
    // The fixed form's layout, for the C compiler's to be compared with.
    let layout = Sale::layout();
    let form = layout.form(FormKind::Fixed).expect("a fixed form");
    let mut text = format!("size {}\n", form.size);
    for f in form.fields {
        let _ = writeln!(text, "{} {}", f.name, f.offset);
    }
    std::fs::write(dir.join("sales_fixed.layout"), text)?;
    let frames: Vec<FramePacked> = (0..n).map(|i| frame(i).into()).collect();
    std::fs::write(
        dir.join("frames_be.bin"),
        FramePacked::slice_as_bytes(&frames),
    )?;
    std::fs::write(dir.join("frames_be.dtype"), Frame::numpy_dtype())?;
    Ok(())
}

fn read_be(path: &str) -> std::io::Result<()> {
    let bytes = std::fs::read(path)?;
    match FramePacked::slice_from_bytes(&bytes) {
        Ok(frames) => {
            for f in frames {
                let f = Frame::from(*f);
                println!(
                    "{} {} {} {} {} {}",
                    f.magic,
                    f.payment.name(),
                    f.ok,
                    f.len,
                    f.value,
                    f.offset
                );
            }
        }
        Err(e) => {
            println!("error: {e}");
            std::process::exit(2);
        }
    }
    Ok(())
}

fn read(path: &str) -> std::io::Result<()> {
    let bytes = std::fs::read(path)?;
    match SalePacked::slice_from_bytes(&bytes) {
        Ok(sales) => {
            for s in sales {
                let s = Sale::from(*s);
                println!(
                    "{} {} {} {} {} {}",
                    s.id,
                    s.paid,
                    s.payment.name(),
                    s.level.name(),
                    s.amount,
                    u32::from(s.mark)
                );
            }
        }
        Err(e) => {
            println!("error: {e}");
            std::process::exit(2);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", dir, n] => write(dir, n.parse().expect("N is a number")),
        ["read", file] => read(file),
        ["read-be", file] => read_be(file),
        _ => {
            eprintln!("usage: bytes_files write DIR N | bytes_files read FILE");
            std::process::exit(1);
        }
    }
}
