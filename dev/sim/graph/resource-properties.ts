/**
 * The properties Graph v1.0 knows on the resources the simulator serves, so `$select` of anything
 * else is the 400 Graph answers ("Could not find a property named 'x' on type 'microsoft.graph.user'").
 * User: the JSON representation of learn.microsoft.com/graph/api/resources/user (v1.0); there is no
 * perUserMfaState on it (that lives on beta's strongAuthenticationRequirements, under
 * /users/{id}/authentication/requirements). Organization: resources/organization (v1.0).
 */
export const USER_PROPERTIES: ReadonlySet<string> = new Set([
  "aboutMe", "accountEnabled", "ageGroup", "assignedLicenses", "assignedPlans", "birthday", "businessPhones", "city",
  "companyName", "consentProvidedForMinor", "country", "createdDateTime", "creationType", "department", "displayName",
  "employeeHireDate", "employeeId", "employeeOrgData", "employeeType", "faxNumber", "givenName", "hireDate", "id",
  "identities", "imAddresses", "interests", "isResourceAccount", "jobTitle", "legalAgeGroupClassification",
  "licenseAssignmentStates", "lastPasswordChangeDateTime", "mail", "mailboxSettings", "mailNickname", "mobilePhone",
  "mySite", "officeLocation", "onPremisesDistinguishedName", "onPremisesDomainName", "onPremisesExtensionAttributes",
  "onPremisesImmutableId", "onPremisesLastSyncDateTime", "onPremisesProvisioningErrors", "onPremisesSamAccountName",
  "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "onPremisesUserPrincipalName", "otherMails",
  "passwordPolicies", "passwordProfile", "pastProjects", "postalCode", "preferredDataLocation", "preferredLanguage",
  "preferredName", "provisionedPlans", "proxyAddresses", "responsibilities", "schools", "showInAddressList",
  "signInSessionsValidFromDateTime", "skills", "state", "streetAddress", "surname", "usageLocation",
  "userPrincipalName", "userType",
]);

export const ORGANIZATION_PROPERTIES: ReadonlySet<string> = new Set([
  "assignedPlans", "businessPhones", "city", "country", "countryLetterCode", "createdDateTime", "defaultUsageLocation",
  "deletedDateTime", "displayName", "id", "marketingNotificationEmails", "onPremisesLastSyncDateTime",
  "onPremisesSyncEnabled", "postalCode", "preferredLanguage", "privacyProfile", "provisionedPlans",
  "securityComplianceNotificationMails", "securityComplianceNotificationPhones", "state", "street",
  "technicalNotificationMails", "tenantType", "verifiedDomains",
]);

/** Parses $select against a resource's properties; a string result is Graph's 400 message. */
export function parseSelect(select: string | null, known: ReadonlySet<string>, type: string): string[] | null | string {
  if (select === null || select.trim() === "") return null;
  const properties = select.split(",").map((p) => p.trim()).filter(Boolean);
  const unknown = properties.find((p) => !known.has(p));
  return unknown ? `Could not find a property named '${unknown}' on type 'microsoft.graph.${type}'.` : properties;
}
