//! `#[record(derive(Target: ...))]` and `#[record(attr(Target: ...))]`:
//! derives and attributes forwarded to the generated forms and row views.

use std::collections::HashSet;

use compact_record::CompactRecord;

#[derive(CompactRecord, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[record(derive(Ref + Mut: serde::Serialize))]
#[record(derive(Ref: Eq, Hash, PartialOrd, Ord))]
#[record(derive(Fixed: serde::Serialize, serde::Deserialize, PartialOrd, Ord))]
#[record(derive(Packed: PartialOrd, Ord))]
#[record(attr(Ref: serde(rename_all = "UPPERCASE")))]
#[record(attr(Fixed: serde(deny_unknown_fields)))]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

#[test]
fn serde_derives_on_the_row_views() {
    let points: PointSoa = vec![Point { x: 1, y: 2 }, Point { x: 3, y: 4 }].into();
    let row: PointRef<'_> = points.row(1);
    assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"X":3,"Y":4}"#);
    let rows: Vec<PointRef<'_>> = points.iter().collect();
    assert_eq!(
        serde_json::to_string(&rows).unwrap(),
        r#"[{"X":1,"Y":2},{"X":3,"Y":4}]"#
    );
    let mut points = points;
    let m: PointMut<'_> = points.row_mut(0);
    assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"x":1,"y":2}"#);
}

#[test]
fn std_derives_the_views_lack_are_added() {
    let points: PointSoa = vec![
        Point { x: 1, y: 2 },
        Point { x: 1, y: 2 },
        Point { x: 0, y: 9 },
    ]
    .into();
    let distinct: HashSet<PointRef<'_>> = points.iter().collect();
    assert_eq!(distinct.len(), 2);
    assert_eq!(
        points.iter().min().unwrap().to_record(),
        Point { x: 0, y: 9 }
    );
    let a = PointPacked::from(Point { x: 1, y: 5 });
    let b = PointPacked::from(Point { x: 2, y: 0 });
    assert!(a < b);
    let f = PointFixed::from(Point { x: 7, y: 8 });
    assert!(f > PointFixed::from(Point { x: 7, y: 7 }));
}

#[test]
fn serde_round_trip_of_the_fixed_form_with_its_forwarded_attribute() {
    let f = PointFixed::from(Point { x: -3, y: 30 });
    let json = serde_json::to_string(&f).unwrap();
    // The fixed form of a concrete record has its padding as explicit,
    // always-zero fields, which a forwarded derive sees too (empty here).
    assert_eq!(json, r#"{"x":-3,"__cr_pad_0":[],"y":30,"__cr_pad_1":[]}"#);
    let back: PointFixed = serde_json::from_str(&json).unwrap();
    assert_eq!(Point::from(back), Point { x: -3, y: 30 });
    // `deny_unknown_fields` was forwarded: an unknown key is refused.
    let err = serde_json::from_str::<PointFixed>(r#"{"x":1,"y":2,"z":3}"#).unwrap_err();
    assert!(err.to_string().contains("unknown field `z`"), "{err}");
}
