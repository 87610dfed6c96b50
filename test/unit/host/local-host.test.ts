import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AzuriteHandle } from "../../../dev/azurite";
import { readHostKeys, type HostKeys } from "../../../dev/host/host-keys";
import { startLocalHost } from "../../../dev/host/local-host";
import type { LocalHost } from "../../../dev/host/local-host";
import { LocalMessageQueue } from "../../../shared/queue/local-queue";
import type { QueueName } from "../../../shared/queue/queue-names";
import { eventually, startTestAzurite, uniqueQueueName } from "../queue/azurite-fixture";
import * as background from "./fixtures/background-functions";
import * as httpFunctions from "./fixtures/http-functions";

let azurite: AzuriteHandle;
let host: LocalHost;
let keys: HostKeys;
const lines: string[] = [];
const queue = uniqueQueueName("host-fixture");
const keysDir = mkdtempSync(path.join(tmpdir(), "host-keys-test-"));
/** A small body limit for this host, so the 413 tests send little. */
const BODY_LIMIT = 4 * 1024 * 1024;

beforeAll(async () => {
  azurite = await startTestAzurite();
  host = await startLocalHost({
    port: 0,
    repoRoot: path.join(__dirname, "fixtures", "repo"),
    modules: [httpFunctions, background],
    env: {
      AzureWebJobsStorage: azurite.connectionString,
      FIXTURE_QUEUE: queue,
      FIXTURE_OVERRIDDEN: "env-value",
      LOCAL_HOST_KEYS_FILE: path.join(keysDir, "keys.json"),
      FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: String(BODY_LIMIT),
    },
    queue: { idlePollMs: 100 },
    log: (line) => void lines.push(line),
  });
  keys = readHostKeys(host.keysFile);
});

afterAll(async () => {
  await host?.close();
  await azurite?.close();
  rmSync(keysDir, { recursive: true, force: true });
});

