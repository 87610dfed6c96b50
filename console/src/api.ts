import type { CodedText } from "../../shared/domain/coded-text";
import type { EstateReadiness } from "../../shared/audit/estate-readiness";

/** The API's shapes as the console reads them (the public contract in README, not the server's types). */
export type RequestStatus = "queued" | "running" | "succeeded" | "failed" | "needs-attention" | "planned" | "awaiting-approval" | "rejected";
export const REQUEST_STATUSES: RequestStatus[] = ["awaiting-approval", "queued", "running", "succeeded", "failed", "needs-attention", "planned", "rejected"];

/** Who asked or decided: an operator from their token, or (older records) a name. */
export type Person = { oid?: string; upn: string } | string;

export interface Step {
  name: string;
  status: string;
  attempts: number;
  reason?: string;
  before?: string;
  after?: string;
  planned?: { before: string; after: string };
  refused?: { code: string; reason: string };
}

export interface Remediation {
  id: string;
  tenantId: string;
  mailbox: string;
  status: RequestStatus;
  reason?: string;
  /** `reason` as code + parameters, rendered in the reader's language. */
  reasonCode?: CodedText;
  ticket?: { system: string; id: string; url?: string };
  /** A ticket an API caller named: unverified, so no note goes to it. */
  claimedTicket?: { system: string; id: string };
  requestedBy?: Person;
  ticketRequester?: string;
  approval?: { decision: string; by: Person; at: string; comment?: string };
  attention?: { reason: string; guidance: string[] };
  diagnosis: { causes: Array<{ id: string; verdict: string; evidence: string[]; evidenceCode?: CodedText }>; unknownLayers: string[] };
  steps: Step[];
  verification?: { status: string; checkedAt?: string };
  /** An undo request: the request whose changes it puts back. */
  undoOf?: string;
  /** A request that was undone: the undo request. */
  undoneBy?: string;
  createdAt: string;
  updatedAt: string;
}

export interface TrailEvent {
  kind: string;
  at: string;
  ticket?: { system: string; id: string };
  setting?: string;
  subject?: string;
  before?: string;
  after?: string;
  detail?: string;
  detailCode?: CodedText;
}

export interface Tenant {
  tenantId: string;
  displayName: string;
  domains: string[];
  policy: Record<string, unknown>;
  onboardedAt: string;
  updatedAt: string;
}

/** Who breaks when basic auth for SMTP goes off, in counts (absent on audits from before it was counted). */
export interface ReadinessSummary {
  accounts: number;
  sending: number;
  byPath: Record<string, number>;
  privileged: number;
  privilegeUnknown: number;
  unavailable?: string;
}

export interface AuditLine {
  tenantId: string;
  latest: { runId: string; completedAt: string; summary: { findings: number; unknown: number; bySeverity: Record<string, number>; mailboxes: number | null; smtpAuthOn: number | null; readiness?: ReadinessSummary } } | null;
  trend: Array<{ runId: string; completedAt: string; findings: number }>;
}

export interface AuditOverview {
  tenants: AuditLine[];
  totals: { tenants: number; audited: number; findings: number; unknown: number; bySeverity: Record<string, number>; readiness: { sending: number; privileged: number; unavailable: number } };
}

/** `POST /api/onboarding`: the tenant's id, its admin-consent link and the routes of the steps that follow. */
export interface OnboardingStart {
  tenantId: string;
  domain?: string;
  consent: { url: string; permissions: string[] } | null;
  next: Record<string, string>;
}

/** `GET /api/tenants/{id}/consent`: what the consent allows, feature by feature. */
export interface ConsentCheck {
  tenantId: string;
  checkedAt: string;
  complete: boolean;
  features: Array<{ feature: string; allowed: boolean; missing: string[]; cmdlets: string[] }>;
  missing: Array<{ permission: string; blocks: string[] }>;
  granted: string[];
  notConsented?: string;
}

/** `POST /api/tenants/{id}/webhook-secrets/{system}`: the endpoint and its secret, shown once. */
/** The names a ticket connection's credentials or options take, as the API checks them. */
export interface FieldList {
  required: string[];
  optional: string[];
}

/** What a connection to one ticket system takes besides its base URL. */
export interface SystemFields {
  system: string;
  credentials: FieldList;
  options: FieldList;
}

/** A saved ticket connection: where notes go, and which credential fields it holds, never their values. */
export interface TicketConnectionView {
  system: string;
  baseUrl: string;
  options: Record<string, string>;
  credentialFields: string[];
  updatedAt: string;
  updatedBy: string;
}

export interface TicketConnections {
  tenantId: string;
  connections: TicketConnectionView[];
  systems: SystemFields[];
}

export interface WebhookSecret {
  url: string;
  secret: string;
  system: string;
}

/** `GET /api/readiness`: the estate in the caller's scope, as the server builds it. */
export type Estate = EstateReadiness;

/** An API error with its catalogue code (SELF_APPROVAL, FORBIDDEN, ...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One sender of the readiness report, as the console shows it. */
export interface ReadinessSender {
  upn: string;
  path: "oauth" | "relay-connector" | "high-volume-email" | "graph-sendmail" | "retire";
  ipAddresses: string[];
}

