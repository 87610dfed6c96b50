import type { PerUserMfaState } from "../domain/types";
import { parseRetryAfter } from "../retry/backoff";
import type { GraphRequester } from "./graph-requester";
import { toPerUserMfaState } from "./graph-mappers";
import { errorFromHttp } from "./http-error";
import { isM365Error } from "./m365-error";

/** Graph accepts at most 20 requests in one $batch. */
export const BATCH_SIZE = 20;
/** Batches in flight at once on the first pass; re-sends of throttled items go one batch at a time. */
export const BATCH_CONCURRENCY = 4;
/** Passes over throttled items before the rest are given up (left absent). */
export const BATCH_MAX_ROUNDS = 10;
/** Total time one bulk read may spend waiting out Retry-After before the rest are given up. */
export const BATCH_RETRY_BUDGET_MS = 30_000;
/** Wait when a throttled item carries no Retry-After. */
const DEFAULT_ITEM_RETRY_MS = 1_000;

interface BatchItemReply {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Seams for tests. */
export interface BatchOptions {
  sleep?: (ms: number) => Promise<void>;
}

/** What one pass left to do: users to re-send and how long to wait first. */
interface PassResult {
  throttled: string[];
  waitMs: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Per-user MFA for many users through `$batch`. The SDK's retry handler never sees inside a batch,
 * so items answered 429 (or 503/504) are re-sent after their Retry-After, within a round and time
 * budget. A user whose read failed or ran out of budget is absent; a denied permission (of the
 * batch or of any item) throws, naming the permission.
 */
export async function readPerUserMfaStates(
  requester: GraphRequester,
  userIds: readonly string[],
  options: BatchOptions = {},
): Promise<Map<string, PerUserMfaState>> {
  const sleep = options.sleep ?? realSleep;
  const result = new Map<string, PerUserMfaState>();
  let pending = [...userIds];
  let waited = 0;
  for (let round = 0; round < BATCH_MAX_ROUNDS && pending.length > 0; round++) {
    const pass = await runPass(requester, pending, round === 0 ? BATCH_CONCURRENCY : 1, result);
    if (pass.throttled.length === 0 || waited + pass.waitMs > BATCH_RETRY_BUDGET_MS) break;
    await sleep(pass.waitMs);
    waited += pass.waitMs;
    pending = pass.throttled;
  }
  return result;
}

async function runPass(
  requester: GraphRequester,
  userIds: string[],
  concurrency: number,
  into: Map<string, PerUserMfaState>,
): Promise<PassResult> {
  const chunks: string[][] = [];
  for (let i = 0; i < userIds.length; i += BATCH_SIZE) chunks.push(userIds.slice(i, i + BATCH_SIZE));
  const pass: PassResult = { throttled: [], waitMs: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) await sendBatch(requester, chunks[next++] ?? [], into, pass);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return pass;
}

async function sendBatch(requester: GraphRequester, userIds: string[], into: Map<string, PerUserMfaState>, pass: PassResult): Promise<void> {
  let reply: { responses?: BatchItemReply[] };
  try {
    reply = await requester.send({
      operation: "graph.getPerUserMfaStates",
      method: "POST",
      path: "/$batch",
      version: "beta",
      body: {
        requests: userIds.map((userId, i) => ({
          id: String(i),
          method: "GET",
          url: `/users/${encodeURIComponent(userId)}/authentication/requirements`,
        })),
      },
    });
  } catch (e) {
    // The whole batch was throttled past the in-call retries: its users wait for the next pass.
    if (!isM365Error(e) || (e.kind !== "throttled" && e.kind !== "transient")) throw e;
    pass.throttled.push(...userIds);
    pass.waitMs = Math.max(pass.waitMs, e.retryAfterMs ?? DEFAULT_ITEM_RETRY_MS);
    return;
  }
  for (const item of reply.responses ?? []) {
    const userId = userIds[Number(item.id)];
    if (userId === undefined) continue;
    if (item.status >= 200 && item.status < 300) {
      const state = toPerUserMfaState((item.body as { perUserMfaState?: unknown } | undefined)?.perUserMfaState);
      if (state) into.set(userId, state);
    } else if (item.status === 429 || item.status === 503 || item.status === 504) {
      const retryAfterMs = parseRetryAfter(headerOf(item.headers, "retry-after"));
      // An item's 429 is the tenant's Graph budget too: other calls must wait it out as well.
      if (retryAfterMs !== undefined && item.status !== 504) requester.noteThrottled(retryAfterMs);
      pass.throttled.push(userId);
      pass.waitMs = Math.max(pass.waitMs, retryAfterMs ?? DEFAULT_ITEM_RETRY_MS);
    } else if (item.status === 401 || item.status === 403) {
      // A refused item means the app lacks the permission for every user: say which, do not drop it.
      const error = (item.body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw errorFromHttp({ service: "graph", operation: "graph.getPerUserMfaStates" }, { status: item.status, code: error?.code, message: error?.message });
    }
    // Any other item status (404) leaves the user absent: the caller records it as unknown.
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}
