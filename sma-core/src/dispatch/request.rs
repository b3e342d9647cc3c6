//! What an extractor reads: the invocation, the application's shared state, and what the host
//! running the application attached to this invocation (the Lambda context, on Lambda).

use crate::contract::event::Invocation;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// Everything an extractor can read: the invocation, the application's shared state and the
/// invocation's extensions (the Lambda context, when the application runs on Lambda). Cheap to
/// clone.
///
/// See [Understanding telephony events](https://docs.aws.amazon.com/chime-sdk/latest/dg/pstn-invocations.html).
///
/// ```
/// # let json = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/event_NEW_INBOUND_CALL_basic.json")).unwrap();
/// let event: sma_core::Invocation = serde_json::from_str(&json).unwrap();
/// let req = sma_core::Request::new(event).with_extension(7u8);
/// assert_eq!(req.invocation().sequence, 1);
/// assert_eq!(req.extension::<u8>(), Some(&7));
/// ```
#[derive(Clone, Debug)]
pub struct Request {
    invocation: Arc<Invocation>,
    state: Arc<StateMap>,
    extensions: Extensions,
}

/// A request's extensions. The runtime attaches one (the Lambda context): it is kept on its
/// own, and a map is made only for more.
#[derive(Clone, Default)]
struct Extensions {
    first: Option<(TypeId, Arc<dyn Any + Send + Sync>)>,
    more: Option<Arc<StateMap>>,
}

impl Extensions {
    fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.insert_shared(Arc::new(value));
    }

    fn insert_shared<T: Send + Sync + 'static>(&mut self, value: Arc<T>) {
        match &self.first {
            None => self.first = Some((TypeId::of::<T>(), value)),
            Some((id, _)) if *id == TypeId::of::<T>() => {
                self.first = Some((TypeId::of::<T>(), value));
            }
            Some(_) => Arc::make_mut(self.more.get_or_insert_default()).insert_shared(value),
        }
    }

    fn get<T: Send + Sync + 'static>(&self) -> Option<&T> {
        match &self.first {
            Some((id, value)) if *id == TypeId::of::<T>() => value.downcast_ref::<T>(),
            _ => self.more.as_ref().and_then(|m| m.get_ref::<T>()),
        }
    }
}

impl fmt::Debug for Extensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extensions").field("more", &self.more).finish_non_exhaustive()
    }
}

impl Request {
    /// A request for `invocation` with no shared state and no extension.
    pub fn new(invocation: Invocation) -> Self {
        Request::from_parts(Arc::new(invocation), Arc::new(StateMap::default()))
    }

    /// A request for a shared invocation with the application's shared state.
    pub fn from_parts(invocation: Arc<Invocation>, state: Arc<StateMap>) -> Self {
        Request { invocation, state, extensions: Extensions::default() }
    }

    /// Attaches a value for this invocation only, read by extractors with
    /// [`Request::extension`] (the runtime attaches the Lambda context this way).
    pub fn with_extension<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        self.extensions.insert(value);
        self
    }

    /// [`Request::with_extension`] for a value already shared: the runtime shares the Lambda
    /// context from the start, so that the futures it passes through move a pointer, not the
    /// context's 376 bytes.
    pub(crate) fn with_shared_extension<T: Send + Sync + 'static>(mut self, value: Arc<T>) -> Self {
        self.extensions.insert_shared(value);
        self
    }

    /// The invocation.
    pub fn invocation(&self) -> &Invocation {
        &self.invocation
    }

    /// The invocation, shared.
    pub fn invocation_arc(&self) -> Arc<Invocation> {
        self.invocation.clone()
    }

    /// The shared state registered with `App::state`.
    pub fn state(&self) -> &StateMap {
        &self.state
    }

    /// A value attached to this invocation with [`Request::with_extension`].
    pub fn extension<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }
}

/// Values stored once by type: the application's shared state, or a request's extensions.
///
/// ```
/// let mut state = sma_core::StateMap::default();
/// state.insert(42u32);
/// assert_eq!(state.get::<u32>().map(|v| *v), Some(42));
/// ```
#[derive(Default, Clone)]
pub struct StateMap {
    values:
        HashMap<TypeId, (Arc<dyn Any + Send + Sync>, &'static str), BuildHasherDefault<IdHasher>>,
}

/// The hasher of a map keyed by `TypeId`: a `TypeId` is already a hash of its type, which it
/// hands over as one `u64`; the default SipHash of that costs a lookup about 80 instructions
/// (callgrind), on every invocation that reads the state. (`http::Extensions` keys its map the
/// same way.)
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not what `TypeId` writes today; any other input is still hashed, word by word.
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = self.0.rotate_left(5) ^ id;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl StateMap {
    /// Stores `value`, replacing any earlier value of the same type.
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.insert_shared(Arc::new(value));
    }

    /// Stores a value already shared.
    pub(crate) fn insert_shared<T: Send + Sync + 'static>(&mut self, value: Arc<T>) {
        self.values.insert(TypeId::of::<T>(), (value, std::any::type_name::<T>()));
    }

    /// The value of type `T`, if one was stored.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        let (value, _) = self.values.get(&TypeId::of::<T>())?;
        value.clone().downcast::<T>().ok()
    }

    /// The value of type `T`, borrowed.
    pub fn get_ref<T: Send + Sync + 'static>(&self) -> Option<&T> {
        let (value, _) = self.values.get(&TypeId::of::<T>())?;
        value.downcast_ref::<T>()
    }

    /// Whether a value of type `T` is stored.
    pub fn contains<T: Send + Sync + 'static>(&self) -> bool {
        self.values.contains_key(&TypeId::of::<T>())
    }
}

impl fmt::Debug for StateMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.values.values().map(|(_, name)| name)).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_of_several_types_and_replacement() {
        let json = include_str!("../../../tests/fixtures/event_NEW_INBOUND_CALL_basic.json");
        let event: Invocation = serde_json::from_str(json).expect("a fixture");
        let req = Request::new(event)
            .with_extension(7u8)
            .with_extension("context")
            .with_extension(9u8)
            .with_extension(3u32);
        assert_eq!(req.extension::<u8>(), Some(&9));
        assert_eq!(req.extension::<&str>(), Some(&"context"));
        assert_eq!(req.extension::<u32>(), Some(&3));
        assert_eq!(req.extension::<u64>(), None);
        let cloned = req.clone().with_extension(4u32);
        assert_eq!((req.extension::<u32>(), cloned.extension::<u32>()), (Some(&3), Some(&4)));
    }

    #[test]
    fn state_of_many_types_by_their_ids() {
        let mut state = StateMap::default();
        macro_rules! each {
            ($($n:literal)+) => {
                $( state.insert([$n as u8; $n]); )+
                $( assert_eq!(state.get_ref::<[u8; $n]>(), Some(&[$n as u8; $n])); )+
            };
        }
        each!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19);
        assert!(!state.contains::<[u8; 20]>());
        // Bytes written whole are hashed too: inputs that differ hash apart.
        let hash = |bytes: &[u8]| {
            let mut h = IdHasher::default();
            h.write(bytes);
            h.finish()
        };
        assert_ne!(hash(b"12345678"), hash(b"12345679"));
        assert_ne!(hash(b"12345678"), hash(b"123456789"));
    }
}
