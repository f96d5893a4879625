//! Code embedded in documents: fenced code blocks in Markdown, `<script>` elements and
//! `<code class="language-...">` blocks in HTML and in Vue/Svelte components (whose scripts
//! name their language in `lang="ts"`). Each block is checked with the rules of its own
//! language by parsing the whole document with that language's grammar restricted to the
//! blocks' byte ranges (tree-sitter's included ranges), so every offset stays a file offset:
//! findings, suppressions, redaction and fixes work unchanged.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use tree_sitter::{Node, Point};

use crate::lang::Lang;
use crate::syntax::{descendants, text};

/// The blocks of one language inside a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Language of the blocks.
    pub lang: Lang,
    /// Byte ranges of the code, sorted and disjoint.
    pub ranges: Vec<Range<usize>>,
}

/// Groups blocks by language, in a stable order. PHP snippets without `<?php` (most of them,
/// in docs) get the PHP-only grammar.
fn group(src: &str, blocks: impl IntoIterator<Item = (Lang, Range<usize>)>) -> Vec<Region> {
    let mut by_lang: BTreeMap<Lang, Vec<Range<usize>>> = BTreeMap::new();
    for (mut lang, range) in blocks {
        if lang == Lang::Php && !src[range.clone()].contains("<?") {
            lang = Lang::PhpOnly;
        }
        if range.start < range.end {
            by_lang.entry(lang).or_default().push(range);
        }
    }
    by_lang
        .into_iter()
        .map(|(lang, mut ranges)| {
            ranges.sort_by_key(|r| r.start);
            Region { lang, ranges }
        })
        .collect()
}

