//! What the caller says about the enum (name, visibility, attributes, runtime, where
//! the code goes), and what its attributes are.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};

/// Traits the generated enum always derives, with the `core` module of each: the
/// expansion emits `::core::{module}::{name}`, and a user derive of one of them would
/// clash.
pub const DERIVED: [(&str, &str); 7] = [
    ("clone", "Clone"),
    ("marker", "Copy"),
    ("cmp", "PartialEq"),
    ("cmp", "Eq"),
    ("hash", "Hash"),
    ("cmp", "PartialOrd"),
    ("cmp", "Ord"),
];

/// The name the macro's short forms and the command give the enum.
pub const DEFAULT_NAME: &str = "ObsErrorCode";

/// Where generated code goes; what differs between the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// A macro's expansion: every source file is made an input of the build
    /// (`include_bytes!`), and the re-export names the hidden module by a path spanned
    /// with this crate's edition, which also works inside a function body.
    Macro,
    /// A file to `include!`: no `include_bytes!` (a build script prints
    /// `cargo::rerun-if-changed` instead), and the re-export says `self::`, which the
    /// includer's edition reads the same in any module.
    File,
}

/// Everything about the generated enum except its rows.
#[derive(Debug, Clone)]
pub struct EnumSpec {
    /// Outer attributes and doc comments, each a whole `#[...]`.
    pub attrs: Vec<TokenStream>,
    /// The enum's visibility (`pub`, `pub(crate)`, or nothing).
    pub vis: TokenStream,
    /// The enum's name; helper items are named after it.
    pub name: Ident,
    /// The path of the `obs-codes` crate, to implement its `ErrorCode` trait.
    pub runtime: Option<TokenStream>,
    /// Where the code goes: a macro's expansion or a generated file.
    pub output: Output,
    /// `Some(n)` when an enum of this name was already generated in this compilation
    /// (the macro counts its calls): the enum then goes in a hidden module numbered `n`
    /// and is re-exported, so that two calls in one module clash once, at the
    /// re-exported name. `None`: the enum is written in place, so rustdoc documents it
    /// as a hand-written enum there.
    pub repeat_index: Option<usize>,
}

impl EnumSpec {
    /// `pub enum {name}` with no attributes, no runtime, sources tracked.
    #[must_use]
    pub fn new(name: &str) -> Self {
        EnumSpec {
            attrs: Vec::new(),
            vis: quote::quote!(pub),
            name: Ident::new(name, Span::call_site()),
            runtime: None,
            output: Output::Macro,
            repeat_index: None,
        }
    }

    /// True when one of the attributes is a doc comment or `#[doc = ...]`.
    pub(super) fn has_docs(&self) -> bool {
        self.attrs
            .iter()
            .any(|attr| attr_name(attr).is_some_and(|name| name == "doc"))
    }

    /// The `#[cfg(...)]` attributes: every generated item gets them, so that the impls
    /// go where the enum goes.
    pub(super) fn cfg_attrs(&self) -> Vec<&TokenStream> {
        self.attrs
            .iter()
            .filter(|attr| attr_name(attr).is_some_and(|name| name == "cfg"))
            .collect()
    }
}

/// The name of an attribute `#[name ...]`, and its bracketed group.
fn attr_name(attr: &TokenStream) -> Option<Ident> {
    attr_parts(attr).map(|(name, _)| name)
}

/// The name of an attribute `#[name ...]`, and the tokens after the name.
pub(super) fn attr_parts(attr: &TokenStream) -> Option<(Ident, TokenStream)> {
    let mut tokens = attr.clone().into_iter();
    let _pound = tokens.next();
    let Some(TokenTree::Group(group)) = tokens.next() else {
        return None;
    };
    let mut inner = group.stream().into_iter();
    match inner.next() {
        Some(TokenTree::Ident(name)) => Some((name, inner.collect())),
        _ => None,
    }
}
