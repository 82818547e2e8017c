//! The fuzzing of the readers, shared by `examples/fuzz_readers.rs` (the
//! bounded mutation loop CI runs) and `tests/fuzz_regressions.rs` (which
//! replays the saved inputs and runs a short loop): the targets, their
//! valid seed files, a deterministic mutator, and one run of a target on
//! one input.
#![allow(dead_code)]

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use std::sync::Arc;

use compact_record::arrow::arrow_schema::{Field, Schema};
use compact_record::arrow::{ReadOptions, RecordBatch};
use compact_record::ipc::arrow_ipc::reader::FileReader;
use compact_record::ipc::MappedIpc;
use compact_record::parquet::read_dataset;
use compact_record::{CompactRecord, Soa};

/// A nested record of the seeds.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    pub x: f32,
    pub y: i64,
}

/// The record of the seed files: every kind of column the crate maps.
#[derive(CompactRecord, Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sample {
    pub id: u32,
    pub value: f64,
    pub name: String,
    pub maybe: Option<i16>,
    pub v: [u16; 2],
    pub flag: bool,
    #[record(nested)]
    pub pos: Pos,
}

/// The readers fuzzed, one target each: `ipc_batches` and `ipc_stream`
/// are the IPC batch readers (`read_ipc_batches[_with]`, `read_ipc_with`)
/// on IPC files and streams, `parquet_batches` the Parquet batch readers
/// and `read_dataset`.
pub const TARGETS: [&str; 8] = [
    "ipc",
    "mapped_ipc",
    "parquet",
    "batch",
    "serde",
    "ipc_batches",
    "ipc_stream",
    "parquet_batches",
];

/// `batch` as an IPC stream written by arrow-ipc, its buffers compressed
/// with `compression` if given.
fn stream_of(
    batch: &RecordBatch,
    compression: Option<compact_record::ipc::arrow_ipc::CompressionType>,
) -> Vec<u8> {
    use compact_record::ipc::arrow_ipc::writer::{IpcWriteOptions, StreamWriter};
    let options = IpcWriteOptions::default()
        .try_with_compression(compression)
        .unwrap();
    let mut bytes = Vec::new();
    let mut w = StreamWriter::try_new_with_options(&mut bytes, &batch.schema(), options).unwrap();
    if batch.num_rows() > 1 {
        // Two batches: the messages after the first are fuzzed too.
        w.write(&batch.slice(0, 1)).unwrap();
        w.write(&batch.slice(1, batch.num_rows() - 1)).unwrap();
    } else {
        w.write(batch).unwrap();
    }
    w.finish().unwrap();
    drop(w);
    bytes
}

fn sample(n: u32) -> Soa<Sample> {
    (0..n)
        .map(|i| Sample {
            id: i,
            value: f64::from(i) * 0.5,
            name: format!("name {}", i % 7),
            maybe: (i % 3 != 0).then_some(i as i16),
            v: [i as u16, 9],
            flag: i % 2 == 0,
            pos: Pos {
                x: i as f32,
                y: -i64::from(i),
            },
        })
        .collect()
}

/// Valid inputs of `target`, written by the crate (and by arrow-ipc with
/// compression), small so that mutations hit the metadata often.
pub fn seeds(target: &str, dir: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for n in [0u32, 3, 40] {
        let soa = sample(n);
        match target {
            "ipc_stream" => out.push(stream_of(&sample(n).into_record_batch(), None)),
            "ipc" | "mapped_ipc" | "batch" | "ipc_batches" => {
                let path = dir.join("seed.arrow");
                soa.write_ipc(&path).unwrap();
                out.push(std::fs::read(&path).unwrap());
            }
            "parquet" | "parquet_batches" => {
                let path = dir.join("seed.parquet");
                soa.write_parquet(&path).unwrap();
                out.push(std::fs::read(&path).unwrap());
            }
            "serde" => out.push(serde_json::to_vec(&soa).unwrap()),
            other => panic!("no fuzz target `{other}`"),
        }
    }
    if target == "ipc_stream" {
        use compact_record::ipc::arrow_ipc::CompressionType;
        let batch = sample(20).into_record_batch();
        out.push(stream_of(&batch, Some(CompressionType::ZSTD)));
    }
    if matches!(target, "ipc" | "mapped_ipc" | "ipc_batches") {
        // A compressed file (the codecs' own length prefixes; not for
        // `batch`, whose arrow-ipc reader trusts them).
        use compact_record::ipc::arrow_ipc::writer::{FileWriter, IpcWriteOptions};
        use compact_record::ipc::arrow_ipc::CompressionType;
        let batch = sample(20).into_record_batch();
        let options = IpcWriteOptions::default()
            .try_with_compression(Some(CompressionType::LZ4_FRAME))
            .unwrap();
        let mut bytes = Vec::new();
        let mut w = FileWriter::try_new_with_options(&mut bytes, &batch.schema(), options).unwrap();
        w.write(&batch).unwrap();
        w.finish().unwrap();
        drop(w);
        out.push(bytes);
    }
    out
}