const api = (p: string, init?: RequestInit) => fetch(`${host.url}${p}`, init);
/** Calls with echo's own function key in x-functions-key. */
const keyed = (p: string, init: RequestInit = {}) => api(p, { ...init, headers: { ...(init.headers as Record<string, string>), "x-functions-key": keys.functionKeys.echo!.default! } });

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
    const res = await keyed("/api/things/42/more?x=1", { method: "PUT", body: "hello", headers: { "x-test": "t" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-echo")).toBe("yes");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ method: "PUT", params: { id: "42", extra: "more" }, query: { x: "1" }, body: "hello", header: "t" });
  });

  it("leaves an optional parameter out when the path omits it", async () => {
    const body = (await (await keyed("/api/things/7")).json()) as { params: Record<string, string> };
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

  it("hands a body to the handler as a stream it reads at its own pace (app.setup enableHttpStream)", async () => {
    const res = await api("/api/body-kind", { method: "POST", body: "x".repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(200);
    const seen = (await res.json()) as { stream: boolean; firstChunkBytes: number };
    expect(seen.stream).toBe(true);
    // Buffered, the whole 3 MiB would come as one chunk; streamed, the first read is one socket chunk.
    expect(seen.firstChunkBytes).toBeGreaterThan(0);
    expect(seen.firstChunkBytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("takes a body above the old 1 MiB pre-read whole when the handler reads it all", async () => {
    const res = await api("/api/size", { method: "POST", body: "x".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 2 * 1024 * 1024 });
  });

  it("refuses a body over FUNCTIONS_REQUEST_BODY_SIZE_LIMIT with an empty 413, declared or chunked", async () => {
    const declared = await api("/api/size", { method: "POST", body: "x".repeat(BODY_LIMIT + 1) });
    expect([declared.status, await declared.text()]).toEqual([413, ""]);
    const chunked = await postChunked("/api/size", BODY_LIMIT + 64 * 1024);
    expect(chunked).toBe(413);
  });

  it("turns a throwing handler into a generic 500 and logs the failure", async () => {
    const res = await api("/api/boom");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).error.code).toBe("internal");
    expect(lines.some((l) => l.startsWith("Executed 'boom'") && l.includes("Failed"))).toBe(true);
    expect(lines).toContain("'boom' threw: with enableHttpStream Azure would send this caller no answer; catch in the handler.");
  });

  it("runs a timer function at once from the admin endpoint and answers 202", async () => {
    const before = background.calls.timer.length;
    const res = await fetch(`${host.url}/admin/functions/fixtureTimer`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-functions-key": keys.masterKey },
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
    const res = await fetch(`${host.url}/admin/functions/fixtureWorker?code=${encodeURIComponent(keys.masterKey)}`, { method: "POST", body: JSON.stringify({ input: '{"a":1}' }) });
    expect(res.status).toBe(202);
    expect(await eventually(() => background.calls.queue.length === before + 1)).toBe(true);
    expect(background.calls.queue.at(-1)!.body).toEqual({ a: 1 });
  });

  it("answers 404 from the admin endpoint for an unknown or HTTP function", async () => {
    const master = { "x-functions-key": keys.masterKey };
    expect((await fetch(`${host.url}/admin/functions/nope`, { method: "POST", headers: master, body: "{}" })).status).toBe(404);
    expect((await fetch(`${host.url}/admin/functions/echo`, { method: "POST", headers: master, body: "{}" })).status).toBe(404);
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

describe("local Functions host: keys, as the Functions host checks them", () => {
  const echoKey = () => keys.functionKeys.echo!.default!;
  const expect401 = async (res: Response) => expect([res.status, await res.text()]).toEqual([401, ""]);

  it("writes a keys file: a master key, a host default key, a default key per function at authLevel function", () => {
    expect(lines.some((l) => l === `Keys file: ${host.keysFile} (created)`)).toBe(true);
    expect(keys.masterKey.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(keys.hostKeys)).toEqual(["default"]);
    expect(Object.keys(keys.functionKeys).sort()).toEqual(["echo", "otherKeyed"]);
    expect(new Set([keys.masterKey, keys.hostKeys.default, echoKey(), keys.functionKeys.otherKeyed!.default]).size).toBe(4);
    expect(lines.join("\n")).not.toContain(keys.masterKey);
  });

  it("answers an empty 401 at authLevel function without a key or with a wrong one, in header or query", async () => {
    await expect401(await api("/api/things/1"));
    await expect401(await api("/api/things/1", { headers: { "x-functions-key": "not-a-key" } }));
    await expect401(await api("/api/things/1?code=not-a-key"));
    await expect401(await api("/api/things/1", { headers: { "x-functions-key": keys.functionKeys.otherKeyed!.default! } }));
  });

  it("lets the function's own key, a host key or the master key through, in x-functions-key or ?code=", async () => {
    for (const key of [echoKey(), keys.hostKeys.default!, keys.masterKey]) {
      expect((await api("/api/things/1", { headers: { "x-functions-key": key } })).status).toBe(200);
      expect((await api(`/api/things/1?code=${encodeURIComponent(key)}`)).status).toBe(200);
    }
  });

  it("reads the header before the query, as the Functions host does: a wrong header is not saved by a right code", async () => {
    await expect401(await api(`/api/things/1?code=${encodeURIComponent(echoKey())}`, { headers: { "x-functions-key": "wrong" } }));
  });

  it("checks the key before reading the body: a refused call never reaches the handler", async () => {
    await expect401(await api("/api/things/1", { method: "PUT", body: "x".repeat(BODY_LIMIT + 1) }));
  });

  it("needs no key on anonymous routes, and treats a route without authLevel as anonymous like @azure/functions", async () => {
    expect((await api("/api/body-kind", { method: "POST", body: "a" })).status).toBe(200);
    expect("authLevel" in httpFunctions.thingsLatest.options).toBe(false);
    expect((await api("/api/things/latest")).status).toBe(200);
  });

  it("runs POST /admin/functions/{name} with the master key only", async () => {
    const run = (headers: Record<string, string>, query = "") =>
      api(`/admin/functions/fixtureTimer${query}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: '{"input":""}' });
    await expect401(await run({}));
    await expect401(await run({ "x-functions-key": keys.hostKeys.default! }));
    await expect401(await run({ "x-functions-key": echoKey() }));
    await expect401(await run({}, "?code=wrong"));
    expect((await run({ "x-functions-key": keys.masterKey })).status).toBe(202);
    expect((await run({}, `?code=${encodeURIComponent(keys.masterKey)}`)).status).toBe(202);
  });
});

/** POSTs `bytes` with Transfer-Encoding: chunked (no Content-Length) and resolves with the status. */
function postChunked(route: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${host.url}${route}`, { method: "POST" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", () => undefined);
    const chunk = Buffer.alloc(64 * 1024, "x");
    const write = (left: number): void => {
      if (left <= 0 || req.destroyed) return void req.end();
      if (req.write(chunk.subarray(0, Math.min(left, chunk.length)))) return write(left - chunk.length);
      req.once("drain", () => write(left - chunk.length));
    };
    write(bytes);
    setTimeout(() => reject(new Error("no answer to the chunked POST")), 10_000).unref();
  });
}
