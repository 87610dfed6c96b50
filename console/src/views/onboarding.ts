import type { ConsentCheck, OnboardingStart } from "../api";
import { h, replace, when } from "../dom";
import { TICKET_SYSTEMS } from "../../../shared/domain/types";
import { locale, t } from "../i18n";
import { errorLine, type ViewContext } from "./view";

type Field = HTMLElement & { value: string };

/** The features onboarding cannot go on without: reading the tenant, and its first audit. */
const REQUIRED_FEATURES = ["onboarding", "audit"];
const POLL_MS = 1_000;
const STEPS = ["tenant", "consent", "check", "audit", "webhook"] as const;
type Step = (typeof STEPS)[number];

/**
 * Onboarding as a stepper: the tenant by id or domain → its admin-consent link → the check of what the
 * consent allows (each missing permission named, with what it blocks) → onboard and the first audit →
 * the webhook endpoint and secret, shown once, and how to add the ticket connection.
 */
export async function onboardingView(context: ViewContext): Promise<Node[]> {
  const stepper = h("ol", { class: "stepper", "data-field": "stepper" }, STEPS.map((s, i) => h("li", { "data-step": s, "aria-current": i === 0 ? "step" : null }, t(`onboarding.step.${s}`))));
  const panels = Object.fromEntries(STEPS.map((s) => [s, h("section", { class: "onboarding-step", "data-panel": s })])) as Record<Step, HTMLElement>;
  const reach = (step: Step) => {
    for (const li of stepper.querySelectorAll("li")) {
      const index = STEPS.indexOf(li.getAttribute("data-step") as Step);
      li.classList.toggle("done", index < STEPS.indexOf(step));
      if (li.getAttribute("data-step") === step) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    }
  };
  const tenant = h("fluent-text-field", { name: "tenant", "data-field": "tenant", placeholder: "contoso.com" }, t("onboarding.tenant")) as Field;
  const status = h("div", { role: "status" });
  const form = h(
    "form",
    { class: "search", onsubmit: (e: Event) => { e.preventDefault(); void start(); } },
    tenant,
    h("fluent-button", { type: "submit", appearance: "accent", "data-action": "resolve" }, t("onboarding.resolve")),
  );
  replace(panels.tenant, heading("tenant"), h("p", { class: "intro" }, t("onboarding.tenantIntro")), form, status);
  const start = async () => {
    try {
      replace(status);
      const started = await context.api.startOnboarding(tenant.value.trim());
      showConsent(started);
      reach("consent");
    } catch (e) {
      replace(status, errorLine(e));
    }
  };
  const showConsent = (started: OnboardingStart) => {
    const link = started.consent
      ? h("p", {}, h("fluent-anchor", { appearance: "accent", href: started.consent.url, target: "_blank", rel: "noopener noreferrer", "data-field": "consent-url" }, t("onboarding.consentLink")))
      : h("p", { class: "attention" }, t("onboarding.noClientId"));
    const checkStatus = h("div", { role: "status", "aria-live": "polite" });
    replace(
      panels.consent,
      heading("consent"),
      h("p", {}, t("onboarding.resolved"), " ", h("code", { "data-field": "tenant-id" }, started.tenantId)),
      h("p", { class: "intro" }, t("onboarding.consentIntro")),
      link,
      started.consent ? h("details", {}, h("summary", {}, t("onboarding.grants", { count: started.consent.permissions.length })), h("ul", {}, started.consent.permissions.map((p) => h("li", {}, h("code", {}, p))))) : null,
      h("fluent-button", { appearance: "outline", "data-action": "check-consent", onclick: () => void check(started, checkStatus) }, t("onboarding.check")),
      checkStatus,
    );
  };
  const check = async (started: OnboardingStart, checkStatus: HTMLElement) => {
    try {
      replace(checkStatus, h("fluent-progress-ring", { "aria-label": t("loading") }));
      const result = await context.api.consent(started.tenantId);
      replace(checkStatus);
      showCheck(started, result);
      reach("check");
    } catch (e) {
      replace(checkStatus, errorLine(e));
    }
  };
  const showCheck = (started: OnboardingStart, result: ConsentCheck) => {
    const ready = result.features.filter((f) => REQUIRED_FEATURES.includes(f.feature)).every((f) => f.allowed);
    const name = h("fluent-text-field", { name: "displayName", "data-field": "display-name", value: started.domain ?? started.tenantId }, t("onboarding.displayName")) as Field;
    const domains = h("fluent-text-field", { name: "domains", "data-field": "domains", value: started.domain ?? "" }, t("onboarding.domains")) as Field;
    const onboardStatus = h("div", { role: "status", "aria-live": "polite" });
    replace(
      panels.check,
      heading("check"),
      h("p", { "data-field": "consent-complete", "data-complete": String(result.complete), class: result.complete ? "good" : "attention" }, result.complete ? t("onboarding.complete") : (result.notConsented ? t("onboarding.notConsented") : t("onboarding.incomplete", { count: result.missing.length }))),
      result.missing.length ? h("ul", { class: "missing" }, result.missing.map((m) => h("li", { "data-missing-permission": m.permission }, h("code", {}, m.permission), " ", t("onboarding.blocks", { features: m.blocks.map((f) => t(`feature.${f}`)).join(", ") })))) : null,
      h(
        "table",
        { class: "estate consent" },
        h("caption", {}, t("onboarding.byFeature", { at: when(result.checkedAt, locale()) })),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("onboarding.feature")), h("th", { scope: "col" }, t("onboarding.allowed")), h("th", { scope: "col" }, t("onboarding.cmdlets")))),
        h("tbody", {}, result.features.map((f) => h("tr", { "data-feature": f.feature, "data-allowed": String(f.allowed) }, h("th", { scope: "row" }, t(`feature.${f.feature}`)), h("td", { class: f.allowed ? "good" : "attention" }, f.allowed ? t("yes") : f.missing.join(", ")), h("td", {}, f.cmdlets.length ? f.cmdlets.join(", ") : "–")))),
      ),
      h("p", { class: "intro" }, t("onboarding.cmdletsNote")),
      ready
        ? h("form", { class: "search", onsubmit: (e: Event) => { e.preventDefault(); void onboard(started, name.value.trim(), domains.value, onboardStatus); } }, name, domains, h("fluent-button", { type: "submit", appearance: "accent", "data-action": "onboard" }, t("onboarding.onboard")))
        : h("p", { class: "attention", "data-field": "not-ready" }, t("onboarding.notReady")),
      onboardStatus,
    );
  };
  const onboard = async (started: OnboardingStart, displayName: string, domainText: string, onboardStatus: HTMLElement) => {
    try {
      replace(onboardStatus, h("fluent-progress-ring", { "aria-label": t("loading") }));
      const domains = domainText.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
      await context.api.putTenant(started.tenantId, { ...(displayName ? { displayName } : {}), domains });
      const queued = await context.api.auditNow(started.tenantId);
      replace(onboardStatus);
      reach("audit");
      replace(panels.audit, heading("audit"), h("p", { role: "status", "data-field": "first-audit", "data-state": "queued" }, t("auditNow.queued")));
      showWebhook(started);
      await firstAudit(started.tenantId, queued.runId);
    } catch (e) {
      replace(onboardStatus, errorLine(e));
    }
  };
  const firstAudit = async (tenantId: string, runId: string) => {
    for (let i = 0; i < 120; i++) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const line = (await context.api.auditOverview()).tenants.find((l) => l.tenantId === tenantId);
      if (line?.latest && line.latest.runId >= runId) {
        const summary = line.latest.summary;
        replace(
          panels.audit,
          heading("audit"),
          h("p", { "data-field": "first-audit", "data-state": "done", "data-run-id": line.latest.runId, "data-findings": summary.findings }, t("onboarding.audited", { at: when(line.latest.completedAt, locale()), findings: summary.findings, sending: summary.readiness?.sending ?? 0 })),
        );
        return;
      }
    }
    replace(panels.audit, heading("audit"), h("p", { class: "attention", "data-field": "first-audit", "data-state": "late" }, t("onboarding.auditLate")));
  };
  const showWebhook = (started: OnboardingStart) => {
    const system = h("select", { name: "system", "aria-label": t("onboarding.system"), "data-field": "system", class: "select" }, TICKET_SYSTEMS.map((s) => h("option", { value: s }, s))) as Field;
    const out = h("div", { role: "status", "aria-live": "polite" });
    const issue = async () => {
      try {
        const hook = await context.api.webhookSecret(started.tenantId, system.value);
        replace(
          out,
          h("dl", { class: "facts" }, h("dt", {}, t("onboarding.endpoint")), h("dd", {}, h("code", { "data-field": "webhook-url" }, hook.url)), h("dt", {}, t("onboarding.secret")), h("dd", {}, h("code", { "data-field": "webhook-secret" }, hook.secret))),
          h("p", { class: "attention" }, t("onboarding.secretOnce")),
        );
        reach("webhook");
      } catch (e) {
        replace(out, errorLine(e));
      }
    };
    replace(
      panels.webhook,
      heading("webhook"),
      h("p", { class: "intro" }, t("onboarding.webhookIntro")),
      h("div", { class: "search" }, system, h("fluent-button", { appearance: "outline", "data-action": "issue-webhook", onclick: () => void issue() }, t("onboarding.issue"))),
      out,
      h("p", { "data-field": "ticket-connection" }, t("onboarding.connection"), " ", h("code", {}, `PUT /api/tenants/${encodeURIComponent(started.tenantId)}/ticket-connections/{system}`)),
    );
  };
  return [h("h2", {}, t("nav.onboarding")), h("p", { class: "intro" }, t("onboarding.intro")), stepper, ...STEPS.map((s) => panels[s])];
}

function heading(step: Step): HTMLElement {
  return h("h3", { id: `onboarding-${step}` }, t(`onboarding.step.${step}`));
}
