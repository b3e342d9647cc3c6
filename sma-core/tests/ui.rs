//! Compile errors are part of the API: every mistake `#[on]` and `handlers![..]` reject, as the
//! user sees it, and valid signatures that must keep compiling.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/on/*.rs");
    t.compile_fail("tests/ui/handlers/*.rs");
    t.compile_fail("tests/ui/literals/*.rs");
    t.compile_fail("tests/ui/app/*.rs");
    t.compile_fail("tests/ui/arguments/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
