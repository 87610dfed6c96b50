import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readErrorText } from "../../../shared/domain/read-error-text";

const REPLIES = [
  "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR02CA0001.eurprd02.prod.outlook.com]",
  "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.",
  "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.",
  "535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator.",
  "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
  "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.",
  "535 5.7.139 Authentication unsuccessful, account locked.",
  "535 5.7.139 Authentication unsuccessful, federated STS service was unreachable.",
  "535 5.7.3 Authentication unsuccessful",
  "530 5.7.57 Client not authenticated to send mail.",
  "550 5.7.30 Basic authentication is not supported for Client Submission.",
  "504 5.7.4 Unrecognized authentication type",
  "421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.",
  "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
  "550 5.1.8 Bad outbound sender",
  "432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded",
];

// Realistic ticket prose in both languages, stack-trace noise and arbitrary unicode.
const PROSE = fc.constantFrom(
  "Hi team,", "the scanner stopped sending", "Здравейте,", "принтерът не праща имейли", "моля за помощ", "Regards, IT",
  "at System.Net.Mail.SmtpClient.Send(MailMessage message)", 'File "/usr/lib/python3.11/smtplib.py", line 750, in login',
  "Traceback (most recent call last):", "Job No. 4412 NG #801", "Sent from my iPhone", "> > quoted line", "<br>", "&nbsp;",
  "IP 10.0.0.15 port 587", "firmware 2.1.0.3", "-----Original Message-----",
);
const NOISE = fc.oneof(PROSE, fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 40 }));
const SURROUNDING = fc.array(NOISE, { maxLength: 6 }).map((parts) => parts.join(" "));
const SEPARATOR = fc.constantFrom(" ", "\n", "\r\n", "\n\n", ": ", "\t");

describe("readErrorText with arbitrary surrounding text", () => {
  it("gives the same answer for a known reply whatever surrounds it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPLIES), SURROUNDING, SURROUNDING, SEPARATOR, (reply, before, after, sep) => {
        const alone = readErrorText(reply).causes;
        const wrapped = readErrorText(`${before}${sep}${reply}${sep}${after}`).causes;
        expect(wrapped[0]?.id).toBe(alone[0]?.id);
        expect(wrapped[0]?.confidence).toBe(alone[0]?.confidence);
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });

  it("gives the same answer when the reply is lower-cased and re-wrapped at any width", () => {
    fc.assert(
      fc.property(fc.constantFrom(...REPLIES), fc.integer({ min: 8, max: 80 }), (reply, width) => {
        const wrapped = reply.toLowerCase().replace(new RegExp(`(.{${width}})`, "g"), "$1\n");
        expect(readErrorText(wrapped).causes[0]?.id).toBe(readErrorText(reply).causes[0]?.id);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("never throws and always returns at least one cause with confidence in 0..1", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { causes } = readErrorText(text);
        expect(causes.length).toBeGreaterThan(0);
        for (const c of causes) expect(c.confidence >= 0 && c.confidence <= 1).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
