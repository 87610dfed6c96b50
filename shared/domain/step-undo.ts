/** Kinds of objects a migration step creates in a tenant; an undo removes each with its Remove- cmdlet. */
export type CreatedObjectKind = "hve-account" | "inbound-connector" | "exchange-service-principal" | "mailbox-permission";

/** One object a step created: `id` is what its Remove- cmdlet takes as -Identity; `user` and `accessRights` for a permission. */
export interface CreatedObject {
  kind: CreatedObjectKind;
  id: string;
  user?: string;
  accessRights?: string[];
}

/**
 * What an undo needs to reverse a step that changed something: the objects it created (removed in
 * reverse order) and the values it overwrote, as they were before.
 */
export interface StepUndo {
  created: CreatedObject[];
  before?: Record<string, string | boolean | null>;
}
