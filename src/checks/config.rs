//! Password-flow credentials in configuration: blocks of settings that hold a RingCentral
//! user's password for the password grant, in `.env` templates (whatever they are called),
//! shell exports, YAML, JSON (Heroku `app.json`, credential files), INI sections, `.properties`
//! files and Python modules of credential constants.
//!
//! A block is read from the names of its keys, not from one spelling: each key is split into
//! words (`RC_USER_PASSWORD`, `rcPassword`, `PASSWORD_SB`, `LITA_ADAPTERS_RINGCENTRAL_PASSWORD`),
//! its *role* word (password, username, extension) is taken out, and what is left (the *stem*:
//! `RC_USER`, `RC`, `SB`) ties the keys of one block together. A password key is reported when
//! the block is RingCentral's:
//! - its stem names RingCentral (`RC`, `RINGCENTRAL`, `RING_CENTRAL`, `ENGAGE_VOICE`), or
//! - its stem names nothing else (`PASSWORD`, `PASSWORD_PROD`, `USER_PASSWORD`), a username key
//!   of the same stem sits next to it, and the block has an extension key (the RingCentral
//!   login's third credential), names RingCentral (a server URL, a `[ringcentral]` section), or
//!   the file or its project is RingCentral code.
//!
//! Stems that name another system (`DB_`, `WATSON_`, `ZENDESK_`, `LEGACY_` Engage Voice portal
//! logins, a chatbot's admin page) are never reported, nor is a block of unprefixed keys in a
//! YAML/JSON mapping or INI section that names another system's server URL (`"Authority":
//! "https://idp.example.com"`) and no RingCentral one, whatever sits next to it. One finding
//! per block: when a block has several password keys of one stem, the first reports.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::finding::{Edit, Label};
use crate::lang::Lang;
use crate::syntax::{descendants, is_string, key_text, named_children, string_value, text};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "password-credential-config",
    languages: &[
        Lang::Env,
        Lang::Bash,
        Lang::Yaml,
        Lang::Json,
        Lang::Ini,
        Lang::Properties,
        Lang::Python,
        Lang::CSharp,
        Lang::Java,
        Lang::Kotlin,
        Lang::Swift,
        Lang::Php,
        Lang::JavaScript,
        Lang::TypeScript,
        Lang::Tsx,
    ],
    needs: &["key", "match"],
    provides: &["match", "prefix", "jwt_name", "jwt_setting", "jwt_shown", "redirect_shown", "form", "key"],
    about: "a RingCentral password setting in configuration: a password key whose name or block \
            says RingCentral (an `RC_`/`RINGCENTRAL_`/`ENGAGE_VOICE_` name, or a username next to \
            it with an extension, a RingCentral URL or RingCentral code around it); names the \
            username/extension settings that go with it and, in `.env` files and shell scripts, \
            deletes them as part of the JWT rewrite",
    run: password_credential_config,
    file_gate: None,
    text_gate: Some(|text, lang| {
        // The cheap tests of a JavaScript or PHP settings module first: most such files with a
        // `password` in them are code, not settings.
        (!lang.is_js_family() || may_export_settings(text))
            && (!matches!(lang, Lang::Php | Lang::PhpOnly) || may_return_settings(text))
            && may_hold_password_setting(text)
    }),
}];

/// What a key is for in the password grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Password,
    Username,
    Extension,
}

/// A key split into its role and the words around it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyName {
    role: Role,
    /// The key's other words, upper case, in order (`RC_USER_PASSWORD` gives `RC`, `USER`).
    stem: Vec<String>,
    /// The role word as written, and where it starts in the key (for naming the JWT setting).
    role_at: std::ops::Range<usize>,
}

const PASSWORD_WORDS: &[&str] = &["PASSWORD", "PASSWD", "PWD", "PASS", "PASSWORT", "PW"];
const USERNAME_WORDS: &[&str] = &["USERNAME", "LOGIN", "UID", "USERID", "LOGINNAME", "USER"];
const EXTENSION_WORDS: &[&str] = &["EXTENSION", "EXT", "EXTENSIONNUMBER", "EXTENSIONNUM"];

/// Words that name RingCentral in a stem (`RING`+`CENTRAL` and `ENGAGE`+`VOICE` are joined
/// first).
const RC_WORDS: &[&str] = &["RC", "RINGCENTRAL", "ENGAGEVOICE", "RCV", "RINGCX", "GLIP"];

/// Words a RingCentral block's stem may hold besides RingCentral's own: environments, numbering,
/// whose account it is.
const NEUTRAL_WORDS: &[&str] = &[
    "SB",
    "SANDBOX",
    "PROD",
    "PRODUCTION",
    "DEV",
    "DEVTEST",
    "DEVELOPMENT",
    "TEST",
    "TESTING",
    "STAGE",
    "STAGING",
    "QA",
    "UAT",
    "LIVE",
    "LOCAL",
    "USER",
    "ACCOUNT",
    "ACCT",
    "MY",
    "APP",
    "DEFAULT",
    "MAIN",
    "PRIMARY",
    "SECONDARY",
    "SERVICE",
    "SA",
    "ADMIN",
    "AGENT",
    "SUPERVISOR",
    "OFFICE",
    "MVP",
    "PLATFORM",
    "API",
    "CRED",
    "CREDS",
    "CREDENTIAL",
    "CREDENTIALS",
    "AUTH",
    "OAUTH",
    "PHONE",
    "OWNER",
];

/// Words that put a block in another system: databases, mail, other vendors, the Engage Voice
/// legacy portal (`LEGACY_USERNAME`, `EV_USERNAME`), a chatbot framework's admin page.
const OTHER_SYSTEM_WORDS: &[&str] = &[
    "LEGACY",
    "LAGECY",
    "EV",
    "DB",
    "DATABASE",
    "POSTGRES",
    "POSTGRESQL",
    "PG",
    "PSQL",
    "MYSQL",
    "MARIADB",
    "MONGO",
    "MONGODB",
    "REDIS",
    "SQL",
    "MSSQL",
    "ORACLE",
    "SMTP",
    "MAIL",
    "IMAP",
    "POP",
    "POP3",
    "FTP",
    "SFTP",
    "SSH",
    "PROXY",
    "LDAP",
    "BASIC",
    "HTPASSWD",
    "DASHBOARD",
    "CHATBOT",
    "BOT",
    "PYPI",
    "TWINE",
    "NPM",
    "DOCKER",
    "REGISTRY",
    "GIT",
    "GITHUB",
    "GITLAB",
    "JIRA",
    "CONFLUENCE",
    "ZENDESK",
    "SALESFORCE",
    "SFDC",
    "WATSON",
    "VOICEBASE",
    "VB",
    "AWS",
    "AMAZON",
    "S3",
    "DROPBOX",
    "TWILIO",
    "SIP",
    "KEYCLOAK",
    "OKTA",
    "AUTH0",
    "KEYSTORE",
    "TRUSTSTORE",
    "JKS",
    "CERT",
    "SSL",
    "TLS",
    "RABBIT",
    "RABBITMQ",
    "AMQP",
    "KAFKA",
    "ELASTIC",
    "ELASTICSEARCH",
    "KIBANA",
    "GRAFANA",
    "JENKINS",
    "SONAR",
    "NEXUS",
    "ARTIFACTORY",
    "WIFI",
    "VNC",
    "RDP",
    "ZIP",
    "PDF",
    "ENCRYPTION",
    "MASTER",
    "ROOT",
    "SUPERUSER",
    "HUBSPOT",
    "SLACK",
    "GOOGLE",
    "MICROSOFT",
    "AZURE",
    "ZOOM",
    "METABASE",
    "RESET",
    "HASH",
    "SALT",
    "HINT",
    "POLICY",
    "MIN",
    "MAX",
    "LENGTH",
    "EXPIRY",
    "EXPIRES",
    "FIELD",
    "INPUT",
    "LABEL",
    "FILE",
    "PATH",
    "URL",
    "ENABLED",
    "REQUIRED",
    "CONFIRM",
    "CONFIRMATION",
    "OLD",
    "NEW",
    "TEMP",
    "MQTT",
    "NGROK",
    "SENDGRID",
    "MAILGUN",
    "STRIPE",
    "PAYPAL",
    "OPENAI",
];

