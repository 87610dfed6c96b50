/** Kinds of objects a migration step creates in a tenant; an undo removes each with its Remove- cmdlet. */
export type CreatedObjectKind = "hve-account" | "inbound-connector" | "exchange-service-principal" | "mailbox-permission";

/** One object a step created: `id` is what its Remove- cmdlet takes as -Identity; `user` and `accessRights` for a permission. */
export interface CreatedObject {
  kind: CreatedObjectKind;
  id: string;
  user?: string;
  accessRights?: string[];
}

