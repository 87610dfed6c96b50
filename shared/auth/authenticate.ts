import { AppError } from "../errors/app-error";
import type { Operator } from "./operator";
import type { OperatorRole } from "./operator-roles";
import type { OperatorTokenValidator } from "./token-validator";

/**
 * The check every operator route makes before anything else: a valid bearer token (401
 * UNAUTHENTICATED otherwise) that carries the route's app role (403 FORBIDDEN otherwise).
 */
export async function authenticateOperator(authorization: string | null | undefined, role: OperatorRole, validator: OperatorTokenValidator): Promise<Operator> {
  const token = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) {
    const message = authorization ? "The Authorization header is not a bearer token." : "Sign in: send Authorization: Bearer <an Entra ID access token for this API>.";
    throw new AppError("UNAUTHENTICATED", message, { headers: { "WWW-Authenticate": "Bearer" } });
  }
  const operator = await validator.validate(token);
  if (!operator.roles.includes(role)) {
    throw new AppError("FORBIDDEN", `This needs the app role ${role}; ${operator.upn} has ${operator.roles.length ? operator.roles.join(", ") : "no role of this app"}.`, { details: { requiredRole: role } });
  }
  return operator;
}