/// Text that names RingCentral inside a block (a server URL, a section or parent key).
static RC_TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["ringcentral", "ring_central", "ring-central", "engage_voice", "engage-voice"])
        .expect("constant patterns")
});

/// The password words as the text gate finds them.
static PASSWORD_TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["password", "passwd", "pwd"])
        .expect("constant patterns")
});

/// The username words as the text gate finds them (searched only when a password key needs a
/// username beside it).
static USERNAME_TEXT: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["user", "login", "uid"])
        .expect("constant patterns")
});

/// The text gate of the check: whether some spelling of a password key in the text could be
/// reported, judged by the same words the check reads (the key around each password word,
/// split and classified). A translation catalog full of `"createacct-yourpassword":` message
/// ids, or a file whose only password keys name another system (`DB_PASSWORD`), is not parsed.
#[must_use]
/// Whether a JavaScript file may give out a settings object (`exported_object_depth`): a small
/// module that assigns or exports an object literal (`window.x = {`, `module.exports = {`,
/// `export default {`, `export const x = {`). Library code that merely passes a `password:`
/// option is not parsed for this rule. Plain byte searches: this runs on every JavaScript
/// file that names a password key.
fn may_export_settings(text: &str) -> bool {
    if text.len() > MAX_SETTINGS_MODULE {
        return false;
    }
    let bytes = text.as_bytes();
    // What follows a statement's target: ` = {` for an assignment, ` {` for `export default`.
    let object_follows = |from: usize, assignment: bool| {
        let rest = bytes[from..].iter().skip_while(|b| b.is_ascii_whitespace());
        let mut rest = rest.copied();
        if assignment {
            if rest.next() != Some(b'=') {
                return false;
            }
            let mut after = rest.skip_while(u8::is_ascii_whitespace);
            after.next() == Some(b'{')
        } else {
            rest.next() == Some(b'{')
        }
    };
    let name_end = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$'))
            .count()
    };
    for target in ["window.", "globalThis.", "self.", "exports."] {
        if memchr::memmem::find_iter(bytes, target.as_bytes())
            .any(|at| object_follows(name_end(at + target.len()), true))
        {
            return true;
        }
    }
    if memchr::memmem::find_iter(bytes, b"module.exports").any(|at| object_follows(at + 14, true)) {
        return true;
    }
    memchr::memmem::find_iter(bytes, b"export ").any(|at| {
        let rest = &text[at + 7..];
        let rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("default") {
            return object_follows(text.len() - after.len(), false);
        }
        let Some(after) = ["const ", "let ", "var "].iter().find_map(|k| rest.strip_prefix(k)) else {
            return false;
        };
        // `export const settings = {` or `export const settings: Settings = {`
        let line = after.lines().next().unwrap_or_default();
        line.split_once('=').is_some_and(|(_, value)| value.trim_start().starts_with('{'))
    })
}

/// Whether a PHP file may return a settings array (`returned_array_depth`): a small file
/// with a top-level `return [` or `return array(`.
fn may_return_settings(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() <= MAX_SETTINGS_MODULE
        && memchr::memmem::find_iter(bytes, b"return").any(|at| {
            let line_start = at == 0 || bytes[at - 1] == b'\n';
            let rest = text[at + 6..].trim_start();
            line_start
                && (rest.starts_with('[') || rest.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("array")))
        })
}

/// The largest JavaScript or PHP file read as a settings module: settings are a few lines, bundles
/// and libraries are not settings.
const MAX_SETTINGS_MODULE: usize = 64 * 1024;

pub fn may_hold_password_setting(text: &str) -> bool {
    let bytes = text.as_bytes();
    let key_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'$');
    let keys = |words: &'static AhoCorasick| {
        words.find_iter(bytes).filter_map(move |m| {
            let start = bytes[..m.start()].iter().rposition(|b| !key_byte(*b)).map_or(0, |i| i + 1);
            let end =
                bytes[m.end()..].iter().position(|b| !key_byte(*b)).map_or(bytes.len(), |i| m.end() + i);
            // A key is followed by its separator (`=`, `:`, after a closing quote): a word of prose
            // ("Your password") is not a key ...
            let after = bytes[end..]
                .iter()
                .skip_while(|b| matches!(b, b'"' | b'\'' | b'\\'))
                .find(|b| **b != b' ' && **b != b'\t');
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            // A Kubernetes `env:` entry names its variable as a value: `- name: RC_PASSWORD`.
            let k8s_name = matches!(
                text[line_start..start].trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\''),
                "- name:" | "name:"
            );
            // A Postman variable: `{ "key": "RC_PASSWORD", "value": ... }`.
            let json_entry = bytes[..start].ends_with(b"\"")
                && ["\"key\":", "\"name\":"]
                    .iter()
                    .any(|k| text[line_start..start - 1].trim_end().ends_with(k));
            if k8s_name || json_entry {
                return text.get(start..end).and_then(key_name);
            }
            if !matches!(after, Some(b'=' | b':')) {
                return None;
            }
            // ... and stands where keys stand: quoted (`"RC_PASSWORD":`), or first on its line
            // (`RC_PASSWORD=`, `export ...`, `- password:`, `const string RC_PASSWORD =`,
            // `const val RC_PASSWORD =`, `let Password =`); a
            // sentence's "Password: $1" inside a message is not.
            let quoted = start > 0
                && matches!(bytes[start - 1], b'"' | b'\'')
                && bytes.get(end) == Some(&bytes[start - 1]);
            let first = text[line_start..start].split_whitespace().all(|w| {
                matches!(
                    w,
                    "export"
                        | "-"
                        | "const"
                        | "static"
                        | "final"
                        | "readonly"
                        | "public"
                        | "private"
                        | "protected"
                        | "internal"
                        | "string"
                        | "String"
                        | "var"
                        // Kotlin and Swift declarations (`const val RC_PASSWORD =`, `let Password =`).
                        | "val"
                        | "let"
                )
            });
            if !(quoted || first) {
                return None;
            }
            text.get(start..end).and_then(key_name)
        })
    };
    // What the check accepts without looking further (a RingCentral stem), or with a username
    // of the same block beside it.
    let mut need_user = Vec::new();
    for key in keys(&PASSWORD_TEXT).filter(|k| k.role == Role::Password) {
        match stem_kind(&key.stem) {
            StemKind::RingCentral => return true,
            StemKind::RingCentralAmong | StemKind::Neutral => need_user.push(key.stem),
            StemKind::Other | StemKind::Unknown => {}
        }
    }
    !need_user.is_empty()
        && keys(&USERNAME_TEXT)
            .filter(|k| k.role == Role::Username)
            .any(|user| need_user.iter().any(|stem| same_block(&user.stem, stem)))
}

