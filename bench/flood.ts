import http from "node:http";
import type { AddressInfo } from "node:net";
import { startLocalStack, type LocalStack } from "../dev/local-stack";
import { signZendesk } from "../shared/tickets/verify-signature";
import { earlyCalls, m365Calls, peakConcurrentPerTenant, type LoggedCall } from "./call-log-figures";
import { numberFlag, percentile, seconds } from "./flags";
import { arrivalOrder, seedFloodTenants, zendeskTicket } from "./flood-tenants";

/**
 * `npm run bench:flood -- --tickets N --tenants T --rate R --graph-latency-ms G --exchange-latency-ms E
 * [--throttle-per-10s B] [--timeout-s S]`: the December flood on this machine. Signed Zendesk
 * webhooks arrive at R per second, dealt over T tenants, through the local host; the simulator
 * answers Graph and Exchange with their own latency and throttles each tenant to B requests per
 * 10 s (Graph and Exchange together, stricter than Microsoft). Prints one JSON line; time to fix runs from the webhook's send to the
 * request's completedAt. Everything listens on loopback and stops after S seconds at the latest.
 */
const ZENDESK_SECRET = "bench-flood-zendesk-secret-0123456789abcdef";
const POLL_MS = 2_000;

interface Ticket {
  mailbox: string;
  sentAt: number;
  id?: string;
  status?: string;
  completedAt?: number;
}

/** Zendesk's API stand-in: names each ticket's requester (the MSP's IT desk, an agent) and accepts every note, so write-back costs what it costs. */
async function startNoteSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    const user = /^\/api\/v2\/users\/(\d+)\.json$/.exec(req.url ?? "");
    const body = user ? JSON.stringify({ user: { id: Number(user[1]), email: "it.desk@flood.example", role: "agent" } }) : "{}";
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function sendTicket(stack: LocalStack, ticket: Ticket, n: number): Promise<void> {
  const body = zendeskTicket(ticket.mailbox, n);
  const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const headers = { "x-zendesk-webhook-signature": signZendesk(ZENDESK_SECRET, timestamp, body), "x-zendesk-webhook-signature-timestamp": timestamp, "x-zendesk-webhook-id": "flood" };
  ticket.sentAt = Date.now();
  const res = await stack.anonymousApi("/api/webhooks/zendesk", { method: "POST", body, headers });
  if (res.status !== 202) throw new Error(`webhook for ${ticket.mailbox} answered ${res.status}: ${JSON.stringify(res.body)}`);
  ticket.id = (res.body as { id: string }).id;
}

/** Polls every unfinished request until all are done or the deadline passes. */
async function waitForAll(stack: LocalStack, tickets: Ticket[], deadline: number, arrivals: Promise<unknown>): Promise<void> {
  await arrivals;
  while (Date.now() < deadline) {
    const open = tickets.filter((t) => t.id && t.completedAt === undefined);
    if (open.length === 0) return;
    for (const ticket of open) {
      const res = await stack.api(`/api/remediations/${ticket.id}`);
      const body = res.body as { status: string; completedAt?: string };
      if (res.status === 200 && !["queued", "running"].includes(body.status)) Object.assign(ticket, { status: body.status, completedAt: Date.parse(body.completedAt ?? new Date().toISOString()) });
    }
    process.stderr.write(`bench:flood: ${tickets.filter((t) => t.completedAt !== undefined).length}/${tickets.length} done\n`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function main(): Promise<void> {
  const tickets = numberFlag("tickets", 200, { min: 1, max: 5_000 });
  const tenants = numberFlag("tenants", 20, { min: 1, max: 500 });
  const rate = numberFlag("rate", 2, { min: 0.01, max: 100 });
  const graphLatencyMs = numberFlag("graph-latency-ms", 200, { max: 30_000 });
  const exchangeLatencyMs = numberFlag("exchange-latency-ms", 1_500, { max: 30_000 });
  const throttlePer10s = numberFlag("throttle-per-10s", 30, { min: 1, max: 100_000 });
  const timeoutS = numberFlag("timeout-s", 900, { min: 10, max: 7_200 });
  process.stderr.write(`bench:flood: ${tickets} tickets over ${tenants} tenants at ${rate}/s; Graph ${graphLatencyMs} ms, Exchange ${exchangeLatencyMs} ms, ${throttlePer10s} requests per 10 s per tenant...\n`);
  const sink = await startNoteSink();
  const stack = await startLocalStack({
    settings: {
      WEBHOOK_SECRET_ZENDESK: ZENDESK_SECRET,
      WEBHOOK_SHARED_ROUTE: "on",
      TICKET_ZENDESK_BASE_URL: sink.url,
      TICKET_ZENDESK_AUTH: "Bearer bench-flood",
      // Production timing: a flood must not lean on the fast retries and sweep that tests use.
      STEP_BASE_DELAY_MS: "2000",
      STEP_MAX_DELAY_MS: "300000",
      STEP_LEASE_MS: "60000",
      STUCK_AFTER_MS: "600000",
      SWEEP_SCHEDULE: "0 */5 * * * *",
    },
  });
  const deadline = Date.now() + timeoutS * 1000;
  try {
    const seeded = await seedFloodTenants(stack, tenants, tickets);
    await stack.simApi("/_sim/faults", { method: "PUT", body: { graphLatencyMs, exchangeLatencyMs, throttle: { requestsPer10s: throttlePer10s } } });
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    const flood: Ticket[] = arrivalOrder(seeded).map((mailbox) => ({ mailbox, sentAt: 0 }));
    const started = Date.now();
    const arrivals = Promise.all(flood.map(async (ticket, i) => {
      await new Promise((r) => setTimeout(r, started + (i * 1000) / rate - Date.now()));
      await sendTicket(stack, ticket, i);
    }));
    await waitForAll(stack, flood, deadline, arrivals);
    const { body: calls } = await stack.simApi<{ total: number; log: LoggedCall[] }>("/_sim/calls?log=1");
    const fixMs = flood.filter((t) => t.completedAt !== undefined).map((t) => t.completedAt! - t.sentAt).sort((a, b) => a - b);
    const succeeded = flood.filter((t) => t.status === "succeeded").length;
    console.log(JSON.stringify({
      tickets,
      tenants,
      rate,
      graphLatencyMs,
      exchangeLatencyMs,
      throttlePer10s,
      succeeded,
      unfinished: flood.filter((t) => t.completedAt === undefined).length,
      p50Seconds: seconds(percentile(fixMs, 50)),
      p95Seconds: seconds(percentile(fixMs, 95)),
      maxSeconds: seconds(fixMs.at(-1) ?? Number.NaN),
      callsPerRemediation: Number((m365Calls(calls.log) / tickets).toFixed(2)),
      throttledCalls: calls.log.filter((c) => c.status === 429).length,
      earlyCalls: earlyCalls(calls.log).length,
      peakConcurrentPerTenant: peakConcurrentPerTenant(calls.log),
      callLogComplete: calls.log.length === calls.total,
      wallSeconds: seconds(Date.now() - started),
    }));
    process.exitCode = succeeded === tickets ? 0 : 1;
  } finally {
    await stack.stop();
    await sink.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:flood failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
