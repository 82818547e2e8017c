//! Layout metadata: what each generated form looks like in memory, the
//! marker traits that descriptors rely on, and the table printed by
//! `Point::layout()`.

use alloc::vec::Vec;
use core::fmt;

/// One field of one form, as laid out in memory.
///
/// For the byte forms ([`FormKind::Record`], [`FormKind::Fixed`],
/// [`FormKind::Packed`]) `offset`, `size` and `align` count bytes. For the
/// bit-packed form ([`FormKind::Bits`]) `offset` and `size` count **bits** and
/// `align` is 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The field's name as declared (raw identifiers without `r#`).
    pub name: &'static str,
    /// The field's position in declaration order, from 0.
    pub index: usize,
    /// The offset of the field within the form.
    pub offset: usize,
    /// The size of the field.
    pub size: usize,
    /// The alignment of the field's type in bytes.
    pub align: usize,
    /// The field's type as written in the source.
    pub type_name: &'static str,
    /// Whether the field was declared `#[record(readonly)]`.
    pub readonly: bool,
    /// For a `#[record(nested)]` field, the layout of the nested record
    /// (or of its matching form): the table prints its fields as
    /// `pos.x`, `pos.y`, ...
    pub nested: Option<&'static FormLayout>,
}

impl FieldInfo {
    /// Describes a field of type `T` at byte offset `offset`.
    pub const fn new<T>(
        name: &'static str,
        index: usize,
        offset: usize,
        type_name: &'static str,
        readonly: bool,
    ) -> Self {
        FieldInfo {
            name,
            index,
            offset,
            size: core::mem::size_of::<T>(),
            align: core::mem::align_of::<T>(),
            type_name,
            readonly,
            nested: None,
        }
    }

    /// Describes a field of a bit-packed form: `bit_offset` and `bits`
    /// count bits.
    pub const fn bits(
        name: &'static str,
        index: usize,
        bit_offset: usize,
        bits: usize,
        type_name: &'static str,
        readonly: bool,
    ) -> Self {
        FieldInfo {
            name,
            index,
            offset: bit_offset,
            size: bits,
            align: 1,
            type_name,
            readonly,
            nested: None,
        }
    }

    /// One past the last byte (or bit, in a bit form) of the field.
    pub const fn end(&self) -> usize {
        self.offset + self.size
    }
}

/// Which generated form a [`FormLayout`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FormKind {
    /// The record itself, in Rust's own layout (fields may be reordered).
    Record,
    /// The slots-like `#[repr(C)]` form: declared order, explicit padding.
    Fixed,
    /// The `#[repr(C, packed)]` form: no padding, alignment 1.
    Packed,
    /// The bit-packed form: every field at its exact bit width.
    Bits,
}

impl FormKind {
    /// A short description used in layout tables.
    pub const fn describe(self) -> &'static str {
        match self {
            FormKind::Record => "Rust layout, the compiler may reorder fields",
            FormKind::Fixed => "#[repr(C)], declared order, explicit zeroed padding",
            FormKind::Packed => "#[repr(C, packed)], no padding, align 1",
            FormKind::Bits => "bit-packed, offsets and sizes in bits",
        }
    }
}

/// The memory layout of one form of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FormLayout {
    /// The form's type name, `"PointFixed"`.
    pub name: &'static str,
    /// Which form this is.
    pub kind: FormKind,
    /// `size_of` the form in bytes.
    pub size: usize,
    /// `align_of` the form in bytes.
    pub align: usize,
    /// The fields in declaration order.
    pub fields: &'static [FieldInfo],
}

impl FormLayout {
    /// Describes a form.
    pub const fn new(
        name: &'static str,
        kind: FormKind,
        size: usize,
        align: usize,
        fields: &'static [FieldInfo],
    ) -> Self {
        FormLayout {
            name,
            kind,
            size,
            align,
            fields,
        }
    }

    /// The sum of the field sizes (bytes, or bits in a bit form).
    pub const fn payload(&self) -> usize {
        let mut sum = 0;
        let mut i = 0;
        while i < self.fields.len() {
            sum += self.fields[i].size;
            i += 1;
        }
        sum
    }

