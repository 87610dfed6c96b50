/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const BASE_CSS = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#111827;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e5e7eb;padding:.35rem .5rem;text-align:left;vertical-align:top}
.badge{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.8rem}.muted{color:#6b7280}`;

/**
 * The frame of the product's self-contained reports (audit, readiness): one page with inline CSS,
 * no scripts, no external assets, so it opens offline and travels as a ticket attachment.
 */
export function htmlPage(title: string, css: string, body: string, lang = "en"): string {
  return `<!DOCTYPE html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
${BASE_CSS}
${css}
</style></head><body>
<h1>${esc(title)}</h1>
${body}
</body></html>
`;
}
