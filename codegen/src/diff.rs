//! A classified change report between two revisions of an OpenAPI 3.0 spec,
//! for `cargo xtask diff OLD [NEW]`.
//!
//! Every change is one [`Change`]: its [`Class`] (breaking, additive, docs),
//! where it is and what changed. Changes inside operations are named by the
//! operation (`DELETE /processes/{processId} (trashProcess)`); changes inside
//! shared components (schemas, parameters, responses, request bodies reached
//! through `$ref`) by the component's JSON pointer, followed by the operations
//! that use it and how (`[request: createProcess; response: getProcess]`), so
//! a change to a shared schema is one line however many operations use it.
//!
//! Schemas are compared by walking both revisions side by side: `$ref`s are
//! followed (each component schema is compared once per usage and its
//! changes credited to every operation that reaches it, so recursive schemas
//! and long `$ref` chains end), and properties, `items`,
//! `additionalProperties`, `allOf`, `oneOf` and `anyOf` are descended into.
//! A `$ref` whose target changed is a type change and is not descended into.
//!
//! Whether a schema change breaks clients depends on the side it is used on:
//! clients *send* requests, so a request schema that accepts less (a new
//! required field, a raised minimum) breaks them; clients *read* responses,
//! so a response schema that may carry more (a field that became optional or
//! nullable) breaks them. Removals and type changes break on both sides.
//! Schemas reached only from error (non-2xx) responses never break: their
//! would-be breaking changes are reported as additive.
//!
//! - breaking: an operation, parameter, request body, 2xx response, media
//!   type, response header, field, enum value, server, security scheme or
//!   scope definition removed; a type, `format` or `$ref` target changed; a
//!   new required parameter, request body or request field (or one that
//!   became required); a scope or scheme added to an operation's security;
//!   `info.version` (the X-Version clients send) or an `operationId`
//!   changed; parameter serialization changed; request-side narrowing and
//!   response-side widening (see above); unknown keywords changed.
//! - additive: a new operation, optional parameter, field, enum value,
//!   response status (2xx or error), header, media type, server or scheme;
//!   an error status removed; a scope removed from an operation's security;
//!   the opposite narrowing/widening; extensions (`x-*`) changed.
//! - docs: `description`, `summary`, `title`, `example(s)`, `externalDocs`,
//!   tags, `deprecated` and the `openapi` version.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::diag::pointer;
use crate::load::{self, Spec};

/// How a change affects clients of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Existing clients may stop working (or the SDK's API changes).
    Breaking,
    /// New capabilities; existing clients keep working.
    Additive,
    /// Documentation only: descriptions, summaries, examples, titles.
    Docs,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Docs => "docs",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an operation uses a shared component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Usage {
    /// In a parameter or request body: the client sends it.
    Request,
    /// In a 2xx response: the client reads it.
    Response,
    /// Only in non-2xx responses.
    ErrorResponse,
    /// A component schema no operation uses (in either revision).
    Unreferenced,
}

impl Usage {
    pub fn as_str(self) -> &'static str {
        match self {
            Usage::Request => "request",
            Usage::Response => "response",
            Usage::ErrorResponse => "error response",
            Usage::Unreferenced => "not used by any operation",
        }
    }

    /// Class of a change that breaks whatever the direction: a removal, a
    /// type change.
    fn always(self) -> Class {
        match self {
            Usage::ErrorResponse => Class::Additive,
            _ => Class::Breaking,
        }
    }

    /// Class of a change after which the schema accepts fewer values.
    fn narrows(self) -> Class {
        match self {
            Usage::Request => Class::Breaking,
            _ => Class::Additive,
        }
    }

    /// Class of a change after which the schema accepts more values.
    fn widens(self) -> Class {
        match self {
            Usage::Response | Usage::Unreferenced => Class::Breaking,
            _ => Class::Additive,
        }
    }
}

/// One change between the revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    /// The operation (`GET /processes (listProcesses)`) or a JSON pointer.
    pub location: String,
    pub message: String,
    /// For changes in shared components: the operations that use it, by
    /// usage (operation ids, or `METHOD /path` when an operation has none).
    pub used_by: BTreeMap<Usage, BTreeSet<String>>,
}

/// How many operations a line names per usage before it counts the rest.
const MAX_LISTED: usize = 8;

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.class, self.location, self.message)?;
        if !self.used_by.is_empty() {
            let parts: Vec<String> = self
                .used_by
                .iter()
                .map(|(usage, ops)| {
                    let ops: Vec<&str> = ops
                        .iter()
                        .map(String::as_str)
                        .filter(|o| !o.is_empty())
                        .collect();
                    let listed = ops.len().min(MAX_LISTED);
                    let mut list = ops[..listed].join(", ");
                    if ops.len() > listed {
                        list.push_str(&format!(" and {} more", ops.len() - listed));
                    }
                    if ops.is_empty() {
                        usage.as_str().to_string()
                    } else {
                        format!("{}: {list}", usage.as_str())
                    }
                })
                .collect();
            write!(f, " [{}]", parts.join("; "))?;
        }
        Ok(())
    }
}

/// Every change, sorted by class (breaking first), location and message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// One line per change.
    pub fn lines(&self) -> Vec<String> {
        self.changes.iter().map(ToString::to_string).collect()
    }

    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    pub fn is_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// The exit code of `cargo xtask diff`: 1 when anything is breaking.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.is_breaking())
    }

    /// `2 breaking, 1 additive, 0 docs`, or `no changes`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no changes".into();
        }
        format!(
            "{} breaking, {} additive, {} docs",
            self.count(Class::Breaking),
            self.count(Class::Additive),
            self.count(Class::Docs)
        )
    }
}

/// Compares two revisions of a spec.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    diff_documents(&old.json, &new.json)
}

/// Compares two OpenAPI 3.0 documents given as JSON values.
pub fn diff_documents(old: &Value, new: &Value) -> Report {
    let mut differ = Differ {
        old,
        new,
        found: BTreeMap::new(),
        memo: HashMap::new(),
        capture: None,
    };
    differ.document();
    Report {
        changes: differ
            .found
            .into_iter()
            .map(|((class, location, message), used_by)| Change {
                class,
                location,
                message,
                used_by,
            })
            .collect(),
    }
}

/// Where one side of a diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A spec file.
    File(PathBuf),
    /// A git revision (`HEAD~1`, `main`, a commit) of the repository's spec.
    Revision(String),
}

impl Source {
    /// An argument that names an existing file is that file; anything else
    /// is taken for a git revision.
    pub fn from_arg(arg: &str) -> Source {
        if Path::new(arg).is_file() {
            Source::File(PathBuf::from(arg))
        } else {
            Source::Revision(arg.to_string())
        }
    }
}

