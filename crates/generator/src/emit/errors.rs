//! The error codes a method's page documents, as an enum per method (`CrmDealAddError`)
//! that implements `b24_protocol::DocumentedError` (the request type's `error` function,
//! emitted by `request_extras`, reads it from a `b24_protocol::Error`).

use b24_spec::{ErrorSpec, MethodSpec};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::common_texts::CommonTexts;
use crate::docs;
use crate::model::{ErrorCode, ErrorsDef};
use crate::naming::{NameSet, error_variant_name, ident, snake_name};

/// The fallback variant: a code the page does not list, kept as sent.
pub const FALLBACK: &str = "Undocumented";

/// One distinct code and every table row that documents it (pages repeat a code with
/// different messages, the empty code most of all).
struct Code<'a> {
    variant: Ident,
    code: &'a str,
    rows: Vec<&'a ErrorSpec>,
}

/// The documented errors of `spec` as the enum `enum_text`, and its test (for the
/// module's tests), or `None` when its page documents no errors.
pub fn documented_errors(
    spec: &MethodSpec,
    enum_text: &str,
    common: &CommonTexts,
) -> Option<(ErrorsDef, TokenStream)> {
    if spec.errors.is_empty() {
        return None;
    }
    let codes = distinct_codes(&spec.errors)
        .iter()
        .map(|code| ErrorCode {
            variant: code.variant.to_string(),
            code: code.code.to_owned(),
            doc: variant_doc(code, spec, common),
            status: documented_status(&code.rows),
        })
        .collect();
    let name = ident(enum_text);
    let test_name = format_ident!(
        "{}_documented_codes",
        snake_name(enum_text).unwrap_or_default()
    );
    let test = quote! {
        #[test]
        fn #test_name() {
            b24_protocol::testing::check_documented_error::<#name>();
        }
    };
    let def = ErrorsDef {
        name: enum_text.to_owned(),
        method: spec.method.clone(),
        codes,
    };
    Some((def, test))
}

/// The enum of `def`, whose request type is `request`.
pub fn render(def: &ErrorsDef, request: &str) -> TokenStream {
    let name = ident(&def.name);
    let fallback = ident(FALLBACK);
    let variants: Vec<Ident> = def.codes.iter().map(|code| ident(&code.variant)).collect();
    let variant_defs = variants.iter().zip(&def.codes).map(|(variant, code)| {
        let doc = docs::attrs(&code.doc);
        quote!(#doc #variant,)
    });
    let as_str_arms = variants.iter().zip(&def.codes).map(|(variant, code)| {
        let code = &code.code;
        quote!(Self::#variant => #code,)
    });
    let from_code_arms = variants.iter().zip(&def.codes).map(|(variant, code)| {
        let code = &code.code;
        quote!(#code => Self::#variant,)
    });
    let status_arms: Vec<TokenStream> = variants
        .iter()
        .zip(&def.codes)
        .filter_map(|(variant, code)| {
            let status = code.status?;
            Some(quote!(Self::#variant => Some(#status),))
        })
        .collect();
    let http_status = (!status_arms.is_empty()).then(|| {
        quote! {
            fn http_status(&self) -> Option<u16> {
                match self {
                    #(#status_arms)*
                    _ => None,
                }
            }
        }
    });
    let raw_codes = def.codes.iter().map(|code| &code.code);
    let enum_doc = docs::attrs(&format!(
        "Error codes the documentation of `{}` lists; see [`{request}::error`].",
        def.method
    ));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            // The fallback and `as_str` are documented once in the crate docs ("# Errors").
            #fallback(String),
        }

        impl #name {
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::#fallback(code) => code,
                }
            }

        }

        impl b24_protocol::DocumentedError for #name {
            const CODES: &'static [&'static str] = &[#(#raw_codes),*];

            fn from_code(code: &str) -> Self {
                match code {
                    #(#from_code_arms)*
                    other => Self::#fallback(other.to_owned()),
                }
            }

            fn code(&self) -> &str {
                self.as_str()
            }

            #http_status
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

    }
}

