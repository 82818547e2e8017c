//! Moving a [`Soa`]'s columns out and in by value, for code that hands
//! whole columns to other libraries (the Arrow conversion takes a `Vec`'s
//! allocation over without copying it).

use super::{Columns, Soa, SoaRecord};

/// The columns given to [`Soa::try_from_columns`] do not all have the same
/// length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnequalColumns {
    /// The position of the first column whose length differs from column 0.
    pub column: usize,
    /// The length of column 0.
    pub expected: usize,
    /// The length of that column.
    pub actual: usize,
}

impl core::fmt::Display for UnequalColumns {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "column {} has {} rows, but column 0 has {}",
            self.column, self.actual, self.expected
        )
    }
}

impl<R: SoaRecord> Soa<R> {
    /// Takes the columns out, one `Vec` per field in declaration order as a
    /// nested tuple `(Vec<A>, (Vec<B>, ()))`; nothing is copied.
    #[inline]
    pub fn into_columns(self) -> R::Columns {
        self.cols
    }

    /// The columns, borrowed.
    #[allow(dead_code)] // used by the optional interop modules only
    #[inline]
    pub(crate) fn columns_ref(&self) -> &R::Columns {
        &self.cols
    }

    /// Builds a container from its columns (as [`into_columns`](Self::into_columns)
    /// gives them), without copying. Columns of unequal lengths are refused
    /// and handed back with the first column that differs.
    pub fn try_from_columns(cols: R::Columns) -> Result<Self, (R::Columns, UnequalColumns)> {
        let expected = cols.rows();
        for column in 1..R::Columns::COUNT {
            let actual = cols.column_raw(column).map_or(expected, |(_, len)| len);
            if actual != expected {
                return Err((
                    cols,
                    UnequalColumns {
                        column,
                        expected,
                        actual,
                    },
                ));
            }
        }
        Ok(Soa { cols })
    }
}
