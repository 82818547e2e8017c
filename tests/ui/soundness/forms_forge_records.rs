//! A record that is neither `Clone`, `Copy` nor `Default`, with a private
//! field: its forms must not make one from nothing or copy one.
#![forbid(unsafe_code)]

mod token {
    use compact_record::CompactRecord;

    /// One of a kind: no `Clone`, no `Default`, and `id` is private.
    #[derive(CompactRecord, Debug, PartialEq)]
    pub struct Token {
        id: u32,
    }

    impl Token {
        pub fn issue() -> Self {
            Token { id: 7 }
        }
    }
}

use token::{Token, TokenFixed, TokenPacked, TokenSoa};

fn main() {
    // Made from nothing.
    let _: Token = TokenFixed::default().into();
    let _: Token = TokenPacked::default().into();
    // Duplicated.
    let fixed = TokenFixed::from(Token::issue());
    let _: Token = fixed.clone().into();
    let packed = TokenPacked::from(Token::issue());
    let copy = packed;
    let _: Token = packed.into();
    let _: Token = copy.into();
    let mut soa = TokenSoa::new();
    soa.push(Token::issue());
    fn copies<T: Copy>() {}
    copies::<TokenPacked>();
    copies::<TokenFixed>();
    let _: Token = soa.get(0).unwrap().to_record();
    let _: Token = Token::from(soa.get(0).unwrap());
}
