//! Zero-copy byte views of the `Fixed` and `Packed` forms of records that
//! opt in with `#[record(bytes)]`: reads check every field whose type not
//! every byte pattern is a value of (`bool`, `char`, `NonZero*`, enums)
//! before handing a record out; writable views exist only for forms of
//! plain data.

use bytemuck::{Pod, PodCastError};

use crate::byte_field::{Fault, ValidBytes};
use crate::error::Error;
use crate::layout::{ByteLayout, Form};

/// Byte views of a `Fixed` or `Packed` form. `#[record(bytes)]` makes both
/// forms implement it; the methods come from this trait, so import it.
///
/// Reading (`from_bytes`, `read_from_bytes`, `slice_from_bytes`) checks
/// each `bool`, `char`, `NonZero*` and `CompactEnum` field of every record
/// first, and refuses bytes that are not a value with
/// [`Error::InvalidValue`], naming the record, the field, its offset and
/// the value. For a form of plain data the check is compiled away.
/// Writable views (`as_bytes_mut`, `slice_as_bytes_mut`, `from_bytes_mut`,
/// `slice_from_bytes_mut`) could store any bytes, so they exist only for
/// forms of plain data ([`PlainData`]); a form with a `bool` has none, which
/// is a compile error, not a run-time check.
///
/// ```
/// use compact_record::{CompactRecord, RecordBytes};
///
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(bytes)]
/// pub struct Point { pub x: i32, pub y: i32, pub z: i32 }
///
/// let fixed = PointFixed::from(Point { x: 1, y: 2, z: 3 });
/// let bytes = fixed.as_bytes();
/// assert_eq!(bytes.len(), 12);
/// assert_eq!(PointPacked::read_from_bytes(bytes)?, PointPacked::from(Point { x: 1, y: 2, z: 3 }));
/// assert_eq!(PointFixed::X.read(bytes)?, 1);
///
/// // Errors say what was expected and what was given.
/// let err = PointPacked::from_bytes(&bytes[..8]).unwrap_err();
/// assert_eq!(err.to_string(), "a `PointPacked` record is 12 bytes, but the slice has 8");
///
/// // A `bool` field is checked on read.
/// #[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
/// #[record(bytes)]
/// pub struct Flagged { pub id: u16, pub ok: bool }
///
/// assert_eq!(FlaggedPacked::read_from_bytes(&[7, 0, 1])?.ok(), true);
/// let err = FlaggedPacked::slice_from_bytes(&[7, 0, 1, 8, 0, 2]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "record 1 of `FlaggedPacked`: field `ok` (offset 2) holds 2, which is not a bool (0 or 1)"
/// );
/// # Ok::<(), compact_record::Error>(())
/// ```
pub trait RecordBytes: Form + ByteLayout + ValidBytes + Copy {
    /// The record's bytes, padding included (it is explicit and zero).
    fn as_bytes(&self) -> &[u8] {
        // SAFETY: `ValidBytes` guarantees that no value of `Self` has
        // uninitialised bytes; the slice covers exactly `*self`, borrowed
        // for the slice's lifetime.
        unsafe {
            core::slice::from_raw_parts((self as *const Self).cast::<u8>(), size_of::<Self>())
        }
    }

    /// The record's bytes, writable: only for forms of plain data, where
    /// any bytes form a valid record.
    fn as_bytes_mut(&mut self) -> &mut [u8]
    where
        Self: PlainData,
    {
        bytemuck::bytes_of_mut(self)
    }

    /// The bytes of a slice of records.
    fn slice_as_bytes(records: &[Self]) -> &[u8] {
        // SAFETY: as in `as_bytes`, for `records.len()` consecutive values
        // (a slice has no gaps between its elements).
        unsafe {
            core::slice::from_raw_parts(
                records.as_ptr().cast::<u8>(),
                core::mem::size_of_val(records),
            )
        }
    }

