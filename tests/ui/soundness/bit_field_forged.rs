//! Bit descriptors and the bit form's raw bytes are the derive's: safe code
//! elsewhere must not make a writable descriptor of a read-only field, one
//! that reaches into the next record, or write the bits directly.
#![forbid(unsafe_code)]
use compact_record::{BitField, BitForm, CompactRecord, ReadWrite};

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    #[record(bits = 4)]
    pub x: u8,
    #[record(readonly)]
    pub alive: bool,
}

// A writable descriptor of the read-only field.
const ALIVE: BitField<CellBits, bool, ReadWrite> = BitField::new("alive", "CellBits.alive", 1, 4, 1);
// A descriptor 8 bits wide at bit 2 of a 5-bit record: it reaches into the
// next record of a `CellBitVec`.
const WIDE: BitField<CellBits, u8, ReadWrite> = BitField::new("x", "CellBits.x", 0, 2, 8);

fn main() {
    let mut cells = CellBitVec::new();
    cells.push(Cell { x: 1, alive: true });
    cells.push(Cell { x: 2, alive: true });
    cells.set_field(0, ALIVE, false);
    cells.set_field(0, WIDE, 255);

    let mut bits = CellBits::try_from(Cell { x: 1, alive: true }).unwrap();
    CellBits::ALIVE.__init(&mut bits, false).unwrap();
    bits.__packed_bytes_mut()[0] = 0xFF;
    let _: Cell = <CellBits as BitForm>::__zeroed().into();
}
