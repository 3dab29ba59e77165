use super::*;
use crate::test_support::{scratch, synthetic_codes};
use quote::quote;
use std::fmt::Write as _;

/// The default enum from `t.csv` in `dir`.
fn generate_t(dir: &std::path::Path) -> TokenStream {
    crate::generate(
        &EnumSpec::new(DEFAULT_NAME),
        &[Source::from_arg("t.csv")],
        dir,
    )
}

fn expand_file(dir: &std::path::Path) -> (syn::File, String) {
    let tokens = generate_t(dir);
    let text = tokens.to_string();
    let file = syn::parse2::<syn::File>(tokens).expect("the expansion is valid Rust");
    (file, text)
}

/// The items of the expansion's hidden module.
fn module_items(file: &syn::File) -> &[syn::Item] {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) => m.content.as_ref().map(|(_, items)| &items[..]),
            _ => None,
        })
        .expect("one module")
}

/// Every item of the expansion, its hidden module's included.
fn all_items(file: &syn::File) -> impl Iterator<Item = &syn::Item> {
    file.items.iter().chain(module_items(file))
}

fn the_enum(file: &syn::File) -> &syn::ItemEnum {
    all_items(file)
        .find_map(|item| match item {
            syn::Item::Enum(e) => Some(e),
            _ => None,
        })
        .expect("one enum")
}

