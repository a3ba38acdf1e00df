//! A direct YAML writer for specs: the same bytes as `yaml_serde` (libyaml's emitter with
//! unlimited width and unicode output), without its event machinery, which was a quarter
//! of `codegen import`.
//!
//! Only the shapes specs have are written: block mappings, indentless block sequences under
//! keys, `[]`/`{}` for empty ones, and scalars in libyaml's plain, single-quoted,
//! double-quoted and literal styles, chosen by libyaml's rules. A scalar whose libyaml
//! rendering this writer does not reproduce (line breaks other than `\n` outside double
//! quotes, a literal ending in a line break) makes it give up with [`Unsupported`], and the
//! caller falls back to `yaml_serde`.

use crate::method::{DefaultValue, Deprecation, EnumValue, ErrorSpec, Param, Response};
use crate::{ApiVersion, EventSpec, MethodSpec, ReferenceType, Required, TypeRef};

/// The spec holds a scalar this writer does not render exactly as libyaml would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unsupported;

type Written = Result<(), Unsupported>;

/// The YAML text being written.
#[derive(Debug, Default)]
pub(crate) struct YamlWriter {
    out: String,
}

impl YamlWriter {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            out: String::with_capacity(capacity),
        }
    }

    /// Writes into `out`'s allocation (emptied first), so a caller can reuse one buffer.
    pub(crate) fn reusing(mut out: String) -> Self {
        out.clear();
        Self { out }
    }

    pub(crate) fn into_string(self) -> String {
        self.out
    }

    /// The document's top-level mapping.
    fn document(&mut self) -> Map<'_> {
        Map {
            out: &mut self.out,
            column: 0,
            inline_first: false,
        }
    }
}

/// A block mapping whose keys start at `column`. After a sequence's `- `, the first key
/// goes on the dash's line.
struct Map<'o> {
    out: &'o mut String,
    column: usize,
    inline_first: bool,
}

