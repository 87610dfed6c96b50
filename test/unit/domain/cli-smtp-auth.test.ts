import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_OK, EXIT_USAGE, USAGE, runCli, type CliIo } from "../../../cli/run-cli";

const ROOT = join(__dirname, "../../..");
const FIXTURES = join(ROOT, "test/fixtures/error-reports");
/** The reports of the OAuth era and beyond, as the fixtures hold them (without their "# source:" lines). */
const NEW_CAUSE_REPORTS = readdirSync(FIXTURES)
  .filter((f) => /^(oauth-|tls-mode-|tls-cipher-|not-smtp-auth)/.test(f))
  .map((f) => [f, f.split(".")[0] as string, readFileSync(join(FIXTURES, f), "utf8").replace(/^(?:#[^\n]*\n)+/, "")] as const);

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
    expect(text).toContain("smtp.hve.mx.microsoft");
    expect(text).not.toContain("smtp-hve.office365.com");
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

describe("smtp-auth CLI on OAuth, TLS and non-authentication reports", () => {
  it("has reports of every new kind to run on", () => {
    expect(new Set(NEW_CAUSE_REPORTS.map(([, cause]) => cause))).toEqual(
      new Set(["oauth-token-wrong-user", "oauth-app-not-permitted", "oauth-client-credentials-invalid", "oauth-refresh-token-expired", "tls-mode-mismatch", "tls-cipher-unsupported", "not-smtp-auth"]),
    );
  });

  it.each(NEW_CAUSE_REPORTS)("names the cause of %s first and plans no step for it", async (_file, cause, text) => {
    const io = fakeIo();
    expect(await runCli(["diagnose", text, "--json"], io)).toBe(EXIT_OK);
    const parsed = JSON.parse(io.stdout.join("")) as { causes: Array<{ id: string }>; stepsWithinReach: string[] };
    expect(parsed.causes[0]?.id).toBe(cause);
    expect(parsed.stepsWithinReach).toEqual([]);
    expect(parsed.causes.map((c) => c.id)).not.toContain("smtp-auth-disabled-tenant");
  });

  it("says in words that nothing is fixed by weakening, and points OAuth errors to the oauth-app path", async () => {
    const io = fakeIo();
    await runCli(["diagnose", "AUTH XOAUTH2 dXNlcj1zY2Fu... → 535 5.7.3 Authentication unsuccessful"], io);
    const text = io.stdout.join("\n");
    expect(text).toContain("[oauth-app-not-permitted]");
    expect(text).toContain('"path": "oauth-app"');
    expect(text).toContain("none: nothing here is fixed by weakening the tenant");
  });

  it("does not claim nothing weakens when it recognised nothing: a live diagnosis reads every layer", async () => {
    const io = fakeIo();
    await runCli(["diagnose", "the printer shows a timeout"], io);
    expect(io.stdout.join("\n")).toContain("none from this text");
    expect(io.stdout.join("\n")).not.toContain("nothing here is fixed by weakening");
  });

  it("still lists the step a report of a setting can lead to, so the field tells something", async () => {
    const io = fakeIo();
    await runCli(["diagnose", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", "--json"], io);
    expect(JSON.parse(io.stdout.join("")).stepsWithinReach).toEqual(["enable-mailbox-smtp-auth"]);
    const words = fakeIo();
    await runCli(["diagnose", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", "--lang", "bg"], words);
    expect(words.stdout.join("\n")).toContain("[enable-mailbox-smtp-auth]");
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

  it("names the OAuth and TLS causes from stdin and plans no step for them", () => {
    for (const [file, cause, text] of NEW_CAUSE_REPORTS.filter(([, c]) => c.startsWith("oauth-") || c.startsWith("tls-"))) {
      const result = run(["diagnose", "--json"], text);
      expect(result.status, file).toBe(0);
      const parsed = JSON.parse(result.stdout) as { causes: Array<{ id: string }>; stepsWithinReach: string[] };
      expect(parsed.causes[0]?.id, file).toBe(cause);
      expect(parsed.stepsWithinReach, file).toEqual([]);
    }
  });

  it("exits 2 with a usage line on a usage error", () => {
    const result = run(["diagnose", "--nope"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: smtp-auth diagnose");
  });
});
