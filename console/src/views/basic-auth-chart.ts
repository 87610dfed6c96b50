import type { Estate } from "../api";
import { t } from "../i18n";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 560;
const HEIGHT = 140;
const PAD = { top: 10, right: 8, bottom: 22, left: 36 };

function svg(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Senders left on basic auth across the estate per day, as bars (the layout of the audit report's
 * trend chart, shared/audit/trend-chart-svg.ts), built as DOM nodes: the console never parses markup.
 * The numbers are its text alternative.
 */
export function basicAuthChart(daily: Estate["daily"]): Element {
  const label = daily.length ? t("estate.chartLabel", { values: daily.map((d) => `${d.day}: ${d.sending}`).join(", ") }) : t("estate.chartNone");
  const chart = svg("svg", { role: "img", "aria-label": label, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, "data-field": "basic-auth-chart", "data-days": daily.length });
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(1, ...daily.map((d) => d.sending));
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  chart.append(
    svg("line", { x1: PAD.left, y1: y(0), x2: WIDTH - PAD.right, y2: y(0), stroke: "#9ca3af" }),
    svg("text", { x: PAD.left - 6, y: y(max) + 4, "font-size": 10, "text-anchor": "end", fill: "#424242" }, String(max)),
    svg("text", { x: PAD.left - 6, y: y(0) + 4, "font-size": 10, "text-anchor": "end", fill: "#424242" }, "0"),
  );
  const slot = plotW / Math.max(1, daily.length);
  const barW = Math.max(3, Math.min(28, slot * 0.7));
  daily.forEach((d, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    const bar = svg("rect", { x: x.toFixed(1), y: y(d.sending).toFixed(1), width: barW.toFixed(1), height: (y(0) - y(d.sending)).toFixed(1), fill: "#0f6cbd", "data-day": d.day, "data-sending": d.sending });
    bar.append(svg("title", {}, `${d.day}: ${d.sending}`));
    chart.append(bar);
    if (i === 0 || i === daily.length - 1) chart.append(svg("text", { x: (x + barW / 2).toFixed(1), y: HEIGHT - 6, "font-size": 9, "text-anchor": "middle", fill: "#424242" }, d.day.slice(5)));
  });
  return chart;
}