/// Loads one side of a diff. A revision is read with
/// `git show REV:./<spec_path>` run in `repo`. Errors are one line, as the
/// codegen's diagnostics are (`error: ...`).
pub fn load_source(source: &Source, repo: &Path, spec_path: &str) -> Result<Spec, String> {
    let (name, text) = match source {
        Source::File(path) => return load::load(path).map_err(|d| d.to_string()),
        Source::Revision(rev) => (
            format!("{rev}:{spec_path}"),
            git_show(repo, rev, spec_path)?,
        ),
    };
    if text.len() as u64 > load::MAX_SPEC_BYTES {
        return Err(format!(
            "error: {name}: #: [file-too-large] the spec is {} bytes; the limit is {}",
            text.len(),
            load::MAX_SPEC_BYTES
        ));
    }
    let text = String::from_utf8(text).map_err(|e| {
        format!(
            "error: {name}: #: [not-utf8] the spec is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    load::parse(Path::new(&name), text).map_err(|d| d.to_string())
}

fn git_show(repo: &Path, rev: &str, spec_path: &str) -> Result<Vec<u8>, String> {
    let unknown = || format!("error: `{rev}` is neither a spec file nor a revision git knows");
    if rev.is_empty() || rev.starts_with('-') {
        return Err(unknown());
    }
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .output()
            .map_err(|e| format!("error: cannot run git in {}: {e}", repo.display()))
    };
    let verify = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !verify.status.success() {
        return Err(unknown());
    }
    let shown = git(&["show", &format!("{rev}:./{spec_path}")])?;
    if !shown.status.success() {
        let stderr = String::from_utf8_lossy(&shown.stderr);
        let reason = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("git show failed");
        return Err(format!("error: {rev}:{spec_path}: {reason}"));
    }
    Ok(shown.stdout)
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Schema keywords whose changes only touch documentation.
const SCHEMA_DOCS: [&str; 4] = ["title", "description", "example", "externalDocs"];

/// Keywords that raise a lower bound / lower an upper bound when they grow.
const LOWER_BOUNDS: [&str; 4] = ["minimum", "minLength", "minItems", "minProperties"];
const UPPER_BOUNDS: [&str; 4] = ["maximum", "maxLength", "maxItems", "maxProperties"];

/// Where a change is reported.
#[derive(Debug, Clone)]
enum Loc {
    /// A node reached through a `$ref` (or a top-level node): its JSON pointer.
    Pointer(String),
    /// A node inline in an operation: the operation, then a readable path
    /// (`head`: which parameter, body or response; `tail`: where in its schema).
    Inline {
        op: String,
        head: String,
        tail: String,
    },
}

impl Loc {
    fn op(label: &str, head: impl Into<String>) -> Loc {
        Loc::Inline {
            op: label.to_string(),
            head: head.into(),
            tail: String::new(),
        }
    }

    /// A node of a schema below this one.
    fn child(&self, tokens: &[&str], segment: &str) -> Loc {
        match self {
            Loc::Pointer(p) => Loc::Pointer(format!("{p}{}", pointer(tokens))),
            Loc::Inline { op, head, tail } => {
                let tail = if segment.is_empty() {
                    tail.clone()
                } else if tail.is_empty() || segment.starts_with('[') {
                    format!("{tail}{segment}")
                } else {
                    format!("{tail}.{segment}")
                };
                Loc::Inline {
                    op: op.clone(),
                    head: head.clone(),
                    tail,
                }
            }
        }
    }

    /// A part of a parameter, body or response (a media type, a header).
    fn qualify(&self, tokens: &[&str], suffix: &str) -> Loc {
        match self {
            Loc::Pointer(p) => Loc::Pointer(format!("{p}{}", pointer(tokens))),
            Loc::Inline { op, head, tail } => Loc::Inline {
                op: op.clone(),
                head: format!("{head}{suffix}").trim_start().to_string(),
                tail: tail.clone(),
            },
        }
    }

    /// (location, message) of a change here.
    fn render(&self, message: &str) -> (String, String) {
        match self {
            Loc::Pointer(p) if p.is_empty() => ("#".into(), message.into()),
            Loc::Pointer(p) => (p.clone(), message.into()),
            Loc::Inline { op, head, tail } => {
                let message = match (head.is_empty(), tail.is_empty()) {
                    (true, true) => message.to_string(),
                    (false, true) => format!("{head}: {message}"),
                    (true, false) => format!("at {tail}: {message}"),
                    (false, false) => format!("{head} at {tail}: {message}"),
                };
                (op.clone(), message)
            }
        }
    }
}

/// The operation and usage a walk is on behalf of.
#[derive(Debug, Clone)]
struct Ctx {
    usage: Usage,
    op: String,
}

/// One walk over a pair of schemas: the `$ref`s entered so far, so that
/// recursive schemas end.
struct Walk {
    ctx: Ctx,
    seen: HashSet<String>,
}

impl Walk {
    fn new(ctx: &Ctx) -> Walk {
        Walk {
            ctx: ctx.clone(),
            seen: HashSet::new(),
        }
    }
}

type Key = (Class, String, String);
type Found = BTreeMap<Key, BTreeMap<Usage, BTreeSet<String>>>;

/// The changes inside one component schema (not following its `$ref`s) and
/// the `$ref`s it holds that point at the same schema in both revisions.
#[derive(Default)]
struct Local {
    changes: Vec<Key>,
    refs: Vec<String>,
}

struct Differ<'a> {
    old: &'a Value,
    new: &'a Value,
    found: Found,
    /// [`Local`] of each component schema, per usage: every operation that
    /// reaches a schema gets the same changes, so each is compared once.
    memo: HashMap<(String, Usage), Rc<Local>>,
    /// While a component schema is compared for [`Differ::memo`].
    capture: Option<Local>,
}

fn as_obj(v: Option<&Value>) -> Option<&Map<String, Value>> {
    v.and_then(Value::as_object)
}

fn str_at<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn ref_of(v: &Value) -> Option<&str> {
    str_at(v, "$ref")
}

/// The node a local reference (`#/...`) points at.
fn lookup<'v>(root: &'v Value, reference: &str) -> Option<&'v Value> {
    root.pointer(reference.strip_prefix('#')?)
}

/// Follows `$ref`s: the node and the pointer of the last target reached.
fn deref<'v>(root: &'v Value, v: &'v Value) -> (&'v Value, Option<String>) {
    let mut node = v;
    let mut at = None;
    for _ in 0..32 {
        let Some(reference) = ref_of(node) else { break };
        let Some(target) = lookup(root, reference) else {
            break;
        };
        at = Some(reference.trim_start_matches('#').to_string());
        node = target;
    }
    (node, at)
}

/// Sorted union of the keys of two optional maps.
fn keys<'m>(a: Option<&'m Map<String, Value>>, b: Option<&'m Map<String, Value>>) -> Vec<&'m str> {
    let set: BTreeSet<&str> = a
        .into_iter()
        .chain(b)
        .flat_map(|m| m.keys().map(String::as_str))
        .collect();
    set.into_iter().collect()
}

/// `value` as it appears in a message: strings bare, others as JSON.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn verb(a: Option<&Value>, b: Option<&Value>) -> &'static str {
    match (a, b) {
        (None, Some(_)) => "added",
        (Some(_), None) => "removed",
        _ => "changed",
    }
}

/// The type of a schema: its `type`, or the one its keywords imply.
fn type_of(v: &Value) -> Option<String> {
    match v.get("type") {
        Some(Value::String(t)) => return Some(t.clone()),
        Some(other) => return Some(other.to_string()),
        None => {}
    }
    if v.get("properties").is_some() || v.get("additionalProperties").is_some() {
        Some("object".into())
    } else if v.get("items").is_some() {
        Some("array".into())
    } else {
        None
    }
}

/// A schema's type for a message: `string (date)`, `#/components/schemas/X`.
fn describe(v: &Value) -> String {
    if let Some(r) = ref_of(v) {
        return r.to_string();
    }
    let format = str_at(v, "format");
    match (type_of(v), format) {
        (Some(t), Some(f)) => format!("{t} ({f})"),
        (Some(t), None) => t,
        (None, Some(f)) => format!("untyped ({f})"),
        (None, None) => ["allOf", "oneOf", "anyOf"]
            .into_iter()
            .find(|k| v.get(*k).is_some())
            .unwrap_or("untyped")
            .to_string(),
    }
}

