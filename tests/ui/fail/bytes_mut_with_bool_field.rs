use compact_record::{CompactRecord, RecordBytes};

// Not every byte is a valid bool: the form's bytes can be read (checked),
// but no writable view of them exists.
#[derive(CompactRecord, Clone, Copy)]
#[record(bytes)]
pub struct Flagged {
    pub id: u32,
    pub ok: bool,
}

fn main() {
    let mut f = FlaggedPacked::from(Flagged { id: 1, ok: true });
    let _ = f.as_bytes();
    f.as_bytes_mut()[4] = 2;
    let mut raw = [0u8; 5];
    let _ = FlaggedPacked::from_bytes_mut(&mut raw);
    // `slice_as_bytes_mut` and `slice_from_bytes_mut` have the same bound;
    // they are left out because rustc spells their path differently once
    // the parquet feature is on (see tests/ui.rs).
}
