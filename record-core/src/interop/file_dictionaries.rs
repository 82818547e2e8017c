//! Dictionary columns across the batches of one file.
//!
//! A container's dictionary column numbers its distinct values in the
//! order it met them and picks the narrowest code type (`UInt8` while 256
//! values or fewer), so two batches a streaming writer flushes have
//! different dictionaries and key types. An Arrow IPC file holds one
//! dictionary per column (later ones may only extend it, as deltas), and
//! every batch of a file must match the file's schema, which declares
//! `Dictionary(UInt32, Utf8)`. [`FileDictionaries`] keeps each dictionary
//! column's values across the batches and re-codes every batch into it,
//! so that each batch's dictionary extends the one before (written by
//! arrow-ipc as a delta) and its keys have the schema's type.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use std::collections::HashMap;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt32Type;
use arrow_array::{Array, ArrayRef, DictionaryArray, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{DataType, SchemaRef};

use super::InteropError;

/// The values written so far of each dictionary column of a file.
#[derive(Default)]
pub(crate) struct FileDictionaries {
    /// One entry per top-level column of the schema; `None` for columns
    /// that are no dictionary of strings.
    columns: Vec<Option<Running>>,
}

/// One column's dictionary: its values in the order first written.
#[derive(Default)]
struct Running {
    codes: HashMap<String, u32>,
    values: Vec<String>,
}

impl Running {
    /// The file-wide code of `value`, added at the end if it is new.
    fn code(&mut self, value: &str, column: &str) -> Result<u32, InteropError> {
        if let Some(&code) = self.codes.get(value) {
            return Ok(code);
        }
        let code = u32::try_from(self.values.len()).map_err(|_| {
            InteropError::Arrow(arrow_schema::ArrowError::InvalidArgumentError(format!(
                "column `{column}`: more than {} distinct values do not fit `UInt32` keys",
                u32::MAX
            )))
        })?;
        self.codes.insert(value.into(), code);
        self.values.push(value.into());
        Ok(code)
    }

    /// `array` (a dictionary of strings, keys of any integer type)
    /// re-coded into this column's dictionary, with `UInt32` keys.
    fn recode(&mut self, array: &ArrayRef, column: &str) -> Result<ArrayRef, InteropError> {
        let not_strings = || {
            InteropError::Arrow(arrow_schema::ArrowError::InvalidArgumentError(format!(
                "column `{column}`: expected a dictionary of strings, got {}",
                array.data_type()
            )))
        };
        let dict = array.as_any_dictionary_opt().ok_or_else(not_strings)?;
        let values = dict
            .values()
            .as_string_opt::<i32>()
            .ok_or_else(not_strings)?;
        let local = (0..values.len())
            .map(|j| self.code(values.value(j), column))
            .collect::<Result<Vec<u32>, _>>()?;
        // In bounds for every key (`normalized_keys`); arbitrary for nulls,
        // which the null buffer keeps.
        let codes: Vec<u32> = dict
            .normalized_keys()
            .into_iter()
            .map(|k| local.get(k).copied().unwrap_or(0))
            .collect();
        let keys = UInt32Array::new(codes.into(), dict.keys().nulls().cloned());
        let values = Arc::new(StringArray::from_iter_values(&self.values));
        Ok(Arc::new(DictionaryArray::<UInt32Type>::try_new(
            keys, values,
        )?))
    }
}

impl FileDictionaries {
    /// `batch` with every top-level `Dictionary(UInt32, Utf8)` column of
    /// `schema` re-coded into the file's dictionary of that column, as a
    /// batch of `schema`. Batches without such columns pass unchanged.
    pub(crate) fn conform(
        &mut self,
        batch: &RecordBatch,
        schema: &SchemaRef,
    ) -> Result<RecordBatch, InteropError> {
        let is_dictionary = |t: &DataType| matches!(t, DataType::Dictionary(k, v) if **k == DataType::UInt32 && **v == DataType::Utf8);
        if !schema.fields().iter().any(|f| is_dictionary(f.data_type())) {
            return Ok(batch.clone());
        }
        self.columns
            .resize_with(schema.fields().len(), Option::default);
        let mut arrays = Vec::with_capacity(batch.num_columns());
        for ((field, array), running) in schema
            .fields()
            .iter()
            .zip(batch.columns())
            .zip(&mut self.columns)
        {
            if is_dictionary(field.data_type()) {
                let running = running.get_or_insert_with(Running::default);
                arrays.push(running.recode(array, field.name())?);
            } else {
                arrays.push(array.clone());
            }
        }
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(batch.num_rows()));
        Ok(RecordBatch::try_new_with_options(
            schema.clone(),
            arrays,
            &options,
        )?)
    }
}
