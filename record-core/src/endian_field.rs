//! The descriptors of the byte forms of `#[record(bytes, endian = "...")]`
//! records: an [`OrderedField`] is the proven descriptor of the stored
//! field (`<T as InOrder<O>>::Stored`, e.g. `Endian<u16, Big>`) that reads
//! and writes the native `T`, on records and on raw bytes alike.

use core::fmt;

use crate::byte_field::ByteField;
use crate::endian::{ByteOrder, InOrder};
use crate::error::Error;
use crate::field::{Access, Field, ReadOnly, ReadWrite, Writable};
use crate::layout::ByteLayout;

/// A descriptor of a field of type `T` held in the byte order `O` by the
/// form `R`: what `HeaderPacked::VERSION` is for a record with
/// `#[record(bytes, endian = "big")]`. It takes its offset and stored type
/// from `R`'s proven field list (it wraps that [`Field`]), and every value
/// that goes in or comes out is native: no call observes the stored order.
///
/// ```
/// use compact_record::{CompactRecord, RecordBytes};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(bytes, endian = "big")]
/// pub struct Header { pub magic: u32, pub version: u16 }
///
/// let mut h = HeaderPacked::from(Header { magic: 7, version: 2 });
/// assert_eq!(HeaderPacked::VERSION.get(&h), 2);
/// HeaderPacked::VERSION.set(&mut h, 0x0102);
/// assert_eq!(&h.as_bytes()[4..], &[1, 2]);
///
/// // On raw bytes: the native value, stored back in big-endian order.
/// let mut bytes = [0, 0, 0, 9, 0, 3];
/// assert_eq!(HeaderPacked::MAGIC.read(&bytes)?, 9);
/// HeaderPacked::MAGIC.write(&mut bytes, 0x0a0b_0c0d)?;
/// assert_eq!(bytes, [0x0a, 0x0b, 0x0c, 0x0d, 0, 3]);
/// # Ok::<(), compact_record::Error>(())
/// ```
pub struct OrderedField<R, T: InOrder<O>, O: ByteOrder, A = ReadWrite> {
    stored: Field<R, T::Stored, A>,
}

impl<R, T: InOrder<O>, O: ByteOrder, A> OrderedField<R, T, O, A> {
    /// The descriptor of `T` over the proven descriptor of its stored
    /// field. Not public API: the derive makes these from `__cr_field!`.
    #[doc(hidden)]
    #[inline]
    pub const fn __new(stored: Field<R, T::Stored, A>) -> Self {
        OrderedField { stored }
    }

    /// The descriptor of the stored field (whose values are themselves
    /// order-aware wrappers, such as [`Endian`](crate::Endian)).
    pub const fn stored(self) -> Field<R, T::Stored, A> {
        self.stored
    }

    /// The field's name as declared.
    pub const fn name(&self) -> &'static str {
        self.stored.name()
    }

    /// The form and field, `"HeaderPacked.version"`, as used in messages.
    pub const fn path(&self) -> &'static str {
        self.stored.path()
    }

    /// The field's position in declaration order, from 0.
    pub const fn index(&self) -> usize {
        self.stored.index()
    }

    /// The field's byte offset within `R`.
    pub const fn offset(&self) -> usize {
        self.stored.offset()
    }

    /// The field's size in bytes.
    pub const fn size(&self) -> usize {
        self.stored.size()
    }

    /// Whether this descriptor may write its field.
    pub const fn is_writable(&self) -> bool
    where
        A: Access,
    {
        A::WRITABLE
    }

    /// The same descriptor without write access.
    pub const fn read_only(self) -> OrderedField<R, T, O, ReadOnly> {
        OrderedField {
            stored: self.stored.read_only(),
        }
    }

    /// Reads the field's native value.
    #[inline]
    pub fn get(&self, record: &R) -> T {
        T::load(self.stored.get(record))
    }

    /// Writes the field from its native value.
    #[inline]
    pub fn set(&self, record: &mut R, value: T)
    where
        A: Writable,
    {
        self.stored.set(record, value.store());
    }

    /// Writes the field from its native value and returns the old one.
    #[inline]
    pub fn replace(&self, record: &mut R, value: T) -> T
    where
        A: Writable,
    {
        T::load(self.stored.replace(record, value.store()))
    }

    /// Reads the native value of the field of one record held in `bytes`
    /// in the layout of `R` (no alignment needed). A `bool`, `char`,
    /// `NonZero*` or enum field is checked first, in `R`'s byte order.
    ///
    /// # Errors
    ///
    /// As [`Field::read`].
    #[inline]
    pub fn read<M>(&self, bytes: &[u8]) -> Result<T, Error>
    where
        R: ByteLayout,
        T::Stored: ByteField<M>,
    {
        self.stored.read(bytes).map(T::load)
    }

    /// Writes `value` into the field of one record held in `bytes`, in
    /// `R`'s byte order; nothing is written on error.
    ///
    /// # Errors
    ///
    /// As [`Field::write`].
    #[inline]
    pub fn write<M>(&self, bytes: &mut [u8], value: T) -> Result<(), Error>
    where
        R: ByteLayout,
        T::Stored: ByteField<M>,
        A: Writable,
    {
        self.stored.write(bytes, value.store())
    }
}

impl<R, T: InOrder<O>, O: ByteOrder, A> Clone for OrderedField<R, T, O, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T: InOrder<O>, O: ByteOrder, A> Copy for OrderedField<R, T, O, A> {}

impl<R, T: InOrder<O>, O: ByteOrder, A> PartialEq for OrderedField<R, T, O, A> {
    fn eq(&self, other: &Self) -> bool {
        self.stored == other.stored
    }
}

impl<R, T: InOrder<O>, O: ByteOrder, A> Eq for OrderedField<R, T, O, A> {}

impl<R, T: InOrder<O>, O: ByteOrder, A> core::hash::Hash for OrderedField<R, T, O, A> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.stored.hash(state);
    }
}

impl<R, T: InOrder<O>, O: ByteOrder, A> fmt::Debug for OrderedField<R, T, O, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrderedField")
            .field("path", &self.path())
            .field("index", &self.index())
            .field("offset", &self.offset())
            .field("type", &core::any::type_name::<T>())
            .field("order", &core::any::type_name::<O>())
            .finish()
    }
}