/// Code blocks of a Markdown document, each with the language it is written in: the fence's
/// info string (`php`, `js`, `python`, `bash`, `console`, `json`, `dotenv`, ...) when it names
/// a language pwflow reads and the block reads as that language; otherwise what the content
/// is ([`sniff_block`]): setup blocks are often fenced without a language, indented, or
/// tagged with the app's language while they list `.env` settings or a JSON config file.
#[must_use]
pub fn markdown_regions(src: &str) -> Vec<Region> {
    let mut blocks = Vec::new();
    // The fence's language (`None`: no language, or one pwflow does not read) and the pieces of
    // the block so far.
    let mut current: Option<(Option<Lang>, Vec<Range<usize>>)> = None;
    // Whether the current block names no language at all (no info string, or indented).
    let mut untagged = false;
    for (event, range) in Parser::new_ext(src, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                untagged = info.trim().is_empty();
                current = Some((Lang::from_fence(&info), Vec::new()));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => {
                untagged = true;
                current = Some((None, Vec::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((fenced, pieces)) = current.take() else { continue };
                let content: String = pieces.iter().map(|r| &src[r.clone()]).collect();
                let lang = match fenced {
                    // A block tagged with a programming language that holds only `.env`
                    // settings (`KEY=value`; `obj.key = value` lines are code).
                    Some(lang) if lang.is_code() => {
                        Some(sniff_block(&content).filter(|l| *l == Lang::Env).unwrap_or(lang))
                    }
                    Some(lang) => Some(lang.refine(content.as_bytes())),
                    // Code is sniffed only in blocks that name no language: one tagged `html`,
                    // `xml` or `mermaid` holds code of a language pwflow does not read, whatever
                    // JavaScript signs its `<script>` lines carry.
                    None if untagged => sniff_block(&content),
                    None => sniff_config(&content),
                };
                if let Some(lang) = lang {
                    blocks.extend(pieces.into_iter().map(|r| (lang, r)));
                }
            }
            // Inside a list or a quote a block comes as several pieces, without the prefixes.
            Event::Text(_) => {
                if let Some((_, pieces)) = current.as_mut() {
                    pieces.push(range);
                }
            }
            _ => {}
        }
    }
    group(src, blocks)
}

/// The language an untagged code block is written in: first a configuration format, if it
/// reads as one (below); else a programming language whose signs it carries ([`sniff_code`]).
/// The configuration format is the one its content is written in: a JSON
/// object or array, `.env` lines (`KEY=value`, `export KEY=value`; `KEY = value` is read with
/// the `.properties` grammar, which takes the value to the end of its line), or YAML `key: value`
/// lines. Four in five of the block's lines that are neither blank
/// nor comments, must be settings, so a shell session or a code sample is not taken for one.
#[must_use]
pub fn sniff_block(content: &str) -> Option<Lang> {
    sniff_config(content).or_else(|| sniff_code(&meaningful_lines(content)))
}

/// The lines of a block that are neither blank nor comments, trimmed.
fn meaningful_lines(content: &str) -> Vec<&str> {
    content
        .trim()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//") && !l.starts_with(';'))
        .collect()
}

/// The configuration format of a block (see [`sniff_block`]), code excluded.
fn sniff_config(content: &str) -> Option<Lang> {
    let trimmed = content.trim();
    if (trimmed.starts_with('{') && trimmed.ends_with('}'))
        || (trimmed.starts_with('[') && trimmed.ends_with(']') && trimmed.contains('{'))
    {
        return Some(Lang::Json);
    }
    let lines = meaningful_lines(content);
    let key_len = |line: &str| {
        line.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')).count()
    };
    let starts_key = |line: &str| line.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    let env = lines
        .iter()
        .filter(|line| {
            let line = line.strip_prefix("export ").map_or(**line, str::trim_start);
            let n = key_len(line);
            starts_key(line)
                && n > 0
                && line[n..].trim_start().starts_with('=')
                && !line[n..].trim_start().starts_with("==")
        })
        .count();
    let yaml = lines
        .iter()
        .filter(|line| {
            let line = line.strip_prefix("- ").unwrap_or(line);
            let n = key_len(line);
            starts_key(line) && n > 0 && (line[n..].starts_with(": ") || &line[n..] == ":")
        })
        .count();
    let enough = |count: usize| count >= 1 && count * 5 >= lines.len() * 4;
    // Constant declarations of C# or Java (`const string RC_PASSWORD = "...";`,
    // `static final String RC_PASSWORD = "...";`): a setup block of a program's settings.
    let declaration = |line: &&str| {
        let code = line.split_once("//").map_or(*line, |(code, _)| code).trim_end();
        let Some(body) = code.strip_suffix(';') else { return false };
        let mut words = body.split_whitespace().peekable();
        while words.peek().is_some_and(|w| {
            matches!(
                *w,
                "public" | "private" | "protected" | "internal" | "static" | "readonly" | "final" | "const"
            )
        }) {
            words.next();
        }
        let typed = words.next().is_some_and(|t| matches!(t, "string" | "String" | "var" | "int" | "long"));
        let named = words.next().is_some_and(|n| n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        typed && named && words.next() == Some("=")
    };
    let declarations = lines.iter().filter(|l| declaration(l)).count();
    if declarations >= 2 && enough(declarations) {
        let java =
            lines.iter().any(|l| l.contains("String ")) && !lines.iter().any(|l| l.contains("string "));
        return Some(if java { Lang::Java } else { Lang::CSharp });
    }
    if enough(env) {
        // Dotted keys (`app.password=`) are `.properties` style, never a dotenv file's.
        let dotted = lines.iter().any(|line| {
            let line = line.strip_prefix("export ").map_or(*line, str::trim_start);
            line[..key_len(line)].contains('.')
        });
        Some(if dotted { Lang::Properties } else { Lang::Env.refine(content.as_bytes()) })
    } else if enough(yaml) {
        Some(Lang::Yaml)
    } else {
        None
    }
}

/// The programming language of an untagged code block, from signs no other language shares:
/// PHP variables with `->` or `<?php`; JavaScript declarations, `require(`, arrow functions
/// and `console.log`; Python `def`/`from ... import`. `None` when no sign, or signs of two
/// languages, are found: the block then stays unread rather than read with the wrong grammar.
fn sniff_code(lines: &[&str]) -> Option<Lang> {
    let any = |f: &dyn Fn(&str) -> bool| lines.iter().any(|l| f(l));
    let php =
        any(&|l| l.starts_with("<?php") || (l.starts_with('$') && (l.contains("->") || l.contains(" = "))));
    let js = any(&|l| {
        ["var ", "const ", "let ", "function ", "async function ", "await "].iter().any(|k| l.starts_with(k))
            || l.contains("require(")
            || l.contains("console.log(")
            || l.contains(") => {")
            // a method called with an object literal: `platform.login({`, `}).then(`
            || (l.contains(".") && l.contains("({") && !l.contains("->"))
            || l.starts_with("}).")
    });
    let python = any(&|l| {
        (l.starts_with("def ") && l.ends_with(':'))
            || (l.starts_with("from ") && l.contains(" import "))
            || l.starts_with("print(")
    });
    match (php, js, python) {
        (true, false, false) => Some(Lang::Php),
        (false, true, false) => Some(Lang::JavaScript),
        (false, false, true) => Some(Lang::Python),
        // A command line: `curl ...`, `$ curl ...`, `wget`, HTTPie (`http POST ...`).
        (false, false, false) if any(&is_command_line) => Some(Lang::Bash),
        _ => None,
    }
}

/// Whether a line runs an HTTP client from a shell (a prompt's `$ ` allowed).
fn is_command_line(line: &str) -> bool {
    let line = line.strip_prefix("$ ").unwrap_or(line).trim_start();
    let command = line.split_whitespace().next().unwrap_or_default();
    match command {
        "curl" | "wget" => true,
        // HTTPie's method first: `http POST https://...`, `https --form POST ...`.
        "http" | "https" => line.split_whitespace().nth(1).is_some_and(|w| w.starts_with('-') || w == "POST"),
        _ => false,
    }
}

/// `<script>` elements (JavaScript; TypeScript for `lang="ts"` in Vue and Svelte components;
/// JSON for `type="application/json"`, `ld+json`) and
/// `<code>`/`<pre>` elements with a `language-x`/`lang-x` class and plain text content. Code
/// blocks with markup inside (syntax highlighting spans) or HTML entities are skipped: their
/// text is not the code as written.
#[must_use]
pub fn html_regions(root: Node<'_>, src: &str) -> Vec<Region> {
    let mut blocks = Vec::new();
    for node in descendants(root) {
        match node.kind() {
            "script_element" => {
                let Some(start_tag) = node.named_child(0) else { continue };
                let lang = match attribute(start_tag, src, "type").map(|t| t.to_ascii_lowercase()) {
                    // Vue and Svelte components name the script's language in `lang`.
                    None => match attribute(start_tag, src, "lang").map(|t| t.to_ascii_lowercase()) {
                        None => Some(Lang::JavaScript),
                        Some(l) => match l.as_str() {
                            "js" | "javascript" | "jsx" | "mjs" => Some(Lang::JavaScript),
                            "ts" | "typescript" => Some(Lang::TypeScript),
                            "tsx" => Some(Lang::Tsx),
                            // A text language: read by its rules' regexes (`engine::text`).
                            "coffee" | "coffeescript" | "litcoffee" => Some(Lang::CoffeeScript),
                            // Other languages pwflow does not read.
                            _ => None,
                        },
                    },
                    Some(t) if t.contains("javascript") || t == "module" || t.contains("ecmascript") => {
                        Some(Lang::JavaScript)
                    }
                    Some(t) if t.contains("typescript") => Some(Lang::TypeScript),
                    Some(t) if t.contains("coffeescript") => Some(Lang::CoffeeScript),
                    Some(t) if t.contains("json") => Some(Lang::Json),
                    Some(_) => None,
                };
                let raw = (0..node.named_child_count())
                    .filter_map(|i| node.named_child(i))
                    .find(|c| c.kind() == "raw_text");
                if let (Some(lang), Some(raw)) = (lang, raw) {
                    blocks.push((lang, raw.byte_range()));
                }
            }
            "element" => {
                let Some(start_tag) = node.named_child(0).filter(|t| t.kind() == "start_tag") else {
                    continue;
                };
                let tag = start_tag.named_child(0).map(|n| text(n, src).to_ascii_lowercase());
                if !matches!(tag.as_deref(), Some("code" | "pre")) {
                    continue;
                }
                let Some(lang) = attribute(start_tag, src, "class").and_then(|c| class_language(&c)) else {
                    continue;
                };
                let children: Vec<Node<'_>> =
                    (1..node.named_child_count()).filter_map(|i| node.named_child(i)).collect();
                let plain = children.iter().all(|c| matches!(c.kind(), "text" | "end_tag"));
                let texts: Vec<&Node<'_>> = children.iter().filter(|c| c.kind() == "text").collect();
                if plain && let (Some(first), Some(last)) = (texts.first(), texts.last()) {
                    blocks.push((lang, first.start_byte()..last.end_byte()));
                }
            }
            _ => {}
        }
    }
    group(src, blocks)
}

/// The language named by a class list (`language-php`, `lang-js`, `hljs language-python`).
fn class_language(classes: &str) -> Option<Lang> {
    classes.split_whitespace().find_map(|c| {
        let name = c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-"))?;
        Lang::from_fence(name)
    })
}

/// The value of an attribute of a start tag, unquoted.
fn attribute(start_tag: Node<'_>, src: &str, name: &str) -> Option<String> {
    (0..start_tag.named_child_count()).filter_map(|i| start_tag.named_child(i)).find_map(|attr| {
        if attr.kind() != "attribute" {
            return None;
        }
        let attr_name = attr.named_child(0)?;
        if !text(attr_name, src).eq_ignore_ascii_case(name) {
            return None;
        }
        let value = attr.named_child(1)?;
        Some(text(value, src).trim_matches(['"', '\'']).to_owned())
    })
}

/// A Jupyter notebook read through its cells. A notebook is JSON whose cells hold their source
/// as JSON strings (a list of lines, or one string), so the code is not in the file as written:
/// escaped quotes and `\n` stand where the code has quotes and line breaks. The cells are
/// decoded into `text`, a stand-in for the file in which each source line sits on its own line,
/// and `text` is what the rules read. Jupyter writes one source line per JSON line, so a line of
/// `text` is padded to the line of the notebook file that holds its JSON string, and `lines`
/// maps every line back (a cell written as one string puts all its lines on the string's line).
/// Columns count within the cell's source line. Offsets are offsets of `text`, not of the
/// file: fixes on notebooks are shown, never applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notebook {
    /// The cells' decoded sources, at the lines of the file that hold them.
    pub text: String,
    /// For each line of `text`, the 0-based line of the notebook file it comes from.
    pub lines: Vec<usize>,
    /// Code of `text` by language: code cells in the kernel's language (or the cell's own, in
    /// polyglot notebooks), IPython `!` shell lines and `%%bash` cells as shell, Markdown cells'
    /// code blocks as in a Markdown file.
    pub regions: Vec<Region>,
}

/// What a cell is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    /// A code cell in this language.
    Code(Lang),
    /// A Markdown cell.
    Markdown,
    /// A cell in a language pwflow does not read, or a raw cell.
    Other,
}