/// Splits a key into upper-case words: separators and camelCase boundaries, with the byte
/// range of each word in the key.
fn words(key: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let bytes = key.as_bytes();
    let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &b) in bytes.iter().enumerate() {
        let alnum = b.is_ascii_alphanumeric();
        let boundary = start.is_some_and(|s| {
            let prev = bytes[i - 1];
            i > s
                && ((prev.is_ascii_lowercase() && b.is_ascii_uppercase())
                    || (prev.is_ascii_alphabetic() && b.is_ascii_digit())
                    || (prev.is_ascii_digit() && b.is_ascii_alphabetic()))
        });
        if let Some(s) = start
            && (!alnum || boundary)
        {
            out.push((key[s..i].to_ascii_uppercase(), s..i));
            start = None;
        }
        if alnum && start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((key[s..].to_ascii_uppercase(), s..key.len()));
    }
    // Two-word spellings of one word: `user_name`, `RING_CENTRAL`, `EXTENSION_NUMBER`.
    let mut joined: Vec<(String, std::ops::Range<usize>)> = Vec::with_capacity(out.len());
    for (word, range) in out {
        if let Some((last, last_range)) = joined.last_mut() {
            let pair = format!("{last}{word}");
            if matches!(
                pair.as_str(),
                "USERNAME"
                    | "RINGCENTRAL"
                    | "ENGAGEVOICE"
                    | "EXTENSIONNUMBER"
                    | "EXTENSIONNUM"
                    | "EXTNUMBER"
                    | "EXTNUM"
                    | "LOGINNAME"
                    | "USERID"
            ) {
                *last = if pair.starts_with("EXT") && pair != "EXTENSIONNUMBER" && pair != "EXTENSIONNUM" {
                    "EXTENSION".to_owned()
                } else {
                    pair
                };
                last_range.end = range.end;
                continue;
            }
        }
        joined.push((word, range));
    }
    joined
}

/// A key's role and stem, if it names a password, username or extension.
fn key_name(key: &str) -> Option<KeyName> {
    let key = key.trim().trim_start_matches('$');
    let key = key.strip_prefix("export ").unwrap_or(key).trim();
    let words = words(key);
    let find = |set: &[&str]| words.iter().rposition(|(w, _)| set.contains(&w.as_str()));
    let (role, at) = if let Some(i) = find(PASSWORD_WORDS) {
        (Role::Password, i)
    } else if let Some(i) = find(&USERNAME_WORDS[..USERNAME_WORDS.len() - 1]).or_else(|| find(&["USER"])) {
        (Role::Username, i)
    } else if let Some(i) = find(EXTENSION_WORDS) {
        (Role::Extension, i)
    } else {
        return None;
    };
    let stem = words.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, (w, _))| w.clone()).collect();
    Some(KeyName { role, stem, role_at: words[at].1.clone() })
}

/// Whether two stems belong to one block: equal, or equal once numbering is dropped
/// (`RINGCENTRAL_USERNAME` serves `RINGCENTRAL_PASSWORD_1` and `_2`).
fn same_block(a: &[String], b: &[String]) -> bool {
    let unnumbered = |s: &[String]| -> Vec<String> {
        s.iter().filter(|w| !w.bytes().all(|c| c.is_ascii_digit())).cloned().collect()
    };
    a == b || unnumbered(a) == unnumbered(b)
}

/// What a stem says about its block.
#[derive(Debug, PartialEq, Eq)]
enum StemKind {
    /// Names another system: never RingCentral's.
    Other,
    /// Names RingCentral and nothing else but neutral words.
    RingCentral,
    /// Names RingCentral among words of its own (`LITA_ADAPTERS_RINGCENTRAL`).
    RingCentralAmong,
    /// Neutral words only (`PASSWORD`, `PASSWORD_PROD`).
    Neutral,
    /// Words of its own and no RingCentral name.
    Unknown,
}

fn stem_kind(stem: &[String]) -> StemKind {
    let is = |set: &[&str], w: &String| set.contains(&w.as_str());
    if stem.iter().any(|w| is(OTHER_SYSTEM_WORDS, w)) {
        return StemKind::Other;
    }
    let rc = stem.iter().any(|w| is(RC_WORDS, w));
    let own = stem
        .iter()
        .any(|w| !is(RC_WORDS, w) && !is(NEUTRAL_WORDS, w) && !w.bytes().all(|c| c.is_ascii_digit()));
    match (rc, own) {
        (true, false) => StemKind::RingCentral,
        (true, true) => StemKind::RingCentralAmong,
        (false, false) => StemKind::Neutral,
        (false, true) => StemKind::Unknown,
    }
}

/// A setting written as an item of a YAML list: a Compose `environment:` entry
/// (`- RC_PASSWORD=secret`) or a Kubernetes `env:` entry (`- name: RC_PASSWORD` with its
/// `value:` or `valueFrom:`).
struct ListItem {
    name: String,
    /// The value, when the item spells one (a `valueFrom:` reference has none).
    value: Option<std::ops::Range<usize>>,
    /// `env-list` (Compose) or `name-list` (Kubernetes): how the JWT setting is written.
    form: &'static str,
}

/// Reads a YAML list item as a setting (see [`ListItem`]); `None` for any other item.
fn list_item(item: Node<'_>, src: &str) -> Option<ListItem> {
    let node = named_children(item).into_iter().next()?;
    let unquote = |n: Node<'_>| -> (String, std::ops::Range<usize>) {
        let raw = text(n, src);
        let quoted = raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\''));
        if quoted {
            (raw[1..raw.len() - 1].to_owned(), n.start_byte() + 1..n.end_byte() - 1)
        } else {
            (raw.to_owned(), n.byte_range())
        }
    };
    let is_name = |name: &str| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    match node.kind() {
        "flow_node" => {
            let (content, range) = unquote(node);
            let (name, value) = content.split_once('=')?;
            let name = name.trim();
            is_name(name).then(|| {
                let value_start = range.start + content.find('=')? + 1;
                let value = (!value.trim().is_empty()).then_some(value_start..range.end);
                Some(ListItem { name: name.to_owned(), value, form: "env-list" })
            })?
        }
        "block_node" => {
            let mapping = named_children(node).into_iter().find(|n| n.kind() == "block_mapping")?;
            let mut name = None;
            let mut value = None;
            let mut k8s = false;
            for pair in named_children(mapping).into_iter().filter(|p| p.kind() == "block_mapping_pair") {
                let (Some(k), Some(v)) = (pair.child_by_field_name("key"), pair.child_by_field_name("value"))
                else {
                    continue;
                };
                match text(k, src) {
                    "name" => name = Some(unquote(v).0),
                    "value" => {
                        k8s = true;
                        value = (v.kind() == "flow_node").then(|| unquote(v).1);
                    }
                    "valueFrom" => k8s = true,
                    _ => {}
                }
            }
            let name = name.filter(|n| is_name(n) && k8s)?;
            Some(ListItem { name, value, form: "name-list" })
        }
        _ => None,
    }
}

