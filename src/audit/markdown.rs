//! The audit as GitHub-flavoured Markdown (tables, fenced code), fit to paste into an issue or a
//! wiki page. Same content as the HTML report; bar charts become tables with text bars.

use std::fmt::Write as _;

use crate::finding::{Finding, Flow};
use crate::lang::Lang;

use super::count;
use super::html::lead;
use super::model::{App, AppFlow, Count, Effort, Item, KINDS, Report, Unit};

/// Escapes text for a table cell or a paragraph: `|`, `<`, `>` and newlines outside backtick
/// spans; inside them only `|` (GitHub keeps `\|` in a code span in a table as a pipe, and
/// entities there would show literally).
#[must_use]
pub fn cell(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    let text = |p: &str| p.replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;");
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return text(&s).replace('`', "\\`");
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { format!("`{}`", p.replace('|', "\\|")) } else { text(p) })
        .collect()
}

/// Text as inline code, with a fence longer than any backtick run inside it.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", s.replace('|', "\\|").replace(['\r', '\n'], " "))
}

/// A fenced code block whose fence is longer than any backtick run in the code.
fn fenced(out: &mut String, lang: &str, body: &str) {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = writeln!(out, "{fence}{lang}\n{}\n{fence}", body.trim_end_matches('\n'));
}

fn fence_lang(path: &str) -> &'static str {
    Lang::from_path(std::path::Path::new(path)).map_or("", |lang| lang.spec().fence_names[0])
}

fn bar(count: usize, max: usize) -> String {
    let width = (count * 24).div_ceil(max.max(1)).max(usize::from(count > 0));
    "█".repeat(width)
}

fn chart(out: &mut String, title: &str, label: &str, rows: &[Count], limit: usize) {
    let _ = writeln!(out, "### {title}\n");
    if rows.is_empty() {
        out.push_str("_no findings_\n\n");
        return;
    }
    let _ = writeln!(out, "| {label} | Findings | |\n|---|---:|---|");
    let max = rows.iter().map(|c| c.count).max().unwrap_or(1);
    for c in rows.iter().take(limit) {
        let _ = writeln!(out, "| {} | {} | {} |", cell(&c.label), c.count, bar(c.count, max));
    }
    if rows.len() > limit {
        let rest: usize = rows[limit..].iter().map(|c| c.count).sum();
        let _ = writeln!(out, "| {} more | {rest} | {} |", rows.len() - limit, bar(rest, max));
    }
    out.push('\n');
}

fn count_table(out: &mut String, title: &str, label: &str, rows: &[Count]) {
    let _ = writeln!(out, "### {title}\n\n| {label} | Findings |\n|---|---:|");
    for c in rows {
        let _ = writeln!(out, "| {} | {} |", cell(&c.label), c.count);
    }
    out.push('\n');
}

fn flow_label(flow: AppFlow) -> String {
    format!("**{}**", flow.label())
}

fn fix(out: &mut String, f: &Finding, flow: Flow, heading: &str, lang: &str) {
    let rec = if f.recommendation.flow == flow { " (recommended)" } else { "" };
    let Some(fix) = f.fixes.iter().find(|x| x.flow == flow) else {
        let _ = writeln!(out, "**{heading}{rec}:** no rewrite for this finding.\n");
        return;
    };
    let _ = writeln!(out, "**{heading}{rec}:** {}\n", cell(&fix.title));
    fenced(out, lang, &fix.code);
    if let Some(note) = &fix.note {
        let _ = writeln!(out, "\n> {}", cell(note));
    }
    out.push('\n');
}

fn finding(out: &mut String, item: &Item) {
    let f = &item.finding;
    let lang = fence_lang(&item.display);
    let _ = writeln!(
        out,
        "<a id=\"{}\"></a>\n#### {} `{}:{}:{}`\n",
        item.anchor,
        f.severity.as_str(),
        item.display.replace('`', "'"),
        f.start.line,
        f.start.column
    );
    let _ = writeln!(
        out,
        "{} · `{}` · {}\n\n**Recommended: {}** — {}\n",
        cell(&f.message),
        f.rule,
        item.language,
        f.recommendation.flow.title_for(&f.rule),
        cell(&f.recommendation.reason)
    );
    let numbered: Vec<String> =
        f.snippet.lines().enumerate().map(|(i, l)| format!("{:>4} | {l}", f.start.line + i)).collect();
    out.push_str("**Current code:**\n\n");
    fenced(out, lang, &numbered.join("\n"));
    out.push('\n');
    fix(out, f, Flow::Jwt, "JWT rewrite", lang);
    fix(out, f, Flow::Oauth, "Authorization-code alternative", lang);
    for n in &f.notes {
        let _ = writeln!(out, "- {}", cell(n));
    }
    if !f.notes.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "<sub>fingerprint {}</sub>\n", f.fingerprint);
}

