//! Data formats: JSON, YAML, INI and `.properties`. No expressions: their rewrites are
//! display-only, and only strings, keys and pairs are read.

use super::{Lang, LangSpec, NameFrom, OptionKey, PairShape, Wrapper};

/// JSON (configuration, Postman collections).
pub(super) static JSON: LangSpec = LangSpec {
    lang: Lang::Json,
    name: "json",
    extensions: &["json", "jsonc", "json5", "har"],
    fence_names: &["json", "jsonc", "json5"],
    line_comment: "//",
    grammar: Some(|| tree_sitter_json::LANGUAGE.into()),
    string_kinds: &["string"],
    string_parts: &["string_content", "escape_sequence"],
    comment_kinds: &["comment"],
    pairs: &[PairShape { kind: "pair", key_field: Some("key"), value_field: Some("value") }],
    // Keys are strings.
    keys: &[],
    names: &[],
    wrappers: &[],
    concat: &[],
    options: &[("pair", OptionKey::Field("key"))],
    variables: &[],
    code: None,
    text: None,
};

/// YAML (configuration, CI files, OpenAPI/Postman exports).
pub(super) static YAML: LangSpec = LangSpec {
    lang: Lang::Yaml,
    name: "yaml",
    extensions: &["yaml", "yml"],
    fence_names: &["yaml", "yml"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_yaml::LANGUAGE.into()),
    string_kinds: &["string_scalar", "double_quote_scalar", "single_quote_scalar", "block_scalar"],
    string_parts: &["escape_sequence"],
    comment_kinds: &["comment"],
    pairs: &[
        PairShape { kind: "block_mapping_pair", key_field: Some("key"), value_field: Some("value") },
        PairShape { kind: "flow_pair", key_field: Some("key"), value_field: Some("value") },
    ],
    // Scalars sit inside `flow_node` / `plain_scalar` wrappers.
    keys: &[("flow_node", NameFrom::Unwrapped), ("plain_scalar", NameFrom::Unwrapped)],
    names: &[],
    wrappers: &[
        Wrapper { kind: "flow_node", only_child: true },
        Wrapper { kind: "plain_scalar", only_child: true },
    ],
    concat: &[],
    options: &[],
    variables: &[],
    code: None,
    text: None,
};

/// INI files (`credentials.ini`, `setup.cfg`).
pub(super) static INI: LangSpec = LangSpec {
    lang: Lang::Ini,
    name: "ini",
    extensions: &["ini", "cfg"],
    fence_names: &["ini", "cfg", "toml"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_ini::LANGUAGE.into()),
    string_kinds: &["setting_value"],
    string_parts: &[],
    comment_kinds: &["comment"],
    pairs: &[PairShape { kind: "setting", key_field: None, value_field: None }],
    keys: &[("setting_name", NameFrom::Trimmed)],
    names: &[],
    wrappers: &[],
    concat: &[],
    options: &[],
    variables: &[],
    code: None,
    text: None,
};

/// Java `.properties` files.
pub(super) static PROPERTIES: LangSpec = LangSpec {
    lang: Lang::Properties,
    name: "properties",
    extensions: &["properties"],
    fence_names: &["properties", "jproperties"],
    line_comment: "#",
    grammar: Some(|| tree_sitter_properties::LANGUAGE.into()),
    string_kinds: &["value"],
    string_parts: &[],
    comment_kinds: &["comment"],
    pairs: &[PairShape { kind: "property", key_field: None, value_field: None }],
    keys: &[("key", NameFrom::Trimmed)],
    names: &[],
    wrappers: &[],
    concat: &[],
    options: &[],
    variables: &[],
    code: None,
    text: None,
};
