import { esc, htmlPage } from "./html-page";
import { READINESS_PATHS } from "./readiness";
import type { ReadinessPath, ReadinessReport, ReadinessSender } from "./readiness";

const PATH_COLOURS: Readonly<Record<ReadinessPath, string>> = {
  oauth: "#2563eb",
  "relay-connector": "#059669",
  "high-volume-email": "#d97706",
  "graph-sendmail": "#7c3aed",
  retire: "#6b7280",
};

/** Senders shown in full in the HTML page; the JSON has them all. */
export const HTML_SENDERS_LIMIT = 2000;

/**
 * The readiness report as one self-contained page (inline CSS and SVG, no scripts), like the audit
 * report: when basic auth goes off, who breaks, and each sender's way off it. Every tenant value is escaped.
 */
export function renderReadinessHtml(report: ReadinessReport): string {
  const title = `Before ${report.retirement.defaultOffAt}: basic-auth SMTP senders in ${report.tenantId}`;
  const shown = report.senders.slice(0, HTML_SENDERS_LIMIT);
  return htmlPage(title, "td.n{text-align:right}.badge{white-space:nowrap}", `<p class="muted">Audit run ${esc(report.runId)} · generated ${esc(report.generatedAt)} · sign-ins of the last ${report.windowDays} days ·
basic auth for SMTP AUTH is off by default from ${esc(report.retirement.defaultOffAt)} (${esc(report.retirement.source)})</p>
${report.unavailable ? `<p><strong>Not available:</strong> ${esc(report.unavailable)}</p>` : `<h2>Senders by path</h2>\n${pathChartSvg(report.senders)}`}
<h2>Senders</h2>
${shown.length === 0 ? "<p>No account sent with basic-auth SMTP in the window.</p>" : sendersTable(shown)}
${report.senders.length > shown.length ? `<p class="muted">${report.senders.length - shown.length} more senders are in the JSON report.</p>` : ""}`);
}

/** Horizontal bars: how many senders take each path. */
export function pathChartSvg(senders: readonly ReadinessSender[]): string {
  const counts = READINESS_PATHS.map((path) => ({ path, n: senders.filter((s) => s.path === path).length }));
  const max = Math.max(1, ...counts.map((c) => c.n));
  const rowH = 24;
  const bars = counts.map(({ path, n }, i) => {
    const y = 6 + i * rowH;
    const w = (n / max) * 340;
    return `<text x="128" y="${y + 14}" font-size="12" text-anchor="end" fill="#374151">${path}</text><rect x="136" y="${y}" width="${w.toFixed(1)}" height="16" fill="${PATH_COLOURS[path]}"><title>${path}: ${n}</title></rect><text x="${(140 + w).toFixed(1)}" y="${y + 13}" font-size="11" fill="#111827">${n}</text>`;
  });
  const height = 12 + counts.length * rowH;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Senders by path" viewBox="0 0 520 ${height}" width="520" height="${height}">${bars.join("")}</svg>`;
}

function sendersTable(senders: readonly ReadinessSender[]): string {
  const rows = senders.map((s) => {
    const failure = s.lastFailureAt ? `${esc(s.lastFailureAt)}<br><span class="muted">${esc(s.lastFailureCause ?? "")} (${s.lastFailureCode ?? ""})</span>` : "";
    const exception = s.exception ? `until ${esc(s.exception.expiresAt.slice(0, 10))}${s.exception.ticket ? ` (${esc(s.exception.ticket.system)} ${esc(s.exception.ticket.id)})` : ""}` : "";
    return `<tr><td>${esc(s.upn)}${s.privileged === true ? ' <span class="badge" style="background:#dc2626">privileged</span>' : s.privileged === "unknown" ? ' <span class="muted">(roles unknown)</span>' : ""}</td><td>${esc(s.lastSuccessAt ?? "")}</td><td>${failure}</td><td class="n">${s.signIns}</td><td>${s.ipAddresses.map(esc).join("<br>")}</td><td>${exception}</td><td><span class="badge" style="background:${PATH_COLOURS[s.path]}">${s.path}</span><br>${esc(s.why)}</td></tr>`;
  });
  return `<table><thead><tr><th>Account</th><th>Last success</th><th>Last failure</th><th>Sign-ins</th><th>Addresses</th><th>Exception</th><th>Path and why</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