/// A deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Integers that break length and offset fields.
const INTERESTING: [i64; 12] = [
    0,
    1,
    -1,
    7,
    8,
    64,
    0x7f,
    0xffff,
    i32::MAX as i64,
    i32::MIN as i64,
    1 << 40,
    i64::MAX,
];

/// One to four mutations of `input`: bit flips, random bytes,
/// truncations, splices from another seed, inserted or deleted bytes, and
/// 4- or 8-byte fields rewritten with interesting integers.
pub fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                out[i] = rng.next() as u8;
            }
            2 if len > 0 => out.truncate(rng.below(len)),
            3 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let n = rng.below((other.len() - from).min(256)) + 1;
                    let at = rng.below(len + 1);
                    let tail = out.split_off(at);
                    out.extend_from_slice(&other[from..from + n]);
                    if rng.below(2) == 0 {
                        out.extend_from_slice(&tail[n.min(tail.len())..]);
                    } else {
                        out.extend_from_slice(&tail);
                    }
                }
            }
            4 => {
                let at = rng.below(len + 1);
                let n = rng.below(16) + 1;
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                out.splice(at..at, bytes);
            }
            5 if len > 1 => {
                let at = rng.below(len);
                let n = rng.below(16).min(len - at);
                out.drain(at..at + n);
            }
            6 | 7 if len >= 8 => {
                let width = if rng.below(2) == 0 { 4 } else { 8 };
                let at = rng.below(len - width + 1);
                let at = at - at % width;
                let value = INTERESTING[rng.below(INTERESTING.len())];
                let value = match rng.below(3) {
                    0 => value,
                    1 => value.wrapping_add(rng.below(16) as i64 - 8),
                    _ => value.wrapping_neg(),
                };
                out[at..at + width].copy_from_slice(&value.to_le_bytes()[..width]);
            }
            _ => {}
        }
    }
    out
}

