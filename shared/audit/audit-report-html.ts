import type { AuditReport } from "./audit-report";
import type { Locale } from "../domain/types";
import { esc, htmlPage } from "./html-page";
import { phrase, type ReportPhrase } from "./report-phrases";
import { FINDING_TYPES } from "./finding";
import type { Finding } from "./finding";
import { controlIdsOf } from "./compliance-controls";
import { SEVERITY_COLOURS, trendChartSvg } from "./trend-chart-svg";

/** Findings shown in full in the HTML report; the JSON has them all. */
export const HTML_FINDINGS_LIMIT = 2000;

/**
 * The audit as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets)
 * that an admin can open or attach to a ticket. Every value from the tenant is escaped.
 */
export function renderAuditReportHtml(report: AuditReport, options: { title?: string; locale?: Locale } = {}): string {
  const s = report.summary;
  const locale = options.locale ?? "en";
  const p = (key: ReportPhrase, params?: Record<string, string | number>) => esc(phrase(key, locale, params));
  const unknown = phrase("audit.unknown", locale);
  const title = options.title ?? phrase("audit.title", locale, { tenant: report.tenantId });
  const typeRows = FINDING_TYPES.map((t) => `<tr><td>${t}</td><td class="n">${s.byType[t] ?? 0}</td></tr>`).join("");
  const shown = report.findings.slice(0, HTML_FINDINGS_LIMIT);
  const more = report.findings.length - shown.length;
  const css = `td.n{text-align:right;width:6rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #e5e7eb;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.4rem}`;
  return htmlPage(
    title,
    css,
    `<p class="muted">${p("audit.meta", { runId: report.runId, started: report.startedAt, completed: report.completedAt })}</p>
<div class="cards">
${card(phrase("audit.findings", locale), s.findings)}${card(phrase("audit.new", locale), s.newFindings)}${card(phrase("audit.couldNotCheck", locale), s.unknown)}
${card(phrase("audit.mailboxes", locale), s.mailboxes ?? unknown)}${card(phrase("audit.smtpAuthOn", locale), s.smtpAuthOn ?? unknown)}${card(phrase("audit.exceptions", locale), s.activeExceptions)}
</div>
<h2>${p("audit.trend")}</h2>
${trendChartSvg(report.trend, phrase("audit.trendLabel", locale, { values: report.trend.map((t) => t.findings).join(", ") || "–" }))}
<h2>${p("audit.byType")}</h2>
<table><tbody>${typeRows}</tbody></table>
<h2>${p("audit.findings")}</h2>
${shown.length === 0 ? `<p>${p("audit.noFindings")}</p>` : findingsTable(shown, locale)}
${more > 0 ? `<p class="muted">${p("audit.more", { count: more })}</p>` : ""}
<h2>${p("audit.couldNotCheck")}</h2>
${report.unknown.length === 0 ? `<p>${p("audit.allRead")}</p>` : `<table><thead><tr><th>${p("col.check")}</th><th>${p("col.subject")}</th><th>${p("col.reason")}</th></tr></thead><tbody>${report.unknown.map((u) => `<tr><td>${esc(u.type)}</td><td>${esc(u.subject)}</td><td>${esc(u.reason)}</td></tr>`).join("")}</tbody></table>`}
${report.carried.length === 0 ? "" : `<h2>${p("audit.carried")}</h2>${findingsTable(report.carried, locale)}`}`,
    locale,
  );
}

function card(label: string, value: number | string): string {
  return `<div class="card"><b>${esc(String(value))}</b>${esc(label)}</div>`;
}

/** The compliance controls a finding bears on (CIS 6.5.4, SCuBA MS.EXO.5.1), under its detail. */
function controls(f: Finding): string {
  const ids = controlIdsOf(f);
  return ids.length ? `<br><span class="muted" data-controls>${esc(ids.join(", "))}</span>` : "";
}

function findingsTable(findings: readonly Finding[], locale: Locale): string {
  const rows = findings.map(
    (f) =>
      `<tr><td><span class="badge" style="background:${SEVERITY_COLOURS[f.severity]}">${f.severity}</span></td><td>${esc(f.type)}</td><td>${esc(f.subject)}</td><td>${esc(f.detail)}${f.ticket ? ` <span class="muted">(${esc(phrase("audit.ticket", locale, { system: f.ticket.system, id: f.ticket.id }))})</span>` : ""}${controls(f)}</td><td>${esc(f.firstSeen.slice(0, 10))}</td></tr>`,
  );
  const head = (["col.severity", "col.type", "col.subject", "col.detail", "col.firstSeen"] as const).map((k) => `<th>${esc(phrase(k, locale))}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
