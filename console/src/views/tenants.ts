import type { AuditLine, Tenant } from "../api";
import { h, when } from "../dom";
import { locale, t } from "../i18n";
import type { ViewContext } from "./view";

/** Onboarded tenants: policy, onboarding, last audit and readiness for the end of basic auth. */
export async function tenantsView(context: ViewContext): Promise<Node[]> {
  const [tenants, overview] = await Promise.all([context.api.tenants(), context.api.auditOverview()]);
  const audits = new Map(overview.tenants.map((line) => [line.tenantId, line]));
  return [
    h("h2", {}, t("nav.tenants")),
    h("p", { class: "intro" }, t("tenants.intro")),
    tenants.length ? h("div", { class: "cards" }, tenants.map((tenant) => tenantCard(tenant, audits.get(tenant.tenantId)))) : h("p", { class: "empty" }, t("empty")),
  ];
}

function tenantCard(tenant: Tenant, audit: AuditLine | undefined): HTMLElement {
  const latest = audit?.latest;
  const readiness = !latest ? t("readiness.unknown") : latest.summary.findings === 0 ? t("readiness.ready") : t("readiness.findings", { count: latest.summary.findings });
  return h(
    "fluent-card",
    { class: "tenant", "data-tenant-id": tenant.tenantId },
    h("header", {}, h("h3", {}, tenant.displayName), h("code", {}, tenant.tenantId)),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("domains")),
      h("dd", {}, tenant.domains.join(", ")),
      h("dt", {}, t("onboarded")),
      h("dd", {}, when(tenant.onboardedAt, locale())),
      h("dt", {}, t("lastAudit")),
      h("dd", {}, latest ? when(latest.completedAt, locale()) : t("never")),
      h("dt", {}, t("readiness")),
      h("dd", { "data-field": "readiness", class: latest && latest.summary.findings === 0 ? "good" : "attention" }, readiness),
    ),
    h("h4", {}, t("policy")),
    h("dl", { class: "facts policy" }, Object.entries(tenant.policy).map(([key, value]) => [h("dt", {}, t(`policy.${key}`)), h("dd", {}, policyValue(value))])),
  );
}

function policyValue(value: unknown): string {
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "string" && v.includes("-") ? t(`step.${v}`) : String(v))).join(", ") : "–";
  return String(value);
}