fn op_label(method: &str, path: &str, id: Option<&str>) -> String {
    let method = method.to_ascii_uppercase();
    match id {
        Some(id) => format!("{method} {path} ({id})"),
        None => format!("{method} {path}"),
    }
}

/// Every operation: (path, method) -> (path item, operation).
fn operations(root: &Value) -> BTreeMap<(String, &'static str), (&Value, &Value)> {
    let mut out = BTreeMap::new();
    for (path, item) in as_obj(root.get("paths")).into_iter().flatten() {
        let (item, _) = deref(root, item);
        for method in METHODS {
            if let Some(op) = item.get(method).filter(|o| o.is_object()) {
                out.insert((path.clone(), method), (item, op));
            }
        }
    }
    out
}

/// A parameter that applies to an operation.
struct Param<'v> {
    name: String,
    location: String,
    node: &'v Value,
    /// Its component, when it is a `$ref`.
    at: Option<String>,
}

impl Param<'_> {
    fn required(&self) -> bool {
        self.location == "path" || flag(self.node, "required")
    }

    fn label(&self) -> String {
        format!("{} parameter `{}`", self.location, self.name)
    }
}

/// The parameters of an operation (the path item's, overridden by the
/// operation's own), keyed by location and name (header names ignore case).
fn parameters<'v>(
    root: &'v Value,
    item: &'v Value,
    op: &'v Value,
) -> BTreeMap<(String, String), Param<'v>> {
    let mut out = BTreeMap::new();
    for list in [item.get("parameters"), op.get("parameters")] {
        for p in list.and_then(Value::as_array).into_iter().flatten() {
            let (node, at) = deref(root, p);
            let (Some(name), Some(location)) = (str_at(node, "name"), str_at(node, "in")) else {
                continue;
            };
            let key = if location == "header" {
                name.to_ascii_lowercase()
            } else {
                name.to_string()
            };
            out.insert(
                (location.to_string(), key),
                Param {
                    name: name.to_string(),
                    location: location.to_string(),
                    node,
                    at,
                },
            );
        }
    }
    out
}

/// How a parameter is serialized, with OpenAPI's defaults filled in.
fn serialization(p: &Param<'_>) -> (String, bool, bool, bool) {
    let style = str_at(p.node, "style")
        .map(str::to_string)
        .unwrap_or_else(|| {
            match p.location.as_str() {
                "query" | "cookie" => "form",
                _ => "simple",
            }
            .to_string()
        });
    let explode = p
        .node
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    (
        style,
        explode,
        flag(p.node, "allowReserved"),
        flag(p.node, "allowEmptyValue"),
    )
}

/// An operation's security: alternatives, each scheme -> scopes. `None` when
/// it needs no authentication (no requirement, or an empty alternative).
fn security(root: &Value, op: &Value) -> Option<BTreeMap<String, BTreeSet<String>>> {
    let reqs = op.get("security").or_else(|| root.get("security"));
    let alternatives: Vec<&Map<String, Value>> = reqs
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    if alternatives.is_empty() || alternatives.iter().any(|a| a.is_empty()) {
        return None;
    }
    let mut schemes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for alt in alternatives {
        for (scheme, scopes) in alt {
            let entry = schemes.entry(scheme.clone()).or_default();
            for scope in scopes.as_array().into_iter().flatten() {
                entry.insert(show(scope));
            }
        }
    }
    Some(schemes)
}

/// Pointers of everything the operations reach through `$ref`s.
fn reachable(root: &Value) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Value> = root.get("paths").into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let p = r.trim_start_matches('#').to_string();
                    if seen.insert(p)
                        && let Some(target) = lookup(root, r)
                    {
                        stack.push(target);
                    }
                }
                stack.extend(m.values());
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    seen
}

/// Media type objects by name.
fn media(v: Option<&Value>) -> Option<&Map<String, Value>> {
    as_obj(v)
}

impl<'a> Differ<'a> {
    fn emit(&mut self, ctx: Option<&Ctx>, loc: &Loc, class: Class, message: impl AsRef<str>) {
        let (location, message) = loc.render(message.as_ref());
        if let Some(capture) = &mut self.capture {
            capture.changes.push((class, location, message));
            return;
        }
        let used_by = self.found.entry((class, location, message)).or_default();
        if let (Loc::Pointer(_), Some(ctx)) = (loc, ctx) {
            used_by.entry(ctx.usage).or_default().insert(ctx.op.clone());
        }
    }

    /// Documentation keywords: any change is `docs`.
    fn docs(&mut self, ctx: Option<&Ctx>, loc: &Loc, o: &Value, n: &Value, keys: &[&str]) {
        for key in keys {
            let (a, b) = (o.get(*key), n.get(*key));
            if a != b {
                self.emit(ctx, loc, Class::Docs, format!("{key} {}", verb(a, b)));
            }
        }
        match (flag(o, "deprecated"), flag(n, "deprecated")) {
            (false, true) => self.emit(ctx, loc, Class::Docs, "now deprecated"),
            (true, false) => self.emit(ctx, loc, Class::Docs, "no longer deprecated"),
            _ => {}
        }
    }

    /// Every keyword not in `handled`: extensions (`x-*`), `xml` and `links`
    /// are additive, anything else is reported with the class `other`.
    fn rest(
        &mut self,
        ctx: Option<&Ctx>,
        loc: &Loc,
        o: &Value,
        n: &Value,
        handled: &[&str],
        other: Class,
    ) {
        for key in keys(o.as_object(), n.as_object()) {
            if handled.contains(&key) || key == "deprecated" {
                continue;
            }
            let (a, b) = (o.get(key), n.get(key));
            if a == b {
                continue;
            }
            let class = if key.starts_with("x-") || key == "xml" || key == "links" {
                Class::Additive
            } else {
                other
            };
            self.emit(ctx, loc, class, format!("`{key}` {}", verb(a, b)));
        }
    }

    fn document(&mut self) {
        let (o, n) = (self.old, self.new);
        let root = Loc::Pointer(String::new());
        if o.get("openapi") != n.get("openapi") {
            let v = |d: &Value| d.get("openapi").map(show).unwrap_or_default();
            self.emit(
                None,
                &Loc::Pointer("/openapi".into()),
                Class::Docs,
                format!("OpenAPI version changed from `{}` to `{}`", v(o), v(n)),
            );
        }
        self.info();
        self.servers(
            None,
            &Loc::Pointer("/servers".into()),
            o.get("servers"),
            n.get("servers"),
        );
        self.tags();
        self.docs(None, &root, o, n, &["externalDocs"]);
        self.paths();
        self.components();
        self.rest(
            None,
            &root,
            o,
            n,
            &[
                "openapi",
                "info",
                "servers",
                "tags",
                "externalDocs",
                "paths",
                "components",
                "security",
            ],
            Class::Breaking,
        );
    }

    fn info(&mut self) {
        let null = Value::Null;
        let o = self.old.get("info").unwrap_or(&null);
        let n = self.new.get("info").unwrap_or(&null);
        let loc = Loc::Pointer("/info".into());
        if o.get("version") != n.get("version") {
            let v = |d: &Value| d.get("version").map(show).unwrap_or_default();
            self.emit(
                None,
                &Loc::Pointer("/info/version".into()),
                Class::Breaking,
                format!(
                    "API version (the X-Version clients send) changed from `{}` to `{}`",
                    v(o),
                    v(n)
                ),
            );
        }
        let docs = [
            "title",
            "description",
            "termsOfService",
            "contact",
            "license",
        ];
        self.docs(None, &loc, o, n, &docs);
        let mut handled = docs.to_vec();
        handled.push("version");
        self.rest(None, &loc, o, n, &handled, Class::Breaking);
    }

