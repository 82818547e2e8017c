//! Bit descriptors ([`BitField`]), the bit-packed form trait ([`BitForm`])
//! and [`ReadField`], which reads a field the same way from every form.

use core::fmt;
use core::marker::PhantomData;

use super::pack::BitPack;
use super::raw;
use crate::error::Error;
use crate::field::{Access, Field, ReadOnly, ReadWrite, Writable};
use crate::layout::Form;

/// Implemented by the derive for the bit-packed form of a record
/// (`CellBits`): the record's fields back to back at their bit widths, in
/// `ceil(BITS / 8)` bytes.
///
/// Bit `k` of the form is bit `k % 8` of byte `k / 8`; the first field
/// starts at bit 0. Bits past [`BITS`](Self::BITS) are always zero.
///
/// Only this crate writes the bits of a form: the hidden methods that do
/// take a [`BitToken`], which no other crate can make, so every write goes
/// through a descriptor's range check and access marker.
pub trait BitForm: Form + Copy {
    /// The width of one record in bits: the sum of its field widths.
    const BITS: usize = slot_bits(Self::__SLOTS);

    /// Every field's name, width and access, in declaration order; the
    /// descriptors are made from it. Not public API.
    #[doc(hidden)]
    const __SLOTS: &'static [BitSlot];

    /// The packed bytes, `ceil(BITS / 8)` of them.
    fn packed_bytes(&self) -> &[u8];

    /// The packed bytes, writable. Not public API: only this crate can
    /// call it.
    #[doc(hidden)]
    fn __packed_bytes_mut(&mut self, token: BitToken) -> &mut [u8];

    /// The form with every bit zero. Not public API: only this crate can
    /// call it, and fills every field before handing the form out.
    #[doc(hidden)]
    fn __zeroed(token: BitToken) -> Self;

    /// Writes every field of `record` with `writer`. Not public API: only
    /// this crate can make a [`BitWriter`].
    #[doc(hidden)]
    fn __fill(record: Self::Record, writer: &mut BitWriter<Self>) -> Result<(), Error>;
}

/// Proof that this crate is the caller: the hidden writing methods of
/// [`BitForm`] take one, and only this crate can make one.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct BitToken(());

/// One field of a bit-packed form: what its descriptor is made from. Not
/// public API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct BitSlot {
    name: &'static str,
    path: &'static str,
    bits: u32,
    readonly: bool,
}

impl BitSlot {
    /// Field `name` (`path` = `"CellBits.name"`), `bits` wide, read-only or
    /// not.
    pub const fn new(name: &'static str, path: &'static str, bits: u32, readonly: bool) -> Self {
        BitSlot {
            name,
            path,
            bits,
            readonly,
        }
    }
}

/// The sum of the widths of `slots`.
const fn slot_bits(slots: &[BitSlot]) -> usize {
    let mut sum = 0;
    let mut i = 0;
    while i < slots.len() {
        sum += slots[i].bits as usize;
        i += 1;
    }
    sum
}

/// Fills a fresh bit-packed form field by field, read-only fields
/// included: what `TryFrom<Cell> for CellBits` uses. Only this crate makes
/// one. Not public API.
#[doc(hidden)]
pub struct BitWriter<B> {
    form: B,
}

impl<B: BitForm> BitWriter<B> {
    /// Writes field `field` of the form being filled.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] when `value` does not fit.
    #[inline]
    pub fn init<T: BitPack, A>(&mut self, field: BitField<B, T, A>, value: T) -> Result<(), Error> {
        field.write(&mut self.form, value)
    }
}

/// Packs `record` into its bit form: what the derive's `TryFrom` calls.
///
/// # Errors
///
/// [`Error::OutOfRange`] for the first field that does not fit.
#[doc(hidden)]
#[inline]
pub fn pack<B: BitForm>(record: B::Record) -> Result<B, Error> {
    let mut writer = BitWriter {
        form: B::__zeroed(BitToken(())),
    };
    B::__fill(record, &mut writer)?;
    Ok(writer.form)
}

/// The all-zero form, for this crate's containers.
#[inline]
pub(crate) fn zeroed<B: BitForm>() -> B {
    B::__zeroed(BitToken(()))
}

