import type { AuditLine, ReadinessSummary, Tenant } from "../api";
import { h, when, type Child } from "../dom";
import { downloadPage } from "../download";
import { stepEffect } from "../../../shared/domain/security-effect";
import { STEP_NAMES, type StepName } from "../../../shared/domain/types";
import { locale, t } from "../i18n";
import { effectBadge, leavesBasicAuthBadge } from "./effect-badge";
import { moveSendersButton } from "./move-senders";
import type { ViewContext } from "./view";

/** Onboarded tenants: policy, onboarding, last audit and readiness for the end of basic auth. */
export async function tenantsView(context: ViewContext): Promise<Node[]> {
  const [tenants, overview] = await Promise.all([context.api.tenants(), context.api.auditOverview()]);
  const audits = new Map(overview.tenants.map((line) => [line.tenantId, line]));
  return [
    h("h2", {}, t("nav.tenants")),
    h("p", { class: "intro" }, t("tenants.intro")),
    tenants.length ? h("div", { class: "cards" }, tenants.map((tenant) => tenantCard(tenant, audits.get(tenant.tenantId), context))) : h("p", { class: "empty" }, t("empty")),
  ];
}

function tenantCard(tenant: Tenant, audit: AuditLine | undefined, context: ViewContext): HTMLElement {
  const latest = audit?.latest;
  const findings = !latest ? t("notAudited") : latest.summary.findings === 0 ? t("findings.open-none") : t("findings.open", { count: latest.summary.findings });
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
      h("dt", {}, t("findings")),
      h("dd", { "data-field": "findings", class: latest && latest.summary.findings === 0 ? "good" : "attention" }, findings),
      h("dt", {}, t("readiness")),
      h("dd", { "data-field": "readiness" }, readiness(tenant.tenantId, latest?.summary.readiness, Boolean(latest), context)),
    ),
    h("h4", {}, t("policy")),
    h("dl", { class: "facts policy" }, Object.entries(tenant.policy).map(([key, value]) => [h("dt", {}, t(`policy.${key}`)), h("dd", { "data-policy": key }, policyValue(key, value))])),
  );
}

/** Who breaks on 31 December and which way each goes off basic auth; "unknown" when the sign-in log could not say. */
function readiness(tenantId: string, summary: ReadinessSummary | undefined, audited: boolean, context: ViewContext): Child[] {
  if (!audited) return [h("span", { "data-readiness": "unaudited" }, t("notAudited"))];
  if (!summary || summary.unavailable) {
    return [h("span", { class: "attention", "data-readiness": "unavailable", title: summary?.unavailable ?? "" }, t("readiness.unavailable"))];
  }
  if (summary.accounts === 0) return [h("span", { class: "good", "data-readiness": "ready" }, t("readiness.none"))];
  // byPath names every path, in the order the API recommends them; only those with senders are listed.
  const paths = Object.entries(summary.byPath).filter(([, count]) => count > 0).map(([p, count]) => h("li", { "data-path": p }, `${t(`path.${p}`)}: ${count}`));
  const status = h("span", { class: "report-status", role: "status" });
  return [
    h("span", { class: summary.sending > 0 ? "attention" : "good", "data-readiness": "senders", "data-sending": summary.sending }, t("readiness.sending", { count: summary.sending, accounts: summary.accounts })),
    summary.privileged > 0 ? h("div", { class: "attention", "data-field": "privileged-senders" }, t("readiness.privileged", { count: summary.privileged })) : null,
    summary.privilegeUnknown > 0 ? h("div", { class: "attention", "data-field": "privilege-unknown" }, t("readiness.privilegeUnknown", { count: summary.privilegeUnknown })) : null,
    paths.length ? h("div", { class: "paths-effect" }, leavesBasicAuthBadge()) : null,
    h("ul", { class: "paths" }, paths),
    h("fluent-button", { appearance: "outline", "data-action": "readiness", onclick: () => downloadPage(() => context.api.readinessPage(tenantId, locale()), `readiness-${tenantId}.html`, status) }, t("downloadReadiness")),
    summary.accounts > 0 ? moveSendersButton(tenantId, context) : null,
    status,
  ];
}

/** A policy value in words; the steps it lets run alone each say what they weaken and for whom. */
function policyValue(key: string, value: unknown): Child {
  // Allowing tenant-wide changes lets security defaults go off without a person: said as the weakening it is.
  if (key === "allowTenantWideChanges") return value === true ? [t("yes"), " ", effectBadge(stepEffect("disable-security-defaults"))] : t("no");
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (key === "autoApprove" && Array.isArray(value)) {
    const steps = value.filter((v): v is StepName => (STEP_NAMES as readonly unknown[]).includes(v));
    return steps.length ? h("ul", { class: "steps" }, steps.map((s) => h("li", { "data-step": s }, t(`step.${s}`), " ", effectBadge(stepEffect(s))))) : "–";
  }
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : "–";
  return String(value);
}
