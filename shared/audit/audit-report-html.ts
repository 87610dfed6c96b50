import type { AuditReport } from "./audit-report";
import { esc, htmlPage } from "./html-page";
import { FINDING_TYPES } from "./finding";
import type { Finding } from "./finding";
import { SEVERITY_COLOURS, trendChartSvg } from "./trend-chart-svg";

/** Findings shown in full in the HTML report; the JSON has them all. */
export const HTML_FINDINGS_LIMIT = 2000;

/**
 * The audit as one self-contained HTML page (inline CSS and SVG, no scripts, no external assets)
 * that an admin can open or attach to a ticket. Every value from the tenant is escaped.
 */
export function renderAuditReportHtml(report: AuditReport, options: { title?: string } = {}): string {
  const s = report.summary;
  const title = options.title ?? `SMTP AUTH compliance audit: ${report.tenantId}`;
  const typeRows = FINDING_TYPES.map((t) => `<tr><td>${t}</td><td class="n">${s.byType[t] ?? 0}</td></tr>`).join("");
  const shown = report.findings.slice(0, HTML_FINDINGS_LIMIT);
  const more = report.findings.length - shown.length;
  const css = `td.n{text-align:right;width:6rem}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #e5e7eb;border-radius:6px;padding:.6rem 1rem;min-width:8rem}
.card b{display:block;font-size:1.4rem}`;
  return htmlPage(title, css, `<p class="muted">Run ${esc(report.runId)} · started ${esc(report.startedAt)} · completed ${esc(report.completedAt)}</p>
<div class="cards">
${card("Findings", s.findings)}${card("New since last run", s.newFindings)}${card("Could not check", s.unknown)}
${card("Mailboxes", s.mailboxes ?? "unknown")}${card("SMTP AUTH on", s.smtpAuthOn ?? "unknown")}${card("Live exceptions", s.activeExceptions)}
</div>
<h2>Trend over the last runs</h2>
${trendChartSvg(report.trend)}
<h2>Findings by type</h2>
<table><tbody>${typeRows}</tbody></table>
<h2>Findings</h2>
${shown.length === 0 ? "<p>No findings.</p>" : findingsTable(shown)}
${more > 0 ? `<p class="muted">${more} more findings are in the JSON report.</p>` : ""}
<h2>Could not check</h2>
${report.unknown.length === 0 ? "<p>Every layer was read.</p>" : `<table><thead><tr><th>Check</th><th>Subject</th><th>Reason</th></tr></thead><tbody>${report.unknown.map((u) => `<tr><td>${esc(u.type)}</td><td>${esc(u.subject)}</td><td>${esc(u.reason)}</td></tr>`).join("")}</tbody></table>`}
${report.carried.length === 0 ? "" : `<h2>Earlier findings not re-checked this run</h2>${findingsTable(report.carried)}`}`);
}

function card(label: string, value: number | string): string {
  return `<div class="card"><b>${esc(String(value))}</b>${esc(label)}</div>`;
}

function findingsTable(findings: readonly Finding[]): string {
  const rows = findings.map(
    (f) =>
      `<tr><td><span class="badge" style="background:${SEVERITY_COLOURS[f.severity]}">${f.severity}</span></td><td>${esc(f.type)}</td><td>${esc(f.subject)}</td><td>${esc(f.detail)}${f.ticket ? ` <span class="muted">(ticket ${esc(f.ticket.system)} ${esc(f.ticket.id)})</span>` : ""}</td><td>${esc(f.firstSeen.slice(0, 10))}</td></tr>`,
  );
  return `<table><thead><tr><th>Severity</th><th>Type</th><th>Subject</th><th>Detail</th><th>First seen</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