/// Reads a JSON object of a list as a setting: a Postman environment's or collection's
/// variable (`{ "key": "RC_PASSWORD", "value": "...", "enabled": true }`) or a name/value pair
/// (`{ "name": "RC_PASSWORD", "value": "..." }`, as in an ECS task definition).
fn json_entry(object: Node<'_>, src: &str) -> Option<ListItem> {
    let mut name = None;
    let mut value = None;
    let mut has_value = false;
    for pair in named_children(object).into_iter().filter(|p| p.kind() == "pair") {
        let key = pair.child_by_field_name("key").and_then(|k| string_value(k, src, Lang::Json));
        let v = pair.child_by_field_name("value")?;
        match key.as_deref() {
            Some("key" | "name") => name = string_value(v, src, Lang::Json),
            Some("value") => {
                has_value = true;
                value = is_string(v, Lang::Json).then(|| crate::syntax::string_inner_range(v, src));
            }
            _ => {}
        }
    }
    let name = name.filter(|n| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    })?;
    let value = value.filter(|v| !v.is_empty());
    has_value.then_some(ListItem { name, value, form: "json-list" })
}

/// A setting's name: its key, or what a YAML list item names (see [`ListItem`]).
fn setting_name(key: Node<'_>, src: &str, lang: Lang) -> Option<String> {
    if key.kind() == "block_sequence_item" {
        return list_item(key, src).map(|item| item.name);
    }
    if lang == Lang::Json && key.kind() == "object" {
        return json_entry(key, src).map(|item| item.name);
    }
    key_text(key, src, lang)
}

/// The key node and the whole pair node of each setting in `scope`.
fn settings_in<'t>(scope: Node<'t>, lang: Lang, pair_kind: &str) -> Vec<(Node<'t>, Node<'t>)> {
    let key_of = |pair: Node<'t>| -> Option<Node<'t>> {
        match lang {
            Lang::Ini | Lang::Properties => {
                named_children(pair).into_iter().find(|c| matches!(c.kind(), "setting_name" | "key"))
            }
            Lang::Python => pair.child_by_field_name("left").filter(|l| l.kind() == "identifier"),
            // Kotlin's `val NAME = ...` has no fields: the name is in its variable declaration.
            Lang::Kotlin => named_children(pair)
                .into_iter()
                .find(|c| c.kind() == "variable_declaration")
                .and_then(|d| named_children(d).into_iter().find(|c| c.kind() == "identifier")),
            // `'password' => ...`: the key is the element's first child.
            Lang::Php => named_children(pair).into_iter().next().filter(|k| is_string(*k, lang)),
            // A list item is its own key (`setting_name` reads it).
            Lang::Yaml if pair.kind() == "block_sequence_item" => Some(pair),
            Lang::Json if pair.kind() == "object" => Some(pair),
            _ => pair.child_by_field_name("name").or_else(|| pair.child_by_field_name("key")),
        }
    };
    // Mappings (YAML, JSON) hold their pairs as children; flat formats anywhere in the scope.
    let nested = matches!(lang, Lang::Yaml | Lang::Json | Lang::Php) || lang.is_js_family();
    let candidates: Vec<Node<'t>> = if nested {
        named_children(scope).into_iter().filter(|n| n.kind() == pair_kind).collect()
    } else {
        descendants(scope).filter(|n| n.kind() == pair_kind).collect()
    };
    candidates.into_iter().filter_map(|pair| key_of(pair).map(|k| (k, pair))).collect()
}

/// The node whose settings form the match's block: the mapping that holds the pair (YAML,
/// JSON), the INI section, or the file.
fn block_scope<'t>(pair: Node<'t>, root: Node<'t>, lang: Lang) -> Node<'t> {
    match lang {
        Lang::Yaml | Lang::Json | Lang::Ini | Lang::Php => pair.parent().unwrap_or(root),
        _ if lang.is_js_family() => pair.parent().unwrap_or(root),
        _ => root,
    }
}

/// Whether a block names RingCentral itself: a RingCentral host in it, a key that says
/// RingCentral (`RINGCENTRAL_SERVER`, `ringcentralServer`), a value that is the word
/// (`"service": "ringcentral"`), or the key or INI section that holds it
/// (`"my-ringcentral-app": {...}`, `[ringcentral]`). A repository slug that merely contains the
/// word (`repo: ringcentral/some-tool` in a CI deploy step) does not.
fn names_ringcentral(scope: Node<'_>, settings: &[(Node<'_>, Node<'_>)], src: &str, lang: Lang) -> bool {
    let scope_text = text(scope, src);
    if scope_text.to_ascii_lowercase().contains("ringcentral.com") {
        return true;
    }
    let says_ringcentral = |key: Node<'_>, pair: Node<'_>| {
        let value = &src[key.end_byte()..pair.end_byte()];
        let value = value
            .trim_start_matches(|c: char| c == ':' || c == '=' || c == '"' || c == '\'' || c.is_whitespace());
        let value = value.trim_end_matches(|c: char| c == '"' || c == '\'' || c == ',' || c.is_whitespace());
        RC_TEXT.is_match(text(key, src)) || value.eq_ignore_ascii_case("ringcentral")
    };
    if settings.iter().any(|(key, pair)| says_ringcentral(*key, *pair)) {
        return true;
    }
    match lang {
        Lang::Ini => named_children(scope)
            .into_iter()
            .find(|c| c.kind() == "section_name")
            .is_some_and(|n| RC_TEXT.is_match(text(n, src))),
        // The keys that hold the block and their neighbours, a few levels up: a goauth-style
        // `"my-ringcentral-app": { "service": "ringcentral", "oauth2": { ...password... } }`.
        _ if matches!(lang, Lang::Yaml | Lang::Json | Lang::Php) || lang.is_js_family() => {
            let mut mapping = scope;
            for _ in 0..3 {
                let Some(holder) = holding_pair(mapping) else { return false };
                let Some(key) = holder.child_by_field_name("key").or_else(|| holder.named_child(0)) else {
                    return false;
                };
                if RC_TEXT.is_match(text(key, src)) {
                    return true;
                }
                let Some(outer) = holder.parent() else { return false };
                let neighbours = settings_in(outer, lang, holder.kind());
                // A neighbour that is a section of its own (`"ringcentral": {...}` next to
                // `"database": {...}`) says nothing of this one; a value beside it does
                // (`"service": "ringcentral"`).
                if neighbours.iter().any(|(k, p)| !holds_section(*p) && says_ringcentral(*k, *p)) {
                    return true;
                }
                mapping = outer;
            }
            false
        }
        _ => false,
    }
}

/// How deep in the array a PHP file returns at its top level an element sits (0: the returned
/// array's own element, 1: inside `'ringcentral' => [...]`); `None` for any other array.
fn returned_array_depth(element: Node<'_>) -> Option<usize> {
    let mut depth = 0;
    let mut array = element.parent().filter(|a| a.kind() == "array_creation_expression")?;
    loop {
        let parent = array.parent()?;
        match parent.kind() {
            "return_statement" => {
                return parent.parent().is_some_and(|p| p.kind() == "program").then_some(depth);
            }
            "array_element_initializer" => {
                array = parent.parent().filter(|a| a.kind() == "array_creation_expression")?;
                depth += 1;
            }
            _ => return None,
        }
    }
}

/// Whether a pair's value is a mapping or a list (a section), not a scalar.
fn holds_section(pair: Node<'_>) -> bool {
    let Some(mut value) = pair
        .child_by_field_name("value")
        .or_else(|| pair.named_child(pair.named_child_count().saturating_sub(1)))
    else {
        return false;
    };
    while matches!(value.kind(), "block_node" | "flow_node") {
        let Some(inner) = value.named_child(0) else { return false };
        value = inner;
    }
    matches!(
        value.kind(),
        "object"
            | "array"
            | "block_mapping"
            | "block_sequence"
            | "flow_mapping"
            | "flow_sequence"
            | "array_creation_expression"
    )
}

