import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingHttpHeaders, Server } from "node:http";

/** One request as a fake vendor saw it. */
export interface VendorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface VendorAnswer {
  status: number;
  body?: unknown;
}

/**
 * A JSON HTTP server on 127.0.0.1 and a free port: the skeleton of each fake vendor in dev/vendors,
 * which decides the answers. A body that is not JSON reaches the handler as undefined.
 */
export class VendorHttpServer {
  private server?: Server;
  origin = "";

  constructor(private readonly handle: (request: VendorRequest) => Promise<VendorAnswer> | VendorAnswer) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(request.url ?? "/", this.origin);
        let body: unknown;
        try {
          body = text ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          body = undefined;
        }
        Promise.resolve(this.handle({ method: request.method ?? "GET", path: url.pathname, query: url.searchParams, headers: request.headers, body }))
          .catch(() => ({ status: 500, body: { message: "fake vendor failed" } }))
          .then((answer) => {
            response.writeHead(answer.status, { "content-type": "application/json" });
            response.end(JSON.stringify(answer.body ?? {}));
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
