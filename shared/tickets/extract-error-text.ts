import { stripMarkup } from "./strip-markup";

/** At most this many lines of error text are passed on to diagnosis. */
export const MAX_ERROR_LINES = 6;
const MAX_LINE_LENGTH = 500;

/** An enhanced status code (5.7.57, 5.7.139) or a basic SMTP reply code before text (535, 530 ...). */
const SMTP_CODE = /\b[245]\.\d{1,3}\.\d{1,3}\b|\b(421|450|451|454|500|501|503|530|534|535|550|551|552|553|554)[ -]/;
const SMTP_PHRASE =
  /authentication unsuccessful|smtpclientauthentication|smtp auth|basic authentication is disabled|client was not authenticated|security defaults|auth(entication)? (failed|mechanism)|must issue a starttls/i;

/** The SMTP error lines from ticket text (logs, NDRs, descriptions); undefined when there are none. */
export function extractErrorText(texts: readonly string[]): string | undefined {
  const lines = texts.flatMap((text) => stripMarkup(text).split("\n"));
  const picked: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, " ").trim().slice(0, MAX_LINE_LENGTH);
    if (line === "" || picked.includes(line)) continue;
    if (SMTP_CODE.test(line) || SMTP_PHRASE.test(line)) picked.push(line);
    if (picked.length >= MAX_ERROR_LINES) break;
  }
  return picked.length > 0 ? picked.join("\n") : undefined;
}
