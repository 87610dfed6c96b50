import { describe, expect, it } from "vitest";
import { renderAuditReportHtml } from "../../../shared/audit/audit-report-html";
import { sampleReport } from "./support/sample-report";

describe("renderAuditReportHtml", () => {
  it("escapes every value that comes from the tenant", () => {
    const html = renderAuditReportHtml(sampleReport({ subject: `<img src=x onerror="alert(1)">@x.com` }));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;@x.com");
  });

  it("is self-contained: no scripts, no external stylesheets, images or links", () => {
    const html = renderAuditReportHtml(sampleReport());
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    expect(html).toContain("<svg");
  });

  it("draws one bar segment per severity present in each run of the trend", () => {
    const html = renderAuditReportHtml(sampleReport());
    expect(html.match(/<rect /g)).toHaveLength(5);
    expect(html).toContain("Findings by type");
  });

  it("lists unknown checks with their reason and says when there are none", () => {
    expect(renderAuditReportHtml(sampleReport())).toContain("listing CAS mailboxes failed");
    expect(renderAuditReportHtml(sampleReport({ unknown: [] }))).toContain("Every layer was read.");
  });
});
