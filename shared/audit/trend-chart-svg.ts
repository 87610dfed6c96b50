import { SEVERITIES } from "./finding";
import { esc } from "./html-page";
import type { Severity } from "./finding";
import type { TrendPoint } from "./audit-report";

/** Colours per severity, shared by the chart and the report's badges. */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  critical: "#7f1d1d",
  high: "#dc2626",
  medium: "#f59e0b",
  low: "#3b82f6",
};

const WIDTH = 560;
const HEIGHT = 160;
const PAD = { top: 12, right: 8, bottom: 28, left: 36 };

/**
 * Findings per run as stacked bars by severity, as inline SVG: the report must open offline and
 * travel as a ticket attachment, so nothing external is referenced.
 */
export function trendChartSvg(points: readonly TrendPoint[], label = `Findings per audit run: ${points.map((p) => p.findings).join(", ")}`): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...points.map((p) => p.findings));
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.max(4, Math.min(32, slot * 0.7));
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">`,
    `<line x1="${PAD.left}" y1="${y(0)}" x2="${WIDTH - PAD.right}" y2="${y(0)}" stroke="#9ca3af"/>`,
    `<text x="${PAD.left - 6}" y="${y(max) + 4}" font-size="10" text-anchor="end" fill="#374151">${max}</text>`,
    `<text x="${PAD.left - 6}" y="${y(0) + 4}" font-size="10" text-anchor="end" fill="#374151">0</text>`,
  ];
  points.forEach((p, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    let base = 0;
    for (const severity of [...SEVERITIES].reverse()) {
      const count = p.bySeverity[severity] ?? 0;
      if (count === 0) continue;
      const top = y(base + count);
      parts.push(`<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - top).toFixed(1)}" fill="${SEVERITY_COLOURS[severity]}"><title>${p.runId}: ${count} ${severity}</title></rect>`);
      base += count;
    }
    const label = p.completedAt.slice(5, 10);
    parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${HEIGHT - 10}" font-size="9" text-anchor="middle" fill="#374151">${label}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
