import { ExceptionRegister } from "./audit/exception-register";
import { loadSettings, type Settings } from "./config/settings";
import { createM365GatewayFactory } from "./m365/gateway-factory";
import type { M365GatewayFactory } from "./m365/m365-gateway";
import { createMessageQueue } from "./queue/create-message-queue";
import type { MessageQueue } from "./queue/message-queue";
import type { Locale } from "./domain/types";
import { acceptFromTicket } from "./remediation/accept-from-ticket";
import type { MinimalLogger, RemediationDeps } from "./remediation/remediation-deps";
import type { AcceptRemediationRequest, AcceptRemediationResult } from "./tickets";
import { EventTrail } from "./store/event-trail";
import { IdempotencyKeys } from "./store/idempotency-keys";
import { RequestStore } from "./store/request-store";
import { TenantRegistry } from "./store/tenant-registry";

/** Everything the functions use, built once per process from the app settings. */
export interface AppServices {
  settings: Settings;
  requests: RequestStore;
  events: EventTrail;
  tenants: TenantRegistry;
  idempotency: IdempotencyKeys;
  exceptions: ExceptionRegister;
  queue: MessageQueue;
  gateways: M365GatewayFactory;
  remediation: RemediationDeps;
  /** Starts a remediation for a ticketing webhook. */
  acceptRemediation(request: AcceptRemediationRequest): Promise<AcceptRemediationResult>;
  /** The locale of the one onboarded tenant owning a domain, for notes on tickets. */
  ticketLocaleForDomain(domain: string): Promise<Locale | undefined>;
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
  const [requests, events, tenants, idempotency, exceptions] = await Promise.all([
    RequestStore.open(storage),
    EventTrail.open(storage),
    TenantRegistry.open(storage),
    IdempotencyKeys.open(storage),
    ExceptionRegister.open(storage),
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
    notify: async (record, milestone) => log.info(`Remediation ${record.id}: ${milestone}.`),
    retry: { maxAttempts: settings.STEP_MAX_ATTEMPTS, baseDelayMs: settings.STEP_BASE_DELAY_MS, maxDelayMs: settings.STEP_MAX_DELAY_MS },
    leaseMs: settings.STEP_LEASE_MS,
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
    exceptions,
    queue,
    gateways,
    remediation,
    acceptRemediation: (request) => acceptFromTicket(request, remediation, settings.PUBLIC_BASE_URL),
    ticketLocaleForDomain: async (domain) => {
      const owners = await tenants.findByDomain(domain);
      return owners.length === 1 ? owners[0]?.policy.locale : undefined;
    },
    log,
  };
}

let services: Promise<AppServices> | undefined;

/** The process-wide services, built on first use; a failed build is retried on the next call. */
export function getAppServices(): Promise<AppServices> {
  services ??= buildAppServices(loadSettings()).catch((e: unknown) => {
    services = undefined;
    throw e;
  });
  return services;
}
