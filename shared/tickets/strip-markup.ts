/** Turns ticket text (HTML, Jira wiki markup, pasted logs) into plain text with its line breaks kept. */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", commat: "@" };

/**
 * Plain text from HTML and Jira wiki markup; angle-bracketed addresses in logs (`<a@b.com>`) survive.
 * Every repetition is bounded so hostile input costs linear time.
 */
export function stripMarkup(text: string): string {
  return decodeEntities(stripJira(stripHtml(text)))
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/\r\n?/g, "\n");
}

function stripHtml(text: string): string {
  return (
    text
      // Keep mailto targets: the link text may be a name rather than the address.
      .replace(/<a\b[^<>]{0,500}?href\s*=\s*["']mailto:([^"'?<>]{1,254})[^"'<>]{0,500}["'][^<>]{0,500}>/gi, " $1 ")
      .replace(/<(br|\/p|\/div|\/li|\/tr|\/h[1-6]|\/pre)\b[^<>]{0,500}>/gi, "\n")
      // Only real tags (a letter right after "<"), so "MAIL FROM:<scanner@contoso.com>" is not a tag.
      .replace(/<\/?[a-z][a-z0-9-]{0,30}(\s[^<>]{0,2000})?\/?>/gi, " ")
  );
}

function stripJira(text: string): string {
  return text
    .replace(/\[([^\]|[]{0,300})\|mailto:([^\][]{1,254})\]/gi, "$1 $2")
    .replace(/\[mailto:([^\][]{1,254})\]/gi, "$1")
    .replace(/\{(noformat|code|quote|panel|color)(:[^{}]{0,200})?\}/gi, "\n");
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