    /// The bytes of the form that hold no field: `size - payload` for byte
    /// forms; for a bit form, the unused bits of its last byte are not
    /// counted here.
    pub const fn padding(&self) -> usize {
        match self.kind {
            FormKind::Bits => 0,
            _ => self.size - self.payload(),
        }
    }

    /// Looks a field up by name.
    pub fn field(&self, name: &str) -> Option<&'static FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Implemented by the derive for a record and for each of its generated
/// forms: the layout metadata of that form.
pub trait Form: Sized {
    /// The record this form belongs to.
    type Record;
    /// The layout of this form.
    const FORM: FormLayout;
}

/// Forms whose every field sits at an offset aligned for its type: the
/// record itself and its `Fixed` form. Field descriptors of these forms can
/// hand out references ([`Field::get_ref`](crate::Field::get_ref)).
///
/// # Safety
///
/// Every field of the implementing type must be aligned for its type, in
/// every value of the type; in practice the type must not be
/// `#[repr(packed)]`. `#[derive(CompactRecord)]` implements it through this
/// crate's `__cr_aligned!` macro, whose `__PROOF` constant checks exactly
/// that at compile time (the descriptors evaluate it before they make a
/// reference), so the claim rests on the compiler, not on how the record's
/// attributes are spelled.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a packed form: its fields may be unaligned, so no reference to them can be made",
    label = "packed form",
    note = "read and write packed fields by value with the descriptor's `get`, `set` and `replace`"
)]
pub unsafe trait Aligned {
    /// The compile-time proof that every field is aligned: a constant that
    /// fails to evaluate otherwise. Not public API.
    #[doc(hidden)]
    const __PROOF: ();
}

/// Forms with a layout fixed by `#[repr(C)]` (`Fixed`, `Packed`), so that a
/// field's offset is the same in every build and a record can be read from
/// or written to plain bytes through its descriptors.
///
/// A promise about stable offsets, not about memory safety: the byte
/// accessors ([`Field::read`](crate::Field::read),
/// [`Field::write`](crate::Field::write), [`RecordBytes`](crate::RecordBytes))
/// are safe code over bytemuck and check every length.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no fixed byte layout",
    label = "only the `Fixed` and `Packed` forms can be read from or written to bytes",
    note = "use the descriptor of the `Fixed` or `Packed` form, e.g. `PointFixed::X.read(bytes)`"
)]
pub trait ByteLayout {}

/// The layouts of all forms of one record; its `Display` prints one table per
/// form with explicit `[padding]` rows, in the spirit of the tables of the
/// Python memory article this crate grew from.
///
/// ```
/// use compact_record::CompactRecord;
///
/// #[derive(CompactRecord)]
/// pub struct Reading { pub sensor: u8, pub ts: u64, pub ok: bool, pub value: f32 }
///
/// let table = Reading::layout().to_string();
/// assert!(table.contains("ReadingFixed"));
/// assert!(table.contains("[padding]"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    forms: &'static [FormLayout],
}

impl Layout {
    /// A layout over the given forms; the first is the record itself.
    pub const fn new(forms: &'static [FormLayout]) -> Self {
        Layout { forms }
    }

    /// Every form, the record first.
    pub const fn forms(&self) -> &'static [FormLayout] {
        self.forms
    }

    /// The form of the given kind, if the record has it.
    pub fn form(&self, kind: FormKind) -> Option<&'static FormLayout> {
        self.forms.iter().find(|f| f.kind == kind)
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, form) in self.forms.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            fmt::Display::fmt(form, f)?;
        }
        Ok(())
    }
}