/// The value of `key` in a JSON object node.
fn json_field<'t>(object: Node<'t>, src: &str, key: &str) -> Option<Node<'t>> {
    if object.kind() != "object" {
        return None;
    }
    let mut cursor = object.walk();
    object.named_children(&mut cursor).filter(|p| p.kind() == "pair").find_map(|pair| {
        let k = pair.child_by_field_name("key")?;
        (json_string(k, src)? == key).then(|| pair.child_by_field_name("value")).flatten()
    })
}

/// A JSON string node decoded (escapes resolved).
fn json_string(node: Node<'_>, src: &str) -> Option<String> {
    (node.kind() == "string").then(|| serde_json::from_str(text(node, src)).ok()).flatten()
}

/// The language a notebook or cell names (`python`, `javascript`, `C#`, `typescript`, ...),
/// if pwflow reads code in it.
fn notebook_lang(name: &str) -> Option<Lang> {
    let name = name.trim().to_ascii_lowercase();
    let name = match name.as_str() {
        "python3" | "python2" | "ipython" | "ipython3" => "python",
        "node" | "nodejs" => "javascript",
        "sh" | "shell" | "zsh" => "bash",
        other => other,
    };
    // CoffeeScript kernels (`jp-coffeescript`) are read as the text language they are.
    Lang::from_name(name).filter(|l| l.is_code() || l.is_text() || *l == Lang::Bash)
}

