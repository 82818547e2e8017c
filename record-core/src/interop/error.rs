//! The error of the Arrow, IPC and Parquet conversions.

use alloc::string::String;
use core::fmt;

use arrow_schema::{ArrowError, DataType};

/// Why data could not be read into (or written from) a record's container.
///
/// The variants about the data name the column, what the record expects and
/// what was found; nothing is returned partly filled.
#[derive(Debug)]
#[non_exhaustive]
pub enum InteropError {
    /// A field of the record has no column of its name.
    MissingColumn {
        /// The record (`"Point"`).
        record: &'static str,
        /// The field without a column (`pos.x` inside a nested field).
        column: String,
        /// The Arrow type the field needs.
        expected: DataType,
    },
    /// A column matches no field of the record.
    ExtraColumn {
        /// The record (`"Point"`).
        record: &'static str,
        /// The column's name.
        column: String,
        /// The column's Arrow type.
        actual: DataType,
    },
    /// A column has a type its field cannot hold.
    WrongType {
        /// The column (the field's name; `pos.x` inside a nested field).
        column: String,
        /// The Arrow type the field needs.
        expected: DataType,
        /// The column's Arrow type.
        actual: DataType,
    },
    /// A column of a field that is not an `Option` holds a null.
    Null {
        /// The column (the field's name; `pos.x` inside a nested field).
        column: String,
        /// The Arrow type the field needs (not nullable).
        expected: DataType,
        /// The first row holding a null.
        row: usize,
    },
    /// Columns of different lengths.
    UnequalLengths {
        /// The first column whose length differs from the first field's.
        column: String,
        /// The first field's column length.
        expected: usize,
        /// This column's length.
        actual: usize,
    },
    /// Arrow refused the data (a malformed IPC file, for instance).
    Arrow(ArrowError),
    /// A file (or batch) is malformed, inconsistent or asks for more than
    /// it holds: checked before decoding, or a decoder panicked on it.
    Malformed {
        /// What was being read (`batch 2 of the IPC file`, `the Parquet
        /// footer`, a column).
        input: String,
        /// What is wrong, with the limit or the values found.
        problem: String,
    },
    /// Reading or writing a file failed.
    Io(std::io::Error),
    /// The Parquet reader or writer failed.
    #[cfg(feature = "parquet")]
    Parquet(::parquet::errors::ParquetError),
}

impl fmt::Display for InteropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InteropError::MissingColumn {
                record,
                column,
                expected,
            } => write!(
                f,
                "column `{column}` is missing: `{record}.{column}` needs a column of type {expected}"
            ),
            InteropError::ExtraColumn {
                record,
                column,
                actual,
            } => write!(
                f,
                "column `{column}` ({actual}) matches no field of `{record}`; \
                 select the record's columns only"
            ),
            InteropError::WrongType {
                column,
                expected,
                actual,
            } => write!(
                f,
                "column `{column}` has type {actual}, but the field needs {expected}"
            ),
            InteropError::Null {
                column,
                expected,
                row,
            } => write!(
                f,
                "column `{column}` holds a null at row {row}, but the field is not an `Option` \
                 (expected non-null {expected}); declare it `Option<..>` to accept nulls"
            ),
            InteropError::UnequalLengths {
                column,
                expected,
                actual,
            } => write!(
                f,
                "column `{column}` has {actual} rows, but the first column has {expected}"
            ),
            InteropError::Arrow(e) => write!(f, "arrow: {e}"),
            InteropError::Malformed { input, problem } => {
                write!(f, "malformed input ({input}): {problem}")
            }
            InteropError::Io(e) => write!(f, "i/o: {e}"),
            #[cfg(feature = "parquet")]
            InteropError::Parquet(e) => write!(f, "parquet: {e}"),
        }
    }
}

impl std::error::Error for InteropError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InteropError::Arrow(e) => Some(e),
            InteropError::Io(e) => Some(e),
            #[cfg(feature = "parquet")]
            InteropError::Parquet(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ArrowError> for InteropError {
    fn from(e: ArrowError) -> Self {
        InteropError::Arrow(e)
    }
}

impl From<std::io::Error> for InteropError {
    fn from(e: std::io::Error) -> Self {
        InteropError::Io(e)
    }
}

#[cfg(feature = "parquet")]
impl From<::parquet::errors::ParquetError> for InteropError {
    fn from(e: ::parquet::errors::ParquetError) -> Self {
        InteropError::Parquet(e)
    }
}