/// What each item is, top level first: `mod NAME`, `enum NAME`, `impl`, or its tokens.
fn kinds(items: &[syn::Item]) -> Vec<String> {
    items
        .iter()
        .map(|item| match item {
            syn::Item::Mod(m) => format!("mod {}", m.ident),
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Const(c) => format!("const {}", c.ident),
            syn::Item::Impl(_) => "impl".to_owned(),
            other => quote!(#other).to_string(),
        })
        .collect()
}

fn compile_errors(text: &str) -> usize {
    text.matches("compile_error").count()
}

const TABLE: &str = "code,http_status,description,aliases\n\
    NoSuchKey,404 Not Found,The key does not exist.,NoSuchObject\n\
    SlowDown,503,Reduce your **request** rate.,\n";

#[test]
fn expands_to_an_enum_its_impls_and_the_parse_error() {
    let (file, text) = expand_file(&scratch("expand", TABLE.as_bytes()));
    let item = the_enum(&file);
    assert_eq!(item.ident, "ObsErrorCode");
    let variants: Vec<String> = item.variants.iter().map(|v| v.ident.to_string()).collect();
    assert_eq!(variants, ["NoSuchKey", "SlowDown"]);
    assert!(
        item.variants
            .iter()
            .all(|v| v.attrs.iter().any(|a| a.path().is_ident("doc")))
    );
    let impls = all_items(&file)
        .filter(|item| matches!(item, syn::Item::Impl(_)))
        .count();
    // inherent, Debug, Display, FromStr, TryFrom, AsRef, Error; the error type's
    // inherent, Debug, Display and Error.
    assert_eq!(impls, 11);
    assert!(
        module_items(&file).iter().any(
            |item| matches!(item, syn::Item::Struct(s) if s.ident == "ObsErrorCodeParseError")
        )
    );
    assert_eq!(compile_errors(&text), 0);
    // The table is an input of the build, through a path relative to the crate.
    assert!(text.contains("include_bytes"));
    assert!(text.contains("\"t.csv\""));
    assert!(
        text.contains("\"Reduce your request rate.\""),
        "plain description"
    );
}

#[test]
fn the_expansion_does_not_depend_on_the_checkout_location() {
    let (_, here) = expand_file(&scratch("place-a", TABLE.as_bytes()));
    let (_, there) = expand_file(&scratch("place-b", TABLE.as_bytes()));
    assert_eq!(here, there);
    assert!(!here.contains(&*std::env::temp_dir().to_string_lossy()));
}

#[test]
fn problems_become_compile_errors_next_to_the_good_rows() {
    let table = "code,http_status,description\nGood,400,Fine.\nBad,4x,Broken.\nWorse,,Broken.\n";
    let (file, text) = expand_file(&scratch("broken", table.as_bytes()));
    assert_eq!(compile_errors(&text), 2);
    assert!(text.contains("t.csv:3:5: `4x` is not an HTTP status"));
    assert_eq!(the_enum(&file).variants.len(), 1);
}

#[test]
fn the_enum_form_names_the_enum_and_keeps_attributes() {
    let dir = scratch("enum-form", TABLE.as_bytes());
    let spec = EnumSpec {
        attrs: vec![quote!(#[doc = " Ours."]), quote!(#[repr(u16)])],
        vis: quote!(pub(crate)),
        ..EnumSpec::new("Gateway")
    };
    let tokens = crate::generate(
        &spec,
        &[Source::from_arg("obs"), Source::from_arg("t.csv")],
        &dir,
    );
    let file = syn::parse2::<syn::File>(tokens).unwrap();
    let item = the_enum(&file);
    assert_eq!(item.ident, "Gateway");
    // The enum, written in place, and the parse error's re-export carry the visibility.
    assert!(matches!(item.vis, syn::Visibility::Restricted(_)));
    assert!(file.items.iter().any(|item| matches!(
        item,
        syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Restricted(_))
    )));
    assert!(item.attrs.iter().any(|a| a.path().is_ident("repr")));
    // 132 bundled codes, NoSuchKey is already one of them (a repeat, reported), SlowDown too.
    assert_eq!(item.variants.len(), 132);
}

/// The tokens for `table` (as `t.csv`) under `spec`.
fn expand_with(spec: &EnumSpec, name: &str, table: &str) -> TokenStream {
    let dir = scratch(name, table.as_bytes());
    crate::generate(spec, &[Source::from_arg("t.csv")], &dir)
}

#[test]
fn the_enums_cfg_goes_on_every_item() {
    let spec = EnumSpec {
        attrs: vec![quote!(#[cfg(feature = "codes")]), quote!(#[deprecated])],
        ..EnumSpec::new("Gated")
    };
    let tokens = expand_with(&spec, "cfg", TABLE);
    let file = syn::parse2::<syn::File>(tokens).unwrap();
    // The parse error's module and its re-export, the enum, its inherent impl and six
    // trait impls, and the table as an input of the build.
    assert_eq!(file.items.len(), 11);
    for item in &file.items {
        let text = quote!(#item).to_string();
        assert!(text.starts_with("# [cfg (feature = \"codes\")]"), "{text}");
    }
}

#[test]
fn a_repr_too_narrow_is_reported_at_the_attribute_and_left_out() {
    let codes: Vec<String> = (0..300).map(|i| format!("Code{i}")).collect();
    let table = crate::synthetic::table(&codes);
    let spec = EnumSpec {
        attrs: vec![quote!(#[repr(u8)])],
        ..EnumSpec::new("Narrow")
    };
    let text = expand_with(&spec, "repr", &table).to_string();
    assert_eq!(compile_errors(&text), 1, "{text}");
    assert!(text.contains(
        "the table has 300 rows, which do not fit `#[repr(u8)]`: the variants are numbered 0 to 299, and `u8` holds 256 of them: use `#[repr(u16)]` or a wider integer"
    ));
    assert!(!text.contains("repr (u8)"));
}

#[test]
fn no_generated_private_name_is_an_item() {
    let (file, text) = expand_file(&scratch("private", TABLE.as_bytes()));
    // The one generated name is the hidden module's, which holds the parse error: its
    // re-export and the three places the impls name the error by its path. The enum is
    // written in place, as a hand-written one would be.
    assert_eq!(text.matches("__").count(), 5, "{text}");
    let top = kinds(&file.items);
    assert_eq!(
        top[..3],
        [
            "mod __obs_errors_ObsErrorCode",
            "# [allow (unused_imports)] pub use __obs_errors_ObsErrorCode :: ObsErrorCodeParseError ;",
            "enum ObsErrorCode"
        ]
    );
    assert_eq!(top[3..10], ["impl"; 7]);
    assert_eq!(top[10..], ["const _"]);
    assert_eq!(
        kinds(module_items(&file)),
        [
            "struct ObsErrorCodeParseError",
            "impl",
            "impl",
            "impl",
            "impl"
        ]
    );
}

#[test]
fn a_name_generated_before_goes_in_a_numbered_hidden_module() {
    let spec = EnumSpec {
        repeat_index: Some(1),
        vis: quote!(pub(crate)),
        ..EnumSpec::new(DEFAULT_NAME)
    };
    let file = syn::parse2::<syn::File>(expand_with(&spec, "repeat", TABLE)).unwrap();
    // A clash with the earlier enum of the name is then one error, at the re-export.
    let top = kinds(&file.items);
    assert_eq!(
        top,
        [
            "mod __obs_errors_ObsErrorCode_1",
            "# [allow (unused_imports , deprecated)] pub (crate) use __obs_errors_ObsErrorCode_1 :: { ObsErrorCode , ObsErrorCodeParseError } ;"
        ]
    );
    let inner = kinds(module_items(&file));
    assert_eq!(
        inner[..2],
        [
            "# [allow (unused_imports)] use super :: * ;",
            "enum ObsErrorCode"
        ]
    );
    assert_eq!(inner.iter().filter(|kind| *kind == "impl").count(), 11);
}

#[test]
fn codes_that_defeat_the_hash_expand_to_a_binary_search() {
    // Long codes that differ only far inside, next to a short one: sorted.
    let mut table = "code,variant,http_status,description\n".to_owned();
    for i in 0..8 {
        writeln!(table, "{}{i}{},,400,x", "x".repeat(60), "y".repeat(60)).unwrap();
    }
    table.push_str("short,,400,x\n<V<V<V<V,,400,x\n\u{e9}\u{e9}\u{e9}\u{e9},Eeee,400,x\n");
    let (file, text) = expand_file(&scratch("sorted", table.as_bytes()));
    assert_eq!(compile_errors(&text), 0, "{text}");
    assert!(text.contains("binary search"));
    assert_eq!(the_enum(&file).variants.len(), 11);
}

#[test]
fn ten_thousand_rows_expand() {
    let table = crate::synthetic::table(&synthetic_codes(10_000));
    let (file, text) = expand_file(&scratch("large", table.as_bytes()));
    assert_eq!(compile_errors(&text), 0);
    assert_eq!(the_enum(&file).variants.len(), 10_000);
}

#[test]
fn ten_megabytes_of_garbage_fail_with_one_error() {
    let mut state: u32 = 0x9E37_79B9;
    let binary: Vec<u8> = (0..10 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let (_, text) = expand_file(&scratch("garbage-binary", &binary));
    assert_eq!(compile_errors(&text), 1);
    assert!(text.contains("not valid UTF-8"));
    let words = "lorem, ipsum \"dolor\" sit\namet,\n".repeat(10 << 20 >> 5);
    let (_, text) = expand_file(&scratch("garbage-text", words.as_bytes()));
    assert_eq!(compile_errors(&text), 1, "{}", &text[..text.len().min(500)]);
    assert!(text.contains("not a table header"));
}

#[test]
fn variant_docs_summarise_the_row() {
    let dir = scratch(
        "docs",
        b"code,http_status,description,aliases,solution\nA<b>,N/A,Use [x] & **y**.,A2,Do `z`.\n",
    );
    let tokens = generate_t(&dir).to_string();
    // One doc attribute per variant, its lines joined (escaped in the token text).
    for expected in [
        "[doc = \" Use \\\\[x\\\\] \\\\& **y**.\\n",
        "\\n * HTTP status: none (`N/A`)\\n",
        "\\n * Wire code: `A<b>`\\n",
        "\\n * Also accepted: `A2`\\n",
        "\\n * Retryable: no (the default rule: no status)\\n",
        "\\n * Defined on line 2 of `t.csv`\\n",
        "\\n **Solution:** Do `z`.\"]",
    ] {
        assert!(tokens.contains(expected), "{expected} in {tokens}");
    }
}

#[test]
fn an_empty_enum_matches_on_self_in_every_method_body() {
    // Every row is broken: the enum has no variants, and the problems are the errors.
    let spec = EnumSpec {
        runtime: Some(quote!(::obs_codes)),
        ..EnumSpec::new("Empty")
    };
    let tokens = expand_with(&spec, "empty", "code,http_status,description\nBad,4x,x\n");
    let text = tokens.to_string();
    assert_eq!(the_enum(&syn::parse2(tokens).unwrap()).variants.len(), 0);
    // `Debug`, `Display` and `AsRef` take `&self`.
    assert_eq!(text.matches("match * self { }").count(), 3, "{text}");
    // Seven inherent methods and the seven `ErrorCode` methods that forward to them.
    assert_eq!(text.matches("match self { }").count(), 14, "{text}");
    assert!(!text.contains("as_str ()"), "{text}");
}
