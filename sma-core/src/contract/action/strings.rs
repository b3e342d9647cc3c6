//! What the string newtypes of the model share, declared once for `target.rs` (the ids) and
//! `formats.rs` (the checked formats).

/// The views every string newtype of the model shares: `as_str`, `into_string`, `AsRef<str>`,
/// comparison with a `str`, `Display`. Used by `string_newtype!` (the ids, `target.rs`) and
/// `checked_string!` (the checked formats, `formats.rs`).
macro_rules! string_views {
    ($name:ident) => {
        impl $name {
            /// The string as it travels on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the string.
            pub fn into_string(self) -> String {
                self.0.into_string()
            }

            /// The string as a [`Text`](crate::contract::text::Text) (a reference count, not a copy).
            pub fn as_text(&self) -> &crate::contract::text::Text {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
