import type { Auth } from "./auth";
import { h, replace } from "./dom";
import { locale, setLocale, t } from "./i18n";
import { approvalsView } from "./views/approvals";
import { auditsView } from "./views/audits";
import { estateView } from "./views/estate";
import { onboardingView } from "./views/onboarding";
import { requestsView } from "./views/requests";
import { tenantsView } from "./views/tenants";
import { renderView, type ViewContext } from "./views/view";

const VIEWS = { approvals: approvalsView, requests: requestsView, tenants: tenantsView, audits: auditsView, estate: estateView, onboarding: onboardingView } as const;
type ViewName = keyof typeof VIEWS;

function currentView(): ViewName {
  const name = location.hash.replace(/^#\/?/, "");
  return name in VIEWS ? (name as ViewName) : "approvals";
}

/** The page: sign-in when signed out; else the header, the navigation and the view the hash names. */
export function renderShell(root: HTMLElement, auth: Auth, context: Omit<ViewContext, "operator">): void {
  const operator = auth.operator();
  document.documentElement.lang = locale();
  document.title = t("title");
  const languageButton = h("fluent-button", { appearance: "stealth", "data-action": "language", lang: locale() === "en" ? "bg" : "en", onclick: () => { setLocale(locale() === "en" ? "bg" : "en"); renderShell(root, auth, context); } }, t("language"));
  if (!operator) {
    replace(
      root,
      h("header", { class: "top" }, h("h1", {}, t("title")), languageButton),
      h("section", { class: "sign-in" }, h("p", {}, t("signInWhy")), h("fluent-button", { appearance: "accent", "data-action": "sign-in", onclick: () => void auth.signIn() }, t("signIn"))),
    );
    root.setAttribute("aria-busy", "false");
    return;
  }
  const view = currentView();
  const content = h("div", { id: "view", tabindex: "-1" });
  const nav = h(
    "nav",
    { "aria-label": t("title") },
    (Object.keys(VIEWS) as ViewName[]).map((name) => h("fluent-button", { appearance: name === view ? "accent" : "stealth", "data-nav": name, "aria-current": name === view ? "page" : null, onclick: () => { if (name !== view) location.hash = `#${name}`; } }, t(`nav.${name}`))),
  );
  replace(
    root,
    h("header", { class: "top" }, h("h1", {}, t("title")), nav, h("span", { class: "who", "data-field": "operator" }, operator.upn), languageButton, h("fluent-button", { appearance: "stealth", "data-action": "sign-out", onclick: () => void auth.signOut() }, t("signOut"))),
    content,
  );
  void renderView(content, () => VIEWS[view]({ ...context, operator })).then(() => root.setAttribute("aria-busy", "false"));
}
