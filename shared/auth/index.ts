export { authenticateOperator } from "./authenticate";
export { describeOperator, isSameOperator, operatorRef, type Operator, type OperatorRef } from "./operator";
export { isOperatorRole, OPERATOR_ROLES, type OperatorRole } from "./operator-roles";
export { CLOCK_SKEW_SECONDS, OperatorTokenValidator, type OperatorTokenConfig } from "./token-validator";
export { inTenantScope, requireTenantScope, type ScopedTenant } from "./tenant-scope";