/// Reads a notebook's cells (nbformat 4 `cells`, nbformat 3 `worksheets[].cells` with `input`).
#[must_use]
pub fn notebook(root: Node<'_>, src: &str) -> Notebook {
    let mut out = Notebook { text: String::new(), lines: vec![0], regions: Vec::new() };
    let Some(top) = root.named_child(0).filter(|n| n.kind() == "object") else { return out };
    let metadata = json_field(top, src, "metadata");
    let kernel = metadata
        .and_then(|m| {
            json_field(m, src, "kernelspec")
                .and_then(|k| json_field(k, src, "language"))
                .or_else(|| json_field(m, src, "language_info").and_then(|k| json_field(k, src, "name")))
        })
        .and_then(|n| json_string(n, src));
    // A notebook that names no language is a Python one (IPython's default).
    let kernel_lang = kernel.as_deref().map_or(Some(Lang::Python), notebook_lang);
    let mut cell_lists: Vec<Node<'_>> = json_field(top, src, "cells").into_iter().collect();
    if let Some(sheets) = json_field(top, src, "worksheets") {
        let mut cursor = sheets.walk();
        cell_lists.extend(sheets.named_children(&mut cursor).filter_map(|w| json_field(w, src, "cells")));
    }
    let mut blocks: Vec<(Lang, Range<usize>)> = Vec::new();
    let mut markdown: Vec<Range<usize>> = Vec::new();
    for list in cell_lists {
        let mut cursor = list.walk();
        for cell in list.named_children(&mut cursor).filter(|c| c.kind() == "object") {
            let cell_type = json_field(cell, src, "cell_type").and_then(|n| json_string(n, src));
            let own = json_field(cell, src, "metadata").and_then(|m| {
                json_field(m, src, "dotnet_interactive")
                    .and_then(|d| json_field(d, src, "language"))
                    .or_else(|| {
                        json_field(m, src, "polyglot_notebook").and_then(|d| json_field(d, src, "kernelName"))
                    })
                    .or_else(|| json_field(m, src, "vscode").and_then(|d| json_field(d, src, "languageId")))
                    .and_then(|n| json_string(n, src))
            });
            let kind = match cell_type.as_deref() {
                Some("code") => match own.as_deref().map_or(kernel_lang, notebook_lang) {
                    Some(lang) => CellKind::Code(lang),
                    None => CellKind::Other,
                },
                Some("markdown") => CellKind::Markdown,
                _ => CellKind::Other,
            };
            if kind == CellKind::Other {
                continue;
            }
            let Some(source) = json_field(cell, src, "source").or_else(|| json_field(cell, src, "input"))
            else {
                continue;
            };
            let pieces: Vec<Node<'_>> = if source.kind() == "array" {
                let mut c = source.walk();
                source.named_children(&mut c).filter(|n| n.kind() == "string").collect()
            } else {
                vec![source]
            };
            let mut start = None;
            for piece in pieces {
                let Some(decoded) = json_string(piece, src) else { continue };
                let row = piece.start_position().row;
                out.pad_to(row);
                start.get_or_insert(out.text.len());
                out.write(row, &decoded);
            }
            let Some(start) = start.filter(|s| *s < out.text.len()) else { continue };
            if !out.text.ends_with('\n') {
                out.text.push('\n');
                let last = out.lines.last().copied().unwrap_or(0);
                out.lines.push(last);
            }
            let range = start..out.text.len();
            match kind {
                CellKind::Markdown => markdown.push(range),
                CellKind::Code(lang) => blocks.extend(code_cell(&out.text, range, lang)),
                CellKind::Other => {}
            }
        }
    }
    // The Markdown cells are one Markdown document: the rest blanked (same offsets).
    if !markdown.is_empty() {
        let mut doc: Vec<u8> = out.text.bytes().map(|b| if b == b'\n' { b'\n' } else { b' ' }).collect();
        for r in &markdown {
            doc[r.clone()].copy_from_slice(&out.text.as_bytes()[r.clone()]);
        }
        let doc = String::from_utf8_lossy(&doc);
        for region in markdown_regions(&doc) {
            blocks.extend(region.ranges.into_iter().map(|r| (region.lang, r)));
        }
    }
    out.regions = group(&out.text, blocks);
    out
}

