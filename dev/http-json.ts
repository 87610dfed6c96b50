import http from "node:http";
import https from "node:https";

export interface JsonResponse<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
}

export interface JsonRequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** PEM of the CA to trust for https (the simulator's self-signed certificate). */
  ca?: string | Buffer;
  timeoutMs?: number;
}

/**
 * A small JSON client for dev tools and tests. It takes the CA per call because NODE_EXTRA_CA_CERTS
 * is read only when a process starts, and `npm start` creates the simulator's certificate later.
 */
export function requestJson<T = unknown>(url: string, options: JsonRequestOptions = {}): Promise<JsonResponse<T>> {
  const target = new URL(url);
  const payload = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (payload !== undefined) {
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  const transport = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(target, { method: options.method ?? "GET", headers, ca: options.ca, timeout: options.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON (an HTML report, an empty 204): hand back the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${options.method ?? "GET"} ${url} timed out`)));
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