    fn servers(&mut self, ctx: Option<&Ctx>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
        let (o, n) = (
            o.map(by_url).unwrap_or_default(),
            n.map(by_url).unwrap_or_default(),
        );
        let urls: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for url in urls {
            match (o.get(url), n.get(url)) {
                (Some(_), None) => {
                    self.emit(ctx, loc, Class::Breaking, format!("server `{url}` removed"))
                }
                (None, Some(_)) => {
                    self.emit(ctx, loc, Class::Additive, format!("server `{url}` added"))
                }
                (Some(a), Some(b)) => {
                    if a.get("description") != b.get("description") {
                        self.emit(
                            ctx,
                            loc,
                            Class::Docs,
                            format!("server `{url}`: description changed"),
                        );
                    }
                    let strip = |v: &Value| {
                        let mut v = v.clone();
                        if let Some(m) = v.as_object_mut() {
                            m.remove("description");
                        }
                        v
                    };
                    if strip(a) != strip(b) {
                        self.emit(
                            ctx,
                            loc,
                            Class::Breaking,
                            format!("server `{url}`: variables changed"),
                        );
                    }
                }
                (None, None) => {}
            }
        }
    }

    fn tags(&mut self) {
        let by_name = |d: &'a Value| -> BTreeMap<String, &'a Value> {
            d.get("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| Some((str_at(t, "name")?.to_string(), t)))
                .collect()
        };
        let (o, n) = (by_name(self.old), by_name(self.new));
        let loc = Loc::Pointer("/tags".into());
        let names: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for name in names {
            match (o.get(name), n.get(name)) {
                (Some(a), Some(b)) if a != b => {
                    let changed: Vec<&str> = keys(a.as_object(), b.as_object())
                        .into_iter()
                        .filter(|k| a.get(*k) != b.get(*k))
                        .collect();
                    let message = format!("tag `{name}`: {} changed", changed.join(", "));
                    self.emit(None, &loc, Class::Docs, message);
                }
                (a, b) if a != b => {
                    let what = verb(a.copied(), b.copied());
                    self.emit(None, &loc, Class::Docs, format!("tag `{name}` {what}"));
                }
                _ => {}
            }
        }
    }

    fn paths(&mut self) {
        let (old_ops, new_ops) = (operations(self.old), operations(self.new));
        // Path items: their own documentation.
        let (op, np) = (as_obj(self.old.get("paths")), as_obj(self.new.get("paths")));
        for path in keys(op, np) {
            let (Some(a), Some(b)) = (op.and_then(|m| m.get(path)), np.and_then(|m| m.get(path)))
            else {
                continue;
            };
            let (a, b) = (deref(self.old, a).0, deref(self.new, b).0);
            let loc = Loc::Pointer(pointer(["paths", path]));
            self.docs(None, &loc, a, b, &["summary", "description"]);
            let mut handled = METHODS.to_vec();
            handled.extend(["summary", "description", "parameters", "servers", "$ref"]);
            self.rest(None, &loc, a, b, &handled, Class::Breaking);
        }
        let all: BTreeSet<&(String, &str)> = old_ops.keys().chain(new_ops.keys()).collect();
        for key in all {
            let (path, method) = (key.0.as_str(), key.1);
            match (old_ops.get(key), new_ops.get(key)) {
                (Some((_, o)), None) => {
                    let label = op_label(method, path, str_at(o, "operationId"));
                    self.emit(
                        None,
                        &Loc::op(&label, ""),
                        Class::Breaking,
                        "operation removed",
                    );
                }
                (None, Some((_, n))) => {
                    let label = op_label(method, path, str_at(n, "operationId"));
                    self.emit(
                        None,
                        &Loc::op(&label, ""),
                        Class::Additive,
                        "operation added",
                    );
                }
                (Some(&(oi, o)), Some(&(ni, n))) => self.operation(path, method, (oi, o), (ni, n)),
                (None, None) => {}
            }
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        (oi, o): (&'a Value, &'a Value),
        (ni, n): (&'a Value, &'a Value),
    ) {
        let id = str_at(n, "operationId").or_else(|| str_at(o, "operationId"));
        let label = op_label(method, path, id);
        let short = id
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} {path}", method.to_ascii_uppercase()));
        let at = Loc::op(&label, "");
        let none = None;
        if o.get("operationId") != n.get("operationId") {
            let v = |d: &Value| {
                d.get("operationId")
                    .map(show)
                    .unwrap_or_else(|| "(none)".into())
            };
            self.emit(
                none,
                &at,
                Class::Breaking,
                format!("operationId changed from `{}` to `{}`", v(o), v(n)),
            );
        }
        self.docs(
            none,
            &at,
            o,
            n,
            &["summary", "description", "externalDocs", "tags"],
        );
        self.parameters(&label, &short, (oi, o), (ni, n));
        self.request_body(&label, &short, o, n);
        self.responses(&label, &short, o, n);
        self.security(&at, o, n);
        // Servers: only when the operation or its path overrides the document's.
        let servers =
            |item: &'a Value, op: &'a Value| op.get("servers").or_else(|| item.get("servers"));
        let (os, ns) = (servers(oi, o), servers(ni, n));
        if os.is_some() || ns.is_some() {
            let os = os.or_else(|| self.old.get("servers"));
            let ns = ns.or_else(|| self.new.get("servers"));
            self.servers(none, &at, os, ns);
        }
        self.rest(
            none,
            &at,
            o,
            n,
            &[
                "operationId",
                "summary",
                "description",
                "externalDocs",
                "tags",
                "parameters",
                "requestBody",
                "responses",
                "security",
                "servers",
            ],
            Class::Breaking,
        );
    }

    fn parameters(
        &mut self,
        label: &str,
        short: &str,
        (oi, o): (&'a Value, &'a Value),
        (ni, n): (&'a Value, &'a Value),
    ) {
        let old_params = parameters(self.old, oi, o);
        let new_params = parameters(self.new, ni, n);
        let at = Loc::op(label, "");
        let ctx = Ctx {
            usage: Usage::Request,
            op: short.to_string(),
        };
        let all: BTreeSet<&(String, String)> = old_params.keys().chain(new_params.keys()).collect();
        for key in all {
            match (old_params.get(key), new_params.get(key)) {
                (Some(a), None) => {
                    self.emit(None, &at, Class::Breaking, format!("{} removed", a.label()));
                }
                (None, Some(b)) if b.required() => {
                    self.emit(
                        None,
                        &at,
                        Class::Breaking,
                        format!("new required {}", b.label()),
                    );
                }
                (None, Some(b)) => {
                    self.emit(
                        None,
                        &at,
                        Class::Additive,
                        format!("new optional {}", b.label()),
                    );
                }
                (Some(a), Some(b)) => self.parameter(label, &ctx, a, b),
                (None, None) => {}
            }
        }
    }

    fn parameter(&mut self, label: &str, ctx: &Ctx, a: &Param<'a>, b: &Param<'a>) {
        let loc = match &b.at {
            Some(p) => Loc::Pointer(p.clone()),
            None => Loc::op(label, b.label()),
        };
        let c = Some(ctx);
        // At a component, say which parameter; inline, the location does.
        let what = match loc {
            Loc::Pointer(_) => format!("{} ", b.label()),
            Loc::Inline { .. } => String::new(),
        };
        match (a.required(), b.required()) {
            (false, true) => self.emit(c, &loc, Class::Breaking, format!("{what}became required")),
            (true, false) => self.emit(c, &loc, Class::Additive, format!("{what}became optional")),
            _ => {}
        }
        self.docs(
            c,
            &loc,
            a.node,
            b.node,
            &["description", "example", "examples"],
        );
        let (sa, sb) = (serialization(a), serialization(b));
        if sa != sb {
            let show = |s: &(String, bool, bool, bool)| {
                format!(
                    "style={} explode={} allowReserved={} allowEmptyValue={}",
                    s.0, s.1, s.2, s.3
                )
            };
            self.emit(
                c,
                &loc,
                Class::Breaking,
                format!(
                    "serialization changed from `{}` to `{}`",
                    show(&sa),
                    show(&sb)
                ),
            );
        }
        self.schema_slot(ctx, &loc, a.node.get("schema"), b.node.get("schema"));
        self.content(ctx, &loc, a.node.get("content"), b.node.get("content"));
        self.rest(
            c,
            &loc,
            a.node,
            b.node,
            &[
                "name",
                "in",
                "required",
                "description",
                "example",
                "examples",
                "style",
                "explode",
                "allowReserved",
                "allowEmptyValue",
                "schema",
                "content",
            ],
            Class::Breaking,
        );
    }

    /// The `schema` of a parameter, header or media type.
    fn schema_slot(&mut self, ctx: &Ctx, loc: &Loc, a: Option<&'a Value>, b: Option<&'a Value>) {
        match (a, b) {
            (Some(a), Some(b)) => {
                let mut walk = Walk::new(ctx);
                self.schema(&mut walk, a, b, loc.child(&["schema"], ""));
            }
            (Some(a), None) => self.emit(
                Some(ctx),
                loc,
                ctx.usage.always(),
                format!("schema removed (was {})", describe(a)),
            ),
            (None, Some(b)) => self.emit(
                Some(ctx),
                loc,
                ctx.usage.always(),
                format!("schema added ({})", describe(b)),
            ),
            (None, None) => {}
        }
    }

    /// The `content` of a parameter, body or response.
    fn content(&mut self, ctx: &Ctx, loc: &Loc, a: Option<&'a Value>, b: Option<&'a Value>) {
        let (ma, mb) = (media(a), media(b));
        let c = Some(ctx);
        for name in keys(ma, mb) {
            match (ma.and_then(|m| m.get(name)), mb.and_then(|m| m.get(name))) {
                (Some(_), None) => {
                    self.emit(
                        c,
                        loc,
                        ctx.usage.always(),
                        format!("media type `{name}` removed"),
                    );
                }
                (None, Some(_)) => {
                    self.emit(
                        c,
                        loc,
                        Class::Additive,
                        format!("media type `{name}` added"),
                    );
                }
                (Some(x), Some(y)) => {
                    let mloc = loc.qualify(&["content", name], &format!(" ({name})"));
                    self.docs(c, &mloc, x, y, &["example", "examples"]);
                    self.schema_slot(ctx, &mloc, x.get("schema"), y.get("schema"));
                    self.rest(
                        c,
                        &mloc,
                        x,
                        y,
                        &["schema", "example", "examples"],
                        ctx.usage.always(),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn request_body(&mut self, label: &str, short: &str, o: &'a Value, n: &'a Value) {
        let at = Loc::op(label, "");
        let ctx = Ctx {
            usage: Usage::Request,
            op: short.to_string(),
        };
        let a = o.get("requestBody").map(|b| deref(self.old, b));
        let b = n.get("requestBody").map(|b| deref(self.new, b));
        match (a, b) {
            (Some(_), None) => self.emit(None, &at, Class::Breaking, "request body removed"),
            (None, Some((b, _))) if flag(b, "required") => {
                self.emit(None, &at, Class::Breaking, "new required request body");
            }
            (None, Some(_)) => self.emit(None, &at, Class::Additive, "new optional request body"),
            (Some((a, _)), Some((b, ptr))) => {
                let loc = match ptr {
                    Some(p) => Loc::Pointer(p),
                    None => Loc::op(label, "request body"),
                };
                let c = Some(&ctx);
                match (flag(a, "required"), flag(b, "required")) {
                    (false, true) => {
                        self.emit(c, &loc, Class::Breaking, "request body became required")
                    }
                    (true, false) => {
                        self.emit(c, &loc, Class::Additive, "request body became optional")
                    }
                    _ => {}
                }
                self.docs(c, &loc, a, b, &["description"]);
                self.content(&ctx, &loc, a.get("content"), b.get("content"));
                self.rest(
                    c,
                    &loc,
                    a,
                    b,
                    &["description", "required", "content"],
                    Class::Breaking,
                );
            }
            (None, None) => {}
        }
    }

    fn responses(&mut self, label: &str, short: &str, o: &'a Value, n: &'a Value) {
        let at = Loc::op(label, "");
        let (ra, rb) = (as_obj(o.get("responses")), as_obj(n.get("responses")));
        for status in keys(ra, rb) {
            let success = status.starts_with('2');
            let kind = if success {
                "response"
            } else {
                "error response"
            };
            match (
                ra.and_then(|m| m.get(status)),
                rb.and_then(|m| m.get(status)),
            ) {
                (Some(_), None) => {
                    let class = if success {
                        Class::Breaking
                    } else {
                        Class::Additive
                    };
                    self.emit(None, &at, class, format!("{kind} {status} removed"));
                }
                (None, Some(_)) => {
                    self.emit(None, &at, Class::Additive, format!("{kind} {status} added"));
                }
                (Some(a), Some(b)) => {
                    let ctx = Ctx {
                        usage: if success {
                            Usage::Response
                        } else {
                            Usage::ErrorResponse
                        },
                        op: short.to_string(),
                    };
                    let (a, _) = deref(self.old, a);
                    let (b, ptr) = deref(self.new, b);
                    let loc = match ptr {
                        Some(p) => Loc::Pointer(p),
                        None => Loc::op(label, format!("response {status}")),
                    };
                    let c = Some(&ctx);
                    self.docs(c, &loc, a, b, &["description"]);
                    self.headers(&ctx, &loc, a.get("headers"), b.get("headers"));
                    self.content(&ctx, &loc, a.get("content"), b.get("content"));
                    self.rest(
                        c,
                        &loc,
                        a,
                        b,
                        &["description", "headers", "content"],
                        ctx.usage.always(),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn headers(&mut self, ctx: &Ctx, loc: &Loc, a: Option<&'a Value>, b: Option<&'a Value>) {
        let by_name = |v: Option<&'a Value>| -> BTreeMap<String, (&'a str, &'a Value)> {
            as_obj(v)
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.to_ascii_lowercase(), (k.as_str(), v)))
                .collect()
        };
        let (ha, hb) = (by_name(a), by_name(b));
        let c = Some(ctx);
        let names: BTreeSet<&String> = ha.keys().chain(hb.keys()).collect();
        for key in names {
            match (ha.get(key), hb.get(key)) {
                (Some((name, _)), None) => {
                    self.emit(
                        c,
                        loc,
                        ctx.usage.always(),
                        format!("header `{name}` removed"),
                    );
                }
                (None, Some((name, _))) => {
                    self.emit(c, loc, Class::Additive, format!("header `{name}` added"));
                }
                (Some(&(_, x)), Some(&(name, y))) => {
                    let (x, _) = deref(self.old, x);
                    let (y, ptr) = deref(self.new, y);
                    let hloc = match ptr {
                        Some(p) => Loc::Pointer(p),
                        None => loc.qualify(&["headers", name], &format!(" header `{name}`")),
                    };
                    match (flag(x, "required"), flag(y, "required")) {
                        (false, true) => {
                            self.emit(c, &hloc, ctx.usage.narrows(), "became required")
                        }
                        (true, false) => self.emit(c, &hloc, ctx.usage.widens(), "became optional"),
                        _ => {}
                    }
                    self.docs(c, &hloc, x, y, &["description", "example", "examples"]);
                    self.schema_slot(ctx, &hloc, x.get("schema"), y.get("schema"));
                    self.content(ctx, &hloc, x.get("content"), y.get("content"));
                    self.rest(
                        c,
                        &hloc,
                        x,
                        y,
                        &[
                            "required",
                            "description",
                            "example",
                            "examples",
                            "schema",
                            "content",
                        ],
                        ctx.usage.always(),
                    );
                }
                (None, None) => {}
            }
        }
    }

    fn security(&mut self, at: &Loc, o: &Value, n: &Value) {
        let (a, b) = (security(self.old, o), security(self.new, n));
        let (a, b) = match (a, b) {
            (None, None) => return,
            (None, Some(_)) => {
                self.emit(None, at, Class::Breaking, "authentication now required");
                return;
            }
            (Some(_), None) => {
                self.emit(
                    None,
                    at,
                    Class::Additive,
                    "authentication no longer required",
                );
                return;
            }
            (Some(a), Some(b)) => (a, b),
        };
        let schemes: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for scheme in schemes {
            match (a.get(scheme), b.get(scheme)) {
                (Some(_), None) => self.emit(
                    None,
                    at,
                    Class::Breaking,
                    format!("security scheme `{scheme}` removed from security"),
                ),
                (None, Some(_)) => self.emit(
                    None,
                    at,
                    Class::Breaking,
                    format!("security scheme `{scheme}` added to security"),
                ),
                (Some(x), Some(y)) => {
                    for scope in y.difference(x) {
                        self.emit(
                            None,
                            at,
                            Class::Breaking,
                            format!("scope `{scope}` added to security (`{scheme}`)"),
                        );
                    }
                    for scope in x.difference(y) {
                        self.emit(
                            None,
                            at,
                            Class::Additive,
                            format!("scope `{scope}` removed from security (`{scheme}`)"),
                        );
                    }
                }
                (None, None) => {}
            }
        }
    }

    fn components(&mut self) {
        let (co, cn) = (self.old.get("components"), self.new.get("components"));
        let section = |c: Option<&'a Value>, name: &str| as_obj(c.and_then(|c| c.get(name)));
        // Schemas: the SDK has a type for each.
        let (so, sn) = (section(co, "schemas"), section(cn, "schemas"));
        let (ro, rn) = (reachable(self.old), reachable(self.new));
        for name in keys(so, sn) {
            let ptr = pointer(["components", "schemas", name]);
            let loc = Loc::Pointer(ptr.clone());
            match (so.and_then(|m| m.get(name)), sn.and_then(|m| m.get(name))) {
                (Some(_), None) => self.emit(None, &loc, Class::Breaking, "schema removed"),
                (None, Some(_)) => self.emit(None, &loc, Class::Additive, "schema added"),
                (Some(_), Some(_)) if !ro.contains(&ptr) && !rn.contains(&ptr) => {
                    let ctx = Ctx {
                        usage: Usage::Unreferenced,
                        op: String::new(),
                    };
                    // Only this schema and the unreferenced ones it uses.
                    let mut walk = Walk::new(&ctx);
                    walk.seen
                        .extend(ro.iter().chain(&rn).map(|p| format!("#{p}")));
                    self.enter(&mut walk, &format!("#{ptr}"));
                }
                _ => {}
            }
        }
        // Security schemes.
        let (qo, qn) = (
            section(co, "securitySchemes"),
            section(cn, "securitySchemes"),
        );
        for name in keys(qo, qn) {
            let loc = Loc::Pointer(pointer(["components", "securitySchemes", name]));
            match (qo.and_then(|m| m.get(name)), qn.and_then(|m| m.get(name))) {
                (Some(_), None) => {
                    self.emit(None, &loc, Class::Breaking, "security scheme removed")
                }
                (None, Some(_)) => self.emit(None, &loc, Class::Additive, "security scheme added"),
                (Some(a), Some(b)) => {
                    let (a, _) = deref(self.old, a);
                    let (b, _) = deref(self.new, b);
                    self.security_scheme(&loc, a, b);
                }
                (None, None) => {}
            }
        }
        // Other sections are compared where operations use them.
        let null = Value::Null;
        self.rest(
            None,
            &Loc::Pointer("/components".into()),
            co.unwrap_or(&null),
            cn.unwrap_or(&null),
            &[
                "schemas",
                "securitySchemes",
                "parameters",
                "responses",
                "requestBodies",
                "headers",
                "examples",
                "links",
                "callbacks",
            ],
            Class::Breaking,
        );
    }

    fn security_scheme(&mut self, loc: &Loc, a: &Value, b: &Value) {
        self.docs(None, loc, a, b, &["description"]);
        let (fa, fb) = (as_obj(a.get("flows")), as_obj(b.get("flows")));
        for flow in keys(fa, fb) {
            match (fa.and_then(|m| m.get(flow)), fb.and_then(|m| m.get(flow))) {
                (Some(_), None) => {
                    self.emit(None, loc, Class::Breaking, format!("flow `{flow}` removed"))
                }
                (None, Some(_)) => {
                    self.emit(None, loc, Class::Additive, format!("flow `{flow}` added"))
                }
                (Some(x), Some(y)) => {
                    let (sx, sy) = (as_obj(x.get("scopes")), as_obj(y.get("scopes")));
                    for scope in keys(sx, sy) {
                        match (sx.and_then(|m| m.get(scope)), sy.and_then(|m| m.get(scope))) {
                            (Some(_), None) => self.emit(
                                None,
                                loc,
                                Class::Breaking,
                                format!("flow `{flow}`: scope `{scope}` removed"),
                            ),
                            (None, Some(_)) => self.emit(
                                None,
                                loc,
                                Class::Additive,
                                format!("flow `{flow}`: scope `{scope}` added"),
                            ),
                            (Some(d), Some(e)) if d != e => self.emit(
                                None,
                                loc,
                                Class::Docs,
                                format!("flow `{flow}`: scope `{scope}` description changed"),
                            ),
                            _ => {}
                        }
                    }
                    for key in keys(x.as_object(), y.as_object()) {
                        if key != "scopes" && x.get(key) != y.get(key) {
                            let class = if key.starts_with("x-") {
                                Class::Additive
                            } else {
                                Class::Breaking
                            };
                            self.emit(
                                None,
                                loc,
                                class,
                                format!("flow `{flow}`: `{key}` {}", verb(x.get(key), y.get(key))),
                            );
                        }
                    }
                }
                (None, None) => {}
            }
        }
        self.rest(None, loc, a, b, &["description", "flows"], Class::Breaking);
    }

    /// Adds the changes in the schema `reference` points at, and in those it
    /// reaches, to the walk's operation. Iterative, so that long chains of
    /// `$ref`s cannot overflow the stack; `walk.seen` ends recursion.
    fn enter(&mut self, walk: &mut Walk, reference: &str) {
        let usage = walk.ctx.usage;
        let mut stack = vec![reference.to_string()];
        while let Some(reference) = stack.pop() {
            if !walk.seen.insert(reference.clone()) {
                continue;
            }
            let local = self.local(&reference, usage);
            for key in &local.changes {
                self.found
                    .entry(key.clone())
                    .or_default()
                    .entry(usage)
                    .or_default()
                    .insert(walk.ctx.op.clone());
            }
            stack.extend(local.refs.iter().rev().cloned());
        }
    }

    /// The [`Local`] changes of the schema at `reference`, used as `usage`.
    fn local(&mut self, reference: &str, usage: Usage) -> Rc<Local> {
        let key = (reference.to_string(), usage);
        if let Some(local) = self.memo.get(&key) {
            return local.clone();
        }
        let local = match (lookup(self.old, reference), lookup(self.new, reference)) {
            (Some(x), Some(y)) => {
                let outer = self.capture.replace(Local::default());
                let mut walk = Walk::new(&Ctx {
                    usage,
                    op: String::new(),
                });
                let at = Loc::Pointer(reference.trim_start_matches('#').to_string());
                self.schema(&mut walk, x, y, at);
                let local = std::mem::replace(&mut self.capture, outer);
                local.unwrap_or_default()
            }
            // A dangling reference: the schema's removal is reported.
            _ => Local::default(),
        };
        let local = Rc::new(local);
        self.memo.insert(key, local.clone());
        local
    }

    /// Compares two schemas used as `walk.ctx` says, reporting at `loc`.
    fn schema(&mut self, walk: &mut Walk, o: &'a Value, n: &'a Value, loc: Loc) {
        let usage = walk.ctx.usage;
        match (ref_of(o), ref_of(n)) {
            (Some(a), Some(b)) if a == b => {
                match &mut self.capture {
                    Some(capture) => capture.refs.push(a.to_string()),
                    None => self.enter(walk, a),
                }
                return;
            }
            (None, None) => {}
            _ => {
                let message = format!("type changed from {} to {}", describe(o), describe(n));
                self.emit(Some(&walk.ctx), &loc, usage.always(), message);
                return;
            }
        }
        let ctx = walk.ctx.clone();
        let c = Some(&ctx);
        if !(o.is_object() && n.is_object()) {
            if o != n {
                self.emit(c, &loc, usage.always(), "schema changed");
            }
            return;
        }
        self.docs(c, &loc, o, n, &SCHEMA_DOCS);
        if type_of(o) != type_of(n) || o.get("format") != n.get("format") {
            let message = format!("type changed from {} to {}", describe(o), describe(n));
            self.emit(c, &loc, usage.always(), message);
            return;
        }
        self.enumeration(&ctx, &loc, o, n);
        self.flags(&ctx, &loc, o, n);
        self.bounds(&ctx, &loc, o, n);
        self.properties(walk, &loc, o, n);
        self.additional_properties(walk, &loc, o, n);
        match (o.get("items"), n.get("items")) {
            (Some(a), Some(b)) => self.schema(walk, a, b, loc.child(&["items"], "[]")),
            (None, Some(b)) => self.emit(
                c,
                &loc,
                usage.always(),
                format!("items schema added ({})", describe(b)),
            ),
            (Some(_), None) => self.emit(c, &loc, usage.always(), "items schema removed"),
            (None, None) => {}
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            self.composition(walk, &loc, key, o.get(key), n.get(key));
        }
        self.rest(
            c,
            &loc,
            o,
            n,
            &[
                "type",
                "format",
                "title",
                "description",
                "example",
                "externalDocs",
                "enum",
                "nullable",
                "readOnly",
                "writeOnly",
                "default",
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "minLength",
                "maxLength",
                "minItems",
                "maxItems",
                "minProperties",
                "maxProperties",
                "pattern",
                "multipleOf",
                "uniqueItems",
                "additionalProperties",
                "properties",
                "required",
                "items",
                "allOf",
                "oneOf",
                "anyOf",
            ],
            usage.always(),
        );
    }

    fn enumeration(&mut self, ctx: &Ctx, loc: &Loc, o: &Value, n: &Value) {
        let c = Some(ctx);
        match (
            o.get("enum").and_then(Value::as_array),
            n.get("enum").and_then(Value::as_array),
        ) {
            (Some(a), Some(b)) => {
                for v in a.iter().filter(|v| !b.contains(v)) {
                    self.emit(
                        c,
                        loc,
                        ctx.usage.always(),
                        format!("enum value `{}` removed", show(v)),
                    );
                }
                for v in b.iter().filter(|v| !a.contains(v)) {
                    self.emit(
                        c,
                        loc,
                        Class::Additive,
                        format!("enum value `{}` added", show(v)),
                    );
                }
            }
            (None, Some(b)) => self.emit(
                c,
                loc,
                ctx.usage.narrows(),
                format!("enum constraint added ({} values)", b.len()),
            ),
            (Some(_), None) => self.emit(c, loc, ctx.usage.widens(), "enum constraint removed"),
            (None, None) => {}
        }
    }

    /// `nullable`, `readOnly`, `writeOnly`, `default`.
    fn flags(&mut self, ctx: &Ctx, loc: &Loc, o: &Value, n: &Value) {
        let c = Some(ctx);
        let usage = ctx.usage;
        match (flag(o, "nullable"), flag(n, "nullable")) {
            (false, true) => self.emit(c, loc, usage.widens(), "now nullable"),
            (true, false) => self.emit(c, loc, usage.narrows(), "no longer nullable"),
            _ => {}
        }
        match (flag(o, "readOnly"), flag(n, "readOnly")) {
            // A read-only field may no longer be sent.
            (false, true) if usage == Usage::Request => {
                self.emit(c, loc, Class::Breaking, "now read-only");
            }
            (false, true) => self.emit(c, loc, Class::Additive, "now read-only"),
            (true, false) => self.emit(c, loc, Class::Additive, "no longer read-only"),
            _ => {}
        }
        match (flag(o, "writeOnly"), flag(n, "writeOnly")) {
            // A write-only field is no longer in responses.
            (false, true) if usage != Usage::Request => {
                self.emit(c, loc, usage.always(), "now write-only");
            }
            (false, true) => self.emit(c, loc, Class::Additive, "now write-only"),
            (true, false) => self.emit(c, loc, Class::Additive, "no longer write-only"),
            _ => {}
        }
        let (a, b) = (o.get("default"), n.get("default"));
        if a != b {
            // What the server assumes for an omitted value.
            let class = match (usage, a) {
                (Usage::Request, Some(_)) => Class::Breaking,
                _ => Class::Additive,
            };
            let message = match (a, b) {
                (Some(a), Some(b)) => {
                    format!("default changed from `{}` to `{}`", show(a), show(b))
                }
                (None, Some(b)) => format!("default `{}` added", show(b)),
                (Some(a), _) => format!("default `{}` removed", show(a)),
                (None, None) => unreachable!("they differ"),
            };
            self.emit(c, loc, class, message);
        }
    }

    /// Numeric bounds, `pattern`, `multipleOf`, `uniqueItems`, exclusive bounds.
    fn bounds(&mut self, ctx: &Ctx, loc: &Loc, o: &Value, n: &Value) {
        let c = Some(ctx);
        let usage = ctx.usage;
        let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
        for (key, lower) in LOWER_BOUNDS
            .iter()
            .map(|k| (*k, true))
            .chain(UPPER_BOUNDS.iter().map(|k| (*k, false)))
        {
            let (a, b) = (num(o, key), num(n, key));
            let (ta, tb) = (
                o.get(key).map(show).unwrap_or_default(),
                n.get(key).map(show).unwrap_or_default(),
            );
            let (narrows, message) = match (a, b) {
                (None, Some(_)) => (true, format!("`{key}` {tb} added")),
                (Some(_), None) => (false, format!("`{key}` {ta} removed")),
                (Some(x), Some(y)) if x != y => {
                    let raised = y > x;
                    let what = if raised { "raised" } else { "lowered" };
                    (raised == lower, format!("`{key}` {what} from {ta} to {tb}"))
                }
                _ => continue,
            };
            let class = if narrows {
                usage.narrows()
            } else {
                usage.widens()
            };
            self.emit(c, loc, class, message);
        }
        for key in ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"] {
            match (flag(o, key), flag(n, key)) {
                (false, true) => self.emit(c, loc, usage.narrows(), format!("`{key}` set")),
                (true, false) => self.emit(c, loc, usage.widens(), format!("`{key}` unset")),
                _ => {}
            }
        }
        for key in ["pattern", "multipleOf"] {
            let (a, b) = (o.get(key), n.get(key));
            let class = match (a, b) {
                (None, Some(_)) => usage.narrows(),
                (Some(_), None) => usage.widens(),
                (Some(x), Some(y)) if x != y => usage.always(),
                _ => continue,
            };
            self.emit(c, loc, class, format!("`{key}` {}", verb(a, b)));
        }
    }

    fn properties(&mut self, walk: &mut Walk, loc: &Loc, o: &'a Value, n: &'a Value) {
        let ctx = walk.ctx.clone();
        let c = Some(&ctx);
        let usage = ctx.usage;
        let required = |v: &Value| -> BTreeSet<String> {
            v.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        };
        let (ra, rb) = (required(o), required(n));
        let (pa, pb) = (as_obj(o.get("properties")), as_obj(n.get("properties")));
        let read_only = |root: &Value, v: &Value| flag(deref(root, v).0, "readOnly");
        for name in keys(pa, pb) {
            match (pa.and_then(|m| m.get(name)), pb.and_then(|m| m.get(name))) {
                (Some(_), None) => {
                    self.emit(c, loc, usage.always(), format!("field `{name}` removed"));
                }
                (None, Some(b)) => {
                    let class = if rb.contains(name) && !read_only(self.new, b) {
                        usage.narrows()
                    } else {
                        Class::Additive
                    };
                    let kind = if rb.contains(name) {
                        "required"
                    } else {
                        "optional"
                    };
                    self.emit(c, loc, class, format!("new {kind} field `{name}`"));
                }
                (Some(a), Some(b)) => {
                    match (ra.contains(name), rb.contains(name)) {
                        (false, true) => {
                            let class = if read_only(self.new, b) {
                                Class::Additive
                            } else {
                                usage.narrows()
                            };
                            self.emit(c, loc, class, format!("field `{name}` became required"));
                        }
                        (true, false) => {
                            self.emit(
                                c,
                                loc,
                                usage.widens(),
                                format!("field `{name}` became optional"),
                            );
                        }
                        _ => {}
                    }
                    self.schema(walk, a, b, loc.child(&["properties", name], name));
                }
                (None, None) => {}
            }
        }
        // Required names without a property here (e.g. properties from allOf).
        let has = |name: &str| {
            pa.is_some_and(|m| m.contains_key(name)) || pb.is_some_and(|m| m.contains_key(name))
        };
        for name in rb.difference(&ra).filter(|n| !has(n)) {
            self.emit(
                c,
                loc,
                usage.narrows(),
                format!("field `{name}` became required"),
            );
        }
        for name in ra.difference(&rb).filter(|n| !has(n)) {
            self.emit(
                c,
                loc,
                usage.widens(),
                format!("field `{name}` became optional"),
            );
        }
    }

    fn additional_properties(&mut self, walk: &mut Walk, loc: &Loc, o: &'a Value, n: &'a Value) {
        #[derive(PartialEq)]
        enum Extra {
            Any,
            Never,
            Typed,
        }
        let kind = |v: Option<&Value>| match v {
            None | Some(Value::Bool(true)) => Extra::Any,
            Some(Value::Object(_)) => Extra::Typed,
            Some(_) => Extra::Never,
        };
        let (a, b) = (o.get("additionalProperties"), n.get("additionalProperties"));
        let ctx = walk.ctx.clone();
        let usage = ctx.usage;
        let (class, message) = match (kind(a), kind(b)) {
            (Extra::Typed, Extra::Typed) => {
                let (a, b) = (a.expect("typed"), b.expect("typed"));
                self.schema(walk, a, b, loc.child(&["additionalProperties"], "{*}"));
                return;
            }
            (x, y) if x == y => return,
            (Extra::Never, _) => (usage.widens(), "additional properties now allowed"),
            (Extra::Any, Extra::Typed) => (
                usage.narrows(),
                "additional properties restricted to a schema",
            ),
            (Extra::Typed, Extra::Any) => (
                usage.widens(),
                "additional properties no longer restricted to a schema",
            ),
            (_, Extra::Never) => (usage.narrows(), "additional properties no longer allowed"),
            _ => return,
        };
        self.emit(Some(&ctx), loc, class, message);
    }

    /// `allOf`, `oneOf`, `anyOf`: members are paired by `$ref` target, then
    /// the inline ones in order.
    fn composition(
        &mut self,
        walk: &mut Walk,
        loc: &Loc,
        key: &str,
        a: Option<&'a Value>,
        b: Option<&'a Value>,
    ) {
        let a: &'a [Value] = a.and_then(Value::as_array).map_or(&[], Vec::as_slice);
        let b: &'a [Value] = b.and_then(Value::as_array).map_or(&[], Vec::as_slice);
        if a.is_empty() && b.is_empty() {
            return;
        }
        let mut used = vec![false; b.len()];
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut removed = Vec::new();
        for (i, x) in a.iter().enumerate() {
            let matched = match ref_of(x) {
                Some(r) => (0..b.len()).find(|&j| !used[j] && ref_of(&b[j]) == Some(r)),
                None => (0..b.len()).find(|&j| !used[j] && ref_of(&b[j]).is_none()),
            };
            match matched {
                Some(j) => {
                    used[j] = true;
                    pairs.push((i, j));
                }
                None => removed.push(i),
            }
        }
        let ctx = walk.ctx.clone();
        let c = Some(&ctx);
        let usage = ctx.usage;
        // More allOf members constrain more; more oneOf/anyOf members allow more.
        let (on_add, on_remove) = if key == "allOf" {
            (usage.narrows(), usage.widens())
        } else {
            (usage.widens(), usage.narrows())
        };
        for i in removed {
            self.emit(
                c,
                loc,
                on_remove,
                format!("`{key}` member {} removed", describe(&a[i])),
            );
        }
        for (j, y) in b.iter().enumerate().filter(|(j, _)| !used[*j]) {
            self.emit(
                c,
                loc,
                on_add,
                format!("`{key}` member {} added (at {j})", describe(y)),
            );
        }
        for (i, j) in pairs {
            let index = j.to_string();
            self.schema(
                walk,
                &a[i],
                &b[j],
                loc.child(&[key, &index], &format!("{key}[{j}]")),
            );
        }
    }
}

/// Servers by URL.
fn by_url(v: &Value) -> BTreeMap<String, &Value> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| Some((str_at(s, "url")?.to_string(), s)))
        .collect()
}
