import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import path from "node:path";

/** Node reads NODE_EXTRA_CA_CERTS only at start: runs this script again trusting the simulator's certificate. */
export function restartTrusting(script: string, certPath: string): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, [script, ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath } });
  return new Promise((resolve) => child.on("exit", (code) => {
    process.exitCode = code ?? 1;
    resolve();
  }));
}

/** Where the benchmarks keep the simulator's certificate: `.sim/bench` in the repository. */
export function certDir(): string {
  const repo = path.resolve(__dirname, "..", ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? [".."] : []));
  return path.join(repo, ".sim", "bench");
}

/** A client for the simulator's control API; throws on a non-2xx answer. */
export function controlClient(baseUrl: string) {
  return async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${route}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} → ${response.status}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
