import autocannon from "autocannon";
import { startLocalStack, type LocalStack } from "../dev/local-stack";
import { DEMO_OPERATOR } from "../dev/operator-session";
import { signZendesk } from "../shared/tickets/verify-signature";
import { numberFlag } from "./flags";
import { FLOOD_POLICY, zendeskTicket } from "./flood-tenants";

/**
 * `npm run bench:intake -- [--rate 100] [--seconds 10] [--connections 20]`: latency of intake while
 * the workers run. autocannon sends `POST /api/remediations` at the given rate for the given time,
 * then signed Zendesk webhooks the same way, each about another device mailbox, so every request is
 * new and the worker diagnoses and fixes them meanwhile (Graph 200 ms, Exchange 1.5 s). Prints one
 * JSON line with p50/p99 per route. Everything listens on loopback.
 */
const ZENDESK_SECRET = "bench-intake-zendesk-secret-0123456789abcdef";
const TENANT = "intake-bench";
const DOMAIN = "intake.example";

interface Figures {
  requests: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
}

async function seed(stack: LocalStack, count: number): Promise<void> {
  await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId: TENANT, domain: DOMAIN, mailboxes: count, securityDefaults: false, orgSmtpAuthDisabled: true } });
  const onboarded = await stack.api(`/api/tenants/${TENANT}`, { method: "PUT", body: { domains: [DOMAIN], policy: FLOOD_POLICY } });
  if (onboarded.status >= 300) throw new Error(`onboarding answered ${onboarded.status}: ${JSON.stringify(onboarded.body)}`);
  await stack.simApi("/_sim/faults", { method: "PUT", body: { graphLatencyMs: 200, exchangeLatencyMs: 1_500 } });
}

/** The simulator names generated mailboxes user000001@domain, user000002@domain, ... */
const mailbox = (n: number): string => `user${String(n).padStart(6, "0")}@${DOMAIN}`;

async function load(url: string, options: { rate: number; seconds: number; connections: number }, request: (n: number) => { path: string; body: string; headers: Record<string, string> }): Promise<Figures> {
  let sent = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    overallRate: options.rate,
    duration: options.seconds,
    requests: [{ method: "POST", setupRequest: (req) => ({ ...req, ...request(++sent) }) }],
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requestsPerSecond: result.requests.average,
  };
}

async function main(): Promise<void> {
  const rate = numberFlag("rate", 100, { min: 1, max: 1_000 });
  const seconds = numberFlag("seconds", 10, { min: 1, max: 120 });
  const connections = numberFlag("connections", 20, { min: 1, max: 200 });
  process.stderr.write(`bench:intake: ${rate} requests/s for ${seconds} s per route over ${connections} connections, workers running...\n`);
  const stack = await startLocalStack({ settings: { WEBHOOK_SECRET_ZENDESK: ZENDESK_SECRET, WEBHOOK_SHARED_ROUTE: "on" } });
  try {
    const perRoute = Math.ceil(rate * seconds * 1.2);
    await seed(stack, perRoute * 2);
    const json = { "content-type": "application/json" };
    const operator = await stack.signIn(DEMO_OPERATOR);
    const remediations = await load(stack.host.url, { rate, seconds, connections }, (n) => ({
      path: "/api/remediations",
      body: JSON.stringify({ mailbox: mailbox(n) }),
      headers: { ...json, authorization: `Bearer ${operator.token}` },
    }));
    const webhooks = await load(stack.host.url, { rate, seconds, connections }, (n) => {
      const body = zendeskTicket(mailbox(perRoute + n), n);
      const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
      return { path: "/api/webhooks/zendesk", body, headers: { ...json, "x-zendesk-webhook-signature": signZendesk(ZENDESK_SECRET, timestamp, body), "x-zendesk-webhook-signature-timestamp": timestamp, "x-zendesk-webhook-id": "intake" } };
    });
    console.log(JSON.stringify({ rate, seconds, connections, remediations, webhooks }));
    process.exitCode = remediations.non2xx + remediations.errors + webhooks.non2xx + webhooks.errors === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:intake failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
