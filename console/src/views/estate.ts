import type { Estate } from "../api";
import { h, when } from "../dom";
import { downloadPage } from "../download";
import { locale, t } from "../i18n";
import { basicAuthChart } from "./basic-auth-chart";
import { sortableTable, type Column } from "./sortable-table";
import type { ViewContext } from "./view";

type TenantLine = Estate["tenants"][number];
type Sender = Estate["senders"][number];

/** Every tenant in scope on the road off basic-auth SMTP: counts per tenant, every sender, the nightly chart and the CSV. */
export async function estateView(context: ViewContext): Promise<Node[]> {
  const estate = await context.api.estate();
  const tenants = sortableTable(t("estate.tenantsCaption"), tenantColumns(), estate.tenants, (line) => ({ "data-tenant-id": line.tenantId }), "estate-tenants");
  const senders = sortableTable(t("estate.sendersCaption"), senderColumns(), estate.senders, (s) => ({ "data-tenant-id": s.tenantId, "data-sender": s.upn, "data-status": s.status }), "estate-senders");
  const filter = h("fluent-text-field", { type: "search", "data-field": "estate-filter", "aria-label": t("estate.filter"), oninput: (e: Event) => { const q = (e.target as HTMLElement & { value: string }).value; tenants.filter(q); senders.filter(q); } }, t("estate.filter"));
  const status = h("span", { class: "report-status", role: "status" });
  const onBasicAuth = estate.tenants.reduce((n, l) => n + l.onBasicAuth, 0);
  const moved = estate.tenants.reduce((n, l) => n + l.moved, 0);
  return [
    h("h2", {}, t("nav.estate")),
    h("p", { class: "intro" }, t("estate.intro")),
    h("dl", { class: "totals", "data-field": "estate-totals" }, total(t("tenants"), estate.tenants.length), total(t("estate.onBasicAuth"), onBasicAuth, "on-basic-auth"), total(t("estate.moved"), moved, "moved"), total(t("findings"), estate.tenants.reduce((n, l) => n + l.findings, 0))),
    h("figure", { class: "chart" }, basicAuthChart(estate.daily), h("figcaption", {}, t("estate.chartCaption"))),
    h("div", { class: "toolbar" }, filter, h("fluent-button", { appearance: "outline", "data-action": "csv", onclick: () => downloadPage(() => context.api.estateCsv(), "basic-auth-senders.csv", status) }, t("estate.csv")), status),
    h("div", { class: "table-scroll" }, tenants.table),
    h("div", { class: "table-scroll" }, senders.table),
  ];
}

function total(label: string, value: number, className = ""): HTMLElement[] {
  return [h("dt", { class: className }, label), h("dd", { class: className }, value)];
}

function tenantColumns(): Column<TenantLine>[] {
  const paths = (l: TenantLine) => Object.entries(l.byPath).filter(([, n]) => n > 0);
  const outcomes = (l: TenantLine) => Object.entries(l.verification).filter(([, n]) => n > 0);
  return [
    { key: "tenant", label: t("tenant"), rowHeader: true, sortValue: (l) => l.displayName, cell: (l) => [l.displayName, h("div", {}, h("code", {}, l.tenantId))] },
    { key: "audited", label: t("lastAudit"), sortValue: (l) => l.auditedAt ?? "", cell: (l) => (l.auditedAt ? when(l.auditedAt, locale()) : t("never")) },
    { key: "on-basic-auth", label: t("estate.onBasicAuth"), sortValue: (l) => l.onBasicAuth, cell: (l) => (l.unavailable ? h("span", { class: "attention", title: l.unavailable }, t("estate.unknown")) : h("span", { "data-field": "on-basic-auth" }, l.onBasicAuth)) },
    { key: "moved", label: t("estate.moved"), sortValue: (l) => l.moved, cell: (l) => h("span", { "data-field": "moved" }, l.moved) },
    { key: "paths", label: t("estate.byPath"), sortValue: (l) => paths(l).length, cell: (l) => (paths(l).length ? h("ul", { class: "paths" }, paths(l).map(([p, n]) => h("li", { "data-path": p }, `${t(`path.${p}`)}: ${n}`))) : "–") },
    { key: "findings", label: t("findings"), sortValue: (l) => l.findings, cell: (l) => [h("span", { "data-field": "findings" }, l.findings), l.controls.length ? h("div", { class: "controls", "data-field": "controls" }, l.controls.join(", ")) : null] },
    { key: "verification", label: t("verification"), sortValue: (l) => l.verification["confirmed"] ?? 0, cell: (l) => (outcomes(l).length ? h("ul", { class: "paths" }, outcomes(l).map(([s, n]) => h("li", { "data-verification": s }, `${t(`verification.${s}`)}: ${n}`))) : "–") },
  ];
}

function senderColumns(): Column<Sender>[] {
  return [
    { key: "tenant", label: t("tenant"), sortValue: (s) => s.tenantName, cell: (s) => s.tenantName },
    { key: "account", label: t("estate.account"), rowHeader: true, sortValue: (s) => s.upn, cell: (s) => s.upn },
    { key: "last", label: t("estate.lastSignIn"), sortValue: (s) => s.lastBasicAuthAt ?? "", cell: (s) => when(s.lastBasicAuthAt, locale()) },
    { key: "addresses", label: t("estate.addresses"), sortValue: (s) => s.addresses.join(" "), cell: (s) => s.addresses.join(", ") || "–" },
    { key: "path", label: t("estate.path"), sortValue: (s) => s.path, cell: (s) => t(`path.${s.path}`) },
    { key: "status", label: t("status"), sortValue: (s) => s.status, cell: (s) => h("span", { class: `badge sender-${s.status}` }, t(`sender.${s.status}`)) },
  ];
}