/// The form's bytes, writable, for this crate's containers.
#[inline]
pub(crate) fn bytes_mut<B: BitForm>(form: &mut B) -> &mut [u8] {
    form.__packed_bytes_mut(BitToken(()))
}

/// Implemented by the derive for a record that has a bit-packed form: the
/// link from `Cell` to `CellBits` that the generic container
/// [`BitVec<Cell>`](crate::BitVec) needs.
///
/// The derive requires such a record to be `Copy` ([`BitCopy`]): its bits
/// are copied freely (`CellBits` is `Copy`,
/// [`BitVec::get`](crate::BitVec::get) hands out a record and keeps it),
/// which must not duplicate a record its type does not let anyone
/// duplicate.
pub trait BitRecord: Sized {
    /// The bit-packed form, `CellBits`.
    type Bits: BitForm<Record = Self> + TryFrom<Self, Error = Error> + Into<Self>;
}

/// Records with bit-packed fields: `Copy` ones. Its message explains the
/// requirement where the derive checks it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has bit-packed fields, so it must be `Copy`",
    label = "not `Copy`",
    note = "a bit-packed record is stored as bits and handed out by value (`CellBits` is `Copy`, `CellBitVec::get` copies a record out), so its type must allow copies: add `#[derive(Clone, Copy)]`, or remove `bits` from its fields"
)]
pub trait BitCopy: Copy {}
impl<T: Copy> BitCopy for T {}

#[doc(hidden)]
pub const fn assert_bit_copy<T: BitCopy>() {}

/// Reads one field of a record of the form `R`, whatever the form: the
/// common interface of the byte descriptors ([`Field`], `Point::X`,
/// `PointPacked::X`) and the bit descriptors ([`BitField`], `CellBits::X`).
///
/// ```
/// use compact_record::{CompactRecord, ReadField};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
///
/// fn total<R>(field: impl ReadField<R, Value = i32>, records: &[R]) -> i64 {
///     records.iter().map(|r| i64::from(field.get(r))).sum()
/// }
///
/// let cells = [Cell { x: 1, y: 2, z: -3, alive: true }, Cell { x: 4, y: 5, z: 6, alive: false }];
/// let packed: Vec<CellPacked> = cells.iter().copied().map(CellPacked::from).collect();
/// let bits: Vec<CellBits> = cells.iter().map(|c| CellBits::try_from(*c).unwrap()).collect();
/// assert_eq!(total(Cell::Z, &cells), 3);
/// assert_eq!(total(CellPacked::Z, &packed), 3);
/// assert_eq!(total(CellBits::Z, &bits), 3);
/// ```
pub trait ReadField<R> {
    /// The field's type.
    type Value;
    /// Reads the field by value.
    fn get(&self, record: &R) -> Self::Value;
    /// The field's name as declared.
    fn name(&self) -> &'static str;
}

impl<R, T: Copy, A> ReadField<R> for Field<R, T, A> {
    type Value = T;
    #[inline]
    fn get(&self, record: &R) -> T {
        Field::get(self, record)
    }
    fn name(&self) -> &'static str {
        Field::name(self)
    }
}

impl<R: BitForm, T: BitPack, A> ReadField<R> for BitField<R, T, A> {
    type Value = T;
    #[inline]
    fn get(&self, record: &R) -> T {
        BitField::get(self, record)
    }
    fn name(&self) -> &'static str {
        BitField::name(self)
    }
}