impl fmt::Display for FormLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bits = self.kind == FormKind::Bits;
        let unit = if bits { "bits" } else { "bytes" };
        writeln!(f, "{} ({})", self.name, self.kind.describe())?;
        writeln!(
            f,
            "| {:>6} | {:<16} | {:<12} | {:>5} |",
            if bits { "bit" } else { "offset" },
            "field",
            "type",
            unit
        )?;
        writeln!(f, "| -----: | :--------------- | :----------- | ----: |")?;
        let row = |f: &mut fmt::Formatter<'_>, at: usize, name: &str, ty: &str, size: usize| {
            writeln!(f, "| {at:>6} | {name:<16} | {ty:<12} | {size:>5} |")
        };
        // Sorted by offset: the record's own layout may reorder fields.
        let mut sorted: Vec<&FieldInfo> = self.fields.iter().collect();
        sorted.sort_by_key(|field| (field.offset, field.index));
        let mut at = 0;
        for field in sorted {
            if field.offset > at {
                row(f, at, "[padding]", "", field.offset - at)?;
            }
            match field.nested {
                Some(inner) => nested_rows(f, field.name, field.offset, inner)?,
                None => row(f, field.offset, field.name, field.type_name, field.size)?,
            }
            at = at.max(field.end());
        }
        let end = if bits { self.size * 8 } else { self.size };
        if end > at {
            row(
                f,
                at,
                if bits { "[unused]" } else { "[padding]" },
                "",
                end - at,
            )?;
        }
        if bits {
            let note = alloc::format!("{} bytes", self.size);
            writeln!(
                f,
                "| {:>6} | {:<16} | {:<12} | {:>5} |",
                "", "TOTAL", note, end
            )
        } else {
            let note = alloc::format!("align {}", self.align);
            writeln!(
                f,
                "| {:>6} | {:<16} | {:<12} | {:>5} |",
                "", "TOTAL", note, self.size
            )
        }
    }
}

/// The rows of a nested record's fields, named `prefix.field`, at `base`
/// plus their offsets in the nested record (its own padding included).
fn nested_rows(
    f: &mut fmt::Formatter<'_>,
    prefix: &str,
    base: usize,
    inner: &FormLayout,
) -> fmt::Result {
    let mut sorted: Vec<&FieldInfo> = inner.fields.iter().collect();
    sorted.sort_by_key(|field| (field.offset, field.index));
    let mut at = 0;
    for field in sorted {
        if field.offset > at {
            let name = alloc::format!("{prefix}.[padding]");
            writeln!(
                f,
                "| {:>6} | {:<16} | {:<12} | {:>5} |",
                base + at,
                name,
                "",
                field.offset - at
            )?;
        }
        let name = alloc::format!("{prefix}.{}", field.name);
        match field.nested {
            Some(deeper) => nested_rows(f, &name, base + field.offset, deeper)?,
            None => writeln!(
                f,
                "| {:>6} | {:<16} | {:<12} | {:>5} |",
                base + field.offset,
                name,
                field.type_name,
                field.size
            )?,
        }
        at = at.max(field.end());
    }
    if inner.size > at {
        let name = alloc::format!("{prefix}.[padding]");
        writeln!(
            f,
            "| {:>6} | {:<16} | {:<12} | {:>5} |",
            base + at,
            name,
            "",
            inner.size - at
        )?;
    }
    Ok(())
}

/// Padding the `#[repr(C)]` layout puts after field `index` when fields of
/// the sizes and alignments in `fields` are laid out in declaration order
/// (for the last field: the tail padding up to the struct's alignment).
///
/// Used by the derive to size the explicit padding arrays of `Fixed` forms.
pub const fn repr_c_padding_after(fields: &[FieldInfo], index: usize) -> usize {
    let mut end = 0;
    let mut max_align = 1;
    let mut i = 0;
    while i < fields.len() {
        let align = fields[i].align;
        if align > max_align {
            max_align = align;
        }
        let start = align_up(end, align);
        if i == index + 1 {
            return start - end;
        }
        end = start + fields[i].size;
        i += 1;
    }
    align_up(end, max_align) - end
}

const fn align_up(at: usize, align: usize) -> usize {
    at.div_ceil(align) * align
}

/// Compile-time self-check: the descriptor constants of a form (their
/// offsets, in declaration order) agree with its layout metadata.
pub const fn check_descriptors(form: &FormLayout, offsets: &[usize]) {
    assert!(
        offsets.len() == form.fields.len(),
        "compact-record bug: descriptor count differs from field count"
    );
    let mut i = 0;
    while i < offsets.len() {
        assert!(
            offsets[i] == form.fields[i].offset,
            "compact-record bug: a descriptor offset differs from offset_of!"
        );
        i += 1;
    }
}

