//! Field descriptors on the record, its Fixed and Packed forms, and on byte
//! buffers in the Fixed and Packed layouts.

use compact_record::{CompactRecord, Error, Field, Form, FormKind, ReadOnly, RecordBytes};

#[derive(CompactRecord, Clone, Copy, Debug, Default, PartialEq)]
#[record(size = 12, align = 4, fixed_size = 12, packed_size = 12, bytes)]
pub struct Point {
    pub x: i32,
    pub y: i32,
    pub z: i32,
}

/// A record whose forms differ: Rust reorders it to 16 bytes, `#[repr(C)]`
/// pads it to 24, packing takes 14.
#[derive(CompactRecord, Clone, Copy, Debug, Default, PartialEq)]
#[record(size = 16, fixed_size = 24, packed_size = 14)]
pub struct Reading {
    pub sensor: u8,
    pub ts: u64,
    pub ok: bool,
    pub value: f32,
}

#[derive(CompactRecord, Clone, Debug, PartialEq)]
pub struct Account {
    #[record(readonly)]
    pub id: u64,
    pub name: String,
    pub balance: i64,
}

fn reading() -> Reading {
    Reading {
        sensor: 7,
        ts: 1_700_000_000_123,
        ok: true,
        value: 21.5,
    }
}

#[test]
fn descriptor_metadata_matches_offset_of() {
    assert_eq!(Point::X.name(), "x");
    assert_eq!(Point::Z.index(), 2);
    assert_eq!(Point::Y.offset(), core::mem::offset_of!(Point, y));
    assert_eq!(Reading::TS.offset(), core::mem::offset_of!(Reading, ts));
    assert_eq!(
        ReadingFixed::TS.offset(),
        core::mem::offset_of!(ReadingFixed, ts)
    );
    assert_eq!(ReadingFixed::VALUE.offset(), 20);
    assert_eq!(ReadingPacked::TS.offset(), 1);
    assert_eq!(ReadingPacked::VALUE.offset(), 10);
    assert_eq!(ReadingPacked::VALUE.path(), "ReadingPacked.value");
    assert_eq!(Reading::TS.size(), 8);
    for (i, info) in Reading::FIELDS.iter().enumerate() {
        assert_eq!(info.index, i);
    }
    assert_eq!(
        Reading::FIELDS[1].offset,
        core::mem::offset_of!(Reading, ts)
    );
    assert_eq!(Reading::FIELDS[1].type_name, "u64");
}

#[test]
fn fields_in_declared_order_and_lookup_by_name() {
    let names: Vec<_> = Reading::FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names, ["sensor", "ts", "ok", "value"]);
    let ts = Reading::field("ts").expect("ts exists");
    assert_eq!((ts.size, ts.align), (8, 8));
    assert!(Reading::field("missing").is_none());
    assert!(Account::field("id").unwrap().readonly);
    assert!(!Account::field("name").unwrap().readonly);
}

#[test]
fn get_set_replace_on_the_record() {
    let mut p = Point { x: 1, y: 2, z: 3 };
    assert_eq!(Point::X.get(&p), 1);
    assert_eq!(*Point::Y.get_ref(&p), 2);
    *Point::Z.get_mut(&mut p) += 10;
    assert_eq!(p.z, 13);
    Point::X.set(&mut p, -5);
    assert_eq!(Point::X.replace(&mut p, 9), -5);
    assert_eq!(p, Point { x: 9, y: 2, z: 13 });
}

#[test]
fn descriptors_on_the_fixed_form() {
    let mut f = ReadingFixed::from(reading());
    assert_eq!(ReadingFixed::TS.get(&f), 1_700_000_000_123);
    assert!(*ReadingFixed::OK.get_ref(&f));
    *ReadingFixed::VALUE.get_mut(&mut f) = 3.25;
    ReadingFixed::SENSOR.set(&mut f, 200);
    let back = Reading::from(f);
    assert_eq!(
        back,
        Reading {
            sensor: 200,
            value: 3.25,
            ..reading()
        }
    );
}

#[test]
fn descriptors_and_accessors_on_the_packed_form() {
    let mut k = ReadingPacked::from(reading());
    assert_eq!(ReadingPacked::TS.get(&k), 1_700_000_000_123);
    assert_eq!(k.ts(), 1_700_000_000_123);
    assert_eq!(ReadingPacked::TS.replace(&mut k, 42), 1_700_000_000_123);
    k.set_value(-1.5);
    k.set_ok(false);
    assert_eq!(k.ts(), 42);
    assert_eq!(
        Reading::from(k),
        Reading {
            ts: 42,
            value: -1.5,
            ok: false,
            ..reading()
        }
    );
    // Clone, Copy, Debug and PartialEq work without references to packed fields.
    let copy = k;
    assert_eq!(copy, k);
    assert_eq!(
        format!("{k:?}"),
        "ReadingPacked { sensor: 7, ts: 42, ok: false, value: -1.5 }"
    );
}

