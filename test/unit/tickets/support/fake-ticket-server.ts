import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

export interface ReceivedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port that stands in for a ticket system's comment API:
 * it records every call and answers from a script (then 200 once the script runs out).
 */
export class FakeTicketServer {
  readonly calls: ReceivedCall[] = [];
  private readonly script: ScriptedAnswer[];
  private server?: Server;
  /** Runs after every accepted write, as a vendor's automation does (re-sends the ticket to the app). */
  afterWrite?: (call: ReceivedCall) => Promise<void>;
  /** Resolves when every afterWrite started so far has finished. */
  private pending: Array<Promise<void>> = [];

  constructor(script: ScriptedAnswer[] = []) {
    this.script = [...script];
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        this.calls.push({
          method: request.method ?? "",
          path: request.url ?? "",
          authorization: request.headers.authorization,
          contentType: request.headers["content-type"],
          body: text ? (JSON.parse(text) as unknown) : undefined,
        });
        const answer = this.script.shift() ?? { status: 200, body: { ok: true } };
        response.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
        response.end(JSON.stringify(answer.body ?? {}));
        const call = this.calls[this.calls.length - 1]!;
        if (answer.status < 300 && this.afterWrite) this.pending.push(this.afterWrite(call));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits for the re-sends the writes so far caused, and those they caused in turn. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
