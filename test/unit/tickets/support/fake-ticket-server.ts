import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

export interface ReceivedCall {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
  /** The status this server answered the call with. */
  answeredWith?: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** HaloPSA's authorisation server: client_credentials tokens that expire, and can be revoked early. */
export interface TokenIssuer {
  clientId: string;
  clientSecret: string;
  lifetimeSeconds: number;
}

/**
 * A real HTTP server on 127.0.0.1 and a free port that stands in for a ticket system's comment API:
 * it records every call and answers from a script (then 200 once the script runs out). With a token
 * issuer it is also Halo's `/auth/token`, and refuses writes without a live token with 401.
 */
export class FakeTicketServer {
  readonly calls: ReceivedCall[] = [];
  private readonly script: ScriptedAnswer[];
  private server?: Server;
  /** Runs after every accepted write, as a vendor's automation does (re-sends the ticket to the app). */
  afterWrite?: (call: ReceivedCall) => Promise<void>;
  /** Resolves when every afterWrite started so far has finished. */
  private pending: Array<Promise<void>> = [];
  /** Token requests made, and writes refused for a missing, expired or revoked token. */
  tokenRequests = 0;
  refusedForToken = 0;
  private readonly liveTokens = new Map<string, number>();
  /** Zendesk users by id, answered on `GET /api/v2/users/{id}.json` (reads are counted, not recorded as calls). */
  readonly users = new Map<string, string>();
  userReads = 0;
  private issuer?: TokenIssuer;

  /** Answers `POST /auth/token` (form-encoded client_credentials) and checks every write's bearer token. */
  issueTokens(issuer: TokenIssuer): void {
    this.issuer = issuer;
  }

  /** Revokes every token issued so far, as a Halo admin rotating the application's secret would. */
  revokeTokens(): void {
    this.liveTokens.clear();
  }

  private answerToken(text: string): ScriptedAnswer {
    this.tokenRequests += 1;
    const form = new URLSearchParams(text);
    const issuer = this.issuer!;
    if (form.get("grant_type") !== "client_credentials" || form.get("client_id") !== issuer.clientId || form.get("client_secret") !== issuer.clientSecret) {
      return { status: 401, body: { error: "invalid_client" } };
    }
    const token = `halo-token-${this.tokenRequests}`;
    this.liveTokens.set(token, Date.now() + issuer.lifetimeSeconds * 1000);
    return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: issuer.lifetimeSeconds } };
  }

  private hasLiveToken(authorization: string | undefined): boolean {
    const expires = this.liveTokens.get(authorization?.replace(/^Bearer /, "") ?? "");
    return expires !== undefined && expires > Date.now();
  }

  constructor(script: ScriptedAnswer[] = []) {
    this.script = [...script];
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const reply = (answer: ScriptedAnswer): void => {
          response.writeHead(answer.status, { "content-type": "application/json", ...(answer.headers ?? {}) });
          response.end(JSON.stringify(answer.body ?? {}));
        };
        if (this.issuer && request.url?.startsWith("/auth/token")) return reply(this.answerToken(text));
        const userId = request.method === "GET" ? /^\/api\/v2\/users\/(\d+)\.json$/.exec(request.url ?? "")?.[1] : undefined;
        if (userId) {
          this.userReads += 1;
          const email = this.users.get(userId);
          return reply(email ? { status: 200, body: { user: { id: Number(userId), email } } } : { status: 404, body: { error: "RecordNotFound" } });
        }
        if (this.issuer && !this.hasLiveToken(request.headers.authorization)) {
          this.refusedForToken += 1;
          return reply({ status: 401, body: { error: "invalid_token" } });
        }
        this.calls.push({
          method: request.method ?? "",
          path: request.url ?? "",
          authorization: request.headers.authorization,
          contentType: request.headers["content-type"],
          body: text ? (JSON.parse(text) as unknown) : undefined,
        });
        const answer = this.script.shift() ?? { status: 200, body: { ok: true } };
        reply(answer);
        const call = this.calls[this.calls.length - 1]!;
        call.answeredWith = answer.status;
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
