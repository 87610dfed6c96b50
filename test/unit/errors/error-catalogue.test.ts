import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError, ERROR_CATALOGUE, isAppError } from "../../../shared/errors/app-error";

describe("the error catalogue", () => {
  const readme = readFileSync(path.join(__dirname, "../../../README.md"), "utf8");

  it.each(Object.keys(ERROR_CATALOGUE))("documents %s in the README with its status", (code) => {
    const status = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status;
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`));
  });

  it("gives 4xx for what callers did and 5xx only for what we did", () => {
    const serverSide = Object.entries(ERROR_CATALOGUE).filter(([, e]) => e.status >= 500).map(([code]) => code);
    expect(serverSide.sort()).toEqual(["CONSOLE_NOT_CONFIGURED", "INTERNAL", "TEMPORARILY_UNAVAILABLE", "WEBHOOK_SEALING_NOT_CONFIGURED"]);
  });

  it("serialises to the public error shape and is recognised by name, not class", () => {
    const error = new AppError("TENANT_NOT_FOUND", "Tenant x is not onboarded.");
    expect(error.toBody()).toEqual({ error: { code: "TENANT_NOT_FOUND", message: "Tenant x is not onboarded." } });
    expect(isAppError({ name: "AppError" })).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
  });
});
