//! The RingCentral Video SDK's run-time grant choice: a conditional whose one branch is the
//! password grant (`jwt ? GrantType.JWT : GrantType.PASSWORD` in JavaScript, Kotlin's
//! `if (jwt != null) GrantType.JWT else GrantType.PASSWORD` and `when`, Swift's
//! `jwt != nil ? .jwt : .password`). The check finds the password branch and says when it is
//! taken, in the code's own words (the condition, or the `when` entry).

use std::sync::LazyLock;

use regex::Regex;
use tree_sitter::Node;

use super::{Bindings, CheckCx, CheckDef};
use crate::lang::Lang;
use crate::syntax::{named_children, text};

/// The checks of this module.
pub static CHECKS: &[CheckDef] = &[CheckDef {
    name: "video-sdk-fallback",
    languages: &[Lang::JavaScript, Lang::TypeScript, Lang::Tsx, Lang::Kotlin, Lang::Swift],
    needs: &["choice"],
    provides: &["fallback_when", "password_grant", "video_sdk", "lang_family", "jwt_name", "jwt_grant"],
    about: "the captured `@choice` (a ternary, Kotlin `if`/`when` expression) picks the Video \
            SDK's password grant in one branch; binds when that branch is taken (`fallback_when`), \
            the branch's grant and the JWT grant written the same way; the file is RingCentral \
            code (JavaScript) or uses the Video SDK's native API (`RcvEngine`, \
            `com.ringcentral.video`) or is RingCentral code (Kotlin, Swift)",
    run: video_sdk_fallback,
    file_gate: None,
    text_gate: None,
}];

/// A branch that is the password grant: `GrantType.PASSWORD`, `RcvGrantType.password`, Swift's
/// implicit `.password`, maybe in a block (`{ GrantType.PASSWORD }`).
static PASSWORD_BRANCH: LazyLock<Regex> = LazyLock::new(|| {
    crate::regexes::ascii(
        r"^[\s{(]*((?:[A-Za-z_]\w*\s*\.\s*)*[A-Za-z_]*GrantType)?\s*\.\s*(PASSWORD|[Pp]assword)[\s)};]*$",
    )
});

/// The kinds that choose between branches.
const CONDITIONALS: &[&str] = &["ternary_expression", "if_expression", "when_expression"];

/// Where the password branch sits: the text of the grant, and when it is taken.
fn password_branch(choice: Node<'_>, src: &str, truthy: bool) -> Option<(String, String)> {
    let shown = |n: Node<'_>| format!("`{}`", text(n, src).split_whitespace().collect::<Vec<_>>().join(" "));
    let grant_of = |n: Node<'_>| {
        // A block's one expression (`{ GrantType.PASSWORD }`, comments aside).
        let mut n = n;
        loop {
            let t = text(n, src);
            if PASSWORD_BRANCH.is_match(t) {
                return Some(t.trim_matches(|c: char| c.is_whitespace() || "{}();".contains(c)).to_owned());
            }
            match code_children(n).as_slice() {
                [only] => n = *only,
                _ => return None,
            }
        }
    };
    if choice.kind() == "when_expression" {
        let entries: Vec<Node<'_>> =
            named_children(choice).into_iter().filter(|e| e.kind() == "when_entry").collect();
        for entry in &entries {
            let conditions: Vec<Node<'_>> = named_children(*entry)
                .into_iter()
                .filter(|c| entry.child_by_field_name("condition").is_some() && is_condition(*entry, *c))
                .collect();
            let Some(body) = code_children(*entry).last().copied() else {
                continue;
            };
            let Some(grant) = grant_of(body).or_else(|| nested(body, src, truthy).map(|(g, _)| g)) else {
                continue;
            };
            let subject = named_children(choice)
                .into_iter()
                .find(|c| c.kind() == "when_subject")
                .and_then(|s| named_children(s).into_iter().last());
            let when = match (conditions.is_empty(), subject) {
                (true, _) => "no other entry of the `when` matches (its `else`)".to_owned(),
                (false, Some(subject)) => format!(
                    "{} is {}",
                    shown(subject),
                    conditions.iter().map(|c| shown(*c)).collect::<Vec<_>>().join(" or ")
                ),
                (false, None) => {
                    format!("{} holds", conditions.iter().map(|c| shown(*c)).collect::<Vec<_>>().join(" or "))
                }
            };
            return Some((grant, when));
        }
        return None;
    }
    let condition = choice.child_by_field_name("condition")?;
    let branches: Vec<Node<'_>> = named_children(choice)
        .into_iter()
        .filter(|c| c.id() != condition.id() && !c.kind().contains("comment"))
        .collect();
    for (i, branch) in branches.iter().enumerate() {
        let found = grant_of(*branch)
            .map(|g| (g, None))
            .or_else(|| nested(*branch, src, truthy).map(|(g, w)| (g, Some(w))));
        if let Some((grant, inner)) = found {
            // JavaScript tests a value's truthiness (`jwt ? ... : ...`).
            let bare =
                truthy && (condition.kind() == "identifier" || condition.kind() == "member_expression");
            let verdict = match (bare, i == 0) {
                (true, true) => "is set (truthy)",
                (true, false) => "is unset or empty (falsy)",
                (false, true) => "holds",
                (false, false) => "does not hold",
            };
            let outer = format!("{} {verdict}", shown(condition));
            let when = inner.map_or(outer.clone(), |inner| format!("{outer} and {inner}"));
            return Some((grant, when));
        }
    }
    None
}

