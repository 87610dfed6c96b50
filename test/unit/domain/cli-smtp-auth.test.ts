import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_OK, EXIT_USAGE, USAGE, runCli, type CliIo } from "../../../cli/run-cli";

const ROOT = join(__dirname, "../../..");

function fakeIo(stdin = ""): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, readStdin: async () => stdin, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe("smtp-auth CLI (in process)", () => {
  it("prints the causes as JSON, best first, with --json", async () => {
    const io = fakeIo();
    const code = await runCli(["diagnose", "535 5.7.139 Authentication unsuccessful, account locked.", "--json"], io);
    expect(code).toBe(EXIT_OK);
    const parsed = JSON.parse(io.stdout.join("")) as { causes: Array<{ id: string; confidence: number; evidence: string }> };
    expect(parsed.causes[0]).toMatchObject({ id: "account-locked", confidence: 0.95, evidence: "535 5.7.139 Authentication unsuccessful, account locked" });
  });

  it("reads the text from stdin when given '-' or nothing", async () => {
    for (const argv of [["diagnose", "-", "--json"], ["diagnose", "--json"]]) {
      const io = fakeIo("421 4.7.66 TLS 1.0 and 1.1 are not supported.");
      expect(await runCli(argv, io)).toBe(EXIT_OK);
      expect(JSON.parse(io.stdout.join("")).causes[0].id).toBe("tls-version-unsupported");
    }
  });

  it("prints each cause with its confidence, evidence and what to do for people", async () => {
    const io = fakeIo();
    await runCli(["diagnose", "550 5.7.30 Basic authentication is not supported for Client Submission."], io);
    const text = io.stdout.join("\n");
    expect(text).toContain("[basic-auth-retired]");
    expect(text).toContain("95%");
    expect(text).toContain('evidence: "550 5.7.30 Basic authentication is not supported for Client Submission"');
    expect(text).toContain("smtp-hve.office365.com");
  });

  it("speaks Bulgarian with --lang bg", async () => {
    const io = fakeIo();
    await runCli(["diagnose", "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.", "--lang", "bg"], io);
    expect(io.stdout.join("\n")).toContain("Грешно потребителско име или парола");
  });

  it.each([
    [[]],
    [["frobnicate"]],
    [["diagnose", "--verbose", "x"]],
    [["diagnose", "one", "two"]],
    [["diagnose", "x", "--lang", "de"]],
  ])("exits 2 with the usage line for %j", async (argv) => {
    const io = fakeIo();
    expect(await runCli(argv, io)).toBe(EXIT_USAGE);
    expect(io.stderr.join("\n")).toContain(USAGE);
    expect(io.stdout).toEqual([]);
  });

  it("exits 2 when stdin is empty too", async () => {
    const io = fakeIo("   \n");
    expect(await runCli(["diagnose"], io)).toBe(EXIT_USAGE);
  });
});

describe("bin/smtp-auth.js (compiled, as npx runs it)", () => {
  let out: string;

  beforeAll(() => {
    // Transpile the CLI and the domain to CommonJS in a temp dir laid out like dist/ (no type check: tsc does that).
    out = mkdtempSync(join(tmpdir(), "smtp-auth-cli-"));
    for (const dir of ["cli", "shared/domain"]) {
      for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".ts"))) {
        const source = readFileSync(join(ROOT, dir, file), "utf8");
        const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
        const target = join(out, "dist", dir, file.replace(/\.ts$/, ".js"));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, js);
      }
    }
    mkdirSync(join(out, "bin"));
    writeFileSync(join(out, "bin/smtp-auth.js"), readFileSync(join(ROOT, "bin/smtp-auth.js")));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const run = (args: string[], input?: string) => spawnSync(process.execPath, [join(out, "bin/smtp-auth.js"), ...args], { input, encoding: "utf8", timeout: 20_000 });

  it("is an executable node script", () => {
    const bin = readFileSync(join(ROOT, "bin/smtp-auth.js"), "utf8");
    expect(bin.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(join(ROOT, "bin/smtp-auth.js")).mode & 0o111).not.toBe(0);
  });

  it("diagnoses an argument and exits 0", () => {
    const result = run(["diagnose", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", "--json"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).causes[0].id).toBe("smtp-auth-disabled-tenant");
  });

  it("diagnoses piped stdin", () => {
    const result = run(["diagnose", "-", "--json"], "smtplib.SMTPAuthenticationError: (535, b'5.7.139 Authentication unsuccessful, the user credentials were incorrect.')");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).causes[0].id).toBe("wrong-credentials");
  });

  it("exits 2 with a usage line on a usage error", () => {
    const result = run(["diagnose", "--nope"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: smtp-auth diagnose");
  });
});
