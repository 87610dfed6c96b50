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
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
