//! Reading a value where it is kept: the model's structs are read into a place (a field's
//! slot, an element of a list) instead of being returned through serde's results. A struct of
//! a few hundred bytes returned by a `Deserialize` impl is copied at each level it passes
//! through on its way up (serde_json's map reader, `Option`'s `visit_some`, each `?`, the
//! slot it lands in); read into its place, it is built there once.

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use std::fmt;

/// A type `#[derive(DeserializeWire)]` reads into a place. The derive implements it for every
/// struct it reads, and uses it for a field marked `#[wire(in_place)]`.
pub(crate) trait ReadInto<'de>: Sized {
    /// Reads the value into `place`: `Some` once the value is read, untouched on an error.
    fn read_into<D: Deserializer<'de>>(d: D, place: &mut Option<Self>) -> Result<(), D::Error>;
}

/// The value a [`ReadInto`] reader put in `place`: `place` is `Some` whenever the reader
/// returned `Ok`, so the error names a bug in a reader, not a problem of the input.
pub(crate) fn read<'de, T: ReadInto<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let mut place = None;
    T::read_into(d, &mut place)?;
    place.ok_or_else(|| de::Error::custom("a value reader returned without a value"))
}

/// The seed of a `#[wire(in_place)]` field: reads a `T` into its slot.
pub(crate) struct SlotSeed<'p, T>(pub(crate) &'p mut Option<T>);

impl<'de, T: ReadInto<'de>> DeserializeSeed<'de> for SlotSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        T::read_into(d, self.0)
    }
}

/// The seed of a `#[wire(in_place)]` field of type `Option<T>`: `null` leaves the slot `None`
/// (as serde's own `Option` reads it), anything else is read into the slot as a `T`.
pub(crate) struct OptionSlotSeed<'p, T>(pub(crate) &'p mut Option<T>);

impl<'de, T: ReadInto<'de>> DeserializeSeed<'de> for OptionSlotSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: ReadInto<'de>> Visitor<'de> for OptionSlotSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        T::read_into(d, self.0)
    }
}
