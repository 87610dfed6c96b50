import { describe, expect, it } from "vitest";
import { renderAuditReportHtml } from "../../../shared/audit/audit-report-html";
import { recommendPath, type ReadinessReport } from "../../../shared/audit/readiness";
import { renderReadinessHtml } from "../../../shared/audit/readiness-html";
import { englishSentences } from "../../support/message-catalogues";
import { sampleReport } from "./support/sample-report";

const readiness: ReadinessReport = {
  tenantId: "contoso",
  generatedAt: "2026-12-01T02:00:00.000Z",
  runId: "20261201T020000Z",
  retirement: { defaultOffAt: "2026-12-31", source: "MC786329" },
  windowDays: 30,
  senders: [
    { upn: "scanner@contoso.com", signIns: 4, ipAddresses: ["203.0.113.5"], privileged: false, exception: { id: "r1:mailbox-smtp-auth", expiresAt: "2027-05-30T00:00:00.000Z" }, ...recommendPath({ upn: "scanner@contoso.com", signIns: 4, ipAddresses: new Set(["203.0.113.5"]) }, 30) },
    { upn: "erp-alerts@contoso.com", signIns: 9, ipAddresses: ["198.51.100.1", "198.51.100.2"], privileged: "unknown", ...recommendPath({ upn: "erp-alerts@contoso.com", signIns: 9, ipAddresses: new Set(["198.51.100.1", "198.51.100.2"]) }, 30) },
  ],
};

/** The page's text without its markup, so a sentence split by an element still reads as one. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the HTML pages in the reader's language", () => {
  const english = englishSentences(["reports", "effects"]);

  it("gives the readiness page in Bulgarian, each sender's why included, with no English sentence of its catalogue", () => {
    const html = renderReadinessHtml(readiness, "bg");
    expect(html).toContain('<html lang="bg">');
    expect(text(html)).toContain("Всички вписвания са от един адрес (203.0.113.5)");
    expect(english.filter((sentence) => text(html).includes(sentence))).toEqual([]);
  });

  it("says on the readiness page that an exception weakens one mailbox and a path moves off basic auth", () => {
    const html = renderReadinessHtml(readiness, "en");
    expect(text(html)).toContain("weakens security for one mailbox");
    expect(text(html)).toContain("moves off basic auth");
    expect(html).toMatch(/role="img" aria-label="Senders by path: OAuth SMTP \(XOAUTH2\) 0, Relay through a connector 1/);
  });

  it("keeps the English why the API has always carried", () => {
    expect(readiness.senders[0]?.why).toBe("Every sign-in came from one address (203.0.113.5): if that is the site's fixed public address, an inbound connector for it relays the device's mail with no password (port 25 to your MX endpoint).");
  });

  it("gives the audit report's frame in Bulgarian", () => {
    const html = renderAuditReportHtml(sampleReport(), { locale: "bg" });
    expect(html).toContain("Одит на съответствието за SMTP AUTH: ");
    expect(html).toMatch(/role="img" aria-label="Проблеми при всеки одит, от най-стария: \d/);
    expect(english.filter((sentence) => text(html).includes(sentence))).toEqual([]);
  });
});