    /// The bytes of a slice of records, writable (forms of plain data only).
    fn slice_as_bytes_mut(records: &mut [Self]) -> &mut [u8]
    where
        Self: PlainData,
    {
        bytemuck::cast_slice_mut(records)
    }

    /// Views `bytes` as one record without copying, after checking it.
    ///
    /// # Errors
    ///
    /// [`Error::WrongLength`] unless `bytes` is exactly one record long;
    /// [`Error::Misaligned`] when the form needs an alignment `bytes` lacks
    /// (never for `Packed` forms); [`Error::InvalidValue`] when a field
    /// does not hold a value of its type.
    fn from_bytes(bytes: &[u8]) -> Result<&Self, Error> {
        check_len::<Self>(bytes.len())?;
        check_align::<Self>(bytes)?;
        check_records::<Self>(bytes)?;
        // SAFETY: `bytes` is one record long, aligned for `Self`, and
        // `check_records` accepted it: a valid `Self` (`ValidBytes`),
        // borrowed for as long as `bytes` is.
        Ok(unsafe { &*bytes.as_ptr().cast::<Self>() })
    }

    /// Views `bytes` as one writable record without copying (forms of
    /// plain data only).
    ///
    /// # Errors
    ///
    /// As [`from_bytes`](Self::from_bytes).
    fn from_bytes_mut(bytes: &mut [u8]) -> Result<&mut Self, Error>
    where
        Self: PlainData,
    {
        check_len::<Self>(bytes.len())?;
        let (addr, len) = (bytes.as_ptr() as usize, bytes.len());
        bytemuck::try_from_bytes_mut(bytes).map_err(|e| cast_error::<Self>(e, addr, len))
    }

    /// Copies one record out of `bytes`, which need not be aligned, after
    /// checking it.
    ///
    /// # Errors
    ///
    /// [`Error::WrongLength`] unless `bytes` is exactly one record long;
    /// [`Error::InvalidValue`] as for [`from_bytes`](Self::from_bytes).
    fn read_from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        check_len::<Self>(bytes.len())?;
        check_records::<Self>(bytes)?;
        // SAFETY: `bytes` is one record long and holds a valid `Self`
        // (`check_records`, `ValidBytes`); the read makes no alignment
        // assumption, and `Self: Copy`.
        Ok(unsafe { core::ptr::read_unaligned(bytes.as_ptr().cast::<Self>()) })
    }

    /// Views `bytes` as a slice of records without copying, after checking
    /// every record.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless the length is a multiple of the
    /// record size; [`Error::Misaligned`] as for
    /// [`from_bytes`](Self::from_bytes); [`Error::InvalidValue`] for the
    /// first record with a field that does not hold a value of its type.
    fn slice_from_bytes(bytes: &[u8]) -> Result<&[Self], Error> {
        check_multiple::<Self>(bytes.len())?;
        check_align::<Self>(bytes)?;
        check_records::<Self>(bytes)?;
        // SAFETY: `bytes` is a whole number of records long (and the record
        // size is not zero), aligned for `Self`, and every record holds a
        // valid `Self` (`check_records`); borrowed for as long as `bytes`.
        Ok(unsafe {
            core::slice::from_raw_parts(
                bytes.as_ptr().cast::<Self>(),
                bytes.len() / size_of::<Self>(),
            )
        })
    }

    /// Views `bytes` as a writable slice of records without copying (forms
    /// of plain data only).
    ///
    /// # Errors
    ///
    /// As [`slice_from_bytes`](Self::slice_from_bytes).
    fn slice_from_bytes_mut(bytes: &mut [u8]) -> Result<&mut [Self], Error>
    where
        Self: PlainData,
    {
        check_multiple::<Self>(bytes.len())?;
        let (addr, len) = (bytes.as_ptr() as usize, bytes.len());
        bytemuck::try_cast_slice_mut(bytes).map_err(|e| cast_error::<Self>(e, addr, len))
    }
}

