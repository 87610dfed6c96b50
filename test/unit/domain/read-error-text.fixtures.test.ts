import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { CAUSE_IDS, type CauseId } from "../../../shared/domain/types";

const DIR = join(__dirname, "../../fixtures/error-reports");
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort();
const expectedCause = (file: string): CauseId => file.split(".")[0] as CauseId;
/** Leading "# source: ..." lines cite where a report was written from; they are not part of it. */
const HEADER = /^(?:#[^\n]*\n)+/;
const report = (file: string): string => readFileSync(join(DIR, file), "utf8").replace(HEADER, "");
const sources = (file: string): string[] => (readFileSync(join(DIR, file), "utf8").match(HEADER)?.[0] ?? "").split("\n").filter((l) => /^# source: \S+/.test(l));
/** Reports added before each one had to cite the public example or documentation it is written from. */
const UNCITED = new Set([
  "account-disabled.01.signin-50057.txt",
  "account-locked.01.dotnet.txt",
  "account-locked.02.php.txt",
  "auth-mechanism-not-offered.01.python.txt",
  "auth-mechanism-not-offered.02.powershell.txt",
  "auth-policy-blocks-basic-smtp.01.phpmailer.txt",
  "auth-policy-blocks-basic-smtp.02.java.txt",
  "basic-auth-retired.01.dotnet.txt",
  "basic-auth-retired.02.python.txt",
  "basic-auth-retired.03.ndr.txt",
  "basic-auth-retired.04.printer-lowercase.txt",
  "client-not-authenticated.01.dotnet.txt",
  "client-not-authenticated.02.nodemailer.txt",
  "client-not-authenticated.03.starttls-java.txt",
  "concurrent-connection-limit.01.app-log.txt",
  "conditional-access-blocks-legacy-auth.01.python.txt",
  "conditional-access-blocks-legacy-auth.02.xerox.txt",
  "conditional-access-blocks-legacy-auth.03.signin-log.txt",
  "federated-sts-unreachable.01.python.txt",
  "mailbox-not-found.01.aadsts50034.txt",
  "mailbox-unlicensed.01.app-log.txt",
  "per-user-mfa-enforced.01.signin-log.txt",
  "security-defaults-enabled.01.dotnet.txt",
  "security-defaults-enabled.02.python-crlf.txt",
  "security-defaults-enabled.03.hp-html.txt",
  "security-defaults-enabled.04.bg-ticket.txt",
  "sender-not-permitted.01.dotnet.txt",
  "sender-not-permitted.02.ndr.txt",
  "sender-restricted.01.ndr.txt",
  "smtp-auth-disabled-mailbox.01.powershell.txt",
  "smtp-auth-disabled-mailbox.02.java.txt",
  "smtp-auth-disabled-mailbox.03.ndr.txt",
  "smtp-auth-disabled-mailbox.04.canon-log.txt",
  "smtp-auth-disabled-mailbox.05.forwarded-lowercase.txt",
  "smtp-auth-disabled-tenant.01.dotnet.txt",
  "smtp-auth-disabled-tenant.02.python.txt",
  "smtp-auth-disabled-tenant.03.phpmailer.txt",
  "smtp-auth-disabled-tenant.04.ricoh-html.txt",
  "smtp-auth-disabled-tenant.05.bg-ticket.txt",
  "tls-version-unsupported.01.printer.txt",
  "tls-version-unsupported.02.dotnet.txt",
  "unknown.01.printer-timeout.txt",
  "unknown.02.bg-no-error.txt",
  "wrong-credentials.01.python.txt",
  "wrong-credentials.02.powershell.txt",
  "wrong-credentials.03.bg-ticket.txt",
  "wrong-credentials.04.signin-50126.txt",
]);

describe("reading real-world error reports", () => {
  it("has at least 40 reports, each named after a known cause id", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(80);
    for (const file of FIXTURES) expect(CAUSE_IDS).toContain(expectedCause(file));
  });

  it("cites the public example or vendor documentation each newer report is written from", () => {
    const cited = FIXTURES.filter((f) => !UNCITED.has(f));
    expect(cited.length).toBeGreaterThanOrEqual(30);
    for (const file of cited) expect(sources(file), file).not.toEqual([]);
  });

  it.each(FIXTURES)("maps %s to its cause first", (file) => {
    const reading = readErrorText(report(file));
    expect(reading.causes[0]?.id).toBe(expectedCause(file));
  });

  it.each(FIXTURES.filter((f) => !f.startsWith("unknown.")))("quotes the matched text of %s as evidence", (file) => {
    const text = report(file);
    const first = readErrorText(text).causes[0];
    const letters = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    expect(first?.evidence.length).toBeGreaterThan(5);
    // Escapes and tags aside, the evidence is text the report really contains.
    const lastWord = letters(first?.evidence ?? "").slice(-12);
    expect(letters(text.replace(/<[^>]*>|&\w+;/g, ""))).toContain(lastWord);
  });
});