/// Words of a key whose URL value is the server a block logs in to (`Authority`, `TokenUrl`,
/// `ServerUrl`, `BaseUrl`, `issuer`, `host`).
const SERVER_WORDS: &[&str] = &[
    "AUTHORITY",
    "ISSUER",
    "TOKEN",
    "SERVER",
    "BASE",
    "ENDPOINT",
    "HOST",
    "SITE",
    "IDP",
    "AUTH",
    "OAUTH",
    "LOGIN",
    "URL",
    "URI",
    "ADDRESS",
    "REALM",
    "INSTANCE",
    "PLATFORM",
    "API",
];

/// Words of a key whose URL is not the server a block logs in to: where it sends users or
/// events, or what it goes through.
const NOT_SERVER_WORDS: &[&str] = &[
    "REDIRECT",
    "CALLBACK",
    "RETURN",
    "WEBHOOK",
    "HOOK",
    "NOTIFY",
    "NOTIFICATION",
    "DELIVERY",
    "EVENT",
    "EVENTS",
    "LOGOUT",
    "HOME",
    "HOMEPAGE",
    "PROXY",
    "IMAGE",
    "AVATAR",
    "ICON",
    "LOGO",
    "DOCS",
    "SUPPORT",
];

/// Whose server the settings of a section name: `Some(true)` when one is RingCentral's (a
/// RingCentral host, or `/restapi/` on any), `Some(false)` when they name only other hosts,
/// `None` when they name no server URL. Read in the block (a YAML/JSON mapping, an INI section)
/// and, when it names none, in the mappings that hold it, a few levels up (the credentials of
/// `"Archive": { "Authority": ..., "Login": { "UserName", "Password" } }`). Flat files are one
/// block with many systems' URLs in it, so they are not read here.
fn block_server(scope: Node<'_>, lang: Lang, pair_kind: &str, src: &str) -> Option<bool> {
    if !matches!(lang, Lang::Yaml | Lang::Json | Lang::Ini) {
        return None;
    }
    let mut mapping = scope;
    for _ in 0..3 {
        let (mut ringcentral, mut other) = (false, false);
        for (key, pair) in settings_in(mapping, lang, pair_kind) {
            let Some(name) = key_text(key, src, lang) else { continue };
            let words = words(&name);
            let is = |set: &[&str]| words.iter().any(|(w, _)| set.contains(&w.as_str()));
            if !is(SERVER_WORDS) || is(NOT_SERVER_WORDS) {
                continue;
            }
            let value = src[key.end_byte()..pair.end_byte()]
                .trim_start_matches(|c: char| matches!(c, ':' | '=' | '"' | '\'') || c.is_whitespace())
                .to_ascii_lowercase();
            let Some(rest) = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")) else {
                continue;
            };
            let host = rest.split(['/', '"', '\'', '?', ':', ' ', '\n']).next().unwrap_or_default();
            if host.contains("ringcentral") || rest.contains("/restapi/") {
                ringcentral = true;
            } else {
                other = true;
            }
        }
        if ringcentral || other {
            return Some(ringcentral);
        }
        if lang == Lang::Ini {
            return None;
        }
        let holder = holding_pair(mapping)?;
        mapping = holder.parent()?;
    }
    None
}

/// How deep an object pair sits in an object a JavaScript module gives out as its settings
/// (0: the object's own pair): assigned to `window.x`/`globalThis.x`/`module.exports`/
/// `exports.x`, `export default`, or an exported `const`; `None` for any other object (a
/// login's options are the login rules' to judge).
fn exported_object_depth(pair: Node<'_>, src: &str) -> Option<usize> {
    let mut depth = 0;
    let mut object = pair.parent().filter(|o| o.kind() == "object")?;
    loop {
        let mut parent = object.parent()?;
        // `{...} as const`, `{...} satisfies Config`, `({...})`.
        while matches!(parent.kind(), "as_expression" | "satisfies_expression" | "parenthesized_expression") {
            parent = parent.parent()?;
        }
        match parent.kind() {
            "pair" => {
                object = parent.parent().filter(|o| o.kind() == "object")?;
                depth += 1;
            }
            "assignment_expression" => {
                let target = text(parent.child_by_field_name("left")?, src);
                let exported = ["window.", "globalThis.", "self.", "exports.", "module.exports"]
                    .iter()
                    .any(|p| target.starts_with(p));
                return exported.then_some(depth);
            }
            "export_statement" => return Some(depth),
            "variable_declarator" => {
                let declaration = parent.parent()?;
                return declaration.parent().is_some_and(|p| p.kind() == "export_statement").then_some(depth);
            }
            _ => return None,
        }
    }
}

/// Whether a block holds a JWT setting and the app's client id beside the user's password
/// (the Video SDK samples' `clientId`, `jwt`/`personalJwt`, `userName`, `password`).
fn holds_jwt_and_client(settings: &[(Node<'_>, Node<'_>)], src: &str, lang: Lang) -> bool {
    let flat = |key: Node<'_>| {
        setting_name(key, src, lang)
            .map(|n| n.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase())
    };
    let names: Vec<String> = settings.iter().filter_map(|(key, _)| flat(*key)).collect();
    names.iter().any(|n| n == "jwt" || n.ends_with("jwt"))
        && names.iter().any(|n| n.ends_with("clientid") || n.ends_with("appkey"))
}

/// Whether a block holds the app's own credentials or server beside the user's (`clientId`,
/// `appKey`, `clientSecret`, `server`, `jwt`): a RingCentral app's settings, not a database's.
fn names_app_credentials(settings: &[(Node<'_>, Node<'_>)], src: &str, lang: Lang) -> bool {
    settings.iter().any(|(key, _)| {
        setting_name(*key, src, lang).is_some_and(|name| {
            let flat: String =
                name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            ["clientid", "clientsecret", "appkey", "appsecret", "server", "serverurl", "jwt"]
                .iter()
                .any(|k| flat == *k || flat.ends_with(k))
        })
    })
}

/// The pair whose value is `mapping` (YAML wraps a mapping in block nodes).
fn holding_pair(mapping: Node<'_>) -> Option<Node<'_>> {
    let mut node = mapping.parent();
    while let Some(n) = node {
        if matches!(n.kind(), "pair" | "block_mapping_pair" | "flow_pair" | "array_element_initializer") {
            return Some(n);
        }
        if !matches!(n.kind(), "block_node" | "flow_node") {
            return None;
        }
        node = n.parent();
    }
    None
}

/// Whether `name` occurs in `src` as a whole word anywhere but at `key`, outside line
/// comments (a commented-out copy of the settings is not a use).
fn used_elsewhere(name: &str, key: Node<'_>, src: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = src.as_bytes();
    memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
        let end = at + name.len();
        let line = &src[src[..at].rfind('\n').map_or(0, |i| i + 1)..at];
        let inside_word = (at > 0 && word(bytes[at - 1])) || bytes.get(end).is_some_and(|b| word(*b));
        let commented = line.contains('#') || line.contains("//");
        at != key.start_byte() && !inside_word && !commented
    })
}

/// Whether a C#/Java declarator is a constant: its declaration says `const` or `final`.
fn is_constant(declarator: Node<'_>, src: &str) -> bool {
    let mut node = declarator.parent();
    while let Some(n) = node {
        if matches!(
            n.kind(),
            "local_declaration_statement" | "field_declaration" | "local_variable_declaration"
        ) {
            let head = &src[n.start_byte()..declarator.start_byte()];
            return head.split_whitespace().any(|w| w == "const" || w == "final");
        }
        node = n.parent();
    }
    false
}

