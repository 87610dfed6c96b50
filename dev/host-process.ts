import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { readHostKeys } from "./host/host-keys";

export interface HostProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The host's keys file, and its master key for `POST /admin/functions/{name}`. */
  keysFile: string;
  masterKey: string;
  /** Everything the host printed, for a test to read when something went wrong. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartHostOptions {
  port?: number;
  /** App settings for the host, on top of the sample settings it loads itself. */
  env: Record<string, string>;
  /** Print the host's output as it comes (npm start), instead of only keeping it (tests). */
  echo?: boolean;
  startTimeoutMs?: number;
}

/** The compiled host, whether this file runs compiled (dist/dev) or from source under vitest (dev/). */
function compiledHostMain(): string {
  const compiled = __dirname.split(path.sep).includes("dist");
  return compiled ? path.join(__dirname, "host", "main.js") : path.join(__dirname, "..", "dist", "dev", "host", "main.js");
}

/**
 * Starts the compiled local host (dist/dev/host/main.js) as its own process, so it can be stopped or
 * killed while Azurite and the simulator live on, and resolves once it prints that it is ready.
 */
export function startHostProcess(options: StartHostOptions): Promise<HostProcess> {
  const main = compiledHostMain();
  const child = spawn(process.execPath, [main, "--port", String(options.port ?? 0)], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-200_000);
    if (options.echo) process.stdout.write(text);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The host did not become ready in time. Output:\n${output}`)), options.startTimeoutMs ?? 30_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(e);
    };
    let ready = false;
    child.once("exit", (code) => {
      if (!ready) fail(new Error(`The host exited (${code}) before it was ready. Output:\n${output}`));
    });
    const watch = () => {
      const m = /Host ready on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      const keysFile = /^Keys file: (.+?)(?: \(created\))?$/m.exec(output)?.[1];
      if (!m?.[1] || !m[2] || !keysFile) return;
      let masterKey: string;
      try {
        masterKey = readHostKeys(keysFile).masterKey;
      } catch (e) {
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
      ready = true;
      clearTimeout(timer);
      child.stdout?.off("data", watch);
      resolve({
        url: m[1],
        port: Number(m[2]),
        child,
        keysFile,
        masterKey,
        output: () => output,
        stop: async (signal = "SIGTERM") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout?.on("data", watch);
  });
}
