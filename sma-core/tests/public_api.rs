//! The public API of the five library crates, as listings checked into the repository
//! (`<crate>/public-api.txt` for sma-core, sma-macros, sma-syntax, sma-client and sma-connect):
//! every `pub` item of every source file with its signature (doc comments left out), every
//! trait impl, and the text of the declaring macros whose expansions are public types. A change
//! to any of them fails this test until the listings are updated with
//! `SMA_BLESS=1 cargo test -p sma-core --test public_api`. That makes the change visible in
//! review, where `CHANGELOG.md` must say it (and how to migrate, when it breaks). It costs the
//! suite well under a second.

mod support;

use proc_macro2::{TokenStream, TokenTree};
use quote::{ToTokens, quote};
use std::path::Path;
use support::source::sources;
use syn::{ImplItem, Item, TraitItem, Visibility};

const LISTING: &str = "public-api.txt";

/// `#[doc = ..]` attributes (doc comments) and `#[cfg(test)]` modules are not API.
fn without_docs(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        if let TokenTree::Punct(p) = &tree {
            if p.as_char() == '#' {
                if let Some(TokenTree::Group(g)) = trees.peek() {
                    let first = g.stream().into_iter().next().map(|t| t.to_string());
                    if first.as_deref() == Some("doc") {
                        trees.next();
                        continue;
                    }
                }
            }
        }
        out.push(match tree {
            TokenTree::Group(g) => {
                let mut inner = proc_macro2::Group::new(g.delimiter(), without_docs(g.stream()));
                inner.set_span(g.span());
                TokenTree::Group(inner)
            }
            other => other,
        });
    }
    out.into_iter().collect()
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn is_test_module(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.to_token_stream().to_string().contains("test"))
}

fn line(out: &mut Vec<String>, tokens: TokenStream) {
    out.push(without_docs(tokens).to_string());
}