/// Whether two settings lie in one code block of a document: no fence line between them (a
/// Markdown file's blocks of one language are parsed as one text).
fn same_unit(a: Node<'_>, b: Node<'_>, src: &str) -> bool {
    let (start, end) = if a.start_byte() < b.start_byte() {
        (a.end_byte(), b.start_byte())
    } else {
        (b.end_byte(), a.start_byte())
    };
    let between = src.get(start..end).unwrap_or("");
    !between.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("```") || l.starts_with("~~~")
    })
}

/// A RingCentral password setting; binds `prefix` (the key up to its password word, as
/// written), `jwt_name` (the JWT setting's name) and `form` (`assignment` for `.env` files and
/// shell, `mapping` for the other formats).
fn password_credential_config(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let key = cx.cap("key")?;
    let pair = cx.cap("match")?;
    let src = cx.file.src;
    let lang = cx.file.lang;
    let name = setting_name(key, src, lang)?;
    let this = key_name(&name).filter(|k| k.role == Role::Password)?;
    // Python modules: constants only (`USERNAME = '...'`), not every local `password`; C# and
    // Java: `const` / `final` declarations.
    if lang == Lang::Python && name.bytes().any(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if matches!(lang, Lang::CSharp | Lang::Java) && !is_constant(pair, src) {
        return None;
    }
    // A constant this same file passes to a login is reported at the login, whose finding
    // names it; a module of settings that other files read is reported here.
    if matches!(lang, Lang::Python | Lang::CSharp | Lang::Java | Lang::Kotlin | Lang::Swift)
        && used_elsewhere(&name, key, src)
    {
        return None;
    }
    let kind = stem_kind(&this.stem);
    if kind == StemKind::Other || (kind == StemKind::Unknown) {
        return None;
    }
    // PHP: the arrays a configuration file returns (`return [... 'password' => ...]`), not
    // every array in code (a login's options are the login rules' to judge).
    // JavaScript: the objects a module exports as its settings (`window.initConfig = {...}`,
    // `module.exports = {...}`, `export default {...}`).
    let php_depth = if lang == Lang::Php {
        Some(returned_array_depth(pair)?)
    } else if lang.is_js_family() {
        Some(exported_object_depth(pair, src)?)
    } else {
        None
    };
    let scope = block_scope(pair, cx.file.root, lang);
    let settings = settings_in(scope, lang, pair.kind());
    let mut users = Vec::new();
    let mut extensions = Vec::new();
    let jwt = jwt_name(&name, &this, cx.file.jwt_var);
    // An earlier password setting of another block that gets the same JWT name
    // (`RC_PASSWORD`, then `RINGCENTRAL_PASSWORD`) already becomes that JWT setting.
    let mut jwt_taken = false;
    for (other_key, other_pair) in &settings {
        if other_pair.id() == pair.id() || !same_unit(*other_pair, pair, src) {
            continue;
        }
        let Some(other_name) = setting_name(*other_key, src, lang) else { continue };
        let Some(other) = key_name(&other_name) else { continue };
        if other.role == Role::Password
            && other_pair.start_byte() < pair.start_byte()
            && !matches!(stem_kind(&other.stem), StemKind::Other | StemKind::Unknown)
            && jwt_name(&other_name, &other, cx.file.jwt_var) == jwt
        {
            jwt_taken = true;
        }
        if !same_block(&other.stem, &this.stem) {
            continue;
        }
        match other.role {
            // One finding per block: an earlier password key of the same stem reports it.
            Role::Password if other.stem == this.stem && other_pair.start_byte() < pair.start_byte() => {
                return None;
            }
            Role::Password => {}
            Role::Username => users.push((other_name, *other_pair)),
            Role::Extension => extensions.push((other_name, *other_pair)),
        }
    }
    let accepted = match kind {
        StemKind::RingCentral => true,
        StemKind::RingCentralAmong => !users.is_empty(),
        // A section that names another system's server and no RingCentral one is that
        // system's, whatever sits next to it (`"Archive": { "Authority": "https://idp...",
        // "UserName", "Password" }` beside a `"RingCentral"` section).
        StemKind::Neutral if block_server(scope, lang, pair.kind(), src) == Some(false) => false,
        StemKind::Neutral => {
            let named = names_ringcentral(scope, &settings, src, lang);
            // A mapping deep in a YAML/JSON file (a CI deploy step, a database section) is judged
            // by what it holds; a flat file (`.env`, a constants module) by its code too.
            let context = matches!(
                lang,
                Lang::Env
                    | Lang::Bash
                    | Lang::Properties
                    | Lang::Python
                    | Lang::CSharp
                    | Lang::Java
                    | Lang::Kotlin
                    | Lang::Swift
            ) || (php_depth == Some(0) && names_app_credentials(&settings, src, lang));
            let context =
                context && (cx.file.context.rc_reason().is_some() || cx.file.context.rc_neighbours.is_some());
            // The RingCentral samples' settings hold a JWT beside the password and the app's
            // client id (`ClientID`, `PersonalJwt`, `UserName`, `Password`): the JWT-or-password
            // choice of RingCentral's login.
            let jwt_or_password = holds_jwt_and_client(&settings, src, lang);
            !users.is_empty() && (!extensions.is_empty() || named || context || jwt_or_password)
        }
        StemKind::Other | StemKind::Unknown => false,
    };
    if !accepted {
        return None;
    }
    let mut out = Bindings::default();
    // The value is a secret whatever the key is called (`PASSWD_SB`): masked as a whole.
    let listed = match pair.kind() {
        "block_sequence_item" => list_item(pair, src),
        "object" if lang == Lang::Json => json_entry(pair, src),
        _ => None,
    };
    // Only lists of variables: a Postman environment's `values`, a collection's `variable`, an
    // ECS task's `environment`. A request's body or OAuth 2.0 helper (`urlencoded`, `oauth2`)
    // is the request rule's to report.
    if listed.as_ref().is_some_and(|l| l.form == "json-list") {
        let list_key = pair
            .parent()
            .and_then(holding_pair)
            .and_then(|h| h.child_by_field_name("key"))
            .and_then(|k| string_value(k, src, lang));
        if !matches!(list_key.as_deref(), Some("values" | "variable" | "variables" | "environment" | "env")) {
            return None;
        }
    }
    let value = if lang == Lang::Php || lang.is_js_family() {
        // `'password' => 'secret'`, `password: 'secret'`: the string after the key; a call
        // (`env(...)`, `process.env.X`) holds none.
        named_children(pair)
            .into_iter()
            .skip(1)
            .last()
            .filter(|v| is_string(*v, lang))
            .map(|v| crate::syntax::string_inner_range(v, src))
    } else {
        listed.as_ref().map_or_else(|| value_range(key, pair, src), |item| item.value.clone())
    };
    if let Some(value) = value {
        out.secrets.push(value);
    }
    let flat = matches!(lang, Lang::Env | Lang::Bash);
    for (other_name, node) in users.iter().chain(&extensions) {
        out.labels.push(Label {
            range: node.byte_range(),
            message: format!("`{other_name}` only serves the password grant"),
        });
        if flat && let Some(line) = whole_line(*node, assignment_end(*node, src, lang), src) {
            out.jwt_edits.push(Edit { range: line, replacement: String::new() });
        }
    }
    if flat {
        // The rewrite replaces the whole value, not only what the shell grammar reads as the
        // assignment: `RC_PASSWORD=Tr0ub4dor&3` must not leave `&3` behind, nor a `\`-continued
        // value its continuation line. When the file already sets the JWT, the password line
        // goes, so the file ends with exactly one JWT setting.
        let end = assignment_end(pair, src, lang);
        let has_jwt = settings
            .iter()
            .any(|(k, _)| key_text(*k, src, lang).is_some_and(|k| k.eq_ignore_ascii_case(&jwt)));
        if has_jwt || jwt_taken {
            out.ranges.push(("match", whole_line(pair, end, src).unwrap_or(pair.start_byte()..end)));
            out.var("jwt_setting", "");
        } else {
            out.ranges.push(("match", pair.start_byte()..end));
            out.var("jwt_setting", format!("{jwt}="));
        }
    }
    out.notes.push(
        "the JWT flow needs one setting: the JWT credential created in the Developer Console \
         (the values of the old settings are not copied anywhere)"
            .to_owned(),
    );
    if users.is_empty() && extensions.is_empty() && kind == StemKind::RingCentral {
        out.notes.push(format!(
            "`{name}` names RingCentral: a password setting of its own is the password grant's"
        ));
    }
    let prefix = name[..this.role_at.start].to_owned();
    if listed.is_some() || lang == Lang::Php || lang.is_js_family() {
        // The message names the variable, not the whole entry nor the key's quotes.
        out.var("key", name.clone());
    }
    let form = match &listed {
        Some(item) => item.form,
        None if lang == Lang::Php => "php-array",
        None if lang.is_js_family() => "js-object",
        None if flat => "assignment",
        None => "mapping",
    };
    let goauth = (lang == Lang::Json).then(|| goauth_password_grant(scope, src)).flatten();
    if let Some(grant) = goauth {
        // goauth's credentials JSON: the grant is a setting of its own, and the JWT goes in `jwt`.
        out.labels.push(Label {
            range: grant.byte_range(),
            message: "`\"grantType\": \"password\"` selects the password grant".to_owned(),
        });
        out.var(
            "jwt_shown",
            format!("\"grantType\": \"{GOAUTH_JWT_GRANT}\",\n\"jwt\": \"{JWT_PLACEHOLDER}\""),
        );
        out.var("form", "goauth-json");
        out.var("jwt_name", "jwt");
    } else {
        if form == "mapping" {
            out.var("jwt_shown", shaped_setting(pair, key, &name, &jwt, JWT_PLACEHOLDER, src, lang));
        }
        out.var("form", form);
        out.var("jwt_name", jwt);
    }
    let redirect = "https://your.app/oauth/callback";
    out.var(
        "redirect_shown",
        match form {
            "assignment" => format!("{prefix}REDIRECT_URL={redirect}"),
            "env-list" => format!("- {prefix}REDIRECT_URL={redirect}"),
            "name-list" => format!("- name: {prefix}REDIRECT_URL\n  value: {redirect}"),
            "php-array" => format!("'redirect_uri' => '{redirect}',"),
            "js-object" => format!("redirectUri: '{redirect}',"),
            "json-list" => format!("{{ \"key\": \"{prefix}REDIRECT_URL\", \"value\": \"{redirect}\" }}"),
            _ => shaped_setting(pair, key, &name, &format!("{prefix}REDIRECT_URL"), redirect, src, lang),
        },
    );
    out.var("prefix", prefix);
    Some(out)
}

/// What a JWT setting's value says until the user fills it in.
const JWT_PLACEHOLDER: &str = "<JWT credential from the Developer Console>";

/// The JWT grant as goauth's credentials JSON names it (`"grantType"`).
const GOAUTH_JWT_GRANT: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// The `"grantType": "password"` (or `"grant_type"`) pair of a JSON object, as goauth's
/// credentials JSON sets the grant beside the user's credentials.
fn goauth_password_grant<'t>(object: Node<'t>, src: &str) -> Option<Node<'t>> {
    named_children(object).into_iter().filter(|p| p.kind() == "pair").find(|p| {
        let key = p.child_by_field_name("key").and_then(|k| key_text(k, src, Lang::Json));
        let value =
            p.child_by_field_name("value").and_then(|v| crate::syntax::string_value(v, src, Lang::Json));
        key.is_some_and(|k| k == "grantType" || k == "grant_type") && value.as_deref() == Some("password")
    })
}