/// Checklists shown at most.
const CARDS: usize = 100;

/// "Showing N of M" under a capped table.
fn more(out: &mut String, total: usize, shown: usize, what: &str, r: &Report) {
    if total > shown {
        let _ = writeln!(
            out,
            "_Showing {shown} of {total} {what}, those with the most findings first._{}\n",
            complete_lists(r)
        );
    }
}

/// Links to the complete lists (JSON, CSV), as a sentence.
fn complete_lists(r: &Report) -> String {
    let links: Vec<String> = [("JSON", &r.links.json), ("CSV", &r.links.csv)]
        .into_iter()
        .filter_map(|(name, l)| l.as_ref().map(|l| format!("[{name}](<{}>)", l.replace(['<', '>'], ""))))
        .collect();
    if links.is_empty() {
        " Write the complete list with `--json FILE` or `--csv FILE`.".to_owned()
    } else {
        format!(" The complete list is in the {}.", links.join(" and the "))
    }
}

/// The effort table: sites by kind, what `--fix` rewrites, the SDK change first; a total.
fn effort(out: &mut String, r: &Report) {
    let _ = writeln!(
        out,
        "## Effort\n\nWhat there is to change per {}: call sites by kind, how many \
         `pwflow check --fix --unsafe-fixes` can rewrite, and the SDK change that must come first.\n",
        r.unit.noun()
    );
    let _ = writeln!(
        out,
        "| {} | Sites | {} | --fix can rewrite | First |\n|---|---:|{}---:|---|",
        if r.unit == Unit::Repository { "Repository" } else { "Application" },
        KINDS.join(" | "),
        "---:|".repeat(KINDS.len())
    );
    let row = |out: &mut String, name: &str, e: &Effort, first: String| {
        let kinds: Vec<String> = e.kinds.iter().map(usize::to_string).collect();
        let _ = writeln!(out, "| {name} | {} | {} | {} | {first} |", e.sites(), kinds.join(" | "), e.fixable);
    };
    let affected: Vec<&App> = r.apps.iter().filter(|a| a.findings > 0).collect();
    for a in affected.iter().take(r.limits.rows) {
        row(
            out,
            &cell(&a.name),
            &a.effort,
            a.effort.upgrades.iter().map(|u| cell(u)).collect::<Vec<_>>().join("; "),
        );
    }
    row(
        out,
        &format!("**Total ({})**", count(affected.len(), r.unit.noun(), r.unit.plural())),
        &r.effort,
        count(r.effort.upgrades.len(), "SDK change", "SDK changes"),
    );
    out.push('\n');
    more(out, affected.len(), r.limits.rows, r.unit.plural(), r);
}

