import type { AuditLine } from "../api";
import { h, when } from "../dom";
import { locale, t } from "../i18n";
import { downloadPage } from "../download";
import { errorLine, type ViewContext } from "./view";

const POLL_MS = 1_000;

const SEVERITIES = ["critical", "high", "medium", "low"];

/** The latest audit of every tenant side by side, with totals, trend and the HTML reports. */
export async function auditsView(context: ViewContext): Promise<Node[]> {
  const overview = await context.api.auditOverview();
  const totals = overview.totals;
  return [
    h("h2", {}, t("nav.audits")),
    h("p", { class: "intro" }, t("audits.intro")),
    h(
      "dl",
      { class: "totals", "data-field": "totals" },
      total(t("tenants"), totals.tenants),
      total(t("audited"), totals.audited),
      total(t("findings"), totals.findings),
      SEVERITIES.map((s) => total(t(`severity.${s}`), totals.bySeverity[s] ?? 0, `severity-${s}`)),
      total(t("couldNotCheck"), totals.unknown),
      total(t("audits.sending"), totals.readiness.sending, "readiness"),
    ),
    h(
      "table",
      { class: "audits" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("tenant")), h("th", { scope: "col" }, t("lastAudit")), SEVERITIES.map((s) => h("th", { scope: "col" }, t(`severity.${s}`))), h("th", { scope: "col" }, t("couldNotCheck")), h("th", { scope: "col" }, t("trend")), h("th", { scope: "col" }, t("report")))),
      h("tbody", {}, overview.tenants.map((line) => row(line, context))),
    ),
  ];
}

function total(label: string, value: number, className = ""): HTMLElement[] {
  return [h("dt", { class: className }, label), h("dd", { class: className }, value)];
}

function row(line: AuditLine, context: ViewContext): HTMLElement {
  const latest = line.latest;
  const status = h("span", { class: "report-status", role: "status" });
  return h(
    "tr",
    { "data-tenant-id": line.tenantId },
    h("th", { scope: "row" }, line.tenantId),
    h("td", {}, latest ? when(latest.completedAt, locale()) : t("never")),
    SEVERITIES.map((s) => h("td", { class: `severity-${s}` }, latest ? (latest.summary.bySeverity[s] ?? 0) : "–")),
    h("td", {}, latest ? latest.summary.unknown : "–"),
    h("td", {}, trend(line)),
    h(
      "td",
      {},
      latest ? h("fluent-button", { appearance: "outline", "data-action": "report", onclick: () => downloadPage(() => context.api.auditReport(line.tenantId, locale()), `audit-${line.tenantId}.html`, status) }, t("downloadReport")) : null,
      " ",
      h("fluent-button", { appearance: "outline", "data-action": "audit-now", onclick: () => void auditNow(line.tenantId, context, status) }, t("auditNow")),
      status,
    ),
  );
}

/** Starts the tenant's audit; once its run is the latest, the view reloads to show it. */
async function auditNow(tenantId: string, context: ViewContext, status: HTMLElement): Promise<void> {
  try {
    const queued = await context.api.auditNow(tenantId);
    status.replaceChildren(t("auditNow.queued"));
    for (let i = 0; i < 120; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const line = (await context.api.auditOverview()).tenants.find((l) => l.tenantId === tenantId);
      // Run ids sort as their time: a newer run than the one queued counts too.
      if (line?.latest && line.latest.runId >= queued.runId) return void window.dispatchEvent(new HashChangeEvent("hashchange"));
    }
  } catch (e) {
    status.replaceChildren(errorLine(e));
  }
}

/** Findings per run as bars, with the numbers as its text alternative; heights set through the CSSOM, which the style-src policy allows. */
function trend(line: AuditLine): HTMLElement {
  const max = Math.max(1, ...line.trend.map((p) => p.findings));
  const label = line.trend.length ? t("trend.label", { values: line.trend.map((p) => p.findings).join(", ") }) : t("trend.none");
  const chart = h("span", { class: "trend", role: "img", "aria-label": label, "data-field": "trend" });
  for (const point of line.trend) {
    const bar = h("span", { class: "bar", title: `${when(point.completedAt, locale())}: ${point.findings}` });
    bar.style.height = `${Math.max(2, Math.round((point.findings / max) * 24))}px`;
    chart.append(bar);
  }
  return chart;
}
