//! Zero-copy byte views of the `Fixed` and `Packed` forms of records that
//! opt in with `#[record(bytes)]`, built on bytemuck.

use bytemuck::{Pod, PodCastError};

use crate::error::Error;
use crate::layout::{ByteLayout, Form};

/// Byte views of a `Fixed` or `Packed` form whose fields are all plain
/// data. `#[record(bytes)]` makes both forms implement it (through
/// bytemuck's `Pod`); the methods come from this trait, so import it.
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
/// # Ok::<(), compact_record::Error>(())
/// ```
pub trait RecordBytes: Form + ByteLayout + Pod {
    /// The record's bytes, padding included (it is explicit and zero).
    fn as_bytes(&self) -> &[u8] {
        bytemuck::bytes_of(self)
    }

    /// The record's bytes, writable: any bytes form a valid record.
    fn as_bytes_mut(&mut self) -> &mut [u8] {
        bytemuck::bytes_of_mut(self)
    }

    /// The bytes of a slice of records.
    fn slice_as_bytes(records: &[Self]) -> &[u8] {
        bytemuck::cast_slice(records)
    }

    /// The bytes of a slice of records, writable.
    fn slice_as_bytes_mut(records: &mut [Self]) -> &mut [u8] {
        bytemuck::cast_slice_mut(records)
    }

    /// Views `bytes` as one record without copying.
    ///
    /// # Errors
    ///
    /// [`Error::WrongLength`] unless `bytes` is exactly one record long;
    /// [`Error::Misaligned`] when the form needs an alignment `bytes` lacks
    /// (never for `Packed` forms).
    fn from_bytes(bytes: &[u8]) -> Result<&Self, Error> {
        check_len::<Self>(bytes.len())?;
        bytemuck::try_from_bytes(bytes)
            .map_err(|e| cast_error::<Self>(e, bytes.as_ptr() as usize, bytes.len()))
    }

    /// Views `bytes` as one writable record without copying.
    ///
    /// # Errors
    ///
    /// As [`from_bytes`](Self::from_bytes).
    fn from_bytes_mut(bytes: &mut [u8]) -> Result<&mut Self, Error> {
        check_len::<Self>(bytes.len())?;
        let (addr, len) = (bytes.as_ptr() as usize, bytes.len());
        bytemuck::try_from_bytes_mut(bytes).map_err(|e| cast_error::<Self>(e, addr, len))
    }

    /// Copies one record out of `bytes`, which need not be aligned.
    ///
    /// # Errors
    ///
    /// [`Error::WrongLength`] unless `bytes` is exactly one record long.
    fn read_from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        check_len::<Self>(bytes.len())?;
        Ok(bytemuck::pod_read_unaligned(bytes))
    }

    /// Views `bytes` as a slice of records without copying.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless the length is a multiple of the
    /// record size; [`Error::Misaligned`] as for
    /// [`from_bytes`](Self::from_bytes).
    fn slice_from_bytes(bytes: &[u8]) -> Result<&[Self], Error> {
        check_multiple::<Self>(bytes.len())?;
        bytemuck::try_cast_slice(bytes)
            .map_err(|e| cast_error::<Self>(e, bytes.as_ptr() as usize, bytes.len()))
    }

    /// Views `bytes` as a writable slice of records without copying.
    ///
    /// # Errors
    ///
    /// As [`slice_from_bytes`](Self::slice_from_bytes).
    fn slice_from_bytes_mut(bytes: &mut [u8]) -> Result<&mut [Self], Error> {
        check_multiple::<Self>(bytes.len())?;
        let (addr, len) = (bytes.as_ptr() as usize, bytes.len());
        bytemuck::try_cast_slice_mut(bytes).map_err(|e| cast_error::<Self>(e, addr, len))
    }
}

impl<T: Form + ByteLayout + Pod> RecordBytes for T {}

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

/// Field types a `#[record(bytes)]` record may hold: bytemuck's `Pod`.
/// The derive checks every field against it, so a bad field gets one
/// error naming its type, spanned at the field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not plain data, so a `#[record(bytes)]` record cannot hold it",
    label = "not plain data",
    note = "`#[record(bytes)]` views records as raw bytes, so every field must implement `bytemuck::Pod` \
            (integers, floats, arrays of them); `bool`, `char`, references and heap types are not. \
            Remove `bytes`, or change the field's type"
)]
pub trait PlainData: Pod {}
impl<T: Pod> PlainData for T {}

#[doc(hidden)]
pub const fn assert_plain<T: PlainData>() {}
