import type { TicketConnection } from "./systems";

/**
 * The link when it is an http(s) URL under the connection's ticket link base (options.ticketUrlBase,
 * else its base URL) on the same origin and path prefix; undefined otherwise. A webhook's body is not
 * trusted to say where the console may send an operator.
 */
export function linkUnder(link: string, connection: TicketConnection): string | undefined {
  if (link.length > 2000) return undefined;
  try {
    const url = new URL(link);
    const base = new URL(connection.options["ticketUrlBase"] ?? connection.baseUrl);
    if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.origin !== base.origin) return undefined;
    const prefix = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
    return base.pathname === "/" || url.pathname === base.pathname || url.pathname.startsWith(prefix) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