impl Map<'_> {
    /// Starts a `key:` line.
    fn key(&mut self, key: &str) {
        if self.inline_first {
            self.inline_first = false;
        } else {
            push_spaces(self.out, self.column);
        }
        self.out.push_str(key);
        self.out.push(':');
    }

    fn str(&mut self, key: &str, value: &str) -> Written {
        self.key(key);
        scalar(self.out, value, self.column + 2)?;
        self.out.push('\n');
        Ok(())
    }

    /// `None` is written as `null`, as serde writes a missing option it does not skip.
    fn opt_str(&mut self, key: &str, value: Option<&str>) -> Written {
        match value {
            Some(value) => self.str(key, value),
            None => {
                self.raw(key, "null");
                Ok(())
            }
        }
    }

    /// A value written as is: numbers, booleans, `null`.
    fn raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push(' ');
        self.out.push_str(value);
        self.out.push('\n');
    }

    /// A string under a local tag (`!prose text`), as serde writes a newtype variant.
    fn tagged(&mut self, key: &str, tag: &str, value: &str) -> Written {
        self.key(key);
        self.out.push_str(" !");
        self.out.push_str(tag);
        scalar(self.out, value, self.column + 2)?;
        self.out.push('\n');
        Ok(())
    }

    /// A nested mapping; `empty` when it will write no key (it is then `{}`).
    fn map(
        &mut self,
        key: &str,
        empty: bool,
        body: impl FnOnce(&mut Map<'_>) -> Written,
    ) -> Written {
        self.key(key);
        if empty {
            self.out.push_str(" {}\n");
            return Ok(());
        }
        self.out.push('\n');
        body(&mut Map {
            out: self.out,
            column: self.column + 2,
            inline_first: false,
        })
    }

    /// A sequence of mappings; libyaml does not indent a block sequence under a key.
    fn maps<T>(
        &mut self,
        key: &str,
        items: &[T],
        mut item: impl FnMut(&mut Map<'_>, &T) -> Written,
    ) -> Written {
        self.key(key);
        if items.is_empty() {
            self.out.push_str(" []\n");
            return Ok(());
        }
        self.out.push('\n');
        for value in items {
            push_spaces(self.out, self.column);
            self.out.push_str("- ");
            item(
                &mut Map {
                    out: self.out,
                    column: self.column + 2,
                    inline_first: true,
                },
                value,
            )?;
        }
        Ok(())
    }

    fn strs(&mut self, key: &str, items: &[String]) -> Written {
        self.key(key);
        if items.is_empty() {
            self.out.push_str(" []\n");
            return Ok(());
        }
        self.out.push('\n');
        for value in items {
            push_spaces(self.out, self.column);
            self.out.push('-');
            scalar(self.out, value, self.column + 2)?;
            self.out.push('\n');
        }
        Ok(())
    }
}

fn push_spaces(out: &mut String, count: usize) {
    // Indentation is a few levels deep: one copy from a run of spaces, not a char each.
    const SPACES: &str = "                                ";
    let mut left = count;
    while left > 0 {
        let part = left.min(SPACES.len());
        out.push_str(&SPACES[..part]);
        left -= part;
    }
}

/// What a spec file writes.
pub(crate) trait WriteYaml {
    fn write_yaml(&self, writer: &mut YamlWriter) -> Written;
}

/// The spec's YAML text, or `None` when it holds a scalar this writer does not reproduce.
pub(crate) fn to_yaml(spec: &impl WriteYaml) -> Option<String> {
    // Specs are a few KB; most fit without regrowing.
    let mut writer = YamlWriter::with_capacity(8 * 1024);
    spec.write_yaml(&mut writer).ok()?;
    Some(writer.into_string())
}

/// [`to_yaml`] into `out` (emptied first); `false` when the spec holds a scalar this
/// writer does not reproduce (`out` then holds a partial text).
pub(crate) fn to_yaml_into(spec: &impl WriteYaml, out: &mut String) -> bool {
    let mut writer = YamlWriter::reusing(std::mem::take(out));
    let written = spec.write_yaml(&mut writer).is_ok();
    *out = writer.into_string();
    written
}

impl WriteYaml for MethodSpec {
    fn write_yaml(&self, writer: &mut YamlWriter) -> Written {
        let mut map = writer.document();
        map.raw("schema_version", &self.schema_version.to_string());
        map.str("method", &self.method)?;
        map.raw(
            "api_version",
            match self.api_version {
                ApiVersion::Classic => "classic",
                ApiVersion::RestV3 => "rest_v3",
            },
        );
        map.str("source", &self.source)?;
        map.str("title", &self.title)?;
        map.str("description", &self.description)?;
        map.strs("scope", &self.scope)?;
        map.opt_str("who_can_call", self.who_can_call.as_deref())?;
        deprecation(&mut map, self.deprecated.as_ref())?;
        map.maps("params", &self.params, param)?;
        map.map("response", false, |map| response(map, &self.response))?;
        map.maps("errors", &self.errors, error)?;
        map.raw("system_errors", bool_word(self.system_errors));
        Ok(())
    }
}

impl WriteYaml for EventSpec {
    fn write_yaml(&self, writer: &mut YamlWriter) -> Written {
        let mut map = writer.document();
        map.raw("schema_version", &self.schema_version.to_string());
        map.str("event", &self.event)?;
        map.str("source", &self.source)?;
        map.str("title", &self.title)?;
        map.str("description", &self.description)?;
        map.strs("scope", &self.scope)?;
        map.opt_str("who_can_subscribe", self.who_can_subscribe.as_deref())?;
        deprecation(&mut map, self.deprecated.as_ref())?;
        map.maps("payload", &self.payload, param)?;
        Ok(())
    }
}

impl WriteYaml for ReferenceType {
    fn write_yaml(&self, writer: &mut YamlWriter) -> Written {
        let mut map = writer.document();
        map.raw("schema_version", &self.schema_version.to_string());
        map.str("name", &self.name)?;
        map.raw("kind", self.kind.as_str());
        map.str("source", &self.source)?;
        map.str("description", &self.description)?;
        if let Some(method) = &self.values_from {
            map.str("values_from", method)?;
        }
        if !self.enum_values.is_empty() {
            map.maps("enum", &self.enum_values, enum_value)?;
        }
        if let Some(module) = &self.module {
            map.str("module", module)?;
        }
        if let Some(rust_name) = &self.rust_name {
            map.str("rust_name", rust_name)?;
        }
        if let Some(user_fields) = &self.user_fields {
            map.str("user_fields", user_fields)?;
        }
        if !self.fields.is_empty() {
            map.maps("fields", &self.fields, param)?;
        }
        Ok(())
    }
}

fn bool_word(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn deprecation(map: &mut Map<'_>, deprecated: Option<&Deprecation>) -> Written {
    let Some(deprecated) = deprecated else {
        map.raw("deprecated", "null");
        return Ok(());
    };
    let empty = deprecated.note.is_none() && deprecated.replacement.is_none();
    map.map("deprecated", empty, |map| {
        if let Some(note) = &deprecated.note {
            map.str("note", note)?;
        }
        if let Some(replacement) = &deprecated.replacement {
            map.str("replacement", replacement)?;
        }
        Ok(())
    })
}

fn type_ref(map: &mut Map<'_>, ty: &TypeRef) -> Written {
    map.map("type", false, |map| {
        map.opt_str("written", ty.written.as_deref())?;
        map.str("normalized", &ty.normalized.to_string())
    })
}

fn param(map: &mut Map<'_>, param: &Param) -> Written {
    map.str("name", &param.name)?;
    if !param.alternatives.is_empty() {
        map.strs("alternatives", &param.alternatives)?;
    }
    if let Some(pattern) = &param.pattern {
        map.str("pattern", pattern)?;
    }
    type_ref(map, &param.ty)?;
    match param.required {
        Required::True => map.raw("required", "true"),
        Required::False => map.raw("required", "false"),
        Required::Unknown => map.raw("required", "unknown"),
    }
    if let Some(condition) = &param.required_if {
        map.str("required_if", condition)?;
    }
    match &param.default {
        Some(DefaultValue::Literal(value)) => map.tagged("default", "literal", value)?,
        Some(DefaultValue::Prose(value)) => map.tagged("default", "prose", value)?,
        None => {}
    }
    if !param.enum_values.is_empty() {
        map.maps("enum", &param.enum_values, enum_value)?;
    }
    if let Some(method) = &param.values_from {
        map.str("values_from", method)?;
    }
    if let Some(example) = &param.example {
        map.str("example", example)?;
    }
    if let Some(since) = &param.since {
        map.str("since", since)?;
    }
    if !param.variants.is_empty() {
        map.strs("variants", &param.variants)?;
    }
    map.str("description", &param.description)?;
    if param.deprecated {
        map.raw("deprecated", "true");
    }
    if param.read_only {
        map.raw("read_only", "true");
    }
    if !param.fields.is_empty() {
        map.maps("fields", &param.fields, self::param)?;
    }
    if !param.required_fields.is_empty() {
        map.strs("required_fields", &param.required_fields)?;
    }
    Ok(())
}

fn enum_value(map: &mut Map<'_>, value: &EnumValue) -> Written {
    map.str("value", &value.value)?;
    map.str("description", &value.description)
}

fn response(map: &mut Map<'_>, response: &Response) -> Written {
    map.str("result", &response.result.to_string())?;
    if let Some(example) = &response.example_result {
        map.str("example_result", &example.to_string())?;
    }
    if !response.description.is_empty() {
        map.str("description", &response.description)?;
    }
    if !response.fields.is_empty() {
        map.maps("fields", &response.fields, param)?;
    }
    if !response.examples.is_empty() {
        map.strs("examples", &response.examples)?;
    }
    Ok(())
}

fn error(map: &mut Map<'_>, error: &ErrorSpec) -> Written {
    map.str("code", &error.code)?;
    if let Some(message) = &error.message {
        map.str("message", message)?;
    }
    map.str("description", &error.description)?;
    if let Some(status) = error.http_status {
        map.raw("http_status", &status.to_string());
    }
    Ok(())
}

/// libyaml's scalar styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// Writes a string value after its `key:`, `-` or tag (leading space included). A literal
/// block's lines are indented to `block_indent`.
fn scalar(out: &mut String, value: &str, block_indent: usize) -> Written {
    out.push(' ');
    let allowed = analyze(value);
    match style(value, &allowed) {
        Style::Plain => out.push_str(value),
        Style::SingleQuoted => single_quoted(out, value, &allowed)?,
        Style::DoubleQuoted => double_quoted(out, value),
        Style::Literal => literal(out, value, &allowed, block_indent)?,
    }
    Ok(())
}

/// The style yaml_serde asks for (literal for multi-line text, quotes for text that would
/// read back as another type), then libyaml's downgrades for block context.
fn style(value: &str, allowed: &Allowed) -> Style {
    let requested = if allowed.newline {
        Style::Literal
    } else if reads_as_non_string(value) {
        Style::SingleQuoted
    } else {
        Style::Plain
    };
    match requested {
        Style::Plain if allowed.plain => Style::Plain,
        Style::Plain | Style::SingleQuoted if allowed.single_quoted => Style::SingleQuoted,
        Style::Literal if allowed.literal => Style::Literal,
        _ => Style::DoubleQuoted,
    }
}

/// yaml_serde's check: would this plain scalar read back as null, a bool, a number, or
/// digits with a leading zero?
fn reads_as_non_string(value: &str) -> bool {
    // Every such form starts with one of these (a cheap exit for prose).
    if !value.is_empty()
        && !value.starts_with(|c: char| c.is_ascii_digit() || "+-.~nNtTfF".contains(c))
    {
        return false;
    }
    if matches!(
        value,
        "" | "~"
            | "null"
            | "Null"
            | "NULL"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
    ) {
        return true;
    }
    if digits_but_not_number(value) || reads_as_int(value) {
        return true;
    }
    reads_as_float(value)
}

fn digits_but_not_number(value: &str) -> bool {
    let value = value.strip_prefix(['-', '+']).unwrap_or(value);
    value.len() > 1 && value.starts_with('0') && value[1..].bytes().all(|b| b.is_ascii_digit())
}

/// yaml_serde's integer forms: decimal, `0x`, `0o`, `0b`, signed, up to 128 bits.
fn reads_as_int(value: &str) -> bool {
    let unpositive = value.strip_prefix('+').unwrap_or(value);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix)
            && !rest.starts_with(['+', '-'])
            && u128::from_str_radix(rest, radix).is_ok()
        {
            return true;
        }
        if let Some(rest) = value.strip_prefix('-').and_then(|v| v.strip_prefix(prefix))
            && i128::from_str_radix(&format!("-{rest}"), radix).is_ok()
        {
            return true;
        }
    }
    if !unpositive.starts_with(['+', '-']) && unpositive.parse::<u128>().is_ok() {
        return true;
    }
    value.parse::<i128>().is_ok()
}

