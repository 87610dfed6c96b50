import { EXCHANGE_OPERATIONS, GRAPH_OPERATIONS, operationPermission } from "./permission-manifest";
import type { AppPermission, ExchangeOperation, GraphOperation } from "./permission-manifest";

/** An operation name the gateways use in errors. */
export type M365Operation = GraphOperation | ExchangeOperation;

/**
 * Which application permission each operation needs, so a 401/403 can name what the app
 * registration is missing instead of "Insufficient privileges". Derived from permission-manifest.ts.
 */
export const OPERATION_PERMISSIONS: Readonly<Record<M365Operation, AppPermission>> = Object.fromEntries(
  [...Object.keys(GRAPH_OPERATIONS), ...Object.keys(EXCHANGE_OPERATIONS)].map((op) => [op, operationPermission(op as M365Operation)]),
) as Record<M365Operation, AppPermission>;

/** The permission an operation needs (undefined for an operation outside the table). */
export function permissionFor(operation: string): string | undefined {
  return Object.hasOwn(OPERATION_PERMISSIONS, operation) ? OPERATION_PERMISSIONS[operation as M365Operation] : undefined;
}
