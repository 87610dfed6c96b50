import { describe, expect, it } from "vitest";
import type { HttpFunctionOptions } from "@azure/functions";
import { compileRoute, createRouter } from "../../../dev/host/http-routes";

const handler: HttpFunctionOptions["handler"] = async () => ({ status: 204 });
const target = (name: string, route?: string, methods?: HttpFunctionOptions["methods"]) => ({
  name,
  options: { handler, ...(route !== undefined ? { route } : {}), ...(methods ? { methods } : {}) },
});

describe("route templates", () => {
  it("captures required, optional and catch-all parameters", () => {
    const route = compileRoute("files/{id}/{version?}");
    expect(route.names).toEqual(["id", "version"]);
    expect(route.pattern.exec("/files/a")?.slice(1)).toEqual(["a", undefined]);
    expect(route.pattern.exec("/files/a/3")?.slice(1)).toEqual(["a", "3"]);
    expect(compileRoute("raw/{*rest}").pattern.exec("/raw/a/b/c")?.[1]).toBe("a/b/c");
  });

  it("checks an int constraint and matches literals case-insensitively", () => {
    const route = compileRoute("Orders/{n:int}");
    expect(route.pattern.test("/orders/12")).toBe(true);
    expect(route.pattern.test("/orders/twelve")).toBe(false);
  });
});

describe("router", () => {
  const route = createRouter([
    target("getRemediation", "remediations/{id}", ["GET"]),
    target("createRemediation", "remediations", ["POST"]),
    target("latestAudit", "audits/{tenantId}/latest", ["GET"]),
    target("health", undefined, undefined),
  ]);

  it("finds the function and decodes its parameters", () => {
    const match = route("GET", "/audits/contoso%20ltd/latest");
    expect(match).toMatchObject({ kind: "found", target: { name: "latestAudit" }, params: { tenantId: "contoso ltd" } });
  });

  it("uses the function name as the route and GET/POST as the methods by default", () => {
    expect(route("POST", "/health")).toMatchObject({ kind: "found", target: { name: "health" } });
    expect(route("PUT", "/health")).toEqual({ kind: "method-not-allowed", allowed: ["GET", "POST"] });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(route("DELETE", "/remediations/abc")).toEqual({ kind: "method-not-allowed", allowed: ["GET"] });
    expect(route("GET", "/remediations/abc/extra")).toEqual({ kind: "not-found" });
  });

  it("accepts a trailing slash", () => {
    expect(route("POST", "/remediations/")).toMatchObject({ kind: "found", target: { name: "createRemediation" } });
  });
});
