import { describe, expect, it } from "vitest";
import { isOperatorAddress } from "../../../shared/auth/operator";

describe("isOperatorAddress", () => {
  const ann = { addresses: ["ann@msp.example", "ann.lee@mail.msp.example"] };
  it("matches any of the person's addresses, without case and without a +tag", () => {
    expect(isOperatorAddress(ann, "ANN@msp.example")).toBe(true);
    expect(isOperatorAddress(ann, "ann.lee@mail.msp.example")).toBe(true);
    expect(isOperatorAddress(ann, "ann+printers@msp.example")).toBe(true);
    expect(isOperatorAddress(ann, " ann.lee+x@MAIL.msp.example ")).toBe(true);
  });
  it("does not match someone else, another domain or nothing", () => {
    expect(isOperatorAddress(ann, "anna@msp.example")).toBe(false);
    expect(isOperatorAddress(ann, "ann@msp.example.evil")).toBe(false);
    expect(isOperatorAddress(ann, undefined)).toBe(false);
    expect(isOperatorAddress(ann, "")).toBe(false);
  });
});