/// Codes in the order the page lists them, each with its rows, each with a distinct variant.
fn distinct_codes(errors: &[ErrorSpec]) -> Vec<Code<'_>> {
    let mut names = NameSet::with_reserved(&[FALLBACK]);
    let mut codes: Vec<Code<'_>> = Vec::new();
    for error in errors {
        if let Some(known) = codes.iter_mut().find(|c| c.code == error.code) {
            known.rows.push(error);
            continue;
        }
        let base =
            error_variant_name(&error.code).unwrap_or_else(|| format!("Code{}", codes.len() + 1));
        codes.push(Code {
            variant: ident(&names.claim(base)),
            code: &error.code,
            rows: vec![error],
        });
    }
    codes
}

/// The status every row of a code agrees on.
fn documented_status(rows: &[&ErrorSpec]) -> Option<u16> {
    let first = rows.first()?.http_status?;
    rows.iter()
        .all(|row| row.http_status == Some(first))
        .then_some(first)
}

fn variant_doc(code: &Code<'_>, spec: &MethodSpec, common: &CommonTexts) -> String {
    let mut doc = if code.code.is_empty() {
        "An empty code (`\"\"`).".to_owned()
    } else {
        format!("{}.", code_span(code.code))
    };
    if let Some(status) = documented_status(&code.rows) {
        doc.push_str(&format!(" HTTP {status}."));
    }
    doc.push('\n');
    let rows: Vec<String> = code
        .rows
        .iter()
        .map(|row| row_doc(row, spec, common))
        .filter(|text| !text.is_empty())
        .collect();
    match rows.as_slice() {
        [] => {}
        [one] => {
            doc.push('\n');
            doc.push_str(one);
            doc.push('\n');
        }
        many => {
            doc.push('\n');
            for row in many {
                doc.push_str("- ");
                doc.push_str(&row.replace('\n', "\n  "));
                doc.push('\n');
            }
        }
    }
    doc
}

/// One documented row: the message the portal sends, and what it means.
/// A description many methods share is in the crate documentation, linked with the method
/// named (so the line is this method's own).
fn row_doc(row: &ErrorSpec, spec: &MethodSpec, common: &CommonTexts) -> String {
    let mut parts = Vec::new();
    if let Some(message) = row.message.as_deref().filter(|m| !m.is_empty()) {
        parts.push(format!("Message {}", code_span(message)));
    }
    let (description, shared) = common.split(row.description.trim());
    if !description.is_empty() {
        parts.push(docs::markdown(&description, &spec.source));
    }
    if !shared.is_empty() {
        parts.push(format!(
            "as `{}` documents it, {}",
            spec.method,
            CommonTexts::links(&shared)
        ));
    }
    parts.join(": ")
}

/// `text` as an inline code span, with enough backticks around it.
fn code_span(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(code: &str, description: &str) -> ErrorSpec {
        ErrorSpec {
            code: code.to_owned(),
            message: None,
            description: description.to_owned(),
            http_status: Some(400),
        }
    }

    #[test]
    fn repeated_codes_share_a_variant_and_colliding_names_get_suffixes() {
        let errors = [
            error("ACCESS_DENIED", "a"),
            error("", "b"),
            error("Access denied", "c"),
            error("", "d"),
            error("100", "e"),
            error("Undocumented", "f"),
        ];
        let codes = distinct_codes(&errors);
        let names: Vec<(String, &str, usize)> = codes
            .iter()
            .map(|c| (c.variant.to_string(), c.code, c.rows.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("AccessDenied".to_owned(), "ACCESS_DENIED", 1),
                ("EmptyCode".to_owned(), "", 2),
                ("AccessDenied2".to_owned(), "Access denied", 1),
                ("Code100".to_owned(), "100", 1),
                ("Undocumented2".to_owned(), "Undocumented", 1),
            ]
        );
    }

    #[test]
    fn a_status_is_documented_only_when_rows_agree() {
        let mut other = error("X", "b");
        other.http_status = Some(403);
        let same = error("X", "a");
        assert_eq!(documented_status(&[&same, &same]), Some(400));
        assert_eq!(documented_status(&[&same, &other]), None);
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("A_B"), "`A_B`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }
}