#[test]
fn descriptors_with_drop_glue_fields() {
    let mut a = Account {
        id: 1,
        name: "ann".into(),
        balance: 10,
    };
    assert_eq!(Account::NAME.replace(&mut a, "bob".into()), "ann");
    Account::NAME.get_mut(&mut a).push('!');
    assert_eq!(Account::NAME.get_ref(&a), "bob!");
    assert_eq!(Account::ID.get(&a), 1);
    let mut packed = AccountPacked::from(a.clone());
    assert_eq!(
        AccountPacked::NAME.replace(&mut packed, "cy".into()),
        "bob!"
    );
    AccountPacked::BALANCE.set(&mut packed, 99);
    assert_eq!(
        Account::from(packed),
        Account {
            id: 1,
            name: "cy".into(),
            balance: 99
        }
    );
    let fixed = AccountFixed::from(a.clone());
    assert_eq!(fixed.clone(), fixed);
    assert_eq!(Account::from(fixed), a);
}

#[test]
fn readonly_descriptors_read_but_have_no_write_access() {
    let id: Field<Account, u64, ReadOnly> = Account::ID;
    assert!(!id.is_writable());
    assert!(Account::NAME.is_writable());
    let a = Account {
        id: 5,
        name: String::new(),
        balance: 0,
    };
    assert_eq!(*id.get_ref(&a), 5);
    assert_eq!(Point::X.read_only().get(&Point { x: 4, y: 0, z: 0 }), 4);
}

#[test]
fn fixed_form_zeroes_padding_and_keeps_declared_order() {
    let f = ReadingFixed::from(reading());
    assert_eq!(core::mem::size_of::<ReadingFixed>(), 24);
    let layout = <ReadingFixed as Form>::FORM;
    assert_eq!(layout.kind, FormKind::Fixed);
    let offsets: Vec<_> = layout.fields.iter().map(|f| f.offset).collect();
    assert_eq!(offsets, [0, 8, 16, 20]);
    assert_eq!(layout.padding(), 10);
    assert_eq!(<ReadingPacked as Form>::FORM.padding(), 0);
    // Padding is zero: the Debug of the form shows only real fields, and
    // the default form equals a record of defaults.
    assert_eq!(
        ReadingFixed::default(),
        ReadingFixed::from(Reading {
            sensor: 0,
            ts: 0,
            ok: false,
            value: 0.0
        })
    );
    assert!(format!("{f:?}").starts_with("ReadingFixed { sensor: 7, ts: 1700000000123"));
}

#[test]
fn fields_read_and_written_in_byte_buffers() {
    let p = Point {
        x: 10,
        y: -20,
        z: 30,
    };
    // Packed layout, at an odd offset in a larger buffer: no alignment needed.
    let mut buf = [0u8; 13];
    buf[1..].copy_from_slice(PointPacked::from(p).as_bytes());
    let bytes = &mut buf[1..];
    assert_eq!(PointPacked::Y.read(bytes), Ok(-20));
    PointPacked::Z.write(bytes, 33).unwrap();
    assert_eq!(
        Point::from(PointPacked::read_from_bytes(bytes).unwrap()),
        Point { z: 33, ..p }
    );
    // Reading's packed layout, written field by field from zeroes.
    let mut raw = [0u8; 14];
    ReadingPacked::TS.write(&mut raw, 77).unwrap();
    ReadingPacked::VALUE.write(&mut raw, 2.5).unwrap();
    assert_eq!(&raw[1..9], &77u64.to_ne_bytes());
    assert_eq!(ReadingPacked::VALUE.read(&raw), Ok(2.5));
    assert_eq!(ReadingFixed::TS.read(&[0u8; 24]), Ok(0));
}

#[test]
fn short_buffers_are_errors_naming_field_and_lengths() {
    let short = [0u8; 11];
    let err = PointFixed::Z.read(&short).unwrap_err();
    assert_eq!(
        err,
        Error::TooShort {
            what: "PointFixed.z",
            needed: 12,
            given: 11
        }
    );
    assert_eq!(
        err.to_string(),
        "`PointFixed.z` needs a slice of at least 12 bytes, but the slice has 11"
    );
    let mut short = [1u8; 12];
    let err = ReadingFixed::VALUE.write(&mut short, 1.0).unwrap_err();
    assert_eq!(
        err,
        Error::TooShort {
            what: "ReadingFixed.value",
            needed: 24,
            given: 12
        }
    );
    assert_eq!(
        short, [1u8; 12],
        "a failed write leaves the buffer untouched"
    );
    assert!(PointPacked::X.read(&[]).is_err());
    assert_eq!(
        PointPacked::X.read(&[1, 0, 0, 0]),
        Ok(i32::from_ne_bytes([1, 0, 0, 0]))
    );
}