/// A setting written as the password setting `pair` is, in its own syntax: the same
/// declaration, key quoting, separator and value quoting, with the key `name` (`key_name`
/// read from `key`) renamed to `new_name` and the value `value` (`"rc_jwt": "<...>"` in JSON,
/// `RC_JWT: <...>` in YAML, `RC_JWT = '<...>'` in Python, `const string RC_JWT = "<...>"` in C#).
fn shaped_setting(
    pair: Node<'_>,
    key: Node<'_>,
    key_name: &str,
    new_name: &str,
    value: &str,
    src: &str,
    lang: Lang,
) -> String {
    let key_raw = text(key, src);
    let renamed = match key_raw.find(key_name) {
        Some(at) => format!("{}{new_name}{}", &key_raw[..at], &key_raw[at + key_name.len()..]),
        None => new_name.to_owned(),
    };
    let head = &src[pair.start_byte()..key.start_byte()];
    // The value: the first named node after the key (through wrappers such as YAML's
    // `flow_node` or C#'s `= ...` clause, down to a string).
    let mut node = descendants(pair).find(|n| n.is_named() && n.start_byte() >= key.end_byte());
    while let Some(n) = node
        .filter(|n| lang != Lang::Json && !crate::syntax::is_string(*n, lang) && n.named_child_count() == 1)
    {
        node = n.named_child(0);
    }
    let inner = match node {
        // A string: its inner text, the quotes kept.
        Some(n) if crate::syntax::is_string(n, lang) => Some(crate::syntax::string_inner_range(n, src)),
        // A JSON object or number: a string in its place (nothing of the old value is copied).
        Some(n) if lang == Lang::Json => {
            return format!("{head}{renamed}{}\"{value}\"", &src[key.end_byte()..n.start_byte()]);
        }
        // A plain value (YAML scalar, INI, `.properties`): what follows the separator.
        _ => value_range(key, pair, src),
    };
    match inner {
        Some(v) => format!(
            "{head}{renamed}{}{value}{}",
            &src[key.end_byte()..v.start],
            src[v.end..pair.end_byte()].trim_end_matches([';', ','])
        ),
        None => format!("{head}{renamed}: {value}"),
    }
}

/// The value of a setting: everything after its key and separator (`=`, `:`), to the end of
/// the pair; `None` when it is empty.
fn value_range(key: Node<'_>, pair: Node<'_>, src: &str) -> Option<std::ops::Range<usize>> {
    let after = src.get(key.end_byte()..pair.end_byte())?;
    let skip = after.len()
        - after.trim_start_matches(|c: char| matches!(c, '"' | '\'' | ':' | '=') || c.is_whitespace()).len();
    let start = key.end_byte() + skip;
    let end = pair.end_byte();
    (start < end).then_some(start..end)
}

