import { describe, expect, it } from "vitest";
import { csvCell, estateCsv } from "../../../shared/audit/estate-csv";
import type { EstateSender } from "../../../shared/audit/estate-senders";

const sender = (upn: string, extra: Partial<EstateSender> = {}): EstateSender => ({
  tenantId: "contoso",
  tenantName: "Contoso",
  upn,
  lastBasicAuthAt: "2026-12-06T02:00:00.000Z",
  addresses: ["203.0.113.5"],
  path: "relay-connector",
  status: "on-basic-auth",
  privileged: false,
  exception: false,
  ...extra,
});

describe("the estate CSV", () => {
  it("has the header row and one CRLF-ended row per sender, addresses separated by spaces", () => {
    const csv = estateCsv([sender("scanner@contoso.com", { addresses: ["203.0.113.5", "203.0.113.6"] }), sender("app@contoso.com", { lastBasicAuthAt: undefined, addresses: [], status: "idle", path: "retire" })]);
    expect(csv).toBe(
      "tenant,account,last basic-auth sign-in,addresses,path,status\r\n" +
        "contoso,scanner@contoso.com,2026-12-06T02:00:00.000Z,203.0.113.5 203.0.113.6,relay-connector,on-basic-auth\r\n" +
        "contoso,app@contoso.com,,,retire,idle\r\n",
    );
  });

  it.each([
    ["=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"`],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["a=b", "a=b"],
  ])("escapes a cell a spreadsheet would run as a formula: %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("quotes a cell holding a comma, a quote or a line break, doubling its quotes", () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("plain")).toBe("plain");
  });
});
