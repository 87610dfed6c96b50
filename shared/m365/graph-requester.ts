import type { Client } from "@microsoft/microsoft-graph-client";
import { networkError, withCallPolicy } from "./call-policy";
import type { CallIdentity, CallPolicyOptions } from "./call-policy";
import { errorFromHttp } from "./http-error";
import { identityError, isIdentityErrorName } from "./identity-error";
import { isM365Error } from "./m365-error";
import type { M365Error } from "./m365-error";
import type { M365Operation } from "./m365-permissions";

/** One Graph request, relative to the base (`/users/x`) or absolute (a nextLink). */
export interface GraphCall {
  operation: M365Operation;
  method: "GET" | "PATCH" | "POST";
  path: string;
  version?: "v1.0" | "beta";
  body?: unknown;
  /** Extra request headers (ConsistencyLevel for advanced queries). */
  headers?: Readonly<Record<string, string>>;
}

/** The shape of the SDK's GraphError, read structurally (it is not always an instance). */
interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: { get(name: string): string | null } | Record<string, string>;
}

/** Sends Graph requests through the SDK client under the call policy, failing only with M365Error. */
export class GraphRequester {
  constructor(
    private readonly client: Client,
    private readonly policy: CallPolicyOptions = {},
  ) {}

  /** Closes the tenant's Graph gate for a throttled reply the call policy never saw (a $batch item). */
  noteThrottled(retryAfterMs: number): void {
    this.policy.gate?.close(retryAfterMs);
  }

  /** The parsed JSON reply (undefined for 204). */
  async send<T>(call: GraphCall): Promise<T> {
    const id: CallIdentity = { service: "graph", operation: call.operation };
    return withCallPolicy(id, (attempt) => this.sendOnce<T>(attempt, call), this.policy);
  }

  private async sendOnce<T>(id: CallIdentity, call: GraphCall): Promise<T> {
    let request = this.client.api(call.path).version(call.version ?? "v1.0").header("client-request-id", id.clientRequestId ?? "");
    if (call.headers) request = request.headers({ ...call.headers });
    try {
      if (call.method === "GET") return (await request.get()) as T;
      if (call.method === "PATCH") return (await request.patch(call.body)) as T;
      return (await request.post(call.body)) as T;
    } catch (e) {
      throw toM365Error(id, e);
    }
  }
}

/** Maps what the SDK threw (GraphError, or an identity error it wrapped) to an M365Error. */
export function toM365Error(id: CallIdentity, e: unknown): M365Error {
  if (isM365Error(e)) return e;
  const err = (e ?? {}) as GraphErrorLike;
  const status = typeof err.statusCode === "number" ? err.statusCode : -1;
  if (status <= 0) {
    // The token request failed inside the SDK's auth handler; the identity error's name is the code.
    if (isIdentityErrorName(err.code)) return identityError(id, err.code ?? "", err.message ?? "", e);
    return networkError(id, { name: err.code ?? undefined, cause: e });
  }
  return errorFromHttp(id, {
    status,
    code: err.code ?? undefined,
    message: err.message,
    retryAfter: headerValue(err.headers, "retry-after"),
    cause: e,
  });
}

function headerValue(headers: GraphErrorLike["headers"], name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(n: string): string | null }).get(name);
  }
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key ? (record[key] ?? null) : null;
}