/// The name of the JWT setting that replaces a password key: the configured name (`RC_JWT`)
/// when the key is a plain RingCentral password (`RC_PASSWORD`, `RINGCENTRAL_PASSWORD`,
/// `password`), else the key with its password word replaced (`PASSWORD_SB` gives `JWT_SB`,
/// `RC_USER_PASSWORD` gives `RC_USER_JWT`), so two blocks never get one name.
fn jwt_name(key: &str, name: &KeyName, configured: &str) -> String {
    let lower = key.bytes().any(|b| b.is_ascii_lowercase());
    let plain = name.stem.iter().all(|w| RC_WORDS.contains(&w.as_str()));
    if plain && name.stem.len() <= 1 {
        return if lower && !key.bytes().any(|b| b.is_ascii_uppercase()) {
            configured.to_ascii_lowercase()
        } else {
            configured.to_owned()
        };
    }
    let word = &key[name.role_at.clone()];
    let jwt = if word.bytes().all(|b| !b.is_ascii_lowercase()) {
        "JWT"
    } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        "Jwt"
    } else {
        "jwt"
    };
    format!("{}{jwt}{}", &key[..name.role_at.start], &key[name.role_at.end..])
}

/// Where an assignment ends, at least the end of the node: in a `.env` file the end of its
/// value's logical line ([`crate::redact::env_value_end`]); in a shell script the end of the
/// shell word ([`crate::redact::shell_value_end`]), so the commands after it on the line stay.
fn assignment_end(node: Node<'_>, src: &str, lang: Lang) -> usize {
    let Some(name) = node.child_by_field_name("name") else { return node.end_byte() };
    let rest = &src[name.end_byte()..];
    let eq = if rest.starts_with("+=") {
        2
    } else if rest.starts_with('=') {
        1
    } else {
        0
    };
    if eq == 0 {
        return node.end_byte();
    }
    let start = name.end_byte() + eq;
    let end = if lang == Lang::Bash {
        crate::redact::shell_value_end(src, start)
    } else {
        crate::redact::env_value_end(src, start)
    };
    end.max(node.end_byte())
}

/// The byte range of the lines holding `node` up to `end`, newline included, when they hold
/// nothing else than the assignment (an `export`, a trailing comment); `None` otherwise, so a
/// line with more code on it is never deleted.
fn whole_line(node: Node<'_>, end: usize, src: &str) -> Option<std::ops::Range<usize>> {
    let start = src[..node.start_byte()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i + 1);
    let before = src[start..node.start_byte()].trim();
    let after = src[end..line_end].trim();
    let before_ok = before.is_empty() || before == "export";
    let after_ok = after.is_empty() || after.starts_with('#');
    (before_ok && after_ok).then_some(start..line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(key: &str) -> (Role, Vec<String>) {
        let k = key_name(key).expect(key);
        (k.role, k.stem)
    }

    fn v(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn keys_split_into_role_and_stem() {
        assert_eq!(stem("RC_PASSWORD"), (Role::Password, v(&["RC"])));
        assert_eq!(stem("rcPassword"), (Role::Password, v(&["RC"])));
        assert_eq!(stem("PASSWORD_SB"), (Role::Password, v(&["SB"])));
        assert_eq!(stem("RC_USER_USERNAME"), (Role::Username, v(&["RC", "USER"])));
        assert_eq!(stem("userName"), (Role::Username, v(&[])));
        assert_eq!(stem("RING_CENTRAL_PASSWORD"), (Role::Password, v(&["RINGCENTRAL"])));
        assert_eq!(stem("RC_EXTENSION_NUMBER"), (Role::Extension, v(&["RC"])));
        assert_eq!(stem("RINGCENTRAL_PASSWORD_1"), (Role::Password, v(&["RINGCENTRAL", "1"])));
        assert_eq!(stem("export RC_Password"), (Role::Password, v(&["RC"])));
        assert_eq!(key_name("RC_SERVER_URL"), None);
    }

    #[test]
    fn stems_say_whose_block_it_is() {
        assert_eq!(stem_kind(&v(&["RC"])), StemKind::RingCentral);
        assert_eq!(stem_kind(&v(&["ENGAGEVOICE"])), StemKind::RingCentral);
        assert_eq!(stem_kind(&v(&["LITA", "ADAPTERS", "RINGCENTRAL"])), StemKind::RingCentralAmong);
        assert_eq!(stem_kind(&v(&["SB"])), StemKind::Neutral);
        assert_eq!(stem_kind(&v(&[])), StemKind::Neutral);
        assert_eq!(stem_kind(&v(&["WATSON"])), StemKind::Other);
        assert_eq!(stem_kind(&v(&["RINGCENTRAL", "CHATBOT", "ADMIN"])), StemKind::Other);
        assert_eq!(stem_kind(&v(&["LEGACY"])), StemKind::Other);
        assert_eq!(stem_kind(&v(&["RC", "RESET", "URL"])), StemKind::Other);
        assert_eq!(stem_kind(&v(&["IRC"])), StemKind::Unknown);
    }

    #[test]
    fn the_text_gate_reads_the_keys_around_password_words() {
        assert!(may_export_settings("window.initConfig = {\n  password: 'x'\n};"));
        assert!(may_export_settings("module.exports = { db: {} }"));
        assert!(may_export_settings("export default {\n}"));
        assert!(may_export_settings("export const settings: Settings = {"));
        assert!(!may_export_settings("export function login(o) { return sdk.login({ password: o.p }); }"));
        assert!(!may_export_settings("module.exports = createClient;"));
        assert!(may_return_settings("<?php\nreturn [\n 'password' => 'x',\n];"));
        assert!(may_return_settings("<?php\nreturn array(\n 'password' => 'x');"));
        assert!(!may_return_settings("<?php\nfunction f() {\n    return ['password' => 'x'];\n}"));
        assert!(may_hold_password_setting("RC_PASSWORD=x"));
        assert!(may_hold_password_setting(
            "{\"relay_ringcentral_username\": 1, \"relay_ringcentral_password\": {}}"
        ));
        assert!(may_hold_password_setting("username: u\npassword: x"));
        assert!(!may_hold_password_setting("password: x"));
        assert!(!may_hold_password_setting(
            "{\"config-admin-name\": \"a\", \"config-admin-password\": \"b\"}"
        ));
        assert!(may_hold_password_setting("rc.account.password=x"));
        assert!(may_hold_password_setting("USERNAME_SB=u\nPASSWORD_SB=x"));
        assert!(!may_hold_password_setting("{\"createacct-yourpassword\": \"Your password\"}"));
        assert!(!may_hold_password_setting("DB_PASSWORD=x\nSMTP_PASSWORD=y"));
        assert!(!may_hold_password_setting("cd $(pwd)/build"));
        assert!(!may_hold_password_setting("{\"login-help\": \"Enter your password: it is private\"}"));
        assert!(may_hold_password_setting("  - user: u\n  - password: x"));
        assert!(may_hold_password_setting("const string RINGCENTRAL_PASSWORD = \"x\";"));
    }

    #[test]
    fn numbered_keys_share_their_block() {
        assert!(same_block(&v(&["RINGCENTRAL"]), &v(&["RINGCENTRAL", "1"])));
        assert!(!same_block(&v(&["SB"]), &v(&["PROD"])));
    }

    #[test]
    fn jwt_names_follow_the_key() {
        let name = |k: &str| jwt_name(k, &key_name(k).expect(k), "RC_JWT");
        assert_eq!(name("RC_PASSWORD"), "RC_JWT");
        assert_eq!(name("rc_password"), "rc_jwt");
        assert_eq!(name("RC_Password"), "RC_JWT");
        assert_eq!(name("PASSWORD_SB"), "JWT_SB");
        assert_eq!(name("RC_USER_PASSWORD"), "RC_USER_JWT");
        assert_eq!(name("password"), "rc_jwt");
    }
}
