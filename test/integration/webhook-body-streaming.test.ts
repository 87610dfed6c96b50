import { readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, type LocalStack } from "../../dev/local-stack";
import { MAX_WEBHOOK_BODY_BYTES } from "../../shared/tickets";

const MB = 1024 * 1024;
const BODY_BYTES = 5 * MB;

/** The host process's peak resident memory (VmHWM) in bytes; writing 5 to clear_refs resets it to the current RSS. */
function peakRss(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}
/** Bytes the process has read through read() calls: socket reads included. */
function bytesRead(pid: number): number {
  return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1]);
}

/**
 * POSTs `total` bytes chunked (no Content-Length) at a steady pace and stops sending once the answer
 * arrives. Resolves with the status and how much had been handed to the socket by then.
 */
function postChunkedUntilAnswered(url: string, total: number): Promise<{ status: number; connection: string | undefined; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, sentWhenAnswered: sent });
      res.once("end", () => req.destroy());
    });
    // The host half-closes after answering; further writes may fail, which is expected.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    void (async () => {
      while (sent < total && !answered && !req.destroyed) {
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        sent += chunk.length;
        await sleep(2);
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

describe("a webhook body is streamed to the handler's cap, not buffered by the host", () => {
  let stack: LocalStack;
  let pid: number;
  const url = () => `${stack.host.url}/api/webhooks/zendesk`;

  beforeAll(async () => {
    stack = await startLocalStack();
    pid = stack.host.child.pid!;
    // Warm the path once, so loading code does not count as the body's memory.
    expect((await postChunkedUntilAnswered(url(), MB)).status).toBe(413);
  }, 90_000);
  afterAll(async () => stack?.stop());

  it("answers 413 to a 5 MB chunked POST while it is still being sent; the host reads a fraction and its peak memory grows < 10 MB", async () => {
    await sleep(300);
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const peakBefore = peakRss(pid);
    const readBefore = bytesRead(pid);

    const { status, connection, sentWhenAnswered } = await postChunkedUntilAnswered(url(), BODY_BYTES);
    await sleep(300);
    const peakGrowth = peakRss(pid) - peakBefore;
    const read = bytesRead(pid) - readBefore;
    console.info(`5 MB chunked webhook: ${status}; sent when answered ${sentWhenAnswered} B; host read ${read} B; host peak RSS +${peakGrowth} B`);

    expect(status).toBe(413);
    // The rest of the body is never read, so the client is told not to reuse the connection.
    expect(connection).toBe("close");
    // The answer came before the body ended: the host did not wait for (or hold) the whole body.
    expect(sentWhenAnswered).toBeLessThan(BODY_BYTES);
    // It stopped reading soon after the handler's cap: well under the 5 MB that were offered.
    expect(read).toBeGreaterThan(MAX_WEBHOOK_BODY_BYTES);
    expect(read).toBeLessThan(2 * MB);
    expect(peakGrowth).toBeLessThan(10 * MB);
  });

  it("still takes the next request on a new connection", async () => {
    const res = await stack.anonymousApi("/api/health");
    expect(res.status).toBe(200);
  });
});
