import type { Api, FieldList, SystemFields } from "../api";
import { h, replace } from "../dom";
import { t } from "../i18n";

type Field = HTMLElement & { value: string };

/** The ticket systems as a native select: Fluent's listbox positions itself with an inline style, which the CSP refuses. */
export function systemSelect(field: string, systems: readonly string[]): Field {
  return h("select", { name: "system", "aria-label": t("onboarding.system"), "data-field": field, class: "select" }, systems.map((s) => h("option", { value: s }, s))) as Field;
}

/**
 * A tenant's ticket connection as a form: its base URL, then exactly the fields the chosen system's
 * connection takes (from GET .../ticket-connections), submitted as PUT. Credentials are password
 * inputs, emptied once saved, and never shown back: the answer names only the base URL.
 */
export function ticketConnectionForm(api: Api, tenantId: string, systems: SystemFields[], onSaved: () => void): { element: HTMLElement; choose(system: string): void } {
  const system = systemSelect("connection-system", systems.map((s) => s.system));
  const baseUrl = h("fluent-text-field", { name: "baseUrl", type: "url", required: true, "data-field": "connection-base-url", placeholder: "https://" }, t("onboarding.baseUrl")) as Field;
  const fields = h("div", { class: "connection-fields" });
  const status = h("div", { role: "status", "aria-live": "polite" });
  let credentials: Field[] = [];
  let options: Field[] = [];
  const show = () => {
    const chosen = systems.find((s) => s.system === system.value);
    credentials = inputs(chosen?.credentials, "credential");
    options = inputs(chosen?.options, "option");
    replace(fields, credentials, options);
    replace(status);
  };
  const save = async () => {
    try {
      const saved = await api.putTicketConnection(tenantId, system.value, { baseUrl: baseUrl.value.trim(), credentials: filled(credentials), options: filled(options) });
      for (const input of credentials) input.value = "";
      replace(status, h("p", { class: "good", "data-field": "connection-saved", "data-system": saved.system }, t("onboarding.connectionSaved", { system: saved.system, baseUrl: saved.baseUrl })));
      onSaved();
    } catch (e) {
      replace(status, h("p", { class: "error", role: "alert", "data-field": "connection-error" }, t("onboarding.connectionFailed", { message: e instanceof Error ? e.message : String(e) })));
    }
  };
  system.addEventListener("change", show);
  show();
  const form = h(
    "form",
    { class: "connection", "data-field": "ticket-connection", onsubmit: (e: Event) => { e.preventDefault(); void save(); } },
    system,
    baseUrl,
    fields,
    h("fluent-button", { type: "submit", appearance: "accent", "data-action": "save-connection" }, t("onboarding.saveConnection")),
  );
  const choose = (value: string) => {
    system.value = value;
    show();
  };
  return { element: h("div", {}, form, status), choose };
}

/** One text field per name, required ones first; credentials are password inputs. */
function inputs(list: FieldList | undefined, kind: "credential" | "option"): Field[] {
  if (!list) return [];
  const named = [...list.required.map((name) => ({ name, required: true })), ...list.optional.map((name) => ({ name, required: false }))];
  return named.map(
    ({ name, required }) =>
      h(
        "fluent-text-field",
        { name, type: kind === "credential" ? "password" : "text", required, autocomplete: kind === "credential" ? "off" : null, [`data-${kind}`]: name },
        t(required ? "onboarding.fieldRequired" : "onboarding.fieldOptional", { name }),
      ) as Field,
  );
}

/** The fields given a value: an empty optional field is left out rather than sent empty (which is a 400). */
function filled(fields: Field[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => (f.value.trim() ? [[f.getAttribute("name") ?? "", f.value.trim()]] : [])));
}
