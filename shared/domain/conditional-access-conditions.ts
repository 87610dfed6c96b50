/**
 * The non-user conditions of a Conditional Access policy, judged for a basic-auth SMTP sign-in
 * (reference/m365.md §5): the app signed in to is Office 365 Exchange Online, the client app type is
 * "other", and neither the device's IP address nor its platform is known before the sign-in.
 */

/** Office 365 Exchange Online: SMTP AUTH signs in to it. */
export const EXCHANGE_ONLINE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
/** Conditional Access's app group that contains Exchange Online. */
const OFFICE_365_GROUP = "office365";

/** An include / exclude pair as CA policies list apps, locations and platforms. */
export interface CaConditionLists {
  include: readonly string[];
  exclude: readonly string[];
}

/** The conditions besides users and client app types; an absent condition does not narrow the policy. */
export interface CaSignInConditions {
  applications?: CaConditionLists;
  locations?: CaConditionLists | null;
  platforms?: CaConditionLists | null;
}

/** in / out of the policy for an SMTP sign-in, or cannot tell without the sign-in itself (and why). */
export type ConditionScope = { scope: "in" } | { scope: "out" } | { scope: "cannot-tell"; why: string };

const lower = (items: readonly string[]): string[] => items.map((i) => i.toLowerCase());
const IN: ConditionScope = { scope: "in" };
const OUT: ConditionScope = { scope: "out" };

function appScope(apps: CaConditionLists | undefined): ConditionScope {
  if (!apps) return IN;
  const targets = [EXCHANGE_ONLINE_APP_ID, OFFICE_365_GROUP];
  const include = lower(apps.include);
  const exclude = lower(apps.exclude);
  if (exclude.some((a) => targets.includes(a))) return OUT;
  return include.includes("all") || include.some((a) => targets.includes(a)) ? IN : OUT;
}

function locationScope(locations: CaConditionLists | null | undefined): ConditionScope {
  if (!locations) return IN;
  const include = lower(locations.include);
  if ((include.length === 0 || include.includes("all")) && locations.exclude.length === 0) return IN;
  return { scope: "cannot-tell", why: "it applies by location (named locations or trusted IPs), so whether it blocks depends on the IP address the device signs in from" };
}

function platformScope(platforms: CaConditionLists | null | undefined): ConditionScope {
  if (!platforms) return IN;
  const include = lower(platforms.include);
  if ((include.length === 0 || include.includes("all")) && platforms.exclude.length === 0) return IN;
  return { scope: "cannot-tell", why: "it applies by device platform, which a basic-auth SMTP client does not report before signing in" };
}

/** Whether an SMTP AUTH sign-in falls under the policy's app, location and platform conditions. */
export function smtpSignInScope(conditions: CaSignInConditions): ConditionScope {
  const verdicts = [appScope(conditions.applications), locationScope(conditions.locations), platformScope(conditions.platforms)];
  if (verdicts.some((v) => v.scope === "out")) return OUT;
  return verdicts.find((v) => v.scope === "cannot-tell") ?? IN;
}
