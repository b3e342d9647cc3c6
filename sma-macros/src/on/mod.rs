//! `#[on(Event, leg = "...", action = ...)]`: parse, check, generate.

mod check;
mod codegen;
mod parse;

use proc_macro2::TokenStream;

/// Collects every error of one item, so that all are reported together.
#[derive(Default)]
pub(crate) struct Errors(Vec<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    pub(crate) fn at(&mut self, span: proc_macro2::Span, message: impl std::fmt::Display) {
        self.0.push(syn::Error::new(span, message));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn into_tokens(self) -> TokenStream {
        self.0.into_iter().map(|e| e.to_compile_error()).collect()
    }
}

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let func = match syn::parse2::<parse::RawFn>(item.clone()) {
        Ok(f) => f,
        Err(e) => {
            let mut out = item;
            out.extend(
                syn::Error::new(
                    e.span(),
                    "`#[on]` goes on a handler function: `#[on(NewInboundCall)] async fn greet(call: Call) -> Actions { .. }`",
                )
                .to_compile_error(),
            );
            return out;
        }
    };
    let mut errors = Errors::default();
    let parsed = parse::parse_args(args, &mut errors);
    let krate = parsed.krate.clone().unwrap_or_default();
    let model = check::check(parsed, &func, &mut errors);
    match model {
        Some(model) if errors.is_empty() => codegen::handler(&func, &model),
        _ => {
            // The user's fn unchanged, the errors, and a stub proxy so that `handlers![f]`
            // does not add an error of its own.
            let mut out = func.to_tokens();
            out.extend(errors.into_tokens());
            // A method lives in an `impl` block, where a struct cannot be declared.
            if func.sig.receiver().is_none() {
                out.extend(codegen::stub(&func, &krate));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn errors_of(args: TokenStream, item: TokenStream) -> Vec<String> {
        let out = expand(args, item).to_string();
        out.split("compile_error !").skip(1).map(|s| s.chars().take(400).collect()).collect()
    }

    #[test]
    fn valid_route_expands_to_a_proxy() {
        let out = expand(
            quote!(ActionSuccessful, leg = "LEG-A", action = SpeakAndGetDigits),
            quote!(
                async fn menu(call: Call, digits: Digits) -> Actions {
                    todo!()
                }
            ),
        )
        .to_string();
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("struct menu { }"), "{out}");
        assert!(out.contains(":: sma_core :: __private :: kind :: ActionSuccessful"), "{out}");
        assert!(out.contains(":: sma_core :: __private :: action :: SpeakAndGetDigits"), "{out}");
        assert!(out.contains("1u8"), "{out}");
        // Generated code names nothing of sma-core outside its hidden module.
        let outside = out.replace(":: sma_core :: __private ::", "");
        assert!(!outside.contains("sma_core"), "{out}");
    }

    #[test]
    fn a_crate_override_names_the_re_exporting_crate() {
        let out = expand(
            quote!(Hangup, crate = "::sma"),
            quote!(
                async fn bye() {}
            ),
        )
        .to_string();
        assert!(!out.contains("compile_error"), "{out}");
        assert!(out.contains("impl :: sma :: __private :: Handler for bye"), "{out}");
        assert!(!out.contains("sma_core"), "{out}");
        let bad = expand(
            quote!(Hangup, crate = sma),
            quote!(
                async fn bye() {}
            ),
        )
        .to_string();
        assert!(bad.contains("write the crate as a string"), "{bad}");
    }

    /// Token text broken into lines at `;`, `{` and `}` so that a change of the expansion reads
    /// as a diff.
    fn lines(tokens: TokenStream) -> String {
        let mut out = String::new();
        for piece in tokens.to_string().split_inclusive(['{', '}', ';']) {
            out.push_str(piece.trim());
            out.push('\n');
        }
        out
    }

    /// Expansion snapshot of a representative route; `SMA_BLESS=1` rewrites it after review.
    #[test]
    fn expansion_snapshot() {
        let out = lines(expand(
            quote!(ActionSuccessful, leg = "LEG-A", action = SpeakAndGetDigits),
            quote!(
                pub async fn menu(call: Call, digits: Digits) -> Actions {
                    body()
                }
            ),
        ));
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/on_menu.txt");
        if std::env::var_os("SMA_BLESS").is_some() {
            std::fs::write(&path, &out).expect("write the snapshot");
        }
        let expected = std::fs::read_to_string(&path).expect("the snapshot (run with SMA_BLESS=1)");
        assert_eq!(out, expected, "the expansion changed; review it, then bless with SMA_BLESS=1");
    }

    #[test]
    fn all_mistakes_of_one_item_are_reported_together() {
        let errors = errors_of(
            quote!(NewInbondCall, leg = "B", colour = 3),
            quote!(
                async fn f<T>(x: &Call) {}
            ),
        );
        let all = errors.join("\n");
        assert!(all.contains("did you mean `NewInboundCall`"), "{all}");
        assert!(all.contains("\\\"LEG-B\\\""), "{all}");
        assert!(all.contains("unknown key `colour`"), "{all}");
        assert!(all.contains("generic"), "{all}");
        assert!(all.contains("by value"), "{all}");
        assert_eq!(errors.len(), 5, "{all}");
    }

    #[test]
    fn leg_b_on_an_a_only_event() {
        let all = errors_of(
            quote!(NewInboundCall, leg = "LEG-B"),
            quote!(
                async fn f() {}
            ),
        )
        .join("\n");
        assert!(all.contains("never about LEG-B"), "{all}");
    }

    #[test]
    fn action_filter_needs_action_data() {
        let all = errors_of(
            quote!(Ringing, action = Speak),
            quote!(
                async fn f() {}
            ),
        )
        .join("\n");
        assert!(all.contains("carries no action"), "{all}");
    }
}