impl Notebook {
    /// At the start of a line, blank lines bring `text` down to the file's line `row` (when it
    /// is not past it already), and the line is `row`'s.
    fn pad_to(&mut self, row: usize) {
        if self.text.is_empty() || self.text.ends_with('\n') {
            while self.lines.len() - 1 < row {
                self.text.push('\n');
                self.lines.push(self.lines.len());
            }
            if let Some(last) = self.lines.last_mut() {
                *last = row;
            }
        }
    }

    /// Appends a decoded source piece held by the file's line `row`.
    fn write(&mut self, row: usize, decoded: &str) {
        for (i, line) in decoded.split('\n').enumerate() {
            if i > 0 {
                self.text.push('\n');
                self.lines.push(row);
            }
            // A carriage return of a Windows line ending in the JSON string is not code.
            self.text.push_str(line.strip_suffix('\r').unwrap_or(line));
        }
    }
}

/// The blocks of one code cell: the cell in its language, but for IPython syntax in Python
/// cells: a `%%bash` cell is shell, `!command` lines are shell, other `%` magics are skipped.
fn code_cell(text: &str, range: Range<usize>, lang: Lang) -> Vec<(Lang, Range<usize>)> {
    let cell = &text[range.clone()];
    if lang != Lang::Python {
        return vec![(lang, range)];
    }
    let mut lines = Vec::new();
    let mut at = range.start;
    for line in cell.split_inclusive('\n') {
        lines.push(at..at + line.len());
        at += line.len();
    }
    if let Some(first) = cell.lines().next().map(str::trim).and_then(|l| l.strip_prefix("%%")) {
        let mut words = first.split_whitespace();
        let magic = match words.next() {
            Some("script") => words.next().unwrap_or_default(),
            Some(m) => m,
            None => "",
        };
        let body = lines.get(1).map_or(range.end, |l| l.start)..range.end;
        return match magic {
            "bash" | "sh" => vec![(Lang::Bash, body)],
            "javascript" | "js" => vec![(Lang::JavaScript, body)],
            "time" | "timeit" | "capture" | "prun" => vec![(Lang::Python, body)],
            _ => Vec::new(),
        };
    }
    let mut out: Vec<(Lang, Range<usize>)> = Vec::new();
    for line in lines {
        let content = &text[line.clone()];
        let indent = content.len() - content.trim_start().len();
        let block = match content.trim_start().as_bytes().first() {
            Some(b'!') => (Lang::Bash, line.start + indent + 1..line.end),
            Some(b'%') => continue,
            _ => (Lang::Python, line),
        };
        // Neighbouring lines of one language form one range.
        match out.last_mut() {
            Some((lang, r)) if *lang == block.0 && r.end == block.1.start => r.end = block.1.end,
            _ => out.push(block),
        }
    }
    out
}

