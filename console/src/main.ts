import { Api } from "./api";
import { Auth } from "./auth";
import { loadConfig } from "./config";
import { h, replace } from "./dom";
import { registerFluent } from "./fluent";
import { renderShell } from "./shell";

/** Boots the console: Fluent UI, configuration, sign-in state, then the view the URL names. */
async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  registerFluent();
  try {
    const config = await loadConfig();
    const auth = await Auth.start(config);
    const api = new Api(config.apiBaseUrl, () => auth.token());
    const render = () => renderShell(root, auth, { api });
    window.addEventListener("hashchange", render);
    render();
  } catch (e) {
    replace(root, h("p", { class: "error", role: "alert" }, e instanceof Error ? e.message : String(e)));
    root.setAttribute("aria-busy", "false");
  }
}

void main();