/// A typed descriptor of one field of the bit-packed form `R`: the field has
/// type `T` and takes [`bits()`](Self::bits) bits from bit
/// [`bit_offset()`](Self::bit_offset) on.
///
/// The bit counterpart of [`Field`]: the derive creates one per field as an
/// associated constant of the bit form (`CellBits::X`), and the containers
/// take them to reach one field of many records
/// ([`BitVec::field_iter`](crate::BitVec::field_iter)). Fields are read and
/// written by value only; a write that does not fit is refused with
/// [`Error::OutOfRange`] and changes nothing.
///
/// ```
/// use compact_record::CompactRecord;
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// pub struct Cell { #[record(bits = 21)] pub x: u32, #[record(bits = 21)] pub y: u32, #[record(bits = 21)] pub z: i32, pub alive: bool }
///
/// let mut b = CellBits::try_from(Cell { x: 1, y: 2, z: -3, alive: true }).unwrap();
/// assert_eq!(CellBits::Z.get(&b), -3);
/// assert_eq!((CellBits::Z.bit_offset(), CellBits::Z.bits()), (42, 21));
/// assert_eq!(CellBits::Z.max(), (1 << 20) - 1);
/// CellBits::Z.set(&mut b, -1_000_000);
/// let err = CellBits::Z.try_set(&mut b, 2_000_000).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "value 2000000 does not fit `CellBits.z` (21 bits): the allowed range is -1048576..=1048575"
/// );
/// assert_eq!(b.z(), -1_000_000); // unchanged
/// ```
pub struct BitField<R, T, A = ReadWrite> {
    name: &'static str,
    path: &'static str,
    index: usize,
    offset: usize,
    bits: u32,
    // Invariant in `R` and `T`, like `Field`.
    _marker: Invariant<R, T, A>,
}

/// Invariant in `R` and `T`, `Send + Sync` whatever they are.
type Invariant<R, T, A> = PhantomData<(fn(R) -> R, fn(T) -> T, fn() -> A)>;

impl<R, T, A> BitField<R, T, A> {
    /// The descriptor of field `index` (in declaration order) of the bit
    /// form `R`, as `R`'s own field table says it is: the name, width and
    /// offset come from the table, so no descriptor reaches past its field.
    /// Not public API: the derive makes every descriptor a record has
    /// (`CellBits::X`).
    ///
    /// Evaluated in a constant, a bad width is a compile error.
    ///
    /// # Panics
    ///
    /// When `R` has no field `index`, `T::BITS` is not in `1..=64`, the
    /// field's width is not in `1..=T::BITS`, or `A` is [`ReadWrite`] for a
    /// read-only field.
    #[doc(hidden)]
    pub const fn __new(index: usize) -> Self
    where
        R: BitForm,
        T: BitPack,
        A: Access,
    {
        let slots = R::__SLOTS;
        assert!(index < slots.len(), "a bit form has no field at this index");
        let slot = slots[index];
        assert!(
            T::BITS >= 1 && T::BITS <= 64,
            "`BitPack::BITS` of a field type must be in 1..=64"
        );
        assert!(
            slot.bits >= 1 && slot.bits <= T::BITS,
            "a bit-packed field needs between 1 and `BitPack::BITS` of its type bits"
        );
        assert!(
            !(A::WRITABLE && slot.readonly),
            "a read-only bit-packed field has no writable descriptor"
        );
        BitField {
            name: slot.name,
            path: slot.path,
            index,
            offset: slot_bits(slots.split_at(index).0),
            bits: slot.bits,
            _marker: PhantomData,
        }
    }
}

impl<R, T, A> BitField<R, T, A> {
    /// The field's name as declared (raw identifiers without `r#`).
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The form and field, `"CellBits.x"`, as used in error messages.
    pub const fn path(&self) -> &'static str {
        self.path
    }

    /// The field's position in declaration order, from 0.
    pub const fn index(&self) -> usize {
        self.index
    }

    /// The bit at which the field starts within one record.
    pub const fn bit_offset(&self) -> usize {
        self.offset
    }

    /// The field's width in bits.
    pub const fn bits(&self) -> u32 {
        self.bits
    }

    /// One past the field's last bit: the next field's offset.
    pub const fn end(&self) -> usize {
        self.offset + self.bits as usize
    }

    /// Whether this descriptor may write its field.
    pub const fn is_writable(&self) -> bool
    where
        A: Access,
    {
        A::WRITABLE
    }

    /// The same descriptor without write access.
    pub const fn read_only(self) -> BitField<R, T, ReadOnly> {
        BitField {
            name: self.name,
            path: self.path,
            index: self.index,
            offset: self.offset,
            bits: self.bits,
            _marker: PhantomData,
        }
    }
}