/// The API lines of the items of one file (or inline module).
fn items(list: &[Item], out: &mut Vec<String>) {
    for item in list {
        match item {
            Item::Fn(f) if is_pub(&f.vis) => line(out, f.sig.to_token_stream()),
            Item::Struct(s) if is_pub(&s.vis) => {
                let mut s = s.clone();
                s.attrs.retain(|a| !a.path().is_ident("doc"));
                if let syn::Fields::Named(fields) = &mut s.fields {
                    fields.named =
                        fields.named.iter().filter(|f| is_pub(&f.vis)).cloned().collect();
                }
                line(out, s.to_token_stream());
            }
            Item::Enum(e) if is_pub(&e.vis) => line(out, e.to_token_stream()),
            Item::Trait(t) if is_pub(&t.vis) => {
                let (ident, generics) = (&t.ident, &t.generics);
                line(out, quote!(pub trait #ident #generics));
                for inner in &t.items {
                    match inner {
                        TraitItem::Fn(f) => line(out, f.sig.to_token_stream()),
                        TraitItem::Const(c) => {
                            let (ident, ty) = (&c.ident, &c.ty);
                            line(out, quote!(const #ident: #ty));
                        }
                        TraitItem::Type(t) => line(out, t.to_token_stream()),
                        _ => {}
                    }
                }
            }
            Item::Const(c) if is_pub(&c.vis) => {
                let (ident, ty) = (&c.ident, &c.ty);
                line(out, quote!(pub const #ident: #ty));
            }
            Item::Static(s) if is_pub(&s.vis) => {
                let (ident, ty) = (&s.ident, &s.ty);
                line(out, quote!(pub static #ident: #ty));
            }
            Item::Type(t) if is_pub(&t.vis) => line(out, t.to_token_stream()),
            Item::Use(u) if is_pub(&u.vis) => line(out, u.to_token_stream()),
            Item::Mod(m) if is_pub(&m.vis) && !is_test_module(&m.attrs) => {
                let ident = &m.ident;
                line(out, quote!(pub mod #ident));
                if let Some((_, inner)) = &m.content {
                    items(inner, out);
                }
            }
            Item::Impl(i) => {
                let (generics, ty) = (&i.generics, &i.self_ty);
                let where_clause = &i.generics.where_clause;
                match &i.trait_ {
                    Some((bang, path, _)) => {
                        line(out, quote!(impl #generics #bang #path for #ty #where_clause));
                    }
                    None => {
                        for inner in &i.items {
                            if let ImplItem::Fn(f) = inner {
                                if is_pub(&f.vis) {
                                    let sig = &f.sig;
                                    line(out, quote!(impl #generics #ty { #sig }));
                                }
                            }
                        }
                    }
                }
            }
            // The declaring macros (`string_newtype!`, `open_enum!`, `actions!`, ...) write
            // public types: their definitions and invocations are listed as written.
            Item::Macro(m) => line(out, m.to_token_stream()),
            _ => {}
        }
    }
}

/// The listing of these files (path relative to `src/`, text), in path order.
fn listing(files: &[(String, String)]) -> Result<String, String> {
    let mut text = String::new();
    for (path, source) in files {
        let file = syn::parse_file(source).map_err(|e| format!("{path}: {e}"))?;
        let mut lines = Vec::new();
        items(&file.items, &mut lines);
        for l in lines {
            text.push_str(&format!("{path}: {l}\n"));
        }
    }
    Ok(text)
}

/// The first line where two listings differ, shown whole.
fn first_difference(expected: &str, found: &str) -> Option<String> {
    let (mut e, mut f) = (expected.lines(), found.lines());
    loop {
        match (e.next(), f.next()) {
            (None, None) => return None,
            (a, b) if a == b => continue,
            (a, b) => {
                return Some(format!(
                    "listed:  {}\nin code: {}",
                    a.unwrap_or("(nothing)"),
                    b.unwrap_or("(nothing)")
                ));
            }
        }
    }
}

#[test]
fn the_public_api_is_the_listed_one() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut changed = Vec::new();
    for krate in ["sma-core", "sma-macros", "sma-syntax", "sma-client", "sma-connect"] {
        let root = workspace.join(krate);
        let src = root.join("src");
        let mut paths = Vec::new();
        sources(&src, &mut paths);
        let mut files: Vec<(String, String)> = paths
            .iter()
            .map(|p| {
                let shown = p.strip_prefix(&src).expect("under src").to_string_lossy();
                (shown.replace('\\', "/"), std::fs::read_to_string(p).expect("read source"))
            })
            .collect();
        files.sort();
        let found = listing(&files).expect("the sources parse");
        let path = root.join(LISTING);
        if std::env::var_os("SMA_BLESS").is_some() {
            std::fs::write(&path, &found).expect("write the listing");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(difference) = first_difference(&expected, &found) {
            changed.push(format!("{krate}:\n{difference}"));
        }
    }
    assert!(
        changed.is_empty(),
        "the public API changed:\n{}\nIf the change is meant, say it in CHANGELOG.md (with the \
         migration, if it breaks), then update the listings: \
         SMA_BLESS=1 cargo test -p sma-core --test public_api",
        changed.join("\n")
    );
}

#[test]
fn a_changed_signature_is_caught_and_private_code_is_not() {
    let file = |text: &str| vec![("action/x.rs".to_owned(), text.to_owned())];
    let before = listing(&file(
        "/// Docs do not count.\npub fn get(&self, key: &str) -> Option<&String> { None }\n\
         fn private() {}\npub(crate) fn internal() {}\n#[cfg(test)] mod tests { pub fn t() {} }",
    ))
    .expect("parses");
    assert_eq!(before.lines().count(), 1, "{before}");
    let changed =
        listing(&file("pub fn get(&self, key: &str) -> Option<&str> { None }")).expect("parses");
    let shown = first_difference(&before, &changed).expect("a difference");
    assert!(shown.contains("Option < & String >") && shown.contains("Option < & str >"), "{shown}");
    let redocumented =
        listing(&file("/// Other docs.\npub fn get(&self, key: &str) -> Option<&String> {}"))
            .expect("parses");
    assert_eq!(first_difference(&before, &redocumented), None, "docs are not API");
    let field = |ty: &str| listing(&file(&format!("pub struct S {{ pub a: {ty}, b: u8 }}")));
    let shown = first_difference(&field("u32").expect("parses"), &field("u64").expect("parses"));
    assert!(shown.is_some_and(|s| s.contains("pub a : u64")));
    let impls =
        listing(&file("impl From<u8> for S { fn from(_: u8) -> S { S } }")).expect("parses");
    assert!(impls.contains("impl From < u8 > for S"), "{impls}");
}
