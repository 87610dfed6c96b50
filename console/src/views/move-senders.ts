import type { ReadinessSender } from "../api";
import { h, type Child } from "../dom";
import { t } from "../i18n";
import type { ViewContext } from "./view";

/**
 * The readiness report's senders, each with its recommended path as one action: High Volume Email,
 * a relay connector for its one address, or an OAuth app (the operator names the app). Graph sendMail
 * and retiring are a person's work, so they get no button.
 */
export function moveSendersButton(tenantId: string, context: ViewContext): HTMLElement {
  const panel = h("div", { class: "move-senders", "data-field": "move-senders" });
  const open = h("fluent-button", {
    appearance: "outline",
    "data-action": "move-senders",
    onclick: async () => {
      try {
        const senders = await context.api.readinessSenders(tenantId);
        panel.replaceChildren(h("h4", {}, t("move.list")), h("ul", { class: "senders" }, senders.map((s) => senderItem(tenantId, s, context))));
      } catch (e) {
        panel.replaceChildren(h("span", { class: "attention", role: "alert" }, (e as Error).message));
      }
    },
  }, t("move.list"));
  return h("div", {}, open, panel);
}

function senderItem(tenantId: string, sender: ReadinessSender, context: ViewContext): HTMLElement {
  const status = h("span", { role: "status", "data-field": "move-status" });
  const start = (move: Parameters<ViewContext["api"]["move"]>[2]) => async () => {
    try {
      const started = await context.api.move(tenantId, sender.upn, move);
      status.replaceChildren(h("span", { "data-request-id": started.id }, t("move.started", { id: started.id })));
    } catch (e) {
      status.replaceChildren(h("span", { class: "attention" }, (e as Error).message));
    }
  };
  const action: Child[] = actionFor(sender, start);
  return h("li", { "data-upn": sender.upn, "data-path": sender.path }, h("code", {}, sender.upn), " ", ...action, " ", status);
}

type Start = (move: Parameters<ViewContext["api"]["move"]>[2]) => () => Promise<void>;

function actionFor(sender: ReadinessSender, start: Start): Child[] {
  const ip = sender.ipAddresses.length === 1 ? sender.ipAddresses[0] : undefined;
  if (sender.path === "high-volume-email") return [h("fluent-button", { appearance: "accent", "data-action": "move", onclick: start({ path: "high-volume-email" }) }, t("move.high-volume-email"))];
  if (sender.path === "relay-connector" && ip) return [h("fluent-button", { appearance: "accent", "data-action": "move", onclick: start({ path: "relay-connector", senderIp: ip }) }, t("move.relay-connector", { ip }))];
  if (sender.path === "oauth") {
    const appId = h("input", { type: "text", "aria-label": t("move.appId"), placeholder: t("move.appId"), "data-field": "app-id" }) as HTMLInputElement;
    return [appId, h("fluent-button", { appearance: "accent", "data-action": "move", onclick: () => start({ path: "oauth-app", appId: appId.value.trim() })() }, t("move.oauth"))];
  }
  return [h("span", {}, t("move.manual", { path: t(`path.${sender.path}`) }))];
}
