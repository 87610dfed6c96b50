import { AppError } from "../errors/app-error";
import type { Settings } from "../config/settings";

/** What the console's browser code gets (`GET /api/console/config.json`): public identifiers, no secrets. */
export interface ConsoleConfig {
  clientId: string;
  authority: string;
  apiScope: string;
  apiBaseUrl: string;
}

/**
 * The console's sign-in settings from the app settings: the console's own app registration
 * (OPERATOR_CONSOLE_CLIENT_ID) in the operators' tenant, asking for this API's scope. Missing
 * settings fail closed: the console cannot sign anyone in, and says why.
 */
export function consoleConfig(settings: Settings): ConsoleConfig {
  const { OPERATOR_TENANT_ID: tenantId, OPERATOR_API_AUDIENCE: audience, OPERATOR_CONSOLE_CLIENT_ID: clientId } = settings;
  if (!tenantId || !audience || !clientId) {
    const missing = Object.entries({ OPERATOR_TENANT_ID: tenantId, OPERATOR_API_AUDIENCE: audience, OPERATOR_CONSOLE_CLIENT_ID: clientId }).filter(([, v]) => !v).map(([k]) => k);
    throw new AppError("CONSOLE_NOT_CONFIGURED", `The console needs the app settings ${missing.join(", ")}.`);
  }
  // The audience is the API's client id or its application ID URI (api://...); the scope hangs off the URI.
  const apiUri = audience.startsWith("api://") ? audience : `api://${audience}`;
  return {
    clientId,
    authority: `${settings.OPERATOR_AUTHORITY_HOST.replace(/\/+$/, "")}/${tenantId}`,
    apiScope: settings.OPERATOR_CONSOLE_API_SCOPE ?? `${apiUri}/access_as_user`,
    apiBaseUrl: (settings.PUBLIC_BASE_URL ?? "").replace(/\/+$/, ""),
  };
}

const EMPTY_STYLE_HASH = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

/**
 * The console page's Content-Security-Policy: its own script and styles only, API calls to itself
 * and token calls to the sign-in authority, no framing, no plugins, no inline code.
 */
export function consoleCsp(config: ConsoleConfig): string {
  const authority = new URL(config.authority).origin;
  const api = config.apiBaseUrl ? ` ${new URL(config.apiBaseUrl).origin}` : "";
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Fluent UI (FAST) probes :focus-visible support with an empty <style>; its hash allows exactly that.
    `style-src 'self' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${authority}${api}`,
    `frame-src ${authority}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
