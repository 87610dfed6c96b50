import { describe, expect, it } from "vitest";
import { GENERIC_AUTH_FAILURE } from "../../../shared/domain/error-signatures";
import { readErrorText } from "../../../shared/domain/read-error-text";

const ids = (text: string): string[] => readErrorText(text).causes.map((c) => c.id);

describe("readErrorText", () => {
  it("reads the reply code, enhanced code and phrase of a Microsoft 365 reply", () => {
    const [first] = readErrorText("535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled").causes;
    expect(first).toEqual({
      id: "smtp-auth-disabled-mailbox",
      confidence: 0.95,
      evidence: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox",
      replyCode: 535,
      enhancedCode: "5.7.139",
    });
  });

  it("ranks every layer still possible for a generic 5.7.3, most frequent first", () => {
    const reading = readErrorText("535 5.7.3 Authentication unsuccessful [BN1PR]");
    expect(reading.causes.map((c) => c.id)).toEqual(GENERIC_AUTH_FAILURE.map(([id]) => id));
    expect(reading.causes[0]?.enhancedCode).toBe("5.7.3");
  });

  it("treats a bare 5.7.139 with no known phrase as generic", () => {
    expect(ids("server said 535 5.7.139 [AM0PR]")).toEqual(GENERIC_AUTH_FAILURE.map(([id]) => id));
  });

  it("lets Microsoft's specific phrase win over the generic words around it", () => {
    expect(ids("535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.")).toEqual(["wrong-credentials"]);
  });

  it("reads a phrase with no code at all", () => {
    const [first] = readErrorText("the printer says: user is locked by your organization's security defaults policy").causes;
    expect(first?.id).toBe("security-defaults-enabled");
    expect(first?.enhancedCode).toBeUndefined();
  });

  it("reads a code with no phrase at all", () => {
    expect(ids("Error 550 5.7.30 from server")[0]).toBe("basic-auth-retired");
    expect(ids("reply: 421 4.7.66")[0]).toBe("tls-version-unsupported");
  });

  it("reads a phrase broken across lines, in any case", () => {
    expect(ids("SMTPCLIENTAUTHENTICATION IS\nDISABLED FOR THE\r\nTENANT")[0]).toBe("smtp-auth-disabled-tenant");
  });

  it("decodes byte-string escapes from a Python repr", () => {
    const text = "(535, b'5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the\\r\\nMailbox.')";
    expect(ids(text)[0]).toBe("smtp-auth-disabled-mailbox");
  });

  it("still finds a reply that an unclosed tag would swallow when HTML is stripped", () => {
    expect(ids("<p the device said 535 5.7.139 Authentication unsuccessful, account locked. -> retry later >")[0]).toBe("account-locked");
  });

  it("reads a reply split by HTML tags and entities", () => {
    expect(ids("<td>535&nbsp;5.7.139 Authentication unsuccessful, user is locked by your organization&#39;s security<br>defaults policy.</td>")[0]).toBe("security-defaults-enabled");
  });

  it("decodes quoted-printable soft line breaks from a mail body", () => {
    expect(ids("535 5.7.139 Authentication unsuccessful, the user creden=\ntials were=20incorrect.")[0]).toBe("wrong-credentials");
  });

  it("points 5.7.57 at the client first but keeps the settings that make AUTH fail silently", () => {
    const causes = readErrorText("530 5.7.57 Client not authenticated to send mail.").causes;
    expect(causes[0]).toMatchObject({ id: "client-not-authenticated", replyCode: 530, enhancedCode: "5.7.57" });
    expect(causes.map((c) => c.id)).toContain("smtp-auth-disabled-tenant");
    expect(causes.slice(1).every((c) => c.confidence < 0.5)).toBe(true);
  });

  it("ignores the .NET wrapper's own words when the server's reply is generic", () => {
    const text = "The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.3 Authentication unsuccessful";
    expect(ids(text)[0]).toBe("smtp-auth-disabled-tenant");
  });

  it("gives unknown for text with nothing recognisable", () => {
    expect(readErrorText("The scanner beeps and shows a red light. Version 1.2.3, IP 10.5.7.3").causes).toEqual([
      { id: "unknown", confidence: 0, evidence: "" },
    ]);
  });

  it("gives unknown for empty text", () => {
    expect(ids("")).toEqual(["unknown"]);
  });

  it("does not take IP addresses or versions for status codes", () => {
    expect(ids("connecting to 40.5.7.3 with firmware 5.7.139.2")).toEqual(["unknown"]);
  });

  it("tells an OAuth client from a basic-auth one", () => {
    expect(readErrorText("AUTH XOAUTH2 dXNlcj1... \n535 5.7.3 Authentication unsuccessful").authMethod).toBe("oauth");
    expect(readErrorText("C: AUTH LOGIN\nS: 535 5.7.3 Authentication unsuccessful").authMethod).toBe("basic");
    expect(readErrorText("535 5.7.3 Authentication unsuccessful").authMethod).toBe("unknown");
  });

  it("is case-blind for the auth method too", () => {
    expect(readErrorText("token for scope https://outlook.office365.com/smtp.sendasapp rejected: 535 5.7.3").authMethod).toBe("oauth");
  });
});
