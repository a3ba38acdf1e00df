//! Typed coverage of the docs' success examples: how many leaf keys of each example's
//! `result` land in a typed field of the method's Output type, as
//! `registry::Entry::untyped_paths` reports.

use std::collections::{BTreeMap, HashMap};

use b24_api::registry::{Entry, METHODS};
use b24_runtime::Api;
use b24_spec::{ApiVersion, MethodSpec};
use serde_json::Value;

/// The leaf keys of one method's examples.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub typed: usize,
    pub total: usize,
    /// Untyped leaves that are user fields (`UF_*`, `ufCrm*`): typed per portal only.
    pub user: usize,
}

impl Count {
    pub fn add(&mut self, other: Count) {
        self.typed += other.typed;
        self.total += other.total;
        self.user += other.user;
    }

    /// The count with user-field leaves left out.
    pub fn without_user_fields(self) -> Count {
        Count {
            typed: self.typed,
            total: self.total - self.user,
            user: 0,
        }
    }

    pub fn percent(self) -> String {
        let tenths = (self.typed * 1000 + self.total / 2)
            .checked_div(self.total)
            .unwrap_or(1000);
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// Coverage over every method with a decodable success example.
#[derive(Debug, Default)]
pub struct Coverage {
    /// By method name (REST 3.0 twins as `name (v3)`).
    pub methods: BTreeMap<String, Count>,
    /// Examples that are not JSON, have no `result`, or do not decode (they are left out).
    pub skipped: usize,
    pub undecodable: Vec<String>,
    /// Untyped leaves by (method, untyped path with array indices as `[]`): where to look next.
    pub untyped: BTreeMap<(String, String), usize>,
    /// Methods whose example put the envelope's `time` inside `result` (left out of the
    /// counts: the portal sends it beside `result`).
    pub envelope_time: Vec<String>,
}

impl Coverage {
    pub fn overall(&self) -> Count {
        let mut sum = Count::default();
        for count in self.methods.values() {
            sum.add(*count);
        }
        sum
    }

    /// The methods whose name matches `pattern` (`crm.lead.*` or an exact name), summed.
    pub fn group(&self, pattern: &str) -> (usize, Count) {
        let mut sum = Count::default();
        let mut methods = 0;
        for (name, count) in &self.methods {
            let matches = match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == pattern,
            };
            if matches {
                methods += 1;
                sum.add(*count);
            }
        }
        (methods, sum)
    }
}

/// Measures `specs`' examples against the generated registry.
pub fn measure(specs: &[MethodSpec]) -> Coverage {
    let registry: HashMap<(String, Api), &Entry> = METHODS
        .iter()
        .map(|entry| ((entry.method.to_lowercase(), entry.api), entry))
        .collect();
    let mut coverage = Coverage::default();
    for spec in specs {
        let api = match spec.api_version {
            ApiVersion::Classic => Api::Classic,
            ApiVersion::RestV3 => Api::RestV3,
        };
        let Some(entry) = registry.get(&(spec.method.to_lowercase(), api)) else {
            continue;
        };
        let name = match api {
            Api::Classic => spec.method.clone(),
            Api::RestV3 => format!("{} (v3)", spec.method),
        };
        for example in &spec.response.examples {
            let Ok(read) = b24_doc_parser::extract::lenient_json::parse::<Value>(example) else {
                coverage.skipped += 1;
                continue;
            };
            let Some(result) = read.value.get("result") else {
                coverage.skipped += 1;
                continue;
            };
            let mut result = result.clone();
            if strip_envelope_time(&mut result) {
                coverage.envelope_time.push(name.clone());
            }
            let result = &result;
            let untyped = match (entry.untyped_paths)(result.clone()) {
                // A `null` result carries nothing to type: it is not noted as untyped
                // (as a `null` in a `serde_json::Value` field is not).
                Ok(_) if result.is_null() => Vec::new(),
                Ok(paths) => paths,
                Err(why) => {
                    coverage.skipped += 1;
                    coverage.undecodable.push(format!("{name}: {why}"));
                    continue;
                }
            };
            let mut leaves = Vec::new();
            leaf_paths(result, String::new(), &mut leaves);
            let mut typed = 0;
            let mut user = 0;
            for leaf in &leaves {
                match untyped.iter().find(|path| covers(path, leaf)) {
                    Some(path) => {
                        if is_user_field(path) {
                            user += 1;
                        }
                        *coverage
                            .untyped
                            .entry((name.clone(), without_indices(path)))
                            .or_default() += 1;
                    }
                    None => typed += 1,
                }
            }
            coverage
                .methods
                .entry(name.clone())
                .or_default()
                .add(Count {
                    typed,
                    total: leaves.len(),
                    user,
                });
        }
    }
    coverage
}

/// Whether an untyped path is a user field: its last key is `UF_…` or the camelCase
/// `uf…` form (`ufCrm5Field`, `ufCrmTask`, `ufTaskWebdavFiles`), the keys each portal
/// defines (kept in `user_fields`, or in `extra` for records that are no entity).
pub fn is_user_field(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    let key = last.split('[').next().unwrap_or(last);
    key.starts_with("UF_")
        || key
            .strip_prefix("uf")
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_uppercase() || c == '_')
}

/// The keys of the envelope's `time` object (`data-types.md#time`).
const TIME_KEYS: &[&str] = &[
    "start",
    "finish",
    "duration",
    "processing",
    "date_start",
    "date_finish",
    "operating_reset_at",
    "operating",
];

/// Removes a `time` key from an object `result` when its value has the envelope's `time`
/// shape (`start`, `finish` and only keys of `data-types.md#time`): some pages
/// (`tasks.task.start` and the other task actions) print the envelope's `time` inside
/// `result`, where the portal does not send it (it sends `time` beside `result`, as
/// `settings/` describes the reply). Returns whether it removed one.
pub fn strip_envelope_time(result: &mut Value) -> bool {
    let Value::Object(map) = result else {
        return false;
    };
    let is_envelope_time = map
        .get("time")
        .and_then(Value::as_object)
        .is_some_and(|time| {
            time.contains_key("start")
                && time.contains_key("finish")
                && time.keys().all(|key| TIME_KEYS.contains(&key.as_str()))
        });
    is_envelope_time && map.remove("time").is_some()
}

/// The paths of `value`'s leaves: scalars, and empty arrays and objects.
pub fn leaf_paths(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaf_paths(item, child, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (index, item) in items.iter().enumerate() {
                leaf_paths(item, format!("{path}[{index}]"), out);
            }
        }
        _ => out.push(path),
    }
}

/// `path` with every array index written `[]`, so that one list's items count together.
pub fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether the untyped `path` holds `leaf` (is it, or one of its ancestors).
pub fn covers(path: &str, leaf: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    match leaf.strip_prefix(path) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}

/// The method groups the issue sets a 100% target for.
pub const TARGET_GROUPS: &[&str] = &[
    "crm.lead.*",
    "crm.deal.*",
    "crm.contact.*",
    "crm.company.*",
    "crm.item.*",
    "crm.category.*",
    "tasks.task.*",
    "user.get",
    "im.user.status.*",
    "department.get",
];
