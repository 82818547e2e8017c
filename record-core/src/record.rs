//! The trait every `#[derive(CompactRecord)]` record implements.

use crate::layout::{FieldInfo, Form, FormLayout, Layout};
use crate::soa::{SoaContainer, SoaRecord};

/// A record with compact forms, implemented by `#[derive(CompactRecord)]`.
///
/// ```
/// use compact_record::CompactRecord;
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(size = 12, align = 4, fixed_size = 12, packed_size = 12)]
/// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
///
/// assert_eq!(Point::FIELDS.len(), 3);
/// assert_eq!(Point::field("y").unwrap().offset, core::mem::offset_of!(Point, y));
/// assert!(Point::field("w").is_none());
/// println!("{}", Point::layout());
/// ```
///
/// Besides this impl the derive generates, for a record `Point`:
///
/// * one descriptor per field (`Point::X`, a [`Field`](crate::Field)), on the
///   record and on every form;
/// * `PointFixed`, the slots-like `#[repr(C)]` form, and `PointPacked`, the
///   `#[repr(C, packed)]` form, with `From` conversions both ways;
/// * `PointSoa`, the structure-of-arrays container, with the row views
///   `PointRef<'a>` and `PointMut<'a>` (see [`crate::soa`]);
/// * compile-time checks of the layout locks given in `#[record(...)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a record: it does not derive `CompactRecord`",
    label = "not a `#[derive(CompactRecord)]` record",
    note = "a `#[record(nested)]` field's type must derive `CompactRecord` too; derive it on `{Self}`, or remove `nested`"
)]
pub trait CompactRecord: Form<Record = Self> + SoaRecord {
    /// The fields in declaration order, with their offsets in the record.
    const FIELDS: &'static [FieldInfo] = <Self as Form>::FORM.fields;

    /// The byte order of the `Fixed` and `Packed` forms as numpy marks it:
    /// `'<'` or `'>'`, the host's unless `#[record(endian = "...")]`.
    #[doc(hidden)]
    const __NUMPY_ORDER: char = if cfg!(target_endian = "big") {
        '>'
    } else {
        '<'
    };

    /// The layouts of the record and of every generated form, the record
    /// first.
    const FORMS: &'static [FormLayout] = &[
        <Self as Form>::FORM,
        <Self::Fixed as Form>::FORM,
        <Self::Packed as Form>::FORM,
    ];

    /// The slots-like `#[repr(C)]` form, `PointFixed`: fields in
    /// declaration order at stable offsets. For concrete records the padding
    /// is explicit and always zero, so every byte is initialised and the form
    /// can be viewed as bytes; generic records keep implicit padding and
    /// offer no byte view. Convert with `From`/`Into`; `Point::layout()`
    /// shows the offsets.
    type Fixed: Form<Record = Self> + From<Self> + Into<Self>;

    /// The `#[repr(C, packed)]` form, `PointPacked`: the sum of the field
    /// sizes, alignment 1. Fields may be unaligned, so they are read and
    /// written by value, with the accessors (`x()`, `set_x(v)`) or the
    /// descriptors (`PointPacked::X.get(&p)`), never by reference. A field
    /// whose type is `#[repr(align(N))]` is stored there unaligned too.
    type Packed: Form<Record = Self> + From<Self> + Into<Self>;

    /// The structure-of-arrays container, `PointSoa`: a newtype that
    /// dereferences to [`Soa<Self>`](crate::Soa), which has the `Vec`-like
    /// API (`push`, `get`, `iter`, `retain`, `sort_by_key`, `drain`, ...);
    /// rows are seen as `PointRef` and `PointMut`. Each column is a slice,
    /// by name (`x()`, `x_mut()`) or by descriptor (`column(Point::X)`).
    /// Columns are separate allocations, so at exact capacity the container
    /// holds `len * (sum of field sizes)` bytes (see `heap_bytes`). See
    /// [`crate::soa`].
    type Soa: SoaContainer<Record = Self>;

    /// The Arrow logical types of the fields declared with
    /// `#[record(arrow = "...")]`, by field name. Not public API.
    #[doc(hidden)]
    const __ARROW_TYPES: &'static [(&'static str, crate::interop::logical::ArrowLogical)] = &[];

    /// Looks a field up by name at run time.
    fn field(name: &str) -> Option<&'static FieldInfo> {
        Self::FIELDS.iter().find(|f| f.name == name)
    }

    /// The layouts of every form; `Display` prints them as tables.
    fn layout() -> Layout {
        Layout::new(Self::FORMS)
    }
}