/// Renders the report.
#[must_use]
pub fn render(r: &Report) -> String {
    let t = &r.totals;
    let unit_title = if r.unit.noun() == "repository" { "Repository" } else { "Application" };
    let mut out = String::with_capacity(32 * 1024);
    // The marker line tells pwflow not to scan its own report (see artefact.rs).
    let _ = writeln!(out, "{} {} -->", crate::artefact::MARKDOWN_MARKER, r.version);
    let _ = writeln!(out, "# Password-flow audit\n");
    let _ = writeln!(
        out,
        "{} · generated {} by pwflow {} · passwords and tokens are shown as `***`\n",
        if r.roots.len() <= 3 {
            r.roots.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ")
        } else {
            r.scope()
        },
        r.generated,
        r.version
    );
    let mut toc = vec![
        "[Summary](#summary)".to_owned(),
        format!("[Recommended flow](#recommended-flow-per-{})", r.unit.noun()),
        "[Effort](#effort)".to_owned(),
        "[Charts](#where-the-findings-are)".to_owned(),
        "[Breakdown](#breakdown)".to_owned(),
        "[SDK versions](#sdk-versions)".to_owned(),
        format!("[Checklists](#migration-checklist-per-{})", r.unit.noun()),
        "[Findings](#findings)".to_owned(),
    ];
    if !r.suppressed.is_empty() {
        toc.push("[Suppressed](#suppressed-by-comments)".to_owned());
    }
    toc.push("[Not scanned](#not-scanned)".to_owned());
    let _ = writeln!(out, "{}\n", toc.join(" · "));

    let _ = writeln!(out, "## Summary\n\n{}\n", cell(&lead(r)));
    let _ = writeln!(out, "| Key figure | Value |\n|---|---|");
    let _ = writeln!(
        out,
        "| Findings | **{}** ({} errors, {} warnings, {} info) |",
        t.findings, t.errors, t.warnings, t.infos
    );
    let _ = writeln!(out, "| Files to change | {} of {} files read |", t.files_with_findings, t.files_read);
    let _ = writeln!(
        out,
        "| {} affected | {} of {} ({} JWT, {} OAuth, {} both) |",
        if r.unit.noun() == "repository" { "Repositories" } else { "Applications" },
        t.apps_affected,
        r.apps.len(),
        t.apps_jwt,
        t.apps_oauth,
        t.apps_both
    );
    let _ =
        writeln!(out, "| SDK upgrade first | {} |", count(t.apps_blocked, r.unit.noun(), r.unit.plural()));
    let _ = writeln!(out, "| Files scanned | {} ({} parsed in depth) |", t.files_seen, t.parsed);
    let _ = writeln!(out, "| Not scanned | {} |", t.skipped);
    if t.suppressed > 0 {
        let _ = writeln!(out, "| Suppressed by comments | {} |", t.suppressed);
    }
    out.push('\n');
    count_table(&mut out, "Findings by severity", "Severity", &r.by_severity);
    count_table(&mut out, "Findings by language", "Language", &r.by_language);

    let _ = writeln!(
        out,
        "## Recommended flow per {}\n\nJWT for code with no user interface (scripts, jobs, services); the \
         authorization-code flow with PKCE for code that serves users. The reason is the evidence found in the files.\n",
        r.unit.noun()
    );
    let _ = writeln!(
        out,
        "| {unit_title} | Findings | Files | Recommended flow | Why | SDK |\n|---|---:|---:|---|---|---|"
    );
    for a in r.apps.iter().take(r.limits.rows) {
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} | {} |",
            cell(&a.name),
            a.findings,
            a.files,
            flow_label(a.flow),
            cell(&a.reason),
            cell(&a.sdk_summary())
        );
    }
    out.push('\n');
    more(&mut out, r.apps.len(), r.limits.rows, r.unit.plural(), r);
    effort(&mut out, r);

    out.push_str("## Where the findings are\n\n");
    chart(&mut out, "Findings by rule", "Rule", &r.by_rule, 8);
    let loc = format!("Findings by {}", r.location_kind);
    let loc_label = if r.location_kind == "repository" { "Repository" } else { "Directory" };
    chart(&mut out, &loc, loc_label, &r.by_location, 10);

    out.push_str("## Breakdown\n\n### Findings by SDK and era\n\n| SDK | Era | Findings |\n|---|---|---:|\n");
    for s in &r.by_sdk {
        let _ = writeln!(out, "| {} | {} | {} |", code(&s.sdk), cell(&s.era), s.count);
    }
    let _ = writeln!(
        out,
        "\n### Most affected {}\n\n| {unit_title} | Findings | Errors | Files | Flow |\n|---|---:|---:|---:|---|",
        r.unit.plural()
    );
    for a in r.apps.iter().filter(|a| a.findings > 0).take(10) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&a.name),
            a.findings,
            a.errors,
            a.files,
            a.flow.label()
        );
    }
    out.push('\n');

    out.push_str(
        "## SDK versions\n\nFrom lock files and manifests. Where the installed SDK predates the JWT login, \
         upgrade it first. pwflow reads the code of PHP, JavaScript, TypeScript, Python, \
         Java, C#, Ruby and Go, so each SDK listed here is checked in the code too.\n\n",
    );
    if r.sdks.is_empty() {
        out.push_str("_No RingCentral SDK found in lock files or manifests._\n\n");
    } else {
        let _ = writeln!(
            out,
            "| {unit_title} | File | Package | Version | JWT since | Status | What to do |\n|---|---|---|---|---|---|---|"
        );
        for (app, s) in r.sdks.iter().take(r.limits.rows) {
            let version = s.dep.version.as_deref().map_or_else(
                || "_unpinned or non-registry_".to_owned(),
                |v| format!("{}{}", code(v), if s.dep.locked { " installed" } else { "" }),
            );
            let _ = writeln!(
                out,
                "| {} | {} | {} ({}) | {} | {} | **{}** | {} |",
                cell(app),
                code(&s.file.to_string_lossy()),
                code(&s.dep.package),
                s.dep.ecosystem.as_str(),
                version,
                cell(s.min_jwt.as_deref().unwrap_or("no JWT login")),
                s.status.label(),
                cell(&s.advice)
            );
        }
        out.push('\n');
        more(&mut out, r.sdks.len(), r.limits.rows, "SDK dependencies", r);
    }

    let _ = writeln!(out, "## Migration checklist per {}\n", r.unit.noun());
    for a in r.apps.iter().take(r.limits.rows.min(CARDS)) {
        let _ = writeln!(
            out,
            "### {}\n\n{} · {} {} — {}\n",
            cell(&a.name),
            flow_label(a.flow),
            a.findings,
            if a.findings == 1 { "finding" } else { "findings" },
            cell(&a.reason)
        );
        for step in &a.checklist {
            let _ = writeln!(out, "- [ ] {}", cell(step));
        }
        out.push('\n');
    }

    more(&mut out, r.apps.len(), r.limits.rows.min(CARDS), r.unit.plural(), r);
    let _ = writeln!(
        out,
        "## Findings\n\n{} with its code (secrets redacted), the JWT rewrite and the \
         authorization-code alternative. Each has a stable anchor (`#f-<fingerprint>`).{}\n",
        r.shown_sentence(),
        complete_lists(r)
    );
    if t.findings == 0 {
        out.push_str("_No password-flow code found._\n\n");
    }
    for a in r.apps.iter().filter(|a| a.findings > 0) {
        let _ = writeln!(out, "### {} ({})\n", cell(&a.name), a.findings);
        for item in &a.shown {
            finding(&mut out, item);
        }
        if a.shown.len() < a.findings {
            let _ = writeln!(
                out,
                "_{} more in this {} not shown here._{}\n",
                a.findings - a.shown.len(),
                r.unit.noun(),
                complete_lists(r)
            );
        }
    }

    if !r.suppressed.is_empty() {
        out.push_str(
            "## Suppressed by comments\n\nFindings silenced with a `pwflow-ignore` comment, with the reason \
             given there.\n\n| Location | Rule | Reason |\n|---|---|---|\n",
        );
        for i in &r.suppressed {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(&format!("{}:{}", i.display, i.line)),
                code(&i.rule),
                cell(&i.reason)
            );
        }
        out.push('\n');
    }

    out.push_str(
        "## Not scanned\n\nFiles and directories pwflow did not read, with the reason. Vendored dependencies \
         and minified bundles are skipped unless `--no-ignore` is given.\n\n",
    );
    if r.skipped.is_empty() {
        out.push_str("_Every file was scanned._\n\n");
    } else {
        out.push_str("| Path | Reason | Detail |\n|---|---|---|\n");
        for s in &r.skipped {
            let _ = writeln!(out, "| {} | {} | {} |", code(&s.path), s.reason, cell(&s.detail));
        }
        out.push('\n');
        more(&mut out, t.skipped, r.limits.rows, "entries", r);
    }
    if !r.folders.is_empty() {
        let _ = writeln!(
            out,
            "### Not git repositories\n\nAudited as plain folders: {}.\n",
            r.folders.iter().take(r.limits.rows).map(|f| code(f)).collect::<Vec<_>>().join(", ")
        );
    }
    if !r.not_audited.is_empty() {
        out.push_str("### Not audited\n\n| Path | Reason |\n|---|---|\n");
        for n in r.not_audited.iter().take(r.limits.rows) {
            let _ = writeln!(out, "| {} | {} |", code(&n.path), cell(&n.reason));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "---\n<sub>Generated by pwflow {} on {}. Literal passwords and tokens found in code are replaced by `***`.</sub>",
        r.version, r.generated
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_html() {
        assert_eq!(cell("a|b <c>\nd"), "a\\|b &lt;c&gt; d");
        assert_eq!(cell("call `$a->b(x|y)` now"), "call `$a->b(x\\|y)` now");
        assert_eq!(cell("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn code_spans_and_fences_outgrow_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        let mut out = String::new();
        fenced(&mut out, "js", "x = ```y```;");
        assert!(out.starts_with("````js\n"));
    }

    #[test]
    fn bars_are_proportional() {
        assert_eq!(bar(24, 24).chars().count(), 24);
        assert_eq!(bar(1, 24).chars().count(), 1);
        assert_eq!(bar(0, 24), "");
    }
}
