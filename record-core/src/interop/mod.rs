//! Records in and out of other libraries and languages, each behind a
//! cargo feature (none is on by default):
//!
//! * `arrow`: the `arrow` module (schemas, `RecordBatch` without copying)
//!   and the `ipc` module (Arrow IPC files, also memory-mapped);
//! * `parquet`: the `parquet` module (Parquet files through Arrow);
//! * `serde`: `Serialize`/`Deserialize` for [`Soa`](crate::Soa) and
//!   [`BitVec`](crate::BitVec) (and, through the derive, for `PointSoa`,
//!   the forms and `CellBitVec`);
//! * always on: [`numpy`] (the numpy dtype of the fixed and packed forms).

#[cfg(feature = "arrow")]
pub mod arrow;
#[cfg(feature = "arrow")]
pub mod arrow_encoded;
#[cfg(feature = "arrow")]
pub mod arrow_enum;
#[cfg(feature = "arrow")]
pub mod ipc;
pub mod logical;
pub mod numpy;
#[cfg(feature = "parquet")]
pub mod parquet;
#[cfg(feature = "serde")]
pub mod serde;

#[cfg(feature = "arrow")]
mod error;

#[cfg(feature = "arrow")]
mod batch_reader;
#[cfg(feature = "arrow")]
pub mod batch_writer;
#[cfg(feature = "parquet")]
mod dataset;
#[cfg(feature = "arrow")]
mod file_dictionaries;
#[cfg(feature = "arrow")]
mod guard;
#[cfg(feature = "arrow")]
mod ipc_blocks;
#[cfg(feature = "arrow")]
mod ipc_check;
#[cfg(feature = "arrow")]
mod ipc_writer;
#[cfg(feature = "parquet")]
mod parquet_check;
#[cfg(feature = "parquet")]
mod parquet_writer;
#[cfg(feature = "arrow")]
mod read_options;
#[cfg(feature = "arrow")]
mod staged;
#[cfg(feature = "arrow")]
pub use error::InteropError;
