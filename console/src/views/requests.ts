import { REQUEST_STATUSES, type Remediation, type TrailEvent } from "../api";
import { h, replace, when } from "../dom";
import { changeEffect } from "../../../shared/domain/security-effect";
import { has, locale, reasonText, t, valueWord } from "../i18n";
import { effectBadge } from "./effect-badge";
import { requestCard } from "./request-card";
import { errorLine, type ViewContext } from "./view";

type Field = HTMLElement & { value: string };

/** Search by mailbox, ticket or status; each request opens its timeline. */
export async function requestsView(context: ViewContext): Promise<Node[]> {
  const mailbox = h("fluent-text-field", { name: "mailbox", type: "email", "data-field": "mailbox" }, t("mailbox")) as Field;
  const ticket = h("fluent-text-field", { name: "ticket", placeholder: t("requests.ticketHint"), "data-field": "ticket" }, t("ticket")) as Field;
  // A native select: Fluent's listbox positions itself with an inline style, which the CSP refuses.
  const status = h("select", { name: "status", "aria-label": t("status"), "data-field": "status", class: "select" }, h("option", { value: "" }, t("requests.anyStatus")), REQUEST_STATUSES.map((s) => h("option", { value: s }, t(`status.${s}`)))) as Field;
  const results = h("div", { class: "cards", "aria-live": "polite" });
  const search = async (token?: string) => {
    if (!token) replace(results, h("fluent-progress-ring", { "aria-label": t("loading") }));
    try {
      const page = await context.api.listRemediations({ mailbox: mailbox.value.trim(), ticket: ticket.value.trim(), status: status.value, limit: "25", continuationToken: token });
      if (!token) replace(results);
      results.querySelector("[data-action=more]")?.remove();
      results.append(...page.remediations.map((r) => withTimeline(r, context)));
      if (!token && page.remediations.length === 0) results.append(h("p", { class: "empty" }, t("empty")));
      if (page.continuationToken) results.append(h("fluent-button", { "data-action": "more", onclick: () => search(page.continuationToken) }, t("requests.more")));
    } catch (e) {
      replace(results, errorLine(e));
    }
  };
  const form = h(
    "form",
    { class: "search", role: "search", onsubmit: (e: Event) => { e.preventDefault(); void search(); } },
    mailbox,
    ticket,
    status,
    h("fluent-button", { type: "submit", appearance: "accent", "data-action": "search" }, t("requests.search")),
  );
  void search();
  return [h("h2", {}, t("nav.requests")), h("p", { class: "intro" }, t("requests.intro")), form, results];
}

function withTimeline(request: Remediation, context: ViewContext): HTMLElement {
  const holder = h("div", { class: "timeline-holder" });
  const toggle = h("fluent-button", {
    appearance: "outline",
    "data-action": "timeline",
    "aria-expanded": "false",
    onclick: async () => {
      if (toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        toggle.textContent = t("timeline");
        return replace(holder);
      }
      toggle.setAttribute("aria-expanded", "true");
      toggle.textContent = t("hideTimeline");
      try {
        replace(holder, timeline(request, await context.api.events(request.id)));
      } catch (e) {
        replace(holder, errorLine(e));
      }
    },
  }, t("timeline"));
  return requestCard(request, toggle, undoAction(request, context), holder);
}

/** Undo on a request that ended having changed something, not yet undone and not itself an undo. */
function undoAction(request: Remediation, context: ViewContext): HTMLElement | null {
  const changed = request.steps.some((s) => s.before !== undefined);
  const ended = !["queued", "running", "awaiting-approval"].includes(request.status);
  if (!changed || !ended || request.undoOf || request.undoneBy) return null;
  const holder = h("span", { class: "undo" });
  const button = h("fluent-button", {
    appearance: "outline",
    "data-action": "undo",
    onclick: async () => {
      button.setAttribute("disabled", "");
      try {
        const undo = await context.api.undo(request.id);
        replace(holder, h("span", { role: "status", "data-field": "undo-requested", "data-undo-id": undo.id }, t("undo.requested", { id: undo.id })));
      } catch (e) {
        button.removeAttribute("disabled");
        holder.append(errorLine(e));
      }
    },
  }, t("undo"));
  holder.append(button);
  return holder;
}

/** Diagnosis, each step with before → after, retries, the approval, the ticket's notes and the verification, in order. */
function timeline(request: Remediation, events: TrailEvent[]): HTMLElement {
  const items = events.map((e) =>
    h(
      "li",
      { "data-event": e.kind },
      h("time", { datetime: e.at }, when(e.at, locale())),
      " ",
      h("strong", {}, t(`event.${e.kind}`)),
      e.ticket ? ` · ${e.ticket.system} ${e.ticket.id}` : "",
      e.setting ? ` ${settingLabel(e.setting)}` : "",
      e.subject ? ` (${e.subject})` : "",
      e.before !== undefined || e.after !== undefined ? ` ${eventValue(e.kind, e.before)} → ${eventValue(e.kind, e.after)}` : "",
      e.setting && (e.kind === "tenant-changed" || e.kind === "reverted") ? h("div", {}, effectBadge(changeEffect(e.setting, e.after, e.kind))) : null,
      e.detailCode ? h("div", { class: "detail" }, reasonText(e.detailCode)) : e.detail ? h("div", { class: "detail" }, e.detail) : null,
    ),
  );
  if (request.verification) items.push(h("li", { "data-event": "verification" }, h("strong", {}, t("verification")), ` ${t(`verification.${request.verification.status}`)}`, request.verification.checkedAt ? ` · ${when(request.verification.checkedAt, locale())}` : ""));
  return h("ol", { class: "timeline", "aria-label": t("timeline") }, items);
}

/** A setting as the trail names it ("security-defaults") or a step name, in words. */
function settingLabel(setting: string): string {
  return has(`setting.${setting}`) ? t(`setting.${setting}`) : t(`step.${setting}`);
}

/** A before/after value in words: a status, a decision, a verification state or a setting's value. */
function eventValue(kind: string, value: string | undefined): string {
  if (value === undefined) return "";
  if (kind === "status-changed") return t(`status.${value}`);
  if (kind === "approval-decided") return t(`decision.${value}`);
  if (kind === "verification-changed") return t(`verification.${value}`);
  return valueWord(value);
}
