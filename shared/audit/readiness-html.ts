import { EFFECT_PHRASES } from "../domain/security-effect";
import type { Locale } from "../domain/types";
import { esc, htmlPage } from "./html-page";
import { READINESS_PATHS } from "./readiness";
import type { ReadinessPath, ReadinessReport, ReadinessSender } from "./readiness";
import { phrase, reportText } from "./report-phrases";

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
 * report: when basic auth goes off, who breaks, and each sender's way off it. Every tenant value is
 * escaped. An exception says it weakens one mailbox; a path says it moves off basic auth.
 */
export function renderReadinessHtml(report: ReadinessReport, locale: Locale = "en"): string {
  const title = phrase("readiness.title", locale, { date: report.retirement.defaultOffAt, tenant: report.tenantId });
  const shown = report.senders.slice(0, HTML_SENDERS_LIMIT);
  const meta = phrase("readiness.meta", locale, { runId: report.runId, at: report.generatedAt, days: report.windowDays, date: report.retirement.defaultOffAt, source: report.retirement.source });
  const unavailable = report.unavailableCode ? reportText(report.unavailableCode, locale) : report.unavailable;
  const css = "td.n{text-align:right}.badge{white-space:nowrap}.weakens{background:#fff4ce;color:#8a3707;font-weight:600;padding:0 .3rem;border-radius:4px}.leaves{color:#374151}";
  return htmlPage(
    title,
    css,
    `<p class="muted">${esc(meta)}</p>
${unavailable ? `<p><strong>${esc(phrase("readiness.notAvailable", locale))}</strong> ${esc(unavailable)}</p>` : `<h2>${esc(phrase("readiness.byPath", locale))}</h2>\n${pathChartSvg(report.senders, locale)}`}
<h2>${esc(phrase("readiness.senders", locale))}</h2>
${shown.length === 0 ? `<p>${esc(phrase("readiness.none", locale))}</p>` : sendersTable(shown, locale)}
${report.senders.length > shown.length ? `<p class="muted">${esc(phrase("readiness.more", locale, { count: report.senders.length - shown.length }))}</p>` : ""}`,
    locale,
  );
}

/** Horizontal bars: how many senders take each path, with the counts as the chart's text alternative. */
export function pathChartSvg(senders: readonly ReadinessSender[], locale: Locale = "en"): string {
  const counts = READINESS_PATHS.map((path) => ({ path, label: phrase(`path.${path}`, locale), n: senders.filter((s) => s.path === path).length }));
  const max = Math.max(1, ...counts.map((c) => c.n));
  const rowH = 24;
  const bars = counts.map(({ path, label, n }, i) => {
    const y = 6 + i * rowH;
    const w = (n / max) * 300;
    return `<text x="188" y="${y + 14}" font-size="12" text-anchor="end" fill="#374151">${esc(label)}</text><rect x="196" y="${y}" width="${w.toFixed(1)}" height="16" fill="${PATH_COLOURS[path]}"><title>${esc(label)}: ${n}</title></rect><text x="${(200 + w).toFixed(1)}" y="${y + 13}" font-size="11" fill="#111827">${n}</text>`;
  });
  const height = 12 + counts.length * rowH;
  const alt = `${phrase("readiness.byPath", locale)}: ${counts.map((c) => `${c.label} ${c.n}`).join(", ")}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(alt)}" viewBox="0 0 540 ${height}" width="540" height="${height}">${bars.join("")}</svg>`;
}

function sendersTable(senders: readonly ReadinessSender[], locale: Locale): string {
  const weakens = `<br><span class="weakens">⚠ ${esc(EFFECT_PHRASES["weakens.mailbox"][locale])}</span>`;
  const leaves = `<span class="leaves">✓ ${esc(EFFECT_PHRASES["leaves-basic-auth"][locale])}</span>`;
  const rows = senders.map((s) => {
    const failure = s.lastFailureAt ? `${esc(s.lastFailureAt)}<br><span class="muted">${esc(s.lastFailureCause ?? "")} (${s.lastFailureCode ?? ""})</span>` : "";
    const until = s.exception ? `${esc(phrase("readiness.until", locale, { date: s.exception.expiresAt.slice(0, 10) }))}${s.exception.ticket ? ` (${esc(s.exception.ticket.system)} ${esc(s.exception.ticket.id)})` : ""}${weakens}` : "";
    const privileged = s.privileged === true ? ` <span class="badge" style="background:#dc2626">${esc(phrase("readiness.privileged", locale))}</span>` : s.privileged === "unknown" ? ` <span class="muted">${esc(phrase("readiness.rolesUnknown", locale))}</span>` : "";
    const why = s.whyCode ? reportText(s.whyCode, locale) : s.why;
    return `<tr><td>${esc(s.upn)}${privileged}</td><td>${esc(s.lastSuccessAt ?? "")}</td><td>${failure}</td><td class="n">${s.signIns}</td><td>${s.ipAddresses.map(esc).join("<br>")}</td><td>${until}</td><td><span class="badge" style="background:${PATH_COLOURS[s.path]}" data-path="${s.path}">${esc(phrase(`path.${s.path}`, locale))}</span> ${leaves}<br>${esc(why)}</td></tr>`;
  });
  const head = (["col.account", "col.lastSuccess", "col.lastFailure", "col.signIns", "col.addresses", "col.exception", "col.path"] as const).map((k) => `<th>${esc(phrase(k, locale))}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
