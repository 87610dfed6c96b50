import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAzurite, type AzuriteHandle } from "./azurite";
import { startHostProcess, type HostProcess } from "./host-process";
import { requestJson, type JsonRequestOptions, type JsonResponse } from "./http-json";
import { DEMO_OPERATOR, signInOperator, type OperatorIdentity, type OperatorSession } from "./operator-session";
import { startSimulator, type RunningSimulator } from "./sim/start-simulator";

/** The whole product on this machine: its own Azurite, its own simulator, the compiled host as a process. */
export interface LocalStack {
  azurite: AzuriteHandle;
  sim: RunningSimulator;
  host: HostProcess;
  /** Calls the product's API signed in as DEMO_OPERATOR (every app role): `api("/api/tenants")`. */
  api<T = any>(path: string, options?: JsonRequestOptions): Promise<JsonResponse<T>>;
  /**
   * Calls the host with its master key in `x-functions-key`, as Azure wants for the admin endpoints:
   * `adminApi("/admin/functions/nightlyAudit", { method: "POST", body: { input: "" } })`.
   */
  adminApi<T = any>(path: string, options?: JsonRequestOptions): Promise<JsonResponse<T>>;
  /** Calls the product's API with no Authorization header (health, webhooks, or to see a 401). */
  anonymousApi<T = any>(path: string, options?: JsonRequestOptions): Promise<JsonResponse<T>>;
  /**
   * Signs in an operator with the given app roles (a token from the simulator's operator tenant) and
   * returns `{upn, oid, token, api}`; `api` calls the product with that person's bearer token.
   */
  signIn(identity: OperatorIdentity): Promise<OperatorSession>;
  /** Calls the simulator (control API or Microsoft's surfaces). */
  simApi<T = any>(path: string, options?: JsonRequestOptions): Promise<JsonResponse<T>>;
  /** Starts the host again (after a stop or a kill) on the same Azurite and simulator. */
  restartHost(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** App settings for the host on top of the sample (e.g. faster retries for tests). */
  settings?: Record<string, string>;
  /** Where the simulator's certificate lives; the process's NODE_EXTRA_CA_CERTS must trust it. */
  certDir?: string;
}

/** Fast retry and sweep settings, so tests and the demo see a request through in seconds. */
export const FAST_SETTINGS: Record<string, string> = {
  STEP_BASE_DELAY_MS: "200",
  STEP_MAX_DELAY_MS: "2000",
  STEP_LEASE_MS: "5000",
  STUCK_AFTER_MS: "8000",
  SWEEP_SCHEDULE: "*/2 * * * * *",
};

/** Starts Azurite (in memory), the simulator and the host, each on free ports: nothing is shared or left behind. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const certDir = options.certDir ?? process.env.SIM_CERT_DIR;
  const azurite = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  const sim = await startSimulator({ port: 0, smtpPort: 0, ...(certDir ? { certDir } : {}) });
  const ca = readFileSync(sim.caCertPath, "utf8");
  // The host makes its keys here; a restart reads the same ones.
  const keysDir = mkdtempSync(path.join(tmpdir(), "host-keys-"));
  const env = {
    LOCAL_HOST_KEYS_FILE: path.join(keysDir, "keys.json"),
    AzureWebJobsStorage: azurite.connectionString,
    QUEUE_TRANSPORT: "local",
    M365_AUTHORITY_HOST: sim.baseUrl,
    GRAPH_BASE_URL: sim.baseUrl,
    EXCHANGE_BASE_URL: sim.baseUrl,
    OPERATOR_AUTHORITY_HOST: sim.baseUrl,
    M365_CLIENT_ID: "sim-client",
    M365_CLIENT_SECRET: "sim-secret",
    NODE_EXTRA_CA_CERTS: sim.caCertPath,
    ...FAST_SETTINGS,
    ...options.settings,
  };
  let host = await startHostProcess({ env });
  const signIn = (identity: OperatorIdentity) => signInOperator(sim.baseUrl, ca, () => host.url, identity);
  let operator: Promise<OperatorSession> | undefined;
  const stack: LocalStack = {
    azurite,
    sim,
    get host() {
      return host;
    },
    api: async (path, init) => {
      operator ??= signIn(DEMO_OPERATOR);
      return (await operator).api(path, init);
    },
    adminApi: (route, init) => requestJson(`${host.url}${route}`, { ...init, headers: { ...init?.headers, "x-functions-key": host.masterKey } }),
    anonymousApi: (route, init) => requestJson(`${host.url}${route}`, init),
    signIn,
    simApi: (path, init) => requestJson(`${sim.baseUrl}${path}`, { ca, ...init }),
    restartHost: async () => {
      await host.stop("SIGKILL");
      host = await startHostProcess({ env });
    },
    stop: async () => {
      await host.stop();
      await sim.close();
      await azurite.close();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** Polls a remediation until it leaves queued/running, or fails the test after `timeoutMs`. */
export async function waitForTerminal(stack: LocalStack, id: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // On a loaded machine one poll may time out while the host works through a batch: poll again until the deadline.
    const res = await stack.api(`/api/remediations/${id}`).catch((e: unknown) => ({ status: 0, body: { status: "unanswered", error: String(e) } as any }));
    if (res.status === 200 && !["queued", "running"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`Remediation ${id} did not finish in ${timeoutMs} ms: ${JSON.stringify(res.body)}\nHost output:\n${stack.host.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