/// Runs `target` on `input` (written to `path` first for the file
/// readers). `Err` names a panic that escaped a reader: a bug. Errors the
/// readers return are the expected outcome and count as success.
pub fn run_one(target: &str, input: &[u8], path: &Path) -> Result<(), String> {
    std::fs::write(path, input).map_err(|e| e.to_string())?;
    let escaped = |what: &str, payload: Box<dyn std::any::Any + Send>| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("{what} panicked: {msg}")
    };
    match target {
        "ipc" => {
            catch_unwind(|| drop(Soa::<Sample>::read_ipc(path))).map_err(|p| escaped("read_ipc", p))
        }
        "mapped_ipc" => catch_unwind(|| {
            // SAFETY: the fuzzer's own file, unchanged while mapped.
            let Ok(mapped) = (unsafe { MappedIpc::<Sample>::open(path) }) else {
                return;
            };
            for i in 0..mapped.num_batches() {
                let _ = mapped.batch(i);
            }
            let _ = mapped.column(Sample::ID).collect::<Vec<_>>();
            let _ = mapped.column(Sample::POS.then(Pos::Y)).collect::<Vec<_>>();
            let _ = mapped.to_soa();
        })
        .map_err(|p| escaped("MappedIpc", p)),
        "parquet" => catch_unwind(|| drop(Soa::<Sample>::read_parquet(path)))
            .map_err(|p| escaped("read_parquet", p)),
        "batch" => {
            // arrow-ipc's own reader makes the batches, once the crate's
            // checks accepted the footer (arrow-ipc reads whole blocks into
            // memory: their ranges must lie inside the file). Its panics
            // are not the crate's and are skipped; the import, of each
            // batch and of reshaped ones, must not panic.
            // SAFETY: the fuzzer's own file, unchanged while mapped.
            if unsafe { MappedIpc::<Sample>::open(path) }.is_err() {
                return Ok(());
            }
            let batches = catch_unwind(|| {
                let Ok(reader) = FileReader::try_new(Cursor::new(input.to_vec()), None) else {
                    return Vec::new();
                };
                reader.take(16).filter_map(Result::ok).collect::<Vec<_>>()
            })
            .unwrap_or_default();
            for batch in batches {
                for variant in reshaped(&batch) {
                    catch_unwind(AssertUnwindSafe(|| drop(Soa::<Sample>::try_from(&variant))))
                        .map_err(|p| escaped("TryFrom<RecordBatch>", p))?;
                }
            }
            Ok(())
        }
        "serde" => catch_unwind(|| drop(serde_json::from_slice::<Soa<Sample>>(input)))
            .map_err(|p| escaped("Deserialize", p)),
        "ipc_batches" | "ipc_stream" => catch_unwind(|| {
            if let Ok(batches) = Soa::<Sample>::read_ipc_batches(path, 7) {
                batches.for_each(drop);
            }
            let lenient = ReadOptions::new().skip_extra_columns().lossless_casts();
            if let Ok(batches) = Soa::<Sample>::read_ipc_batches_with(path, usize::MAX, &lenient) {
                batches.for_each(drop);
            }
            drop(Soa::<Sample>::read_ipc_with(path, &ReadOptions::new()));
        })
        .map_err(|p| escaped("the IPC batch readers", p)),
        "parquet_batches" => catch_unwind(|| {
            if let Ok(batches) = Soa::<Sample>::read_parquet_batches(path, 7) {
                batches.for_each(drop);
            }
            let lenient = ReadOptions::new().skip_extra_columns().lossless_casts();
            drop(Soa::<Sample>::read_parquet_with(path, &lenient));
            // A dataset of the one file (the directory beside `path`).
            let dir = path.with_extension("dataset");
            if std::fs::create_dir_all(&dir).is_ok()
                && std::fs::write(dir.join("part-0.parquet"), input).is_ok()
            {
                drop(read_dataset::<Sample>(&dir));
            }
        })
        .map_err(|p| escaped("the Parquet batch readers", p)),
        other => Err(format!("no fuzz target `{other}`")),
    }
}

/// A batch, sliced, with its columns in reverse order, and with each
/// column's array given the next column's name (types that do not match).
fn reshaped(batch: &RecordBatch) -> Vec<RecordBatch> {
    let mut out = vec![batch.clone()];
    let rows = batch.num_rows();
    if rows > 1 {
        out.push(batch.slice(1, rows - 1));
        out.push(batch.slice(rows / 2, 1));
    }
    let schema = batch.schema();
    let fields: Vec<_> = schema.fields().iter().cloned().collect();
    let columns = batch.columns().to_vec();
    let reversed = RecordBatch::try_new(
        Arc::new(Schema::new(
            fields.iter().rev().cloned().collect::<Vec<_>>(),
        )),
        columns.iter().rev().cloned().collect(),
    );
    out.extend(reversed.ok());
    if columns.len() > 1 {
        let renamed: Vec<_> = columns
            .iter()
            .enumerate()
            .map(|(i, array)| {
                let name = fields[(i + 1) % fields.len()].name().clone();
                Field::new(name, array.data_type().clone(), true)
            })
            .collect();
        let shifted = RecordBatch::try_new(Arc::new(Schema::new(renamed)), columns);
        out.extend(shifted.ok());
    }
    out
}
