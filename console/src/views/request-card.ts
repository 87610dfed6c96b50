import { personName, type Remediation, type Step } from "../api";
import { h, when, type Child } from "../dom";
import { evidenceText } from "../../../shared/domain/evidence-messages";
import { causeTitle } from "../../../shared/domain/request-reasons";
import { stepEffect, undoEffect } from "../../../shared/domain/security-effect";
import { STEP_NAMES, type StepName } from "../../../shared/domain/types";
import { locale, reasonText, t, valueWord } from "../i18n";
import { effectBadge } from "./effect-badge";

/**
 * One request as a card. The element carries `data-request-id`, `data-status` and `data-mailbox`
 * (test and automation hooks) and holds the mailbox, status and plan; `actions` go at its foot.
 */
export function requestCard(request: Remediation, ...actions: Child[]): HTMLElement {
  const confirmed = request.diagnosis.causes.filter((c) => c.verdict === "confirmed");
  return h(
    "fluent-card",
    { class: "request", "data-request-id": request.id, "data-status": request.status, "data-mailbox": request.mailbox },
    h("header", {}, h("h3", { "data-field": "mailbox" }, request.mailbox), statusBadge(request.status)),
    h(
      "dl",
      { class: "facts" },
      fact(t("tenant"), request.tenantId),
      fact(t("requestedBy"), personName(request.requestedBy) || request.ticketRequester || "–"),
      fact(t("ticket"), ticketLink(request)),
      fact(t("created"), when(request.createdAt, locale())),
      request.undoOf ? fact(t("undoOf"), h("code", { "data-field": "undo-of" }, request.undoOf)) : null,
      request.undoneBy ? fact(t("undoneBy"), h("code", { "data-field": "undone-by" }, request.undoneBy)) : null,
    ),
    request.approval ? h("p", { class: "decision", "data-field": "approval" }, t("decidedBy", { decision: t(`decision.${request.approval.decision}`), who: personName(request.approval.by) }), request.approval.comment ? ` — ${request.approval.comment}` : "") : null,
    request.reason ? h("p", { class: "reason", "data-field": "reason" }, request.reasonCode ? reasonText(request.reasonCode) : request.reason) : null,
    h("section", {}, h("h4", {}, t("diagnosis")), confirmed.length ? h("ul", { "data-field": "diagnosis" }, confirmed.map((c) => h("li", {}, h("strong", {}, causeTitle(c.id, locale())), " ", h("code", {}, c.id), c.evidenceCode ? ` — ${evidenceText(c.evidenceCode, locale())}` : c.evidence[0] ? ` — ${c.evidence[0]}` : ""))) : h("p", {}, "–")),
    h("section", {}, h("h4", {}, t("plan")), planList(request.steps, request.mailbox, Boolean(request.undoOf))),
    actions.length ? h("footer", { class: "actions" }, ...actions) : null,
  );
}

export function statusBadge(status: string): HTMLElement {
  // A plain element: Fluent's badge sets an inline style attribute, which the console's CSP refuses.
  return h("span", { class: `badge status status-${status}`, "data-field": "status", "data-value": status }, t(`status.${status}`));
}

/**
 * The steps that change something: planned (before → after as diagnosed) or done (as read and
 * verified). On an undo a fix's step puts a protection back (its effect follows the value it restores);
 * undoing a retirement of basic auth weakens.
 */
function planList(steps: Step[], mailbox: string, undo: boolean): HTMLElement {
  const changing = steps.filter((s) => s.planned || s.before !== undefined);
  if (changing.length === 0) return h("p", { "data-field": "plan" }, t("noPlan"));
  return h(
    "ol",
    { "data-field": "plan", class: "plan" },
    changing.map((s) => {
      const before = s.before ?? s.planned?.before ?? "?";
      const after = s.after ?? s.planned?.after ?? "?";
      const effect = !isStepName(s.name) ? null : undo ? undoEffect(s.name, after) : stepEffect(s.name);
      return h(
        "li",
        { "data-step": s.name, "data-step-status": s.status, class: effect?.effect === "weakens" ? "weakening" : null },
        h("span", { class: "step-name" }, undo ? t("undo.step", { step: t(`step.${s.name}`) }) : t(`step.${s.name}`)),
        effect?.scope === "tenant" ? null : h("span", { class: "subject" }, ` (${mailbox})`),
        ": ",
        h("span", { class: "before", "data-value": before }, valueWord(before)),
        " → ",
        h("span", { class: "after", "data-value": after }, valueWord(after)),
        // A step that has not run yet has no status worth showing next to its plan.
        s.before !== undefined ? h("span", { class: "step-status" }, ` · ${t(`stepStatus.${s.status}`)}`) : null,
        h("div", {}, effectBadge(effect)),
      );
    }),
  );
}

function fact(label: string, value: Child): HTMLElement[] {
  return [h("dt", {}, label), h("dd", {}, value)];
}

function ticketLink(request: Remediation): Child {
  const ticket = request.ticket;
  // A ticket named in an API call is only a claim: shown as such, never as a link, never written to.
  if (!ticket) return request.claimedTicket ? h("span", { "data-field": "claimed-ticket" }, `${request.claimedTicket.system} #${request.claimedTicket.id} `, h("em", {}, t("ticket.claimed"))) : "–";
  const label = `${ticket.system} #${ticket.id}`;
  // Only web links: a ticket URL comes from a webhook body and must not become a javascript: link.
  return ticket.url && /^https?:\/\//i.test(ticket.url) ? h("fluent-anchor", { href: ticket.url, target: "_blank", rel: "noopener noreferrer", appearance: "hypertext" }, label) : label;
}

/** A step this console knows; a newer server's step shows without an effect rather than a wrong one. */
function isStepName(name: string): name is StepName {
  return (STEP_NAMES as readonly string[]).includes(name);
}
