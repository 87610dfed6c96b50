import { moduleFor } from "./systems";
import type { SignatureInput } from "./signing";

export { constantTimeEquals, ZENDESK_REPLAY_WINDOW_MS } from "./signing";
export type { LowerCaseHeaders, SignatureInput } from "./signing";
export { signZendesk } from "./systems/zendesk";
export { signJira } from "./systems/jira";
export { signGenericHex } from "./systems/generic";
export { signConnectWise } from "./systems/connectwise";
export { signAutotask } from "./systems/autotask";

/** True only for a delivery that proves it knows its system's secret (each system's module decides how). */
export function verifySignature(input: SignatureInput): boolean {
  if (!input.secret) return false;
  return moduleFor(input.system).verify(input);
}