/// Byte ranges as tree-sitter ranges (with row/column points) for `Parser::set_included_ranges`.
#[must_use]
pub fn ts_ranges(src: &str, ranges: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let point = |offset: usize| {
        let before = &src.as_bytes()[..offset.min(src.len())];
        let row = memchr::memchr_iter(b'\n', before).count();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        Point { row, column: offset - line_start }
    };
    ranges
        .iter()
        .map(|r| tree_sitter::Range {
            start_byte: r.start,
            end_byte: r.end,
            start_point: point(r.start),
            end_point: point(r.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_fences_by_language() {
        let md = "# Setup\n\n```php\n$platform->login($u, $e, $p);\n```\n\ntext\n\n```\nunknown\n```\n\n- item\n\n  ```js\n  platform.login({ username });\n  ```\n\n```mermaid\ngraph\n```\n";
        let regions = markdown_regions(md);
        let langs: Vec<Lang> = regions.iter().map(|r| r.lang).collect();
        assert_eq!(langs, vec![Lang::JavaScript, Lang::PhpOnly]);
        assert_eq!(&md[regions[1].ranges[0].clone()], "$platform->login($u, $e, $p);\n");
        assert!(md[regions[0].ranges[0].clone()].contains("platform.login({ username });"));
    }

    #[test]
    fn html_scripts_and_code_blocks() {
        let html = "<html><body>\n<script>platform.login({ username, password });</script>\n<script type=\"text/template\">x</script>\n<pre><code class=\"language-python\">platform.login(u, e, p)</code></pre>\n<code class=\"language-php\">$p-&gt;login($u, $e, $pw)</code>\n</body></html>\n";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_html::LANGUAGE.into()).expect("grammar");
        let tree = parser.parse(html, None).expect("parses");
        let regions = html_regions(tree.root_node(), html);
        let found: Vec<(Lang, &str)> =
            regions.iter().flat_map(|r| r.ranges.iter().map(move |x| (r.lang, &html[x.clone()]))).collect();
        assert_eq!(
            found,
            vec![
                (Lang::JavaScript, "platform.login({ username, password });"),
                (Lang::Python, "platform.login(u, e, p)"),
            ]
        );
    }

    #[test]
    fn component_scripts_by_lang_attribute() {
        let vue = "<template>\n  <div>{{ msg }}</div>\n</template>\n<script setup lang=\"ts\">\nconst a: number = 1;\n</script>\n<script>\nexport default {}\n</script>\n<script lang=\"coffee\">\nx = 1\n</script>\n";
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_html::LANGUAGE.into()).expect("grammar");
        let tree = parser.parse(vue, None).expect("parses");
        let regions = html_regions(tree.root_node(), vue);
        let found: Vec<(Lang, &str)> = regions
            .iter()
            .flat_map(|r| r.ranges.iter().map(move |x| (r.lang, vue[x.clone()].trim())))
            .collect();
        assert_eq!(
            found,
            vec![
                (Lang::JavaScript, "export default {}"),
                (Lang::TypeScript, "const a: number = 1;"),
                (Lang::CoffeeScript, "x = 1")
            ]
        );
    }

    fn read_notebook(src: &str) -> Notebook {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&tree_sitter_json::LANGUAGE.into()).expect("grammar");
        let tree = parser.parse(src, None).expect("parses");
        notebook(tree.root_node(), src)
    }

    #[test]
    fn notebook_cells_keep_their_file_lines() {
        let src = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"x = \\\"a\\\"\\n\",\n    \"!curl -d grant_type=password\\n\",\n    \"%time f()\"\n   ]\n  },\n  {\"cell_type\": \"markdown\", \"source\": \"text\\n```js\\nlogin()\\n```\\n\"},\n  {\"cell_type\": \"code\", \"source\": [\"%%bash\\n\", \"echo hi\\n\"]}\n ],\n \"metadata\": {}\n}\n";
        let nb = read_notebook(src);
        let text = nb.text.as_str();
        let lines: Vec<&str> = text.lines().collect();
        // The first cell's lines sit on the file's lines 6-8 (0-based 5-7).
        assert_eq!(&lines[5..8], ["x = \"a\"", "!curl -d grant_type=password", "%time f()"]);
        // The cell ends on line 8 (0-based 7); blank lines lead to the next cell's string.
        assert_eq!(&nb.lines[..10], [0, 1, 2, 3, 4, 5, 6, 7, 7, 9]);
        // A cell written as one string: all its lines belong to the string's line.
        assert_eq!(&nb.lines[10..14], [10, 10, 10, 10]);
        let found: Vec<(Lang, &str)> = nb
            .regions
            .iter()
            .flat_map(|r| r.ranges.iter().map(move |x| (r.lang, text[x.clone()].trim())))
            .collect();
        assert_eq!(
            found,
            vec![
                (Lang::JavaScript, "login()"),
                (Lang::Python, "x = \"a\""),
                (Lang::Bash, "curl -d grant_type=password"),
                (Lang::Bash, "echo hi"),
            ]
        );
    }

    #[test]
    fn notebook_kernel_chooses_the_language() {
        let src = r#"{"cells": [{"cell_type": "code", "source": ["x"]}, {"cell_type": "code", "metadata": {"dotnet_interactive": {"language": "csharp"}}, "source": "y"}, {"cell_type": "code", "metadata": {"vscode": {"languageId": "r"}}, "source": "z"}], "metadata": {"kernelspec": {"language": "javascript"}}}"#;
        let langs: Vec<Lang> = read_notebook(src).regions.iter().map(|r| r.lang).collect();
        assert_eq!(langs, vec![Lang::JavaScript, Lang::CSharp]);
    }

    #[test]
    fn points_count_rows_and_columns() {
        let src = "ab\ncd\nef";
        let one: Vec<Range<usize>> = vec![Range { start: 4, end: 7 }];
        let r = ts_ranges(src, &one);
        assert_eq!(r[0].start_point, Point { row: 1, column: 1 });
        assert_eq!(r[0].end_point, Point { row: 2, column: 1 });
    }
}