fn reads_as_float(value: &str) -> bool {
    let unpositive = match value.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return false,
        Some(rest) => rest,
        None => value,
    };
    if matches!(unpositive, ".inf" | ".Inf" | ".INF")
        || matches!(
            value,
            "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN"
        )
    {
        return true;
    }
    unpositive.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Which styles libyaml allows for a scalar in block context (its `analyze_scalar`).
struct Allowed {
    plain: bool,
    single_quoted: bool,
    literal: bool,
    /// The value holds a `\n`.
    newline: bool,
    /// The value holds another line break (`\r`, U+0085, U+2028, U+2029).
    other_break: bool,
}

#[cfg(test)]
fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's printable set, unicode output on.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{10000}'..)
        || (('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}')
}

/// A character's class for [`analyze`], read from its UTF-8 bytes: most spec text is
/// Cyrillic, so decoding every char would dominate the writer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Break,
    /// Tab and NUL: blank for the indicator rules, and not printable.
    OtherBlank,
    Other,
}

/// The class and printability of the character starting at `bytes[i]`, and its length.
fn classify(bytes: &[u8], i: usize) -> (Class, bool, usize) {
    let byte = bytes[i];
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match byte {
        b' ' => (Class::Space, true, 1),
        b'\n' => (Class::Break, true, 1),
        b'\r' => (Class::Break, false, 1),
        b'\t' | 0 => (Class::OtherBlank, false, 1),
        0x01..=0x1F | 0x7F => (Class::Other, false, 1),
        0x21..=0x7E => (Class::Other, true, 1),
        // U+0080..U+00BF: C1 controls (NEL is a break) are not printable.
        0xC2 => match at(1) {
            0x85 => (Class::Break, false, 2),
            second => (Class::Other, second >= 0xA0, 2),
        },
        0xC3..=0xDF => (Class::Other, true, 2),
        // U+2028 and U+2029 break lines.
        0xE2 if at(1) == 0x80 && matches!(at(2), 0xA8 | 0xA9) => (Class::Break, true, 3),
        // U+FEFF, U+FFFE and U+FFFF are not printable.
        0xEF => {
            let printable = !matches!((at(1), at(2)), (0xBB, 0xBF) | (0xBF, 0xBE | 0xBF));
            (Class::Other, printable, 3)
        }
        0xE0..=0xEF => (Class::Other, true, 3),
        _ => (Class::Other, true, 4),
    }
}

