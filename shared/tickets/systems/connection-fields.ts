import { z } from "zod";
import type { TicketConnection, TicketSettings } from "./ticket-system-module";

/** The names a connection's credentials or options may carry; the console builds its form from them. */
export interface FieldList {
  required: readonly string[];
  optional: readonly string[];
}

/** A fields schema that also names its fields, so GET can tell a form what to ask for. */
export type FieldsSchema = z.ZodType<Record<string, string>> & { readonly fields: FieldList };

/** A rule over the whole record, beyond each field on its own (HaloPSA: one way to sign in or the other). */
export interface RecordRule {
  holds(value: Record<string, string>): boolean;
  message: string;
}

/**
 * A connection's credentials or options: named string fields, the required ones present, no others
 * (a typo is a 400, not a silently ignored field).
 */
export function fieldsSchema(required: readonly string[], optional: readonly string[] = [], rule?: RecordRule): FieldsSchema {
  const allowed = new Set([...required, ...optional]);
  const schema = z.record(z.string(), z.string().trim().min(1).max(4096)).superRefine((value, ctx) => {
    const unknown = Object.keys(value).filter((key) => !allowed.has(key));
    const missing = required.filter((key) => !(key in value));
    for (const key of unknown) ctx.addIssue({ code: "custom", message: `${key} is not a field of this system (expected ${[...allowed].join(", ") || "none"})`, path: [key] });
    for (const key of missing) ctx.addIssue({ code: "custom", message: `${key} is required`, path: [key] });
    if (rule && !unknown.length && !missing.length && !rule.holds(value)) ctx.addIssue({ code: "custom", message: rule.message });
  });
  return Object.assign(schema, { fields: { required, optional } });
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
