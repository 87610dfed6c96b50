import { ApiError, type Remediation } from "../api";
import { h, replace } from "../dom";
import { t } from "../i18n";
import { requestCard } from "./request-card";
import { errorLine, type ViewContext } from "./view";

const POLL_MS = 1_000;

/** Requests awaiting approval across tenants, each with approve / reject. */
export async function approvalsView(context: ViewContext): Promise<Node[]> {
  const { remediations } = await context.api.listRemediations({ status: "awaiting-approval", limit: "100" });
  const list = h("div", { class: "cards" }, remediations.map((r) => approvalCard(r, context)));
  return [h("h2", {}, t("nav.approvals")), h("p", { class: "intro" }, t("approvals.intro")), remediations.length ? list : h("p", { class: "empty" }, t("empty"))];
}

/** The requester's own request: the API refuses her approval, so the console says so first. */
function isOwnRequest(request: Remediation, context: ViewContext): boolean {
  const by = request.requestedBy;
  if (!by) return false;
  if (typeof by === "string") return by.toLowerCase() === context.operator.upn.toLowerCase();
  return by.oid ? by.oid === context.operator.oid : by.upn.toLowerCase() === context.operator.upn.toLowerCase();
}

function approvalCard(request: Remediation, context: ViewContext): HTMLElement {
  const own = isOwnRequest(request, context);
  const panel = h("div", { class: "confirm" });
  const open = (decision: "approve" | "reject") => () => replace(panel, confirmPanel(request, decision, context, panel));
  return requestCard(
    request,
    h("fluent-button", { appearance: "accent", "data-action": "approve", disabled: own, "aria-describedby": own ? `own-${request.id}` : null, onclick: open("approve") }, t("approve")),
    h("fluent-button", { appearance: "outline", "data-action": "reject", onclick: open("reject") }, t("reject")),
    own ? h("p", { class: "note", id: `own-${request.id}`, "data-field": "self-approval" }, t("selfApproval")) : null,
    panel,
  );
}

function confirmPanel(request: Remediation, decision: "approve" | "reject", context: ViewContext, panel: HTMLElement): Node[] {
  const comment = h("fluent-text-field", { "data-field": "comment", placeholder: t("comment"), "aria-label": t("comment") }) as HTMLElement & { value: string };
  const confirm = h(
    "fluent-button",
    {
      appearance: "accent",
      "data-action": "confirm",
      onclick: async () => {
        confirm.setAttribute("disabled", "");
        try {
          await context.api.decide(request.id, decision, comment.value.trim());
          await followUntilSettled(request.id, context, panel);
        } catch (e) {
          confirm.removeAttribute("disabled");
          replace(panel, comment, confirm, cancel, errorLine(e instanceof ApiError ? new Error(`${e.code}: ${e.message}`) : e));
        }
      },
    },
    decision === "approve" ? t("confirmApprove") : t("confirmReject"),
  );
  const cancel = h("fluent-button", { appearance: "stealth", "data-action": "cancel", onclick: () => replace(panel) }, t("cancel"));
  queueMicrotask(() => comment.focus());
  return [comment, confirm, cancel];
}

/** After a decision the card follows the request until it settles (an approved plan runs at once). */
async function followUntilSettled(id: string, context: ViewContext, panel: HTMLElement): Promise<void> {
  let card = panel.closest("[data-request-id]");
  while (card?.isConnected) {
    const request = await context.api.remediation(id);
    const fresh = requestCard(request);
    card.replaceWith(fresh);
    card = fresh;
    if (request.status !== "queued" && request.status !== "running") return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
