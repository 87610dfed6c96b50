import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator } from "../../../dev/sim/start-simulator";
import type { RunningSimulator } from "../../../dev/sim/start-simulator";

/** A reply as the tests read it. */
export interface SimReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/** Starts a simulator on free ports with its own certificate directory. */
export async function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, smtpPort: 0, certDir: mkdtempSync(path.join(tmpdir(), "sim-cert-")) });
}

/** Sends one HTTPS request trusting the simulator's CA; JSON bodies are encoded and decoded. */
export function call(sim: RunningSimulator, method: string, urlOrPath: string, options: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; token?: string } = {}): Promise<SimReply> {
  const url = new URL(urlOrPath, sim.baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | undefined;
  if (options.form) {
    payload = new URLSearchParams(options.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const ca = readFileSync(sim.caCertPath);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** A client-credentials token for a tenant and scope. */
export async function token(sim: RunningSimulator, tenantId: string, scope: string): Promise<string> {
  const reply = await call(sim, "POST", `/${tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: "client_credentials", client_id: "sim-client", client_secret: "sim-secret", scope },
  });
  if (reply.status !== 200) throw new Error(`token failed: ${reply.text}`);
  return reply.body.access_token as string;
}

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
export const EXCHANGE_SCOPE = "https://outlook.office365.com/.default";

/** Invokes an Exchange cmdlet. */
export function invoke(sim: RunningSimulator, tenantId: string, exchangeToken: string, cmdlet: string, parameters: Record<string, unknown> = {}, options: { url?: string; select?: string; pageSize?: number } = {}): Promise<SimReply> {
  const base = options.url ?? `/adminapi/beta/${tenantId}/InvokeCommand${options.select ? `?$select=${options.select}` : ""}`;
  return call(sim, "POST", base, {
    token: exchangeToken,
    body: { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } },
    headers: options.pageSize ? { prefer: `odata.maxpagesize=${options.pageSize}` } : {},
  });
}