/** The API over fetch, each call with a fresh bearer token. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => Promise<string>,
  ) {}

  listRemediations(filter: Record<string, string | undefined>): Promise<{ remediations: Remediation[]; continuationToken?: string }> {
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
    return this.json(`/api/remediations?${query}`);
  }

  remediation(id: string): Promise<Remediation> {
    return this.json(`/api/remediations/${encodeURIComponent(id)}`);
  }

  async events(id: string): Promise<TrailEvent[]> {
    const body = await this.json<{ events: TrailEvent[] }>(`/api/remediations/${encodeURIComponent(id)}/events`);
    return body.events;
  }

  decide(id: string, decision: "approve" | "reject", comment: string): Promise<unknown> {
    return this.json(`/api/remediations/${encodeURIComponent(id)}/${decision}`, { method: "POST", body: JSON.stringify(comment ? { comment } : {}) });
  }

  /** Asks for a request that restores every setting this one changed (Remediation.Request). */
  undo(id: string): Promise<{ id: string; status: string }> {
    return this.json(`/api/remediations/${encodeURIComponent(id)}/undo`, { method: "POST", body: "{}" });
  }

  async tenants(): Promise<Tenant[]> {
    return (await this.json<{ tenants: Tenant[] }>("/api/tenants")).tenants;
  }

  auditOverview(): Promise<AuditOverview> {
    return this.json("/api/audits?latest=true");
  }

  /** The tenant's latest audit as a self-contained HTML report, for download. */
  auditReport(tenantId: string, locale: string): Promise<Blob> {
    return this.html(`/api/audits/${encodeURIComponent(tenantId)}/latest?format=html&locale=${encodeURIComponent(locale)}`);
  }

  /** The tenant's readiness for the end of basic-auth SMTP as a self-contained HTML page, for download. */
  readinessPage(tenantId: string, locale: string): Promise<Blob> {
    return this.html(`/api/tenants/${encodeURIComponent(tenantId)}/readiness?format=html&locale=${encodeURIComponent(locale)}`);
  }

  /** The tenant's basic-auth SMTP senders and each one's recommended path (the latest audit's readiness). */
  async readinessSenders(tenantId: string): Promise<ReadinessSender[]> {
    return (await this.json<{ senders?: ReadinessSender[] }>(`/api/tenants/${encodeURIComponent(tenantId)}/readiness`)).senders ?? [];
  }

  /** Starts a move off basic auth for one sender (Remediation.Request). */
  move(tenantId: string, mailbox: string, move: { path: "high-volume-email" } | { path: "relay-connector"; senderIp: string } | { path: "oauth-app"; appId: string }): Promise<{ id: string; status: string }> {
    return this.json("/api/remediations", { method: "POST", body: JSON.stringify({ tenantId, mailbox, ...move }) });
  }

  /** Audits the tenant now (Tenant.Manage); the answer names the run to wait for. */
  auditNow(tenantId: string): Promise<{ tenantId: string; runId: string }> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}/audits`, { method: "POST", body: "{}" });
  }

  /** Names a tenant by id or domain and gets its admin-consent link (Tenant.Manage). */
  startOnboarding(tenant: string): Promise<OnboardingStart> {
    return this.json("/api/onboarding", { method: "POST", body: JSON.stringify({ tenant }) });
  }

  /** What the tenant's consent allows now, read from the tenant. */
  consent(tenantId: string): Promise<ConsentCheck> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}/consent`);
  }

  /** Onboards (or updates) a tenant: `PUT /api/tenants/{id}`. */
  putTenant(tenantId: string, body: { displayName?: string; domains: string[] }): Promise<Tenant> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}`, { method: "PUT", body: JSON.stringify(body) });
  }

  /** Issues (or rotates) the tenant's webhook endpoint and secret for a ticket system. */
  webhookSecret(tenantId: string, system: string): Promise<WebhookSecret> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}/webhook-secrets/${encodeURIComponent(system)}`, { method: "POST", body: "{}" });
  }

  /** The tenant's ticket connections, and the fields each system's connection takes. */
  ticketConnections(tenantId: string): Promise<TicketConnections> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}/ticket-connections`);
  }

  /** Sets (or replaces) the tenant's connection to a ticket system; the answer holds no credential. */
  putTicketConnection(tenantId: string, system: string, body: { baseUrl: string; credentials: Record<string, string>; options: Record<string, string> }): Promise<TicketConnectionView> {
    return this.json(`/api/tenants/${encodeURIComponent(tenantId)}/ticket-connections/${encodeURIComponent(system)}`, { method: "PUT", body: JSON.stringify(body) });
  }

  estate(): Promise<Estate> {
    return this.json("/api/readiness");
  }

  /** Every sender of every tenant in scope, as CSV. */
  async estateCsv(): Promise<Blob> {
    return (await this.fetch("/api/readiness?format=csv", { headers: { accept: "text/csv" } })).blob();
  }

  private async html(path: string): Promise<Blob> {
    return (await this.fetch(path, { headers: { accept: "text/html" } })).blob();
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.fetch(path, { ...init, headers: { accept: "application/json", ...(init.body ? { "content-type": "application/json" } : {}) } });
    return (await response.json()) as T;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${await this.token()}`);
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      throw new ApiError(response.status, body.error?.code ?? `HTTP_${response.status}`, body.error?.message ?? response.statusText);
    }
    return response;
  }
}

/** A person as text: the UPN of an operator, or the name an older record holds. */
export function personName(person: Person | undefined): string {
  if (!person) return "";
  return typeof person === "string" ? person : person.upn;
}