/// Bytes `analyze` passes over after the first without `classify`: letters, digits, ASCII
/// punctuation other than `:` and `#`, and non-ASCII bytes (continuations included) that
/// cannot start a break or an unprintable character.
const ORDINARY: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'!' | b'"' | b'$'..=b'9' | b';'..=b'~' => true,
            0x80..=0xFF => !matches!(byte as u8, 0xC2 | 0xE2 | 0xEF),
            _ => false,
        };
        byte += 1;
    }
    table
};

/// [`ORDINARY`] and the space: the bytes `analyze` passes over in runs.
const ORDINARY_OR_SPACE: [bool; 256] = {
    let mut table = ORDINARY;
    table[b' ' as usize] = true;
    table
};

/// libyaml's `analyze_scalar`, over bytes; it also notes the line breaks.
fn analyze(value: &str) -> Allowed {
    if value.is_empty() {
        return Allowed {
            plain: true,
            single_quoted: true,
            literal: false,
            newline: false,
            other_break: false,
        };
    }
    let bytes = value.as_bytes();
    let blank_at = |i: usize| i >= bytes.len() || classify(bytes, i).0 != Class::Other;
    let mut indicators = value.starts_with("---") || value.starts_with("...");
    let mut line_breaks = false;
    let mut newline = false;
    let mut other_break = false;
    let mut special = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;
    let mut preceded_by_blank = true;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        // The common characters, answered without `classify`: spaces, letters, digits,
        // ASCII punctuation other than `:` and `#`, and non-ASCII bytes (continuations
        // included) that cannot start a break or an unprintable character. A whole run of
        // them at once (most of a description): only its first and last bytes matter.
        if i > 0 && ORDINARY_OR_SPACE[usize::from(byte)] {
            i += 1;
            while i < bytes.len() && ORDINARY_OR_SPACE[usize::from(bytes[i])] {
                i += 1;
            }
            break_space |= previous_break && byte == b' ';
            let ends_in_space = bytes[i - 1] == b' ';
            trailing_space |= ends_in_space && i == bytes.len();
            previous_space = ends_in_space;
            previous_break = false;
            preceded_by_blank = ends_in_space;
            continue;
        }
        let (class, printable, len) = classify(bytes, i);
        let first = i == 0;
        let last = i + len >= bytes.len();
        if first {
            match byte {
                b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>'
                | b'\'' | b'"' | b'%' | b'@' | b'`' => indicators = true,
                b'?' | b':' | b'-' if blank_at(i + len) => indicators = true,
                _ => {}
            }
        } else if (byte == b':' && blank_at(i + len)) || (byte == b'#' && preceded_by_blank) {
            indicators = true;
        }
        special |= !printable;
        match class {
            Class::Space => {
                leading_space |= first;
                trailing_space |= last;
                break_space |= previous_break;
                previous_space = true;
                previous_break = false;
            }
            Class::Break => {
                line_breaks = true;
                newline |= byte == b'\n';
                other_break |= byte != b'\n';
                leading_break |= first;
                trailing_break |= last;
                space_break |= previous_space;
                previous_space = false;
                previous_break = true;
            }
            Class::OtherBlank | Class::Other => {
                previous_space = false;
                previous_break = false;
            }
        }
        preceded_by_blank = class != Class::Other;
        i += len;
    }
    let edges = leading_space || leading_break || trailing_space || trailing_break;
    Allowed {
        plain: !(edges || break_space || space_break || special || line_breaks || indicators),
        single_quoted: !(break_space || space_break || special),
        literal: !(trailing_space || space_break || special),
        newline,
        other_break,
    }
}

