import type { MailboxRecord } from "../state/mailbox-record";

/** Properties Graph returns for a user when no $select is given. */
export const DEFAULT_USER_PROPERTIES = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
  "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
] as const;

/** Every property the simulator can return for a user. */
export const KNOWN_USER_PROPERTIES = new Set<string>([
  ...DEFAULT_USER_PROPERTIES,
  "accountEnabled", "assignedPlans", "assignedLicenses", "userType", "proxyAddresses",
  "createdDateTime", "onPremisesSyncEnabled", "mailNickname", "perUserMfaState",
]);

const EXCHANGE_PLAN_ID = "efb87545-963c-4e0d-99df-69c6916d9eb0";
const EXCHANGE_SKU_ID = "6fd2c87f-b296-42f0-b197-1e91e994b900";

/** The full Graph user object for a record; $select picks from it. */
export function userObject(record: MailboxRecord): Record<string, unknown> {
  const [givenName, surname] = record.displayName.split(" ");
  return {
    id: record.id,
    businessPhones: [],
    displayName: record.displayName,
    givenName: givenName ?? null,
    surname: surname ?? null,
    jobTitle: null,
    mail: record.hasMailbox ? record.userPrincipalName : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    userPrincipalName: record.userPrincipalName,
    accountEnabled: record.accountEnabled,
    userType: "Member",
    mailNickname: record.alias,
    createdDateTime: "2024-01-15T09:00:00Z",
    onPremisesSyncEnabled: null,
    proxyAddresses: record.hasMailbox ? [`SMTP:${record.userPrincipalName}`] : [],
    assignedLicenses: record.licensed ? [{ disabledPlans: [], skuId: EXCHANGE_SKU_ID }] : [],
    assignedPlans: record.licensed
      ? [{ assignedDateTime: "2024-01-15T09:00:00Z", capabilityStatus: "Enabled", service: "exchange", servicePlanId: EXCHANGE_PLAN_ID }]
      : [],
    perUserMfaState: record.perUserMfaState,
  };
}

/** Parses $select; a string result is the 400 message for an unknown property. */
export function parseUserSelect(select: string | null): readonly string[] | string {
  if (select === null || select.trim() === "") return DEFAULT_USER_PROPERTIES;
  const properties = select.split(",").map((p) => p.trim()).filter(Boolean);
  const unknown = properties.find((p) => !KNOWN_USER_PROPERTIES.has(p));
  return unknown ? `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.` : properties;
}

/** The user reduced to the selected properties (id is always present, as Graph does). */
export function selectUser(record: MailboxRecord, properties: readonly string[]): Record<string, unknown> {
  const full = userObject(record);
  const picked: Record<string, unknown> = {};
  for (const property of properties) picked[property] = full[property];
  return picked;
}
