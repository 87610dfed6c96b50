import { h } from "./dom";
import { errorLine } from "./views/view";

/**
 * Hands an HTML page the API serves over to the browser as a file. The API needs the bearer token, so
 * the page is fetched and saved rather than linked; a failure shows in `status`.
 */
export async function downloadPage(fetchPage: () => Promise<Blob>, fileName: string, status: HTMLElement): Promise<void> {
  try {
    const url = URL.createObjectURL(await fetchPage());
    h("a", { href: url, download: fileName }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.replaceChildren();
  } catch (e) {
    status.replaceChildren(errorLine(e));
  }
}
