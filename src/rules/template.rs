//! `{{name}}` templates used by messages, labels and fixes.

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// A placeholder: a capture name or a variable bound by a check.
    Var(String),
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

/// A template with an unterminated or empty placeholder, at this byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Byte offset of the bad `{{` in the template text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl Template {
    /// Parses `text`; placeholder names may not be empty and must be closed.
    ///
    /// # Errors
    /// When a `{{` is not closed or names nothing.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut pieces = Vec::new();
        let mut rest = text;
        let mut consumed = 0;
        while let Some(open) = rest.find("{{") {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                return Err(TemplateError {
                    offset: consumed + open,
                    message: "`{{` is not closed by `}}`".to_owned(),
                });
            };
            let name = after[..close].trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(TemplateError {
                    offset: consumed + open,
                    message: format!("`{{{{{name}}}}}` is not a placeholder name"),
                });
            }
            pieces.push(Piece::Var(name.to_owned()));
            let advance = open + 2 + close + 2;
            consumed += advance;
            rest = &rest[advance..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Ok(Template { pieces })
    }

    /// Placeholder names used, in order of appearance.
    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Var(v) => Some(v.as_str()),
            Piece::Text(_) => None,
        })
    }

    /// Renders with `lookup`; a name it does not know renders as empty text (load-time
    /// validation makes that impossible for built-in rules).
    pub fn render<'a>(&self, lookup: impl Fn(&str) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(v) => out.push_str(lookup(v).unwrap_or_default()),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let t = Template::parse("{{receiver}}->login(['jwt' => {{ jwt_expr }}])").expect("valid");
        assert_eq!(t.vars().collect::<Vec<_>>(), ["receiver", "jwt_expr"]);
        let out = t.render(|v| match v {
            "receiver" => Some("$platform"),
            "jwt_expr" => Some("getenv('RC_JWT')"),
            _ => None,
        });
        assert_eq!(out, "$platform->login(['jwt' => getenv('RC_JWT')])");
    }

    #[test]
    fn rejects_unclosed_and_empty() {
        assert_eq!(Template::parse("a {{b").map_err(|e| e.offset), Err(2));
        assert!(Template::parse("{{}}").is_err());
        assert!(Template::parse("{{a b}}").is_err());
    }

    #[test]
    fn plain_text_is_kept() {
        let t = Template::parse("no placeholders { here }").expect("valid");
        assert_eq!(t.render(|_| None), "no placeholders { here }");
    }
}
