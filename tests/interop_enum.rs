//! Arrow and Parquet columns of `CompactEnum` fields: a dictionary of
//! variant names by default, the integer code with
//! `#[compact_enum(arrow = "code")]`; import checks every value and names
//! the column, the row and the value.
#![cfg(feature = "parquet")]

use std::sync::Arc;

use compact_record::arrow::arrow_array::types::{Int8Type, UInt32Type};
use compact_record::arrow::arrow_array::{
    ArrayRef, DictionaryArray, Int16Array, Int32Array, RecordBatch, StringArray, UInt32Array,
};
use compact_record::arrow::arrow_schema::DataType;
use compact_record::arrow::{ArrowRecord, ArrowSoa};
use compact_record::{CompactEnum, CompactRecord, InteropError, Soa};

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Payment {
    Card = 1,
    Cash = 2,
    Voucher = 7,
}

#[derive(CompactEnum, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i16)]
#[compact_enum(arrow = "code")]
pub enum Level {
    Low = -300,
    Mid = 0,
    High = 300,
}

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
pub struct Sale {
    pub id: u32,
    pub payment: Payment,
    pub level: Level,
}

fn sales(n: u32) -> SaleSoa {
    (0..n)
        .map(|i| Sale {
            id: i,
            payment: Payment::VARIANTS[i as usize % 3],
            level: Level::VARIANTS[i as usize % 3],
        })
        .collect()
}

#[test]
fn schema_is_a_dictionary_of_names_or_the_code() {
    let schema = Sale::arrow_schema();
    assert_eq!(
        schema.field(1).data_type(),
        &DataType::Dictionary(Box::new(DataType::UInt8), Box::new(DataType::Utf8))
    );
    assert_eq!(schema.field(2).data_type(), &DataType::Int16);
    let batch = sales(4).into_record_batch();
    let dict = batch
        .column(1)
        .as_any()
        .downcast_ref::<DictionaryArray<compact_record::arrow::arrow_array::types::UInt8Type>>()
        .unwrap();
    let names = dict
        .values()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    assert_eq!(
        names.iter().flatten().collect::<Vec<_>>(),
        ["Card", "Cash", "Voucher"]
    );
    assert_eq!(dict.keys().values().to_vec(), [0, 1, 2, 0]);
    let codes = batch
        .column(2)
        .as_any()
        .downcast_ref::<Int16Array>()
        .unwrap();
    assert_eq!(codes.values().to_vec(), [-300, 0, 300, -300]);
}

#[test]
fn record_batch_and_parquet_round_trip() {
    let back = SaleSoa::try_from_record_batch(sales(1000).into_record_batch()).unwrap();
    assert_eq!(back, sales(1000));
    let path = std::env::temp_dir().join(format!("cr-enum-{}.parquet", std::process::id()));
    let soa: Soa<Sale> = sales(5000).into();
    soa.write_parquet(&path).unwrap();
    let back: SaleSoa = Soa::<Sale>::read_parquet(&path).unwrap().into();
    assert_eq!(back, sales(5000));
    std::fs::remove_file(&path).unwrap();
}

fn batch(payment: ArrayRef, level: ArrayRef) -> RecordBatch {
    RecordBatch::try_from_iter([
        ("id", Arc::new(UInt32Array::from(vec![1, 2, 3])) as ArrayRef),
        ("payment", payment),
        ("level", level),
    ])
    .unwrap()
}

fn levels() -> ArrayRef {
    Arc::new(Int16Array::from(vec![0, 300, -300]))
}

#[test]
fn other_dictionaries_and_plain_strings_are_read_by_name() {
    // pandas writes categories with signed keys; polars with u32 keys.
    let keys = compact_record::arrow::arrow_array::PrimitiveArray::<Int8Type>::from(vec![2, 0, 1]);
    let values = Arc::new(StringArray::from(vec!["Cash", "Voucher", "Card"]));
    let pandas: ArrayRef = Arc::new(DictionaryArray::try_new(keys, values).unwrap());
    let got = SaleSoa::try_from_record_batch(batch(pandas, levels())).unwrap();
    assert_eq!(
        got.payment(),
        &[Payment::Card, Payment::Cash, Payment::Voucher]
    );
    let keys =
        compact_record::arrow::arrow_array::PrimitiveArray::<UInt32Type>::from(vec![0, 0, 1]);
    let values = Arc::new(StringArray::from(vec!["Voucher", "Card"]));
    let polars: ArrayRef = Arc::new(DictionaryArray::try_new(keys, values).unwrap());
    let got = SaleSoa::try_from_record_batch(batch(polars, levels())).unwrap();
    assert_eq!(
        got.payment(),
        &[Payment::Voucher, Payment::Voucher, Payment::Card]
    );
    let plain: ArrayRef = Arc::new(StringArray::from(vec!["Card", "Card", "Cash"]));
    let got = SaleSoa::try_from_record_batch(batch(plain, levels())).unwrap();
    assert_eq!(got.level(), &[Level::Mid, Level::High, Level::Low]);
}

fn refused(payment: ArrayRef, level: ArrayRef) -> String {
    match SaleSoa::try_from_record_batch(batch(payment, level)) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted a value no variant has"),
    }
}

#[test]
fn import_names_the_column_row_and_value_no_variant_has() {
    let bad: ArrayRef = Arc::new(StringArray::from(vec!["Card", "Cheque", "Cash"]));
    let msg = refused(bad, levels());
    assert!(
        msg.contains("column `payment`, row 1: \"Cheque\" is not a variant of `Payment` (its variants are Card, Cash, Voucher)"),
        "{msg}"
    );
    let good: ArrayRef = Arc::new(StringArray::from(vec!["Card", "Card", "Cash"]));
    let msg = refused(good.clone(), Arc::new(Int16Array::from(vec![0, 300, 299])));
    assert!(
        msg.contains("column `level`, row 2: 299 is not a code of `Level`"),
        "{msg}"
    );
    // A code column of the wrong integer type is a type error.
    let wrong: ArrayRef = Arc::new(Int32Array::from(vec![0, 300, -300]));
    assert!(matches!(
        SaleSoa::try_from_record_batch(batch(good, wrong)),
        Err(InteropError::WrongType { ref column, .. }) if column == "level"
    ));
}
