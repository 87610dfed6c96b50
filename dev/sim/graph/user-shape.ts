import { USER_PROPERTIES, parseSelect } from "./resource-properties";
import { smtpAddresses, type MailboxRecord } from "../state/mailbox-record";

/** Properties Graph returns for a user when no $select is given. */
export const DEFAULT_USER_PROPERTIES = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
  "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
] as const;


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
    proxyAddresses: record.hasMailbox ? smtpAddresses(record) : [],
    assignedLicenses: record.licensed ? [{ disabledPlans: [], skuId: EXCHANGE_SKU_ID }] : [],
    assignedPlans: record.licensed
      ? [{ assignedDateTime: "2024-01-15T09:00:00Z", capabilityStatus: "Enabled", service: "exchange", servicePlanId: EXCHANGE_PLAN_ID }]
      : [],
  };
}

/** Parses $select; a string result is the 400 message for a property v1.0's user does not have. */
export function parseUserSelect(select: string | null): readonly string[] | string {
  return parseSelect(select, USER_PROPERTIES, "user") ?? DEFAULT_USER_PROPERTIES;
}

/** The user reduced to the selected properties; one the simulator does not model is null. */
export function selectUser(record: MailboxRecord, properties: readonly string[]): Record<string, unknown> {
  const full = userObject(record);
  const picked: Record<string, unknown> = {};
  for (const property of properties) picked[property] = full[property] ?? null;
  return picked;
}