fn single_quoted(out: &mut String, value: &str, allowed: &Allowed) -> Written {
    // libyaml folds line breaks inside single quotes; specs never have them there.
    if allowed.newline || allowed.other_break {
        return Err(Unsupported);
    }
    out.push('\'');
    for (i, part) in value.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
    Ok(())
}

fn double_quoted(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        let escape = match c {
            '\0' => "\\0",
            '\u{7}' => "\\a",
            '\u{8}' => "\\b",
            '\t' => "\\t",
            '\n' => "\\n",
            '\u{B}' => "\\v",
            '\u{C}' => "\\f",
            '\r' => "\\r",
            '\u{1B}' => "\\e",
            '"' => "\\\"",
            '\\' => "\\\\",
            '\u{85}' => "\\N",
            '\u{2028}' => "\\L",
            '\u{2029}' => "\\P",
            c if !is_printable(c) || c == '\u{FEFF}' => {
                hex_escape(out, c);
                continue;
            }
            c => {
                out.push(c);
                continue;
            }
        };
        out.push_str(escape);
    }
    out.push('"');
}

fn hex_escape(out: &mut String, c: char) {
    let code = u32::from(c);
    let (letter, digits) = match code {
        0..=0xFF => ('x', 2),
        0x100..=0xFFFF => ('u', 4),
        _ => ('U', 8),
    };
    out.push('\\');
    out.push(letter);
    for shift in (0..digits).rev() {
        let digit = (code >> (shift * 4)) & 0xF;
        out.push(char::from_digit(digit, 16).map_or('0', |d| d.to_ascii_uppercase()));
    }
}

