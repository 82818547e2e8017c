use compact_record::CompactEnum;

#[derive(CompactEnum, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Shape {
    Dot,
    Circle(u8),
    Square { side: u8 },
}

fn main() {}
