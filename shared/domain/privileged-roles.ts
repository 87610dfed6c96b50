/**
 * Entra directory roles Microsoft calls privileged (can change security settings, credentials or
 * other admins). Template ids are the same in every tenant; Conditional Access names roles by them.
 */
export const PRIVILEGED_ROLES: ReadonlyArray<{ name: string; templateId: string }> = [
  { name: "Global Administrator", templateId: "62e90394-69f5-4237-9190-012177145e10" },
  { name: "Privileged Role Administrator", templateId: "e8611ab8-c189-46e8-94e1-60213ab1f814" },
  { name: "Privileged Authentication Administrator", templateId: "7be44c8a-adaf-4e2a-84d6-ab2649e08a13" },
  { name: "Security Administrator", templateId: "194ae4cb-b126-40b2-bd5b-6091b380977d" },
  { name: "Exchange Administrator", templateId: "29232cdf-9323-42fd-ade2-1d097af3e4de" },
  { name: "SharePoint Administrator", templateId: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c" },
  { name: "User Administrator", templateId: "fe930be7-5e62-47db-91af-98c3a49a38b1" },
  { name: "Helpdesk Administrator", templateId: "729827e3-9c14-49f7-bb1b-9608f156bbb8" },
  { name: "Password Administrator", templateId: "966707d0-3269-4727-9be2-8c3a10f19b9d" },
  { name: "Authentication Administrator", templateId: "c4e39bd9-1100-46d3-8c65-fb160da0071f" },
  { name: "Authentication Policy Administrator", templateId: "0526716b-113d-4c15-b2c8-68e3c22b9f80" },
  { name: "Conditional Access Administrator", templateId: "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9" },
  { name: "Application Administrator", templateId: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3" },
  { name: "Cloud Application Administrator", templateId: "158c047a-c907-4556-b7ef-446551a6b5f7" },
  { name: "Hybrid Identity Administrator", templateId: "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2" },
  { name: "Intune Administrator", templateId: "3a2c62db-5318-420d-8d74-23affee5d9d5" },
  { name: "Billing Administrator", templateId: "b0f54661-2d74-4c50-afa3-1ec803f12efe" },
  { name: "Compliance Administrator", templateId: "17315797-102d-40b4-93e0-432062caca18" },
  { name: "Domain Name Administrator", templateId: "8329153b-31d0-4727-b945-745eb3bc5f31" },
  { name: "External Identity Provider Administrator", templateId: "be2f45a1-457d-42af-a067-6ec1fa63bc45" },
  { name: "Groups Administrator", templateId: "fdd7a751-b60b-444a-984c-02652fe8fa1c" },
  { name: "Teams Administrator", templateId: "69091246-20e8-4a56-aa4d-066075b2a7a8" },
  { name: "Directory Writers", templateId: "9360feb5-f418-4baa-8175-e2a00bac4301" },
  { name: "Global Reader", templateId: "f2ef992c-3afb-46b9-b7cf-a126ee74c451" },
  { name: "Security Operator", templateId: "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f" },
  { name: "Partner Tier2 Support", templateId: "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8" },
];

/**
 * The only built-in roles counted as harmless: readers of reports, messages and attribute or Teams
 * settings that Microsoft does not label privileged ("Microsoft Entra built-in roles",
 * learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference, the All roles
 * table, January 2026). Every other built-in role, new ones included, counts as admin power.
 */
export const NON_PRIVILEGED_ROLES: ReadonlyArray<{ name: string; templateId: string }> = [
  { name: "Directory Readers", templateId: "88d8e3e3-8f55-4a1e-953a-9b9898b8876b" },
  { name: "Reports Reader", templateId: "4a5d8f65-41da-4de4-8968-e035b65339cf" },
  { name: "Usage Summary Reports Reader", templateId: "75934031-6c7e-415a-99d7-48dbd49e875e" },
  { name: "Message Center Reader", templateId: "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b" },
  { name: "Message Center Privacy Reader", templateId: "ac16e43d-7b2d-40e0-ac05-243ff356ab5b" },
  { name: "Teams Reader", templateId: "1076ac91-f3d9-41a7-a339-dcdf5f480acc" },
  { name: "Attribute Assignment Reader", templateId: "ffd52fa5-98dc-465c-991d-fc073eb59f8f" },
  { name: "Attribute Definition Reader", templateId: "1d336d2c-4ae8-42ef-9711-b3604ce3fc2c" },
];

const NON_PRIVILEGED_TEMPLATE_IDS = new Set(NON_PRIVILEGED_ROLES.map((r) => r.templateId));

/** True only for a built-in role on the allow-list above, by template id. */
export function isNonPrivilegedBuiltInRole(templateId: string): boolean {
  return NON_PRIVILEGED_TEMPLATE_IDS.has(templateId.trim().toLowerCase());
}