// The `T: BitPack` bounds sit on each method rather than on the impl: a
// field type without `BitPack` is then reported with `BitPack`'s own message
// at every use, not as "method exists but its trait bounds were not
// satisfied".
impl<R, T, A> BitField<R, T, A> {
    /// The smallest value the field holds, as its `to_bits` pattern reads:
    /// `-2^(bits-1)` for signed types, 0 otherwise.
    pub const fn min(&self) -> i128
    where
        T: BitPack,
    {
        if T::SIGNED {
            -(1i128 << (self.bits - 1))
        } else {
            0
        }
    }

    /// The largest value the field holds: `2^(bits-1) - 1` for signed
    /// types, `2^bits - 1` otherwise.
    pub const fn max(&self) -> i128
    where
        T: BitPack,
    {
        if T::SIGNED {
            (1i128 << (self.bits - 1)) - 1
        } else {
            (1i128 << self.bits) - 1
        }
    }

    /// The stored pattern of `value` (its low `bits` bits), or the error
    /// when it does not fit.
    #[inline]
    pub(crate) fn encode(&self, value: T) -> Result<u64, Error>
    where
        T: BitPack,
    {
        let pattern = value.to_bits();
        let raw = pattern & raw::mask(self.bits);
        if raw::extend(raw, self.bits, T::SIGNED) == pattern {
            Ok(raw)
        } else {
            Err(self.out_of_range(pattern))
        }
    }

    #[cold]
    fn out_of_range(&self, pattern: u64) -> Error
    where
        T: BitPack,
    {
        Error::OutOfRange {
            what: self.path,
            value: if T::SIGNED {
                i128::from(pattern as i64)
            } else {
                i128::from(pattern)
            },
            min: self.min(),
            max: self.max(),
            bits: self.bits,
        }
    }

    /// The value of a stored pattern (its low `bits` bits count).
    #[inline(always)]
    pub(crate) fn decode(&self, raw: u64) -> T
    where
        T: BitPack,
    {
        T::from_bits(raw::extend(raw, self.bits, T::SIGNED))
    }

    /// Checks that `value` fits the field.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] naming the field, the value and the allowed
    /// range.
    pub fn check(&self, value: T) -> Result<(), Error>
    where
        T: BitPack,
    {
        self.encode(value).map(drop)
    }

    /// Reads the field by value.
    #[inline]
    pub fn get(&self, record: &R) -> T
    where
        R: BitForm,
        T: BitPack,
    {
        self.decode(raw::read_bytes(
            record.packed_bytes(),
            self.offset,
            self.bits,
        ))
    }

    /// Writes the field.
    ///
    /// # Panics
    ///
    /// When `value` does not fit, with the message of
    /// [`Error::OutOfRange`]; the record is left unchanged.
    #[inline]
    #[track_caller]
    pub fn set(&self, record: &mut R, value: T)
    where
        R: BitForm,
        T: BitPack,
        A: Writable,
    {
        if let Err(err) = self.try_set(record, value) {
            panic!("{err}");
        }
    }

    /// Writes the field if `value` fits.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] naming the field, the value and the allowed
    /// range; the record is left unchanged.
    #[inline]
    pub fn try_set(&self, record: &mut R, value: T) -> Result<(), Error>
    where
        R: BitForm,
        T: BitPack,
        A: Writable,
    {
        self.write(record, value)
    }

    /// Writes the field whatever its access marker.
    #[inline]
    fn write(&self, record: &mut R, value: T) -> Result<(), Error>
    where
        R: BitForm,
        T: BitPack,
    {
        let raw = self.encode(value)?;
        raw::write_bytes(bytes_mut(record), self.offset, self.bits, raw);
        Ok(())
    }
}

impl<R, T, A> Clone for BitField<R, T, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T, A> Copy for BitField<R, T, A> {}

impl<R, T, A> PartialEq for BitField<R, T, A> {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index
            && self.offset == other.offset
            && self.bits == other.bits
            && self.path == other.path
    }
}

impl<R, T, A> Eq for BitField<R, T, A> {}

impl<R, T, A> core::hash::Hash for BitField<R, T, A> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.index.hash(state);
        self.offset.hash(state);
        self.bits.hash(state);
    }
}

impl<R, T, A> fmt::Debug for BitField<R, T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BitField")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bit_offset", &self.offset)
            .field("bits", &self.bits)
            .field("type", &core::any::type_name::<T>())
            .finish()
    }
}
