use compact_record::CompactEnum;

#[derive(CompactEnum, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Tagged<T> {
    A,
    B,
    #[allow(dead_code)]
    Never(core::marker::PhantomData<T>),
}

fn main() {}