/// Compile-time self-checks every expansion runs on its forms; a failure is
/// a bug in compact-record, reported as a const-evaluation error.
pub const fn check_form(form: &FormLayout) {
    let fields = form.fields;
    let mut i = 0;
    let mut end = 0;
    while i < fields.len() {
        let f = &fields[i];
        assert!(
            f.index == i,
            "compact-record bug: field indices are not in declaration order"
        );
        match form.kind {
            FormKind::Record => {}
            FormKind::Fixed => {
                assert!(
                    f.offset >= end,
                    "compact-record bug: Fixed form fields are not in declaration order"
                );
                assert!(
                    f.offset % f.align == 0,
                    "compact-record bug: Fixed form field is misaligned"
                );
            }
            FormKind::Packed | FormKind::Bits => {
                assert!(
                    f.offset == end,
                    "compact-record bug: packed fields are not back to back"
                );
            }
        }
        end = f.end();
        i += 1;
    }
    match form.kind {
        FormKind::Packed => {
            assert!(
                form.size == end,
                "compact-record bug: packed size is not the sum of the field sizes"
            );
            assert!(
                form.align == 1,
                "compact-record bug: packed form has an alignment above 1"
            );
        }
        FormKind::Fixed => {
            assert!(
                form.size >= end,
                "compact-record bug: Fixed form is smaller than its fields"
            );
        }
        FormKind::Bits => {
            assert!(
                form.size == end.div_ceil(8),
                "compact-record bug: bit form is not ceil(bits / 8) bytes"
            );
        }
        FormKind::Record => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    const fn info(index: usize, size: usize, align: usize) -> FieldInfo {
        FieldInfo {
            name: "f",
            index,
            offset: 0,
            size,
            align,
            type_name: "T",
            readonly: false,
            nested: None,
        }
    }

    #[test]
    fn repr_c_padding_follows_declaration_order() {
        // u8, u64, bool, f32: 1 + 7 pad + 8 + 1 + 3 pad + 4 = 24.
        let reading = [info(0, 1, 1), info(1, 8, 8), info(2, 1, 1), info(3, 4, 4)];
        let pads: alloc::vec::Vec<_> = (0..4).map(|i| repr_c_padding_after(&reading, i)).collect();
        assert_eq!(pads, [7, 0, 3, 0]);
        // Tail padding up to the largest alignment: u64, u8 -> 7 bytes at the end.
        assert_eq!(repr_c_padding_after(&[info(0, 8, 8), info(1, 1, 1)], 1), 7);
        // No padding at all.
        let point = [info(0, 4, 4), info(1, 4, 4), info(2, 4, 4)];
        assert!((0..3).all(|i| repr_c_padding_after(&point, i) == 0));
        // Zero-sized fields take no room.
        assert_eq!(repr_c_padding_after(&[info(0, 0, 1), info(1, 2, 2)], 0), 0);
    }

    #[test]
    fn bit_forms_print_bit_offsets_and_unused_bits() {
        static FIELDS: [FieldInfo; 2] = [
            FieldInfo::bits("x", 0, 0, 21, "u32", false),
            FieldInfo::bits("alive", 1, 21, 1, "bool", false),
        ];
        let form = FormLayout::new("CellBits", FormKind::Bits, 3, 1, &FIELDS);
        check_form(&form);
        let table = form.to_string();
        assert!(
            table.contains("|     21 | alive            | bool         |     1 |"),
            "{table}"
        );
        assert!(
            table.contains("|     22 | [unused]         |              |     2 |"),
            "{table}"
        );
        assert!(
            table.contains("| TOTAL            | 3 bytes      |    24 |"),
            "{table}"
        );
    }

    #[test]
    #[should_panic(expected = "packed size is not the sum of the field sizes")]
    fn check_form_catches_a_wrong_packed_size() {
        static FIELDS: [FieldInfo; 1] = [FieldInfo::new::<u32>("x", 0, 0, "u32", false)];
        check_form(&FormLayout::new("Bad", FormKind::Packed, 8, 1, &FIELDS));
    }
}
