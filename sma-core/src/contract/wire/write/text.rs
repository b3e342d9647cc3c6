//! The two places where the response writer takes text rather than a value: an object's key,
//! and the JSON text `serde_json` carries in a `RawValue` (or an arbitrary-precision `Number`).

use super::{Error, by_serde_json, write_str};
use serde::ser::{self, Impossible, Serialize};

/// Writes a map key (`key`) or a raw JSON text (not `key`).
///
/// A key is a string or, as `serde_json` allows, a number, `bool`, `char` or unit variant
/// written as a string: anything but a string is handed to `serde_json`, so that it is written
/// or refused exactly as there. A raw text must be a string, written as it is.
pub(super) struct Text<'a> {
    pub(super) out: &'a mut Vec<u8>,
    pub(super) key: bool,
}

impl Text<'_> {
    /// Any other key: written by `serde_json`, as the key of a map of one entry.
    fn other<T: Serialize + ?Sized>(self, key: &T) -> Result<(), Error> {
        if !self.key {
            return Err(ser::Error::custom("expected RawValue"));
        }
        struct One<'k, T: ?Sized>(&'k T);
        impl<T: Serialize + ?Sized> Serialize for One<'_, T> {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(self.0, &())?;
                map.end()
            }
        }
        let mut one = Vec::new();
        by_serde_json(&mut one, &One(key))?;
        // `{<key>:null}`
        let end = one.len().saturating_sub(b":null}".len());
        self.out.extend_from_slice(one.get(1..end).unwrap_or_default());
        Ok(())
    }

    fn unsupported<T>(self) -> Result<T, Error> {
        Err(ser::Error::custom(if self.key { "key must be a string" } else { "expected RawValue" }))
    }
}

macro_rules! others {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), Error> {
            self.other(&v)
        })*
    };
}

impl ser::Serializer for Text<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    others!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_bytes: &[u8]);

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        if self.key {
            write_str(self.out, v);
        } else {
            self.out.extend_from_slice(v.as_bytes());
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        if !self.key {
            return self.unsupported();
        }
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.other(&None::<()>)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.other(&Some(value))
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.other(&())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.unsupported()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        if !self.key {
            return self.unsupported();
        }
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if !self.key {
            return self.unsupported();
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        self.unsupported()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        self.unsupported()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        self.unsupported()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        self.unsupported()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.unsupported()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        self.unsupported()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        self.unsupported()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.unsupported()
    }
}
