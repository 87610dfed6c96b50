import { z } from "zod";
import { DEFAULT_AUDIT_CONCURRENCY } from "../audit/audit-slots";

/**
 * App settings, read once from the environment (Azure app settings, or local.settings.json Values
 * loaded by the local host). Every name is documented in README "Configuration".
 */
/** What App Service leaves in a setting whose Key Vault reference it could not resolve. */
const UNRESOLVED_KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(/i;

/** A sealing secret: unset, or an unresolved Key Vault reference (public text, so treated as unset), or 32+ characters. */
const sealingSecret = z
  .string()
  .optional()
  .transform((value) => (value && !UNRESOLVED_KEY_VAULT_REFERENCE.test(value) ? value : undefined))
  .refine((value) => value === undefined || value.length >= 32, { message: "use at least 32 random characters" });

const SettingsObject = z.object({
  /** Table Storage (and, with the local transport, the queues). */
  AzureWebJobsStorage: z.string().min(1).default("UseDevelopmentStorage=true"),
  /** "servicebus" in Azure; "local" runs queues over Azurite with Service Bus semantics. */
  QUEUE_TRANSPORT: z.enum(["servicebus", "local"]).default("servicebus"),
  ServiceBusConnection: z.string().optional(),
  ServiceBusConnection__fullyQualifiedNamespace: z.string().optional(),
  /** Entra authority, Graph and Exchange base URLs: Microsoft's by default, the simulator's locally. */
  M365_AUTHORITY_HOST: z.string().url().default("https://login.microsoftonline.com"),
  GRAPH_BASE_URL: z.string().url().default("https://graph.microsoft.com"),
  EXCHANGE_BASE_URL: z.string().url().default("https://outlook.office365.com"),
  /** The multi-tenant app registration (docs/real-tenant-setup.md). */
  M365_CLIENT_ID: z.string().optional(),
  /**
   * How the app proves it is that registration; exactly one (shared/m365/credentials.ts). In Azure, the
   * client id of the managed identity the registration trusts as a federated credential; locally, the
   * simulator's secret; a PEM certificate with its key is the documented fallback.
   */
  M365_FEDERATED_IDENTITY_CLIENT_ID: z.string().optional(),
  M365_FEDERATED_TOKEN_AUDIENCE: z.string().min(1).default("api://AzureADTokenExchange"),
  M365_CLIENT_SECRET: z.string().optional(),
  M365_CLIENT_CERTIFICATE: z.string().optional(),
  /** Per-call timeout for Microsoft 365 requests. */
  M365_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * The tenant's end-of-December 2026 basic-auth default for SMTP AUTH, until Microsoft documents how to
   * read it: "date" reasons from the date, "off" takes it as off everywhere, "on" as turned back on.
   */
  SMTP_BASIC_AUTH_DEFAULT: z.enum(["date", "on", "off"]).default("date"),
  /** NCRONTAB for the nightly audit (seconds first), UTC. */
  AUDIT_SCHEDULE: z.string().default("0 0 2 * * *"),
  /**
   * Tenant audits one instance runs at once (one per tenant). Each waits on Microsoft 365 for seconds
   * and holds one 1,000-mailbox page; above host.json's maxConcurrentCalls (64) it has no effect.
   */
  AUDIT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULT_AUDIT_CONCURRENCY),
  /** Attempts per step before the request fails, and the total time a request may take. */
  STEP_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  STEP_BASE_DELAY_MS: z.coerce.number().int().min(0).default(2_000),
  STEP_MAX_DELAY_MS: z.coerce.number().int().min(0).default(300_000),
  /** How long a request may keep retrying in all (throttling waits count only against this). */
  REQUEST_MAX_RETRY_MS: z.coerce.number().int().min(1_000).default(7_200_000),
  /** How long a worker holds a request while it runs a stage; a crashed worker's hold ends then. */
  STEP_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** A request that has not moved for this long is resumed by the sweep. */
  STUCK_AFTER_MS: z.coerce.number().int().min(1_000).default(600_000),
  /** NCRONTAB for the stuck-request sweep. */
  SWEEP_SCHEDULE: z.string().default("0 */5 * * * *"),
  /** The operators' Entra tenant and this API's application id: whose access tokens the API accepts. */
  OPERATOR_TENANT_ID: z.string().min(1).optional(),
  OPERATOR_API_AUDIENCE: z.string().min(1).optional(),
  /** Where operators' tokens come from: Entra by default, the simulator locally. */
  OPERATOR_AUTHORITY_HOST: z.string().url().default("https://login.microsoftonline.com"),
  /**
   * The bare `/api/webhooks/{system}` route with app-wide WEBHOOK_SECRET_<SYSTEM> secrets: off unless
   * "on" (single-tenant setups). A delivery there chooses its tenant by the mailbox's domain.
   */
  WEBHOOK_SHARED_ROUTE: z.enum(["on", "off"]).default("off"),
  /** Ticket systems whose webhooks must be signed (HMAC): a bearer copy of their secret is refused. */
  WEBHOOK_REQUIRE_HMAC: z
    .string()
    .default("")
    .refine((value) => value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean).every((s) => ["zendesk", "jira", "generic"].includes(s)), {
      message: "list only systems that can sign: zendesk, jira, generic",
    }),
  /**
   * Seals per-tenant webhook secrets at rest (at least 32 characters; in Azure a Key Vault reference).
   * Without it no per-tenant secret is issued or accepted. _PREVIOUS, while it is being replaced, only opens.
   */
  WEBHOOK_SEALING_SECRET: sealingSecret,
  WEBHOOK_SEALING_SECRET_PREVIOUS: sealingSecret,
  /**
   * Tenant policies, pending policy changes and approvals are sealed (HMAC) with a key from
   * WEBHOOK_SEALING_SECRET. An unsealed row is trusted only if Table Storage last wrote it before this
   * instant (ISO 8601): set it, when upgrading, to the time the sealing version was deployed. Unset,
   * every unsealed row is refused. Rows are sealed on their next write (docs/decisions/0016).
   */
  RECORD_SEALS_SINCE: z.iso.datetime({ offset: true }).optional(),
  /** The operator console's own app registration (a single-page application) and the API scope it asks for. */
  OPERATOR_CONSOLE_CLIENT_ID: z.string().min(1).optional(),
  OPERATOR_CONSOLE_API_SCOPE: z.string().min(1).optional(),
  /**
   * Client applications whose operator tokens are accepted (`azp`/`appid`), comma-separated; default the
   * console's client id. Any other app an operator consents to gets tokens for this API, never its power.
   */
  OPERATOR_CLIENT_IDS: z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean)),
  /** How often the verification timer reads each tenant's sign-in log for fixes waiting on the device. */
  VERIFY_POLL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /**
   * NCRONTAB of the verification timer; the Functions host needs a schedule, so infra/ derives it
   * from VERIFY_POLL_SECONDS and writes both. The code reads each tenant at most once per poll interval.
   */
  VERIFY_SCHEDULE: z.string().default("0 */5 * * * *"),
  /** How long a fix waits for the device's next SMTP AUTH sign-in before it is not-seen. */
  VERIFY_WINDOW_HOURS: z.coerce.number().positive().max(720).default(24),
  /** Public base URL of this app, for statusUrl links (defaults to the request's own origin). */
  PUBLIC_BASE_URL: z.string().url().optional(),
});

