//! compact-record is a dependency named `cr` here, so `::compact_record`
//! does not resolve: every generated path must go through
//! `#[record(crate = "::cr")]`.
#![deny(warnings, missing_docs)]

use cr::CompactRecord;

/// A record of a crate that renamed compact-record.
#[derive(CompactRecord, Clone, Copy, Debug, PartialEq)]
#[record(crate = "::cr", size = 8, fixed_size = 8, packed_size = 5, bytes)]
pub struct Sample {
    /// Identifier.
    pub id: u32,
    /// Flag byte.
    #[record(readonly)]
    pub flag: u8,
}

/// A generic record in the same crate.
#[derive(CompactRecord, Clone, Debug, PartialEq)]
#[record(crate = "cr")]
pub struct Tagged<T> {
    /// Payload.
    pub value: T,
    /// Label.
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use cr::RecordBytes;

    #[test]
    fn every_form_works_through_the_renamed_path() {
        let s = Sample { id: 7, flag: 1 };
        assert_eq!(Sample::ID.get(&s), 7);
        assert_eq!(SamplePacked::from(s).as_bytes().len(), 5);
        assert_eq!(SampleFixed::FLAG.get(&SampleFixed::from(s)), 1);
        assert!(Sample::layout().to_string().contains("SamplePacked"));
        let t = Tagged {
            value: 1.5f64,
            label: "a".into(),
        };
        assert_eq!(Tagged::<f64>::from(TaggedPacked::from(t.clone())), t);
    }
}
