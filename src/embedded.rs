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
    for (event, range) in Parser::new_ext(src, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((Lang::from_fence(&info), Vec::new()));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => current = Some((None, Vec::new())),
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
                    None => sniff_block(&content),
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

/// The configuration format a code block's content is written in, if it reads as one: a JSON
/// object or array, `.env` lines (`KEY=value`, `export KEY=value`; `KEY = value` is read with
/// the `.properties` grammar, which takes the value to the end of its line), or YAML `key: value`
/// lines. Four in five of the block's lines that are neither blank
/// nor comments, must be settings, so a shell session or a code sample is not taken for one.
#[must_use]
pub fn sniff_block(content: &str) -> Option<Lang> {
    let trimmed = content.trim();
    if (trimmed.starts_with('{') && trimmed.ends_with('}'))
        || (trimmed.starts_with('[') && trimmed.ends_with(']') && trimmed.contains('{'))
    {
        return Some(Lang::Json);
    }
    let lines: Vec<&str> = trimmed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//") && !l.starts_with(';'))
        .collect();
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
                            // CoffeeScript and the like: not a language pwflow reads.
                            _ => None,
                        },
                    },
                    Some(t) if t.contains("javascript") || t == "module" || t.contains("ecmascript") => {
                        Some(Lang::JavaScript)
                    }
                    Some(t) if t.contains("typescript") => Some(Lang::TypeScript),
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
            vec![(Lang::JavaScript, "export default {}"), (Lang::TypeScript, "const a: number = 1;")]
        );
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
