import { z } from "zod";
import type { TicketConnection, TicketSettings } from "./ticket-system-module";

/**
 * A connection's credentials or options: named string fields, the required ones present, no others
 * (a typo is a 400, not a silently ignored field).
 */
export function fieldsSchema(required: readonly string[], optional: readonly string[] = []): z.ZodType<Record<string, string>> {
  const allowed = new Set([...required, ...optional]);
  return z.record(z.string(), z.string().trim().min(1).max(4096)).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) if (!allowed.has(key)) ctx.addIssue({ code: "custom", message: `${key} is not a field of this system (expected ${[...allowed].join(", ") || "none"})`, path: [key] });
    for (const key of required) if (!(key in value)) ctx.addIssue({ code: "custom", message: `${key} is required`, path: [key] });
  });
}

/** Which app settings fill an app-wide connection: the base URL's, and each credential's and option's. */
export interface AppConnectionSettings {
  baseUrl: string;
  credentials: Record<string, string>;
  /** Credentials without which no note can be written. */
  required: readonly string[];
  options?: Record<string, string>;
}

/** The app-wide connection from settings (TICKET_<SYSTEM>_*); undefined without a base URL or a required credential. */
export function readAppConnection(settings: TicketSettings, names: AppConnectionSettings): TicketConnection | undefined {
  const baseUrl = settings[names.baseUrl]?.trim().replace(/\/+$/, "");
  if (!baseUrl) return undefined;
  const pick = (map: Record<string, string> = {}) =>
    Object.fromEntries(Object.entries(map).flatMap(([key, setting]) => (settings[setting]?.trim() ? [[key, settings[setting]!.trim()]] : [])));
  const credentials = pick(names.credentials);
  if (names.required.some((key) => !credentials[key])) return undefined;
  return { baseUrl, credentials, options: pick(names.options) };
}

/** The usual shape: TICKET_<SYSTEM>_BASE_URL and TICKET_<SYSTEM>_AUTH (a whole Authorization header value). */
export function headerAuthAppSettings(system: string, options: Record<string, string> = {}): AppConnectionSettings {
  const prefix = `TICKET_${system.toUpperCase()}`;
  return { baseUrl: `${prefix}_BASE_URL`, credentials: { authorization: `${prefix}_AUTH` }, required: ["authorization"], options };
}
