//! The response writer: compact JSON, byte for byte what `serde_json::to_writer` writes, with
//! strings found and copied eight bytes at a time (see `escape`).
//!
//! Each `serde` call writes straight into the output buffer. What a response almost never holds
//! is handed to `serde_json` itself, so that it is written exactly as `serde_json` writes it:
//! floating-point numbers, and map keys that are not strings.

mod escape;
mod text;

use escape::write_str;
use serde::ser::{self, Serialize};
use serde_json::Error;
use text::Text;

/// Appends `value` to `out` as compact JSON, as `serde_json::to_writer(out, value)` would
/// (the same bytes, the same errors); on an error `out` holds part of the value.
pub(crate) fn to_writer<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Json(out))
}

/// The names `serde_json` gives the structs that carry JSON text to write as it is:
/// `RawValue`, and `Number` when its `arbitrary_precision` feature is on (any crate of the
/// build may turn it on).
const RAW_TOKENS: [&str; 2] = ["$serde_json::private::RawValue", "$serde_json::private::Number"];

/// A value's writer.
struct Json<'a>(&'a mut Vec<u8>);

/// An array or object being written: the bytes that close it, and whether an element has been
/// written (a comma goes before the next).
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    close: &'static [u8],
    first: bool,
    /// A struct of [`RAW_TOKENS`]: its one field is JSON text, written as it is.
    raw: bool,
}

impl<'a> Compound<'a> {
    fn open(out: &'a mut Vec<u8>, open: u8, close: &'static [u8]) -> Self {
        out.push(open);
        Compound { out, close, first: true, raw: false }
    }

    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(b',');
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(Json(self.out))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        if self.raw {
            return value.serialize(Text { out: self.out, key: false });
        }
        self.comma();
        write_str(self.out, key);
        self.out.push(b':');
        value.serialize(Json(self.out))
    }

    fn close(self) -> Result<(), Error> {
        // One or two bytes: pushed, not copied by a call.
        for &byte in self.close {
            self.out.push(byte);
        }
        Ok(())
    }
}

fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) -> Result<(), Error> {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    Ok(())
}

/// A value written by `serde_json` itself, into the same buffer.
fn by_serde_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    serde_json::to_writer(out, value)
}

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, n: $ty) -> Result<(), Error> {
            integer(self.0, n)
        })*
    };
}

impl<'a> ser::Serializer for Json<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        by_serde_json(self.0, &v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        by_serde_json(self.0, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::open(self.0, b'[', b"]");
        v.iter().try_for_each(|b| seq.element(b))?;
        seq.close()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut object = Compound::open(self.0, b'{', b"}");
        object.field(variant, value)?;
        object.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.0, b'[', b"]"))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        opened_variant(self.0, variant, b'[', b"]}")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(Compound::open(self.0, b'{', b"}"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        if RAW_TOKENS.contains(&name) {
            return Ok(Compound { out: self.0, close: b"", first: true, raw: true });
        }
        Ok(Compound::open(self.0, b'{', b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        opened_variant(self.0, variant, b'{', b"}}")
    }
}

/// `{"<variant>":` and the opening of its content.
fn opened_variant<'a>(
    out: &'a mut Vec<u8>,
    variant: &str,
    open: u8,
    close: &'static [u8],
) -> Result<Compound<'a>, Error> {
    out.push(b'{');
    write_str(out, variant);
    out.push(b':');
    Ok(Compound::open(out, open, close))
}

/// The `serde` traits of arrays (`serialize_element` or `serialize_field` for each element),
/// and of objects whose keys are field names: one body each, written once.
macro_rules! compounds {
    ($($array:ident::$element:ident),*; $($object:ident),*) => {
        $(impl ser::$array for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        })*
        $(impl ser::$object for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        })*
    };
}

compounds!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field;
    SerializeStruct,
    SerializeStructVariant
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(Text { out: self.out, key: true })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.out.push(b':');
        value.serialize(Json(self.out))
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

#[cfg(test)]
mod tests;