fn literal(out: &mut String, value: &str, allowed: &Allowed, indent: usize) -> Written {
    // A trailing line break needs libyaml's `|`/`|+` chomping and other breaks its own
    // handling; neither occurs in specs.
    if value.ends_with('\n') || allowed.other_break {
        return Err(Unsupported);
    }
    out.push('|');
    if value.starts_with([' ', '\n']) {
        out.push('2');
    }
    out.push('-');
    for line in value.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            push_spaces(out, indent);
            out.push_str(line);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TypeExpr;

    /// Strings that exercise every style decision: numbers and words that read as other
    /// types, indicators at the start and inside, edge spaces, breaks, tabs, quotes,
    /// control and non-BMP characters.
    const TRICKY: &[&str] = &[
        "",
        "plain text",
        "Текст с `кодом` и #хэшем",
        "0",
        "012",
        "-7",
        "+3",
        "1.5",
        "1e5",
        ".inf",
        "-.INF",
        ".nan",
        "0x1F",
        "-0x1F",
        "0o17",
        "0b101",
        "0xZZ",
        "123456789012345678901234567890123456789012",
        "true",
        "False",
        "null",
        "~",
        "yes",
        "- item",
        "-item",
        "key: value",
        "key:value",
        "key:\tvalue",
        "-\tx",
        "a\t#b",
        "a:\u{2028}b",
        "Ключ: значение #тег",
        "a #comment",
        "a#b",
        "# heading",
        "?x",
        "? x",
        ":x",
        "[list]",
        "{a: 1}",
        "a, b",
        "*star",
        "&anchor",
        "!tag",
        "|pipe",
        ">gt",
        "'quoted'",
        "\"double\"",
        "it's",
        "%percent",
        "@at",
        "`code`",
        "---",
        "...",
        " leading",
        "trailing ",
        "tab\there",
        "back\\slash",
        "two\nlines",
        "\nleading break",
        " leading space\nsecond",
        "trailing space \nsecond",
        "line\n second",
        "a\n\n\nb",
        "ends with break\n",
        "carriage\rreturn",
        "nel\u{85}x",
        "sep\u{2028}x",
        "bom\u{FEFF}x",
        "nbsp\u{A0}x",
        "bell\u{7}x",
        "del\u{7F}x",
        "nul\0x",
        "emoji 😀",
        "\u{FFFE}",
        "quote \" and 'both'\nnext",
        "two  spaces  inside",
        "space run before a break  \nnext",
        "break then spaces\n  indented text",
        "words then colon : and hash #",
        "« кавычки » — тире, текст ",
    ];

    fn param(text: &str, nested: Vec<Param>) -> Param {
        Param {
            name: text.to_owned(),
            alternatives: vec![text.to_owned(), "ALT".to_owned()],
            pattern: Some(text.to_owned()),
            ty: TypeRef {
                written: Some(text.to_owned()),
                normalized: TypeExpr::Array(Box::new(TypeExpr::Any)),
            },
            required: Required::Unknown,
            required_if: Some(text.to_owned()),
            default: Some(DefaultValue::Prose(text.to_owned())),
            enum_values: vec![EnumValue {
                value: text.to_owned(),
                description: text.to_owned(),
            }],
            values_from: Some(text.to_owned()),
            example: Some(text.to_owned()),
            since: Some(text.to_owned()),
            variants: vec![text.to_owned()],
            description: text.to_owned(),
            deprecated: true,
            read_only: true,
            fields: nested,
            required_fields: vec![text.to_owned()],
        }
    }

    fn method(text: &str) -> MethodSpec {
        let leaf = Param {
            default: Some(DefaultValue::Literal(text.to_owned())),
            required: Required::True,
            ..param(text, Vec::new())
        };
        MethodSpec {
            method: text.to_owned(),
            api_version: ApiVersion::RestV3,
            source: text.to_owned(),
            title: text.to_owned(),
            description: text.to_owned(),
            scope: vec![text.to_owned(), "crm".to_owned()],
            who_can_call: Some(text.to_owned()),
            deprecated: Some(Deprecation {
                note: Some(text.to_owned()),
                replacement: None,
            }),
            params: vec![param(text, vec![leaf.clone()]), Param::default()],
            response: Response {
                result: TypeExpr::Ref("crm_status".to_owned()),
                example_result: Some(TypeExpr::Union(vec![TypeExpr::Boolean, TypeExpr::Integer])),
                description: text.to_owned(),
                fields: vec![leaf],
                examples: vec![text.to_owned(), "{\n    \"a\": 1\n}".to_owned()],
            },
            errors: vec![ErrorSpec {
                code: text.to_owned(),
                message: Some(text.to_owned()),
                description: text.to_owned(),
                http_status: Some(400),
            }],
            system_errors: true,
            ..MethodSpec::default()
        }
    }

    #[test]
    fn methods_match_yaml_serde_for_every_kind_of_string() {
        let mut direct = 0;
        for text in TRICKY {
            let spec = method(text);
            let expected = yaml_serde::to_string(&spec).unwrap();
            match to_yaml(&spec) {
                Some(written) => {
                    assert_eq!(written, expected, "{text:?}");
                    direct += 1;
                }
                None => assert!(text.contains(is_break), "{text:?} fell back"),
            }
        }
        assert!(direct > TRICKY.len() - 6, "{direct} of {}", TRICKY.len());
    }

    #[test]
    fn empty_and_missing_parts_match_yaml_serde() {
        let bare = MethodSpec::default();
        let deprecated = MethodSpec {
            deprecated: Some(Deprecation {
                note: None,
                replacement: Some("crm.item.add".to_owned()),
            }),
            ..MethodSpec::default()
        };
        let empty_deprecation = MethodSpec {
            deprecated: Some(Deprecation {
                note: None,
                replacement: None,
            }),
            ..MethodSpec::default()
        };
        for spec in [bare, deprecated, empty_deprecation] {
            assert_eq!(to_yaml(&spec), Some(yaml_serde::to_string(&spec).unwrap()));
        }
    }

    #[test]
    fn writing_into_a_used_buffer_gives_the_same_text() {
        let mut buffer = "left over from an earlier spec".repeat(100);
        for text in TRICKY {
            let spec = method(text);
            let written = to_yaml_into(&spec, &mut buffer);
            match to_yaml(&spec) {
                Some(expected) => {
                    assert!(written, "{text:?}");
                    assert_eq!(buffer, expected, "{text:?}");
                }
                None => assert!(!written, "{text:?}"),
            }
        }
    }

    #[test]
    fn events_match_yaml_serde() {
        for text in TRICKY.iter().filter(|t| !t.contains(is_break)) {
            let event = EventSpec {
                schema_version: crate::SCHEMA_VERSION,
                event: text.to_string(),
                source: text.to_string(),
                title: text.to_string(),
                description: text.to_string(),
                scope: Vec::new(),
                who_can_subscribe: None,
                deprecated: None,
                payload: vec![param(text, Vec::new())],
            };
            assert_eq!(
                to_yaml(&event),
                Some(yaml_serde::to_string(&event).unwrap()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reference_types_match_yaml_serde() {
        use crate::{ReferenceKind, ReferenceType};
        for text in TRICKY.iter().filter(|t| !t.contains(is_break)) {
            let full = ReferenceType {
                schema_version: crate::SCHEMA_VERSION,
                name: text.to_string(),
                kind: ReferenceKind::IntegerEnum,
                source: text.to_string(),
                description: text.to_string(),
                values_from: Some(text.to_string()),
                enum_values: vec![EnumValue {
                    value: text.to_string(),
                    description: text.to_string(),
                }],
                module: Some(text.to_string()),
                rust_name: Some(text.to_string()),
                user_fields: Some(text.to_string()),
                fields: vec![param(text, Vec::new())],
            };
            let bare = ReferenceType {
                kind: ReferenceKind::Object,
                values_from: None,
                enum_values: Vec::new(),
                module: None,
                rust_name: None,
                user_fields: None,
                fields: Vec::new(),
                ..full.clone()
            };
            for spec in [full, bare] {
                assert_eq!(
                    to_yaml(&spec),
                    Some(yaml_serde::to_string(&spec).unwrap()),
                    "{text:?}"
                );
            }
        }
    }
}
