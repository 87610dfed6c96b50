import { readErrorText, type TextReading } from "../domain/read-error-text";
import { isAmbiguous, signInReading, withSignInReading } from "../domain/sign-in-reading";
import type { TenantGateways } from "../m365/m365-gateway";

/** How far back a user's failed SMTP sign-ins still speak for the device. */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

/**
 * The error text's reading, and when it is missing or fits several causes, what the user's recent
 * SMTP sign-ins say (one Graph read). A log that cannot be read adds nothing: the text alone decides.
 */
export async function readWithSignIns(errorText: string | undefined, graph: TenantGateways["graph"], upn: string, now: Date): Promise<TextReading | undefined> {
  const text = errorText ? readErrorText(errorText) : undefined;
  if (!isAmbiguous(text) || !graph.listRecentSmtpSignInsOf) return text;
  try {
    const signIns = await graph.listRecentSmtpSignInsOf(upn, new Date(now.getTime() - LOOKBACK_MS).toISOString());
    if (!signIns) return text;
    return withSignInReading(text, signInReading(signIns.map((s) => ({ at: s.createdDateTime, ipAddress: s.ipAddress, errorCode: s.errorCode }))));
  } catch {
    return text;
  }
}
