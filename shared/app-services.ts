import { ExceptionRegister } from "./audit/exception-register";
import { OperatorTokenValidator } from "./auth";
import { loadSettings, type Settings } from "./config/settings";
import { graphOperatorDirectory } from "./auth/operator-directory";
import { createM365GatewayFactory } from "./m365/gateway-factory";
import type { M365GatewayFactory } from "./m365/m365-gateway";
import { createMessageQueue } from "./queue/create-message-queue";
import type { MessageQueue } from "./queue/message-queue";
import type { MinimalLogger, RemediationDeps } from "./remediation/remediation-deps";
import { TenantStageSlots } from "./remediation/tenant-stage-slots";
import { startTelemetry } from "./telemetry/start-telemetry";
import { createTicketNotifier } from "./tickets";
import { AutomationBudget } from "./store/automation-budget";
import { EventTrail } from "./store/event-trail";
import { PolicyChangeStore } from "./store/policy-change-store";
import { TenantEventLog } from "./store/tenant-event-log";
import { IdempotencyKeys } from "./store/idempotency-keys";
import { RequestStore } from "./store/request-store";
import { SettingLocks } from "./store/setting-locks";
import { TenantRegistry } from "./store/tenant-registry";
import { SecretSealer } from "./store/secret-sealer";
import { RecordSeals } from "./store/record-seals";
import { WebhookSecretStore } from "./store/webhook-secret-store";
import { TicketConnectionStore } from "./store/ticket-connection-store";
import { OneTimeCredentials } from "./store/one-time-credentials";

/** Everything the functions use, built once per process from the app settings. */
export interface AppServices {
  settings: Settings;
  requests: RequestStore;
  events: EventTrail;
  tenants: TenantRegistry;
  idempotency: IdempotencyKeys;
  /** Per-tenant webhook endpoints and their secrets. */
  webhookSecrets: WebhookSecretStore;
  /** Per-tenant connections to their ticket systems, for write-back (credentials sealed). */
  ticketConnections: TicketConnectionStore;
  /** What people did to tenants: onboarding, policy changes, webhook secrets, offboarding. */
  tenantEvents: TenantEventLog;
  /** Policy changes that loosen, waiting for a second Tenant.Manage holder. */
  policyChanges: PolicyChangeStore;
  exceptions: ExceptionRegister;
  queue: MessageQueue;
  gateways: M365GatewayFactory;
  remediation: RemediationDeps;
  /** Checks operators' bearer tokens on every operator route. */
  operatorTokens: OperatorTokenValidator;
  log: MinimalLogger;
}

const consoleLogger: MinimalLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/** Wires the real adapters. Tests call this with their own settings instead of the environment. */
export async function buildAppServices(settings: Settings, log: MinimalLogger = consoleLogger): Promise<AppServices> {
  const storage = settings.AzureWebJobsStorage;
  const sealer = sealerFrom(settings);
  const seals = recordSealsFrom(settings);
  const [requests, events, tenants, idempotency, exceptions, settingLocks, webhookSecrets, budget, tenantEvents, policyChanges, ticketConnections, credentials] = await Promise.all([
    RequestStore.open(storage, seals),
    EventTrail.open(storage),
    TenantRegistry.open(storage, seals),
    IdempotencyKeys.open(storage),
    ExceptionRegister.open(storage),
    SettingLocks.open(storage),
    WebhookSecretStore.open(storage, sealer),
    AutomationBudget.open(storage),
    TenantEventLog.open(storage),
    PolicyChangeStore.open(storage, seals),
    TicketConnectionStore.open(storage, sealer),
    OneTimeCredentials.open(storage, sealer),
  ]);
  const queue = createMessageQueue(settings);
  const gateways = createM365GatewayFactory(settings);
  const remediation: RemediationDeps = {
    requests,
    events,
    tenants,
    idempotency,
    queue,
    gateways,
    exceptions,
    settingLocks,
    budget,
    credentials,
    tenantSlots: new TenantStageSlots(),
    notify: createTicketNotifier({ queue, claims: idempotency, tenants, settings, log }),
    retry: {
      maxAttempts: settings.STEP_MAX_ATTEMPTS,
      baseDelayMs: settings.STEP_BASE_DELAY_MS,
      maxDelayMs: settings.STEP_MAX_DELAY_MS,
      maxTotalMs: settings.REQUEST_MAX_RETRY_MS,
    },
    operatorDirectory: graphOperatorDirectory(settings.OPERATOR_TENANT_ID, gateways),
    leaseMs: settings.STEP_LEASE_MS,
    verifyWindowMs: settings.VERIFY_WINDOW_HOURS * 3_600_000,
    basicAuthDefault: settings.SMTP_BASIC_AUTH_DEFAULT,
    now: () => new Date(),
    random: Math.random,
    log,
  };
  return {
    settings,
    requests,
    events,
    tenants,
    idempotency,
    webhookSecrets,
    ticketConnections,
    tenantEvents,
    policyChanges,
    exceptions,
    queue,
    gateways,
    remediation,
    operatorTokens: new OperatorTokenValidator({
      tenantId: settings.OPERATOR_TENANT_ID,
      audience: settings.OPERATOR_API_AUDIENCE,
      authorityHost: settings.OPERATOR_AUTHORITY_HOST,
      clientIds: operatorClientIds(settings),
    }),
    log,
  };
}

/** The clients operators may call through: OPERATOR_CLIENT_IDS, else the console alone. */
function operatorClientIds(settings: Settings): string[] {
  if (settings.OPERATOR_CLIENT_IDS.length > 0) return settings.OPERATOR_CLIENT_IDS;
  return settings.OPERATOR_CONSOLE_CLIENT_ID ? [settings.OPERATOR_CONSOLE_CLIENT_ID.toLowerCase()] : [];
}

/** The sealer of per-tenant webhook secrets and generated credentials; none without a sealing secret (then none is issued, stored or accepted). */
function sealerFrom(settings: Settings): SecretSealer | undefined {
  return settings.WEBHOOK_SEALING_SECRET ? SecretSealer.fromSecrets(settings.WEBHOOK_SEALING_SECRET, settings.WEBHOOK_SEALING_SECRET_PREVIOUS) : undefined;
}

/** Integrity seals of policies, policy changes and approvals; without a sealing secret none can be trusted (fail closed). */
function recordSealsFrom(settings: Settings): RecordSeals {
  if (!settings.WEBHOOK_SEALING_SECRET) return RecordSeals.unavailable();
  const since = settings.RECORD_SEALS_SINCE ? new Date(settings.RECORD_SEALS_SINCE) : null;
  return RecordSeals.fromSecrets(settings.WEBHOOK_SEALING_SECRET, settings.WEBHOOK_SEALING_SECRET_PREVIOUS, since);
}

let services: Promise<AppServices> | undefined;

/** The process-wide services, built on first use; a failed build is retried on the next call. */
export function getAppServices(): Promise<AppServices> {
  startTelemetry();
  services ??= buildAppServices(loadSettings()).catch((e: unknown) => {
    services = undefined;
    throw e;
  });
  return services;
}
