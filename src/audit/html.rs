//! The audit as one self-contained HTML file: inline CSS (with print styles) and inline SVG,
//! no script, and a Content-Security-Policy that forbids every external load.

use std::fmt::Write as _;

use crate::finding::{Finding, Flow};

use super::count;
use super::model::{App, AppFlow, Count, Effort, Item, KINDS, Report, Unit};
use super::sdk::SdkStatus;
use super::svg::bar_chart;

/// Escapes text for HTML element content and quoted attribute values.
#[must_use]
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text and turns `backtick` spans into `<code>`.
#[must_use]
pub fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // Unbalanced backticks: plain text.
        return escape_html(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { format!("<code>{}</code>", escape_html(p)) } else { escape_html(p) })
        .collect()
}

/// A path with line-break opportunities after each `/`.
fn path_html(p: &str) -> String {
    escape_html(p).replace('/', "/<wbr>")
}

/// An id made of `[a-z0-9-]` for an application's sections.
#[must_use]
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() { "top".to_owned() } else { out.to_owned() }
}

const CSS: &str = r#"
:root { --ink:#101828; --muted:#475467; --faint:#667085; --line:#e4e7ec; --bg:#f8fafc; --card:#fff;
  --brand:#0b4a8b; --brand2:#1570ef; --err:#b42318; --err-bg:#fef3f2; --warn:#b54708; --warn-bg:#fffaeb;
  --info:#175cd3; --info-bg:#eff8ff; --ok:#067647; --ok-bg:#ecfdf3; --oauth:#5925dc; --oauth-bg:#f4f3ff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.5; font-size: 15px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
code { background: #f2f4f7; border-radius: 4px; padding: 0 4px; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
.masthead { background: linear-gradient(120deg, #0b2e59 0%, #0b4a8b 60%, #1570ef 100%); color: #fff; padding: 30px 0 26px; }
.masthead .eyebrow { margin: 0 0 4px; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; font-weight: 600; opacity: .8; }
.masthead h1 { margin: 0; font-size: 28px; font-weight: 700; letter-spacing: -.01em; }
.masthead .meta { margin: 8px 0 0; font-size: 13.5px; opacity: .85; }
.masthead code { background: rgba(255,255,255,.16); color: #fff; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 12px 0; border-bottom: 1px solid var(--line); font-size: 13.5px; }
nav.toc a { color: var(--brand); text-decoration: none; font-weight: 500; }
section { padding: 22px 0 8px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); letter-spacing: -.005em; }
h3 { font-size: 16px; margin: 22px 0 10px; }
p.lead { font-size: 16px; margin: 0 0 16px; color: #1d2939; max-width: 900px; }
p.hint { color: var(--muted); font-size: 13.5px; margin: 6px 0 12px; max-width: 900px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 8px 0 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.kpi .v { font-size: 26px; font-weight: 700; line-height: 1.2; }
.kpi .k { font-size: 12.5px; color: var(--muted); font-weight: 500; }
.kpi .s { font-size: 12px; color: var(--faint); }
.kpi.alert .v { color: var(--err); }
.kpi.warn .v { color: var(--warn); }
.kpi.good .v { color: var(--ok); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 18px; align-items: start; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; font-size: 13.5px; margin: 0 0 8px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; color: #344054; font-size: 12.5px; }
tbody tr:nth-child(even) td { background: #fcfcfd; }
tbody tr:last-child td { border-bottom: 0; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.path { overflow-wrap: anywhere; }
td.name { white-space: nowrap; }
td.name a { color: var(--brand); text-decoration: none; }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.sev-error { color: var(--err); background: var(--err-bg); border-color: #fecdca; }
.sev-warning { color: var(--warn); background: var(--warn-bg); border-color: #fedf89; }
.sev-info { color: var(--info); background: var(--info-bg); border-color: #b2ddff; }
.flow-jwt { color: var(--ok); background: var(--ok-bg); border-color: #abefc6; }
.flow-oauth { color: var(--oauth); background: var(--oauth-bg); border-color: #d9d6fe; }
.flow-both { color: #3538cd; background: #eef4ff; border-color: #c7d7fe; }
.flow-review { color: var(--warn); background: var(--warn-bg); border-color: #fedf89; }
.flow-none, .st-unknown, .st-lock { color: var(--muted); background: #f2f4f7; border-color: var(--line); }
.st-ok { color: var(--ok); background: var(--ok-bg); border-color: #abefc6; }
.st-upgrade { color: var(--warn); background: var(--warn-bg); border-color: #fedf89; }
.st-replace { color: var(--err); background: var(--err-bg); border-color: #fecdca; }
figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px 8px; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 6px; }
svg.chart { display: block; max-width: 100%; height: auto; font-size: 13px; }
svg.chart .chart-value { font-weight: 600; }
.apps-checklists { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.card h3 { margin: 0 0 4px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.card p { margin: 4px 0 8px; color: var(--muted); font-size: 13.5px; }
ol.checklist { margin: 6px 0 0; padding: 0; list-style: none; counter-reset: step; }
ol.checklist li { position: relative; padding: 4px 0 4px 30px; font-size: 14px; counter-increment: step; }
ol.checklist li::before { content: ""; position: absolute; left: 2px; top: 7px; width: 14px; height: 14px; border: 1.5px solid #98a2b3; border-radius: 3px; background: #fff; }
.finding { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--err); border-radius: 8px; padding: 12px 16px 10px; margin: 0 0 14px; break-inside: avoid; }
.finding.warning { border-left-color: #f79009; }
.finding.info { border-left-color: #2e90fa; }
.finding header { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: 13px; }
.finding .loc { font-weight: 600; color: var(--ink); word-break: break-all; }
.finding .rule { color: var(--muted); }
.finding .msg { margin: 6px 0 4px; font-size: 14.5px; font-weight: 500; }
.finding .rec { margin: 0 0 8px; font-size: 13.5px; color: #344054; }
.label { font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--faint); margin: 8px 0 4px; display: flex; gap: 8px; align-items: center; }
pre { margin: 0; background: #0f172a; color: #e2e8f0; border-radius: 6px; padding: 10px 12px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.45; }
pre code { background: none; padding: 0; color: inherit; }
pre .ln { display: inline-block; min-width: 3.2em; color: #64748b; user-select: none; }
.fixes { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
.fix pre { background: #f8fafc; color: #1d2939; border: 1px solid var(--line); }
.fix.jwt pre { border-left: 3px solid #17b26a; }
.fix.oauth pre { border-left: 3px solid #7a5af8; }
.fix .note { font-size: 12.5px; color: var(--muted); margin: 4px 0 0; }
.rec-tag { font-size: 10.5px; font-weight: 700; color: #fff; background: var(--brand2); border-radius: 4px; padding: 0 6px; letter-spacing: .03em; }
ul.notes { margin: 8px 0 0; padding-left: 18px; font-size: 12.5px; color: var(--muted); }
.fp { font-size: 11.5px; color: #98a2b3; margin: 6px 0 0; }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--faint); font-size: 12.5px; border-top: 1px solid var(--line); margin-top: 26px; padding: 14px 0 40px; }
@page { margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .wrap { max-width: none; padding: 0; }
  .masthead { background: #fff; color: var(--ink); border-bottom: 3px solid var(--brand); padding: 0 0 10px; }
  .masthead code { background: #f2f4f7; color: var(--ink); }
  nav.toc { display: none; }
  section { padding-top: 12px; }
  #findings, #skipped { break-before: page; }
  h2, h3 { break-after: avoid; }
  .kpi, .card, figure, table, .finding { box-shadow: none; }
  table, figure, .card, tr { break-inside: avoid; }
  pre { background: #f8fafc; color: #101828; border: 1px solid var(--line); }
  pre .ln { color: #98a2b3; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

fn badge(class: &str, text: &str) -> String {
    format!(r#"<span class="badge {class}">{}</span>"#, escape_html(text))
}

fn flow_badge(flow: AppFlow) -> String {
    badge(&format!("flow-{}", flow.key()), flow.label())
}

fn status_badge(status: SdkStatus) -> String {
    let class = match status {
        SdkStatus::Supported => "st-ok",
        SdkStatus::UpgradeFirst => "st-upgrade",
        SdkStatus::Replace => "st-replace",
        SdkStatus::Unknown => "st-unknown",
        SdkStatus::ResolvedByLock => "st-lock",
    };
    badge(class, status.label())
}

fn count_table(out: &mut String, caption: &str, label: &str, rows: &[Count]) {
    let _ = write!(
        out,
        r#"<div><h3>{}</h3><table><thead><tr><th>{}</th><th class="n">Findings</th></tr></thead><tbody>"#,
        escape_html(caption),
        escape_html(label)
    );
    for c in rows {
        let _ = write!(out, r#"<tr><td>{}</td><td class="n">{}</td></tr>"#, escape_html(&c.label), c.count);
    }
    if rows.is_empty() {
        out.push_str(r#"<tr><td colspan="2" class="empty">none</td></tr>"#);
    }
    out.push_str("</tbody></table></div>");
}

fn kpi(out: &mut String, class: &str, value: &str, key: &str, sub: &str) {
    let _ = write!(
        out,
        r#"<div class="kpi {class}"><div class="v">{}</div><div class="k">{}</div><div class="s">{}</div></div>"#,
        escape_html(value),
        escape_html(key),
        escape_html(sub)
    );
}

/// The report's opening sentence.
#[must_use]
pub fn lead(r: &Report) -> String {
    let t = &r.totals;
    if t.findings == 0 {
        return format!(
            "No password-flow code found in {} files across {} {}.",
            t.files_read,
            r.apps.len().max(t.roots),
            if r.apps.len().max(t.roots) == 1 { r.unit.noun() } else { r.unit.plural() }
        );
    }
    let mut s = format!(
        "pwflow found {} password-flow {} in {} {} across {} of {} {}. RingCentral stopped accepting \
         the password flow on 2024-03-31: each of these logins must move to the JWT flow (no user \
         interface) or the authorization-code flow (apps with users).",
        t.findings,
        if t.findings == 1 { "finding" } else { "findings" },
        t.files_with_findings,
        if t.files_with_findings == 1 { "file" } else { "files" },
        t.apps_affected,
        r.apps.len(),
        if r.apps.len() == 1 { r.unit.noun() } else { r.unit.plural() }
    );
    if t.apps_blocked > 0 {
        let _ = write!(
            s,
            " {} {} need an SDK upgrade before the code can change.",
            t.apps_blocked,
            if t.apps_blocked == 1 { r.unit.noun() } else { r.unit.plural() }
        );
    }
    s
}

fn code_block(snippet: &str, first_line: usize) -> String {
    let mut out = String::from("<pre><code>");
    for (i, line) in snippet.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, r#"<span class="ln">{}</span>{}"#, first_line + i, escape_html(line));
    }
    out.push_str("</code></pre>");
    out
}

fn fix_block(out: &mut String, f: &Finding, flow: Flow, heading: &str) {
    let Some(fix) = f.fixes.iter().find(|x| x.flow == flow) else {
        let _ = write!(
            out,
            r#"<div class="fix {}"><div class="label">{}</div><p class="note empty">no rewrite for this finding</p></div>"#,
            flow.as_str(),
            escape_html(heading)
        );
        return;
    };
    let tag = if f.recommendation.flow == flow { r#"<span class="rec-tag">RECOMMENDED</span>"# } else { "" };
    let _ = write!(
        out,
        r#"<div class="fix {}"><div class="label">{} {tag}</div><pre><code>{}</code></pre><p class="note">{}{}</p></div>"#,
        flow.as_str(),
        escape_html(heading),
        escape_html(&fix.code),
        inline(&fix.title),
        fix.note.as_ref().map(|n| format!(" · {}", inline(n))).unwrap_or_default()
    );
}

fn finding(out: &mut String, item: &Item) {
    let f = &item.finding;
    let sev = f.severity.as_str();
    let _ = write!(out, r#"<article class="finding {sev}" id="{}"><header>"#, escape_html(&item.anchor));
    let _ = write!(
        out,
        r#"{}<span class="loc">{}:{}:{}</span><code class="rule">{}</code><span class="rule">{}</span></header>"#,
        badge(&format!("sev-{sev}"), sev),
        escape_html(&item.display),
        f.start.line,
        f.start.column,
        escape_html(&f.rule),
        escape_html(item.language)
    );
    let _ = write!(out, r#"<p class="msg">{}</p>"#, inline(&f.message));
    let _ = write!(
        out,
        r#"<p class="rec"><strong>Recommended: {}</strong> &mdash; {}</p>"#,
        escape_html(f.recommendation.flow.title_for(&f.rule)),
        inline(&f.recommendation.reason)
    );
    let _ = write!(out, r#"<div class="label">Current code</div>{}"#, code_block(&f.snippet, f.start.line));
    out.push_str(r#"<div class="fixes">"#);
    fix_block(out, f, Flow::Jwt, "JWT rewrite");
    fix_block(out, f, Flow::Oauth, "Authorization-code alternative");
    out.push_str("</div>");
    if !f.notes.is_empty() {
        out.push_str(r#"<ul class="notes">"#);
        for n in &f.notes {
            let _ = write!(out, "<li>{}</li>", inline(n));
        }
        out.push_str("</ul>");
    }
    let _ = write!(out, r#"<p class="fp">fingerprint {}</p></article>"#, escape_html(&f.fingerprint));
}

fn apps_table(out: &mut String, r: &Report) {
    let _ = write!(
        out,
        r#"<table><thead><tr><th>{}</th><th class="n">Findings</th><th class="n">Files</th><th>Recommended flow</th><th>Why</th><th>SDK</th></tr></thead><tbody>"#,
        if r.unit.noun() == "repository" { "Repository" } else { "Application" }
    );
    for a in r.apps.iter().take(r.limits.rows) {
        let sdk = a.sdk_summary();
        let sdk_class = if a.blockers().next().is_some() { "st-upgrade" } else { "st-lock" };
        let _ = write!(
            out,
            r##"<tr><td class="name"><a href="#app-{}"><strong>{}</strong></a></td><td class="n">{}</td><td class="n">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"##,
            slug(&a.name),
            escape_html(&a.name),
            a.findings,
            a.files,
            flow_badge(a.flow),
            inline(&a.reason),
            badge(sdk_class, &sdk)
        );
    }
    if r.apps.is_empty() {
        out.push_str(r#"<tr><td colspan="6" class="empty">nothing found</td></tr>"#);
    }
    out.push_str("</tbody></table>");
    more(out, r.apps.len(), r.limits.rows, r.unit.plural(), r);
}

fn checklist_card(out: &mut String, a: &App) {
    let _ = write!(
        out,
        r#"<div class="card" id="app-{}"><h3>{} {}</h3><p>{} &middot; {}</p><ol class="checklist">"#,
        slug(&a.name),
        escape_html(&a.name),
        flow_badge(a.flow),
        if a.findings == 1 { "1 finding".to_owned() } else { format!("{} findings", a.findings) },
        inline(&a.reason)
    );
    for step in &a.checklist {
        let _ = write!(out, "<li>{}</li>", inline(step));
    }
    out.push_str("</ol></div>");
}

/// Checklist cards shown at most (each is a dozen lines).
const CARDS: usize = 100;

/// "Showing N of M" under a capped table.
fn more(out: &mut String, total: usize, shown: usize, what: &str, r: &Report) {
    if total > shown {
        let _ = write!(
            out,
            r#"<p class="hint">Showing {shown} of {total} {what}, those with the most findings first.{}</p>"#,
            complete_lists(r)
        );
    }
}

/// Links to the complete lists (JSON, CSV), as a sentence.
fn complete_lists(r: &Report) -> String {
    let links: Vec<String> = [("JSON", &r.links.json), ("CSV", &r.links.csv)]
        .into_iter()
        .filter_map(|(name, l)| l.as_ref().map(|l| format!(r#"<a href="{}">{name}</a>"#, escape_html(l))))
        .collect();
    if links.is_empty() {
        " Write the complete list with <code>--json FILE</code> or <code>--csv FILE</code>.".to_owned()
    } else {
        format!(" The complete list is in the {}.", links.join(" and the "))
    }
}

/// Folders audited as such and what was not audited (`--repos-under`, `--repos-from`).
fn not_audited(out: &mut String, r: &Report) {
    if !r.folders.is_empty() {
        let _ = write!(
            out,
            r#"<h3>Not git repositories</h3><p class="hint">Audited as plain folders: {}.</p>"#,
            r.folders
                .iter()
                .take(r.limits.rows)
                .map(|f| format!("<code>{}</code>", escape_html(f)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !r.not_audited.is_empty() {
        out.push_str(
            r#"<h3>Not audited</h3><table><thead><tr><th>Path</th><th>Reason</th></tr></thead><tbody>"#,
        );
        for n in r.not_audited.iter().take(r.limits.rows) {
            let _ = write!(
                out,
                r#"<tr><td class="path"><code>{}</code></td><td>{}</td></tr>"#,
                path_html(&n.path),
                escape_html(&n.reason)
            );
        }
        out.push_str("</tbody></table>");
    }
}

/// The effort table: sites by kind, what `--fix` rewrites, the SDK change first; a total.
fn effort(out: &mut String, r: &Report) {
    let _ = write!(
        out,
        r#"<section id="effort"><h2>Effort</h2><p class="hint">What there is to change per {}: call sites by kind, how many <code>pwflow check --fix --unsafe-fixes</code> can rewrite (the rest need a person: guidance only, or code the rewrite cannot see), and the SDK change that must come first.</p><table><thead><tr><th>{}</th><th class="n">Sites</th>"#,
        r.unit.noun(),
        if r.unit == Unit::Repository { "Repository" } else { "Application" }
    );
    for k in KINDS {
        let _ = write!(out, r#"<th class="n">{}</th>"#, escape_html(k));
    }
    out.push_str(r#"<th class="n">--fix can rewrite</th><th>First</th></tr></thead><tbody>"#);
    let row = |out: &mut String, name: &str, e: &Effort, strong: bool| {
        let (o, c) = if strong { ("<strong>", "</strong>") } else { ("", "") };
        let _ =
            write!(out, r#"<tr><td>{o}{}{c}</td><td class="n">{o}{}{c}</td>"#, escape_html(name), e.sites());
        for n in e.kinds {
            let _ = write!(out, r#"<td class="n">{n}</td>"#);
        }
        let first = if strong {
            count(e.upgrades.len(), "SDK change", "SDK changes")
        } else {
            e.upgrades.iter().map(|u| inline(u)).collect::<Vec<_>>().join("; ")
        };
        let _ = write!(
            out,
            r#"<td class="n">{o}{}{c}</td><td>{}</td></tr>"#,
            e.fixable,
            if strong { escape_html(&first) } else { first }
        );
    };
    let affected: Vec<&App> = r.apps.iter().filter(|a| a.findings > 0).collect();
    for a in affected.iter().take(r.limits.rows) {
        row(out, &a.name, &a.effort, false);
    }
    row(out, &format!("Total ({})", count(affected.len(), r.unit.noun(), r.unit.plural())), &r.effort, true);
    out.push_str("</tbody></table>");
    more(out, affected.len(), r.limits.rows, r.unit.plural(), r);
    out.push_str("</section>\n");
}

/// Renders the report.
#[must_use]
pub fn render(r: &Report) -> String {
    let t = &r.totals;
    let roots = r.scope();
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pwflow {}">
<title>Password-flow audit: {}</title>
<style>{CSS}</style>
</head>
<body>
"#,
        r.version,
        escape_html(&roots)
    );
    let _ = write!(
        out,
        r##"<header class="masthead"><div class="wrap"><p class="eyebrow">RingCentral OAuth migration</p><h1>Password-flow audit</h1><p class="meta">{} &middot; generated {} by pwflow {} &middot; passwords and tokens are shown as <code>***</code></p></div></header>
<main class="wrap">
<nav class="toc"><a href="#summary">Summary</a><a href="#applications">{}</a><a href="#effort">Effort</a><a href="#charts">Charts</a><a href="#breakdown">Breakdown</a><a href="#sdk-versions">SDK versions</a><a href="#checklists">Checklists</a><a href="#findings">Findings</a>{}<a href="#skipped">Not scanned</a></nav>
"##,
        escape_html(&roots),
        escape_html(&r.generated),
        r.version,
        if r.unit.noun() == "repository" { "Repositories" } else { "Applications" },
        if r.suppressed.is_empty() { "" } else { r##"<a href="#suppressed">Suppressed</a>"## }
    );

    // Summary
    let _ = write!(
        out,
        r#"<section id="summary"><h2>Summary</h2><p class="lead">{}</p><div class="kpis">"#,
        escape_html(&lead(r))
    );
    kpi(
        &mut out,
        if t.errors > 0 {
            "alert"
        } else if t.findings > 0 {
            "warn"
        } else {
            "good"
        },
        &t.findings.to_string(),
        "Findings",
        &format!("{} errors · {} warnings · {} info", t.errors, t.warnings, t.infos),
    );
    kpi(
        &mut out,
        "",
        &t.files_with_findings.to_string(),
        "Files to change",
        &format!("of {} files read", t.files_read),
    );
    kpi(
        &mut out,
        "",
        &format!("{} / {}", t.apps_affected, r.apps.len()),
        &format!("{} affected", if r.unit.noun() == "repository" { "Repositories" } else { "Applications" }),
        &format!("{} JWT · {} OAuth · {} both", t.apps_jwt, t.apps_oauth, t.apps_both),
    );
    kpi(
        &mut out,
        if t.apps_blocked > 0 { "warn" } else { "good" },
        &t.apps_blocked.to_string(),
        "SDK upgrade first",
        &format!(
            "{} with an SDK too old for JWT",
            if t.apps_blocked == 1 { r.unit.noun() } else { r.unit.plural() }
        ),
    );
    kpi(&mut out, "", &t.files_seen.to_string(), "Files scanned", &format!("{} parsed in depth", t.parsed));
    kpi(
        &mut out,
        if t.skipped > 0 { "warn" } else { "" },
        &t.skipped.to_string(),
        "Not scanned",
        "vendored, minified, binary, too large...",
    );
    out.push_str(r#"</div><div class="grid2">"#);
    count_table(&mut out, "Findings by severity", "Severity", &r.by_severity);
    count_table(&mut out, "Findings by language", "Language", &r.by_language);
    out.push_str("</div></section>\n");

    // Applications
    let _ = write!(
        out,
        r#"<section id="applications"><h2>Recommended flow per {}</h2><p class="hint">JWT for code with no user interface (scripts, jobs, services); the authorization-code flow with PKCE for code that serves users. The reason is the evidence found in the files.</p>"#,
        r.unit.noun()
    );
    apps_table(&mut out, r);
    out.push_str("</section>\n");
    effort(&mut out, r);

    // Charts
    out.push_str(r#"<section id="charts"><h2>Where the findings are</h2><div class="grid2">"#);
    let _ = write!(
        out,
        "<figure><figcaption>Findings by rule</figcaption>{}</figure>",
        bar_chart("Findings by rule", &r.by_rule, 8, "#1570ef")
    );
    let loc_title = format!("Findings by {}", r.location_kind);
    let _ = write!(
        out,
        "<figure><figcaption>{}</figcaption>{}</figure>",
        escape_html(&loc_title),
        bar_chart(&loc_title, &r.by_location, 10, "#7a5af8")
    );
    out.push_str("</div></section>\n");

    // Breakdown
    out.push_str(r#"<section id="breakdown"><h2>Breakdown</h2><h3>Findings by SDK and era</h3><table><thead><tr><th>SDK</th><th>Era</th><th class="n">Findings</th></tr></thead><tbody>"#);
    for s in &r.by_sdk {
        let _ = write!(
            out,
            r#"<tr><td><code>{}</code></td><td>{}</td><td class="n">{}</td></tr>"#,
            escape_html(&s.sdk),
            escape_html(&s.era),
            s.count
        );
    }
    if r.by_sdk.is_empty() {
        out.push_str(r#"<tr><td colspan="3" class="empty">none</td></tr>"#);
    }
    let _ = write!(
        out,
        r#"</tbody></table><h3>Most affected {}</h3><table><thead><tr><th>{}</th><th class="n">Findings</th><th class="n">Errors</th><th class="n">Files</th><th>Flow</th></tr></thead><tbody>"#,
        r.unit.plural(),
        if r.unit.noun() == "repository" { "Repository" } else { "Application" }
    );
    let affected: Vec<&App> = r.apps.iter().filter(|a| a.findings > 0).take(10).collect();
    for a in &affected {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            escape_html(&a.name),
            a.findings,
            a.errors,
            a.files,
            flow_badge(a.flow)
        );
    }
    if affected.is_empty() {
        out.push_str(r#"<tr><td colspan="5" class="empty">none</td></tr>"#);
    }
    out.push_str("</tbody></table></section>\n");

    // SDK versions
    out.push_str(r#"<section id="sdk-versions"><h2>SDK versions</h2><p class="hint">From lock files and manifests. Where the installed SDK predates the JWT login, upgrade it first. pwflow reads the code of PHP, JavaScript, TypeScript, Python, Java, C#, Ruby and Go, so each SDK listed here is checked in the code too.</p><table><thead><tr><th>"#);
    out.push_str(if r.unit.noun() == "repository" { "Repository" } else { "Application" });
    out.push_str(r#"</th><th>File</th><th>Package</th><th>Version</th><th>JWT since</th><th>Status</th><th>What to do</th></tr></thead><tbody>"#);
    for (app, s) in r.sdks.iter().take(r.limits.rows) {
        let _ = write!(
            out,
            r#"<tr><td>{}</td><td class="path"><code>{}</code></td><td><code>{}</code> <span class="rule">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape_html(app),
            path_html(&s.file.to_string_lossy()),
            escape_html(&s.dep.package),
            s.dep.ecosystem.as_str(),
            s.dep.version.as_deref().map_or_else(
                || r#"<span class="empty">unpinned or non-registry</span>"#.to_owned(),
                |v| format!(
                    "<code>{}</code>{}",
                    escape_html(v),
                    if s.dep.locked { " installed" } else { "" }
                )
            ),
            escape_html(s.min_jwt.as_deref().unwrap_or("no JWT login")),
            status_badge(s.status),
            inline(&s.advice)
        );
    }
    if r.sdks.is_empty() {
        out.push_str(r#"<tr><td colspan="7" class="empty">no RingCentral SDK found in lock files or manifests</td></tr>"#);
    }
    out.push_str("</tbody></table>");
    more(&mut out, r.sdks.len(), r.limits.rows, "SDK dependencies", r);
    out.push_str("</section>\n");

    // Checklists
    let _ = write!(
        out,
        r#"<section id="checklists"><h2>Migration checklist per {}</h2><div class="apps-checklists">"#,
        r.unit.noun()
    );
    for a in r.apps.iter().take(r.limits.rows.min(CARDS)) {
        checklist_card(&mut out, a);
    }
    if r.apps.is_empty() {
        out.push_str(r#"<p class="empty">nothing to migrate</p>"#);
    }
    out.push_str("</div>");
    more(&mut out, r.apps.len(), r.limits.rows.min(CARDS), r.unit.plural(), r);
    out.push_str("</section>\n");

    // Findings
    let _ = write!(
        out,
        r#"<section id="findings"><h2>Findings</h2><p class="hint">{} with its code (secrets redacted), the JWT rewrite and the authorization-code alternative. Each has a stable anchor (<code>#f-&lt;fingerprint&gt;</code>).{}</p>"#,
        r.shown_sentence(),
        complete_lists(r)
    );
    for a in r.apps.iter().filter(|a| a.findings > 0) {
        let _ = write!(
            out,
            r#"<h3 id="findings-{}">{} <span class="rule">({})</span></h3>"#,
            slug(&a.name),
            escape_html(&a.name),
            a.findings
        );
        for item in &a.shown {
            finding(&mut out, item);
        }
        if a.shown.len() < a.findings {
            let _ = write!(
                out,
                r#"<p class="hint">{} more in this {} not shown here.{}</p>"#,
                a.findings - a.shown.len(),
                r.unit.noun(),
                complete_lists(r)
            );
        }
    }
    if t.findings == 0 {
        out.push_str(r#"<p class="empty">no password-flow code found</p>"#);
    }
    out.push_str("</section>\n");

    if !r.suppressed.is_empty() {
        out.push_str(r#"<section id="suppressed"><h2>Suppressed by comments</h2><p class="hint">Findings silenced with a <code>pwflow-ignore</code> comment, with the reason given there.</p><table><thead><tr><th>Location</th><th>Rule</th><th>Reason</th></tr></thead><tbody>"#);
        for i in &r.suppressed {
            let _ = write!(
                out,
                r#"<tr><td class="path">{}:{}</td><td><code>{}</code></td><td>{}</td></tr>"#,
                escape_html(&i.display),
                i.line,
                escape_html(&i.rule),
                escape_html(&i.reason)
            );
        }
        out.push_str("</tbody></table></section>\n");
    }

    // Skipped
    out.push_str(r#"<section id="skipped"><h2>Not scanned</h2><p class="hint">Files and directories pwflow did not read, with the reason. Vendored dependencies and minified bundles are skipped unless <code>--no-ignore</code> is given.</p><table><thead><tr><th>Path</th><th>Reason</th><th>Detail</th></tr></thead><tbody>"#);
    for s in &r.skipped {
        let _ = write!(
            out,
            r#"<tr><td class="path"><code>{}</code></td><td>{}</td><td>{}</td></tr>"#,
            path_html(&s.path),
            escape_html(s.reason),
            escape_html(&s.detail)
        );
    }
    if r.skipped.is_empty() {
        out.push_str(r#"<tr><td colspan="3" class="empty">every file was scanned</td></tr>"#);
    }
    out.push_str("</tbody></table>");
    more(&mut out, t.skipped, r.limits.rows, "entries", r);
    not_audited(&mut out, r);
    out.push_str("</section>\n");

    let _ = write!(
        out,
        r#"<footer>Generated by pwflow {} on {}. This file is self-contained: it loads nothing from the network. Literal passwords and tokens found in code are replaced by <code>***</code>.</footer>
</main>
</body>
</html>
"#,
        r.version,
        escape_html(&r.generated)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn inline_code_spans() {
        assert_eq!(inline("use `a<b>` now"), "use <code>a&lt;b&gt;</code> now");
        assert_eq!(inline("odd ` tick"), "odd ` tick");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("team-a/Billing Sync"), "team-a-billing-sync");
        assert_eq!(slug("(top level)"), "top-level");
        assert_eq!(slug("///"), "top");
    }
}