#[test]
fn byte_views_of_records_and_slices() {
    let points = [
        PointFixed::from(Point { x: 1, y: 2, z: 3 }),
        PointFixed::from(Point { x: 4, y: 5, z: 6 }),
    ];
    let bytes = PointFixed::slice_as_bytes(&points);
    assert_eq!(bytes.len(), 24);
    assert_eq!(&bytes[12..16], &4i32.to_ne_bytes());
    // An aligned buffer (an array of the form) viewed in place.
    let mut buffer = [PointFixed::default(); 3];
    PointFixed::slice_as_bytes_mut(&mut buffer)[..24].copy_from_slice(bytes);
    let aligned = PointFixed::slice_as_bytes(&buffer);
    let view = PointFixed::slice_from_bytes(&aligned[..24]).unwrap();
    assert_eq!(view, &points);
    let one = PointFixed::from_bytes(&aligned[12..24]).unwrap();
    assert_eq!(Point::from(*one), Point { x: 4, y: 5, z: 6 });

    let err = PointFixed::slice_from_bytes(&aligned[..20]).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            what: "PointFixed",
            record_size: 12,
            given: 20
        }
    );
    let err = PointFixed::from_bytes(&aligned[1..13]).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Misaligned {
                what: "PointFixed",
                align: 4,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("needs 4-byte alignment"));
    // Packed forms need no alignment.
    let packed = PointPacked::from_bytes(&aligned[1..13]).unwrap();
    let expected = i32::from_ne_bytes(aligned[1..5].try_into().unwrap());
    assert_eq!(packed.x(), expected);
    let err = PointPacked::from_bytes(&[0u8; 13]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a `PointPacked` record is 12 bytes, but the slice has 13"
    );
    // Writes through a mutable view land in the buffer.
    let raw = PointFixed::slice_as_bytes_mut(&mut buffer);
    PointFixed::from_bytes_mut(&mut raw[..12]).unwrap().y = 50;
    PointFixed::slice_from_bytes_mut(&mut raw[12..]).unwrap()[1].z = 60;
    assert_eq!((buffer[0].y, buffer[2].z), (50, 60));
}

#[test]
fn layout_table_shows_every_form_with_padding_rows() {
    let table = Reading::layout().to_string();
    for form in ["Reading (", "ReadingFixed (", "ReadingPacked ("] {
        assert!(table.contains(form), "missing {form} in\n{table}");
    }
    let fixed = table.split("ReadingFixed").nth(1).unwrap();
    assert!(
        fixed.contains("|      1 | [padding]        |              |     7 |"),
        "{table}"
    );
    assert!(
        fixed.contains("|     17 | [padding]        |              |     3 |"),
        "{table}"
    );
    assert!(
        fixed.contains("|        | TOTAL            | align 8      |    24 |"),
        "{table}"
    );
    let packed = table.split("ReadingPacked").nth(1).unwrap();
    assert!(!packed.contains("[padding]"));
    assert!(
        packed.contains("|        | TOTAL            | align 1      |    14 |"),
        "{table}"
    );
    assert_eq!(Reading::layout().form(FormKind::Packed).unwrap().size, 14);
    assert_eq!(Reading::FORMS.len(), 3);
}

/// The layout tables are built from the descriptors: every form's table
/// passes the repr(C)/packed self-checks and agrees with `offset_of!`.
#[test]
fn layout_tables_agree_with_offset_of_and_repr_rules() {
    for form in Point::FORMS.iter().chain(Reading::FORMS) {
        compact_record::__private::check_form(form);
    }
    let fixed = <ReadingFixed as Form>::FORM;
    let packed = <ReadingPacked as Form>::FORM;
    let record = <Reading as Form>::FORM;
    let offsets = [
        (
            core::mem::offset_of!(Reading, sensor),
            core::mem::offset_of!(ReadingFixed, sensor),
            core::mem::offset_of!(ReadingPacked, sensor),
        ),
        (
            core::mem::offset_of!(Reading, ts),
            core::mem::offset_of!(ReadingFixed, ts),
            core::mem::offset_of!(ReadingPacked, ts),
        ),
        (
            core::mem::offset_of!(Reading, ok),
            core::mem::offset_of!(ReadingFixed, ok),
            core::mem::offset_of!(ReadingPacked, ok),
        ),
        (
            core::mem::offset_of!(Reading, value),
            core::mem::offset_of!(ReadingFixed, value),
            core::mem::offset_of!(ReadingPacked, value),
        ),
    ];
    for (i, (r, f, p)) in offsets.into_iter().enumerate() {
        assert_eq!(record.fields[i].offset, r, "{}", record.fields[i].name);
        assert_eq!(fixed.fields[i].offset, f, "{}", fixed.fields[i].name);
        assert_eq!(packed.fields[i].offset, p, "{}", packed.fields[i].name);
        assert_eq!(fixed.fields[i].index, i);
        assert_eq!(record.fields[i].type_name, fixed.fields[i].type_name);
    }
    assert_eq!(fixed.fields[1].type_name, "u64");
    assert_eq!((fixed.size, packed.size, packed.align), (24, 14, 1));
}