impl<T: Form + ByteLayout + ValidBytes + Copy> RecordBytes for T {}

use core::mem::size_of;

/// Checks every record of `bytes` (a whole number of records): a tight
/// loop over the records, each running only its checked fields' checks;
/// nothing at all for a form of plain data (the loop has no body left).
#[inline]
fn check_records<T: Form + ValidBytes>(bytes: &[u8]) -> Result<(), Error> {
    let size = size_of::<T>();
    // A pass without early exit (which the compiler can vectorise), in
    // blocks, then the first bad record of a failing block.
    let block = size * 4096;
    for (b, chunk) in bytes.chunks(block).enumerate() {
        let ok = chunk
            .chunks_exact(size)
            .fold(true, |ok, record| ok & T::__check(record).is_ok());
        if !ok {
            return first_invalid::<T>(chunk, b * 4096);
        }
    }
    Ok(())
}

/// The first record of `bytes` (whose first record is record `first`)
/// that fails its check.
#[cold]
fn first_invalid<T: Form + ValidBytes>(bytes: &[u8], first: usize) -> Result<(), Error> {
    let size = size_of::<T>();
    for (i, record) in bytes.chunks_exact(size).enumerate() {
        let i = first + i;
        if let Err(fault) = T::__check(record) {
            return Err(invalid::<T>(i, fault));
        }
    }
    Ok(())
}

#[cold]
fn invalid<T: Form>(record: usize, fault: Fault) -> Error {
    let field = T::FORM
        .fields
        .iter()
        .find(|f| f.offset == fault.offset)
        .map_or("?", |f| f.name);
    Error::InvalidValue {
        what: T::FORM.name,
        record,
        field,
        offset: fault.offset,
        value: fault.value,
        expected: fault.expected,
    }
}

fn check_align<T: Form>(bytes: &[u8]) -> Result<(), Error> {
    let align = core::mem::align_of::<T>();
    let address = bytes.as_ptr() as usize;
    if address % align != 0 {
        return Err(Error::Misaligned {
            what: T::FORM.name,
            align,
            address,
        });
    }
    Ok(())
}

fn check_len<T: Form>(given: usize) -> Result<(), Error> {
    let expected = core::mem::size_of::<T>();
    if given != expected {
        return Err(Error::WrongLength {
            what: T::FORM.name,
            expected,
            given,
        });
    }
    Ok(())
}

fn check_multiple<T: Form>(given: usize) -> Result<(), Error> {
    let record_size = core::mem::size_of::<T>();
    if record_size == 0 || given % record_size != 0 {
        return Err(Error::LengthMismatch {
            what: T::FORM.name,
            record_size,
            given,
        });
    }
    Ok(())
}

fn cast_error<T: Form>(err: PodCastError, address: usize, given: usize) -> Error {
    match err {
        PodCastError::TargetAlignmentGreaterAndInputNotAligned
        | PodCastError::AlignmentMismatch => Error::Misaligned {
            what: T::FORM.name,
            align: core::mem::align_of::<T>(),
            address,
        },
        PodCastError::SizeMismatch | PodCastError::OutputSliceWouldHaveSlop => {
            Error::LengthMismatch {
                what: T::FORM.name,
                record_size: core::mem::size_of::<T>(),
                given,
            }
        }
    }
}

/// Forms (and field types) of plain data: every byte pattern is a value
/// (bytemuck's `Pod`). Writable byte views need it: a form with a `bool`,
/// `char`, `NonZero*` or enum field has none.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has fields that not every byte pattern is a value of, so its bytes cannot be written directly",
    label = "not plain data",
    note = "a `bool`, `char`, `NonZero*` or `CompactEnum` field makes a form's bytes readable only through the checked             `from_bytes`/`read_from_bytes`/`slice_from_bytes`; write records through their fields, or use integer fields             (`u8` for a flag) to get writable byte views"
)]
pub trait PlainData: Pod {}
impl<T: Pod> PlainData for T {}
