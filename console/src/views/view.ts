import type { Api } from "../api";
import type { Operator } from "../auth";
import { h, replace } from "../dom";
import { t } from "../i18n";

/** What every view gets: the API and who is signed in. */
export interface ViewContext {
  api: Api;
  operator: Operator;
}

/** Renders into `root`: a loading line first, then the view, or the error in words. */
export async function renderView(root: HTMLElement, load: () => Promise<Node[]>): Promise<void> {
  root.setAttribute("aria-busy", "true");
  replace(root, h("fluent-progress-ring", { "aria-label": t("loading") }));
  try {
    replace(root, ...(await load()));
  } catch (e) {
    replace(root, errorLine(e));
  } finally {
    root.setAttribute("aria-busy", "false");
  }
}

export function errorLine(e: unknown): HTMLElement {
  return h("p", { class: "error", role: "alert" }, t("error", { message: e instanceof Error ? e.message : String(e) }));
}