/// A node's named children that are not comments.
fn code_children(node: Node<'_>) -> Vec<Node<'_>> {
    named_children(node).into_iter().filter(|c| !c.kind().contains("comment")).collect()
}

/// A `when` entry's conditions are the children before its body (the body is the last one).
fn is_condition(entry: Node<'_>, child: Node<'_>) -> bool {
    code_children(entry).last().is_some_and(|last| last.id() != child.id())
        && !child.kind().contains("comment")
}

/// A branch that is itself a conditional (`a ? GrantType.JWT : b ? ... : GrantType.PASSWORD`),
/// possibly in a block.
fn nested(branch: Node<'_>, src: &str, truthy: bool) -> Option<(String, String)> {
    let mut node = branch;
    loop {
        if CONDITIONALS.contains(&node.kind()) {
            return password_branch(node, src, truthy);
        }
        match code_children(node).as_slice() {
            [only] => node = *only,
            _ => return None,
        }
    }
}

fn video_sdk_fallback(cx: &CheckCx<'_, '_>) -> Option<Bindings> {
    let src = cx.file.src;
    let choice = cx.cap("choice")?;
    let lang = cx.file.lang;
    let truthy = matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx);
    let (grant, when) = password_branch(choice, src, truthy)?;
    let mut out = match lang {
        Lang::Kotlin | Lang::Swift => super::kotlin::video_sdk_native(cx)?,
        _ => super::http::ringcentral_context(cx)?,
    };
    // The JWT the condition tests, when it names one.
    let jwt_name = choice
        .child_by_field_name("condition")
        .map(|c| text(c, src))
        .and_then(|c| {
            c.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.'))
                .find(|w| w.to_ascii_lowercase().contains("jwt"))
                .map(|w| {
                    // `jwt.isEmpty` tests `jwt`; `config.jwt` is the JWT itself.
                    let parts: Vec<&str> = w.split('.').collect();
                    let last =
                        parts.iter().rposition(|p| p.to_ascii_lowercase().contains("jwt")).unwrap_or(0);
                    parts[..=last].join(".")
                })
        })
        .unwrap_or_else(|| "jwt".to_owned());
    // The JWT grant, spelled like the password one (`GrantType.PASSWORD` gives `GrantType.JWT`).
    let jwt_grant_value = match grant.rsplit_once('.') {
        Some((enum_name, "PASSWORD")) => format!("{enum_name}.JWT"),
        Some((enum_name, _)) => format!("{enum_name}.jwt"),
        None => "GrantType.JWT".to_owned(),
    };
    let parent = choice.parent();
    let jwt_grant = match lang {
        Lang::Kotlin | Lang::Swift => {
            // The statement that sets the grant, with the JWT grant in place of the choice.
            let statement = std::iter::successors(parent, |n| n.parent())
                .find(|n| matches!(n.kind(), "assignment" | "call_expression"))
                .unwrap_or(choice);
            let before = &src[statement.start_byte()..choice.start_byte()];
            let after = &src[choice.end_byte()..statement.end_byte()];
            format!("{before}{jwt_grant_value}{after}")
        }
        _ => format!("grantType: {jwt_grant_value}"),
    };
    let (sdk, family) = match lang {
        Lang::Kotlin => ("RingCentral Video SDK for Android", "kotlin"),
        Lang::Swift => ("RingCentral Video SDK for iOS", "swift"),
        _ => ("@ringcentral/video-sdk", "js"),
    };
    out.notes.push(format!(
        "the grant is chosen at run time: `{grant}` whenever {when}, so a missing JWT sends the user's password"
    ));
    out.var("fallback_when", &when);
    out.var("password_grant", &grant);
    out.var("video_sdk", sdk);
    out.var("lang_family", family);
    out.var("jwt_name", &jwt_name);
    out.var("jwt_grant", &jwt_grant);
    Some(out)
}