/** The ways to prove the app registration; two at once would leave it unclear which one holds the power. */
const CREDENTIAL_SETTINGS = ["M365_FEDERATED_IDENTITY_CLIENT_ID", "M365_CLIENT_CERTIFICATE", "M365_CLIENT_SECRET"] as const;

const SettingsSchema = SettingsObject.superRefine((settings, ctx) => {
  const set = CREDENTIAL_SETTINGS.filter((name) => settings[name]);
  if (set.length > 1) ctx.addIssue({ code: "custom", path: [set.join(", ")], message: "set only one way to prove the app registration" });
});

/** Every setting name the schema reads, for the check that infra/ sets what the code needs. */
export const SETTING_NAMES: readonly string[] = Object.keys(SettingsObject.shape);

export type Settings = z.infer<typeof SettingsSchema> & {
  /** WEBHOOK_SECRET_<SYSTEM>, keyed by lower-case system name. */
  webhookSecrets: Record<string, string>;
  /** Everything else from the environment, for adapters with their own settings (ticket systems). */
  raw: Readonly<Record<string, string | undefined>>;
};

/** App-wide webhook secrets (WEBHOOK_SECRET_<SYSTEM>) are at least this long; per-tenant ones are 43. */
export const MIN_WEBHOOK_SECRET_LENGTH = 32;

export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

export function loadSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  const parsed = SettingsSchema.safeParse(withTableEndpoint(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new SettingsError(`Invalid app settings: ${problems}`);
  }
  const webhookSecrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^WEBHOOK_SECRET_([A-Z0-9]+)$/.exec(key);
    // An unresolved reference is public text, not a secret: that system then refuses every webhook.
    if (!m?.[1] || !value || UNRESOLVED_KEY_VAULT_REFERENCE.test(value)) continue;
    // A short secret can be guessed offline from one signed delivery: refuse to start rather than accept it.
    if (value.length < MIN_WEBHOOK_SECRET_LENGTH) throw new SettingsError(`Invalid app settings: ${key}: use at least ${MIN_WEBHOOK_SECRET_LENGTH} random characters`);
    webhookSecrets[m[1].toLowerCase()] = value;
  }
  return { ...parsed.data, webhookSecrets, raw: env };
}

/**
 * Identity-based storage, as Azure configures it: no AzureWebJobsStorage connection string, only
 * AzureWebJobsStorage__tableServiceUri (or __accountName). The tables are then reached at that endpoint
 * with the app's managed identity (see openTable).
 */
function withTableEndpoint(env: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string | undefined>> {
  if (env.AzureWebJobsStorage) return env;
  const endpoint = env.AzureWebJobsStorage__tableServiceUri?.replace(/\/+$/, "");
  const account = env.AzureWebJobsStorage__accountName;
  if (endpoint) return { ...env, AzureWebJobsStorage: endpoint };
  return account ? { ...env, AzureWebJobsStorage: `https://${account}.table.core.windows.net` } : env;
}
