import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AzuriteHandle } from "../../../dev/azurite";
import { startLocalHost } from "../../../dev/host/local-host";
import type { LocalHost } from "../../../dev/host/local-host";
import { LocalMessageQueue } from "../../../shared/queue/local-queue";
import type { QueueName } from "../../../shared/queue/queue-names";
import { eventually, startTestAzurite, uniqueQueueName } from "../queue/azurite-fixture";
import * as background from "./fixtures/background-functions";
import * as httpFunctions from "./fixtures/http-functions";

let azurite: AzuriteHandle;
let host: LocalHost;
const lines: string[] = [];
const queue = uniqueQueueName("host-fixture");

beforeAll(async () => {
  azurite = await startTestAzurite();
  host = await startLocalHost({
    port: 0,
    repoRoot: path.join(__dirname, "fixtures", "repo"),
    modules: [httpFunctions, background],
    env: { AzureWebJobsStorage: azurite.connectionString, FIXTURE_QUEUE: queue, FIXTURE_OVERRIDDEN: "env-value" },
    queue: { idlePollMs: 100 },
    log: (line) => void lines.push(line),
  });
});

afterAll(async () => {
  await host?.close();
  await azurite?.close();
});

const api = (p: string, init?: RequestInit) => fetch(`${host.url}${p}`, init);

describe("local Functions host", () => {
  it("announces itself on a free port with the function list", () => {
    expect(host.port).toBeGreaterThan(0);
    expect(lines).toContain(`Host ready on http://127.0.0.1:${host.port}`);
    expect(lines.join("\n")).toContain(`echo: [GET,PUT] http://127.0.0.1:${host.port}/api/things/{id}/{extra?}`);
    expect(lines.join("\n")).toContain("fixtureTimer: timerTrigger");
  });

  it("loads the sample settings without overwriting variables already set", () => {
    expect(process.env.FIXTURE_FROM_FILE).toBe("file-value");
    expect(process.env.FIXTURE_OVERRIDDEN).toBe("env-value");
  });

  it("routes /api paths with parameters, query and body to the matching function", async () => {
    const res = await api("/api/things/42/more?x=1", { method: "PUT", body: "hello", headers: { "x-test": "t" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-echo")).toBe("yes");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ method: "PUT", params: { id: "42", extra: "more" }, query: { x: "1" }, body: "hello", header: "t" });
  });

  it("leaves an optional parameter out when the path omits it", async () => {
    const body = (await (await api("/api/things/7")).json()) as { params: Record<string, string> };
    expect(body.params).toEqual({ id: "7" });
  });

  it("prefers a literal route over a parameter and defaults the route to the function name", async () => {
    expect(await (await api("/api/things/latest")).text()).toBe("latest");
    const plain = await api("/api/plainName", { method: "POST" });
    expect(plain.status).toBe(201);
    expect(await plain.text()).toBe("plain");
  });

  it("answers 404 JSON for unknown routes and paths outside /api", async () => {
    for (const p of ["/api/nothing-here", "/things/42"]) {
      const res = await api(p);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not-found");
    }
  });

  it("answers 405 with the allowed methods for a known route and a wrong method", async () => {
    const res = await api("/api/things/42", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, PUT");
  });

  it("refuses a body over 1 MiB with 413 and takes one at the limit", async () => {
    const tooBig = await api("/api/size", { method: "POST", body: "x".repeat(1024 * 1024 + 1) });
    expect(tooBig.status).toBe(413);
    const atLimit = await api("/api/size", { method: "POST", body: "x".repeat(1024 * 1024) });
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual({ bytes: 1024 * 1024 });
  });

  it("turns a throwing handler into a generic 500 and logs the failure", async () => {
    const res = await api("/api/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(lines.some((l) => l.startsWith("Executed 'boom'") && l.includes("Failed"))).toBe(true);
  });

  it("runs a timer function at once from the admin endpoint and answers 202", async () => {
    const before = background.calls.timer.length;
    const res = await fetch(`${host.url}/admin/functions/fixtureTimer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: "" }),
    });
    expect(res.status).toBe(202);
    expect(await eventually(() => background.calls.timer.length === before + 1)).toBe(true);
    expect(background.calls.timer.at(-1)!.isPastDue).toBe(false);
    expect(background.calls.timer.at(-1)!.scheduleStatus.next).toMatch(/T03:00:00.000Z$/);
    expect(lines).toContain("[fixtureTimer] fixture timer ran");
  });

  it("runs a queue function from the admin endpoint with the input parsed as JSON", async () => {
    const before = background.calls.queue.length;
    const res = await fetch(`${host.url}/admin/functions/fixtureWorker`, { method: "POST", body: JSON.stringify({ input: '{"a":1}' }) });
    expect(res.status).toBe(202);
    expect(await eventually(() => background.calls.queue.length === before + 1)).toBe(true);
    expect(background.calls.queue.at(-1)!.body).toEqual({ a: 1 });
  });

  it("answers 404 from the admin endpoint for an unknown or HTTP function", async () => {
    expect((await fetch(`${host.url}/admin/functions/nope`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${host.url}/admin/functions/echo`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("delivers a message sent over the local transport to the queue trigger named by a setting", async () => {
    const sender = new LocalMessageQueue(azurite.connectionString);
    await sender.send(queue as QueueName, { hello: "queue" }, { messageId: "host-m-1" });
    await sender.close();
    expect(await eventually(() => background.calls.queue.some((c) => c.metadata?.messageId === "host-m-1"))).toBe(true);
    expect(background.calls.queue.find((c) => c.metadata?.messageId === "host-m-1")!.body).toEqual({ hello: "queue" });
    expect(lines.some((l) => l.startsWith("Executed 'fixtureWorker' (ServiceBus, Succeeded"))).toBe(true);
  });
});
