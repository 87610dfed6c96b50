import { smtpAddressesOf } from "../domain/account-identity";
import type { M365GatewayFactory } from "../m365/m365-gateway";

/** The operators' own Entra tenant (OPERATOR_TENANT_ID), for what an operator's token does not carry. */
export interface OperatorDirectory {
  /**
   * Every address the directory knows for the operator (UPN, primary and proxy addresses), lower
   * case. Throws when they cannot be read: the directory is not configured, the read failed, or it
   * has no such user; callers that decide on them fail closed.
   */
  addressesOf(oid: string): Promise<string[]>;
}

/**
 * The operators' directory read with Graph (`GET /users/{oid}?$select=...,proxyAddresses`), with the
 * app's own credentials in the operators' tenant (User.Read.All there); none when sign-in is not set up.
 */
export function graphOperatorDirectory(operatorTenantId: string | undefined, gateways: M365GatewayFactory): OperatorDirectory {
  return {
    async addressesOf(oid) {
      if (!operatorTenantId) throw new Error("the operators' directory is not configured (OPERATOR_TENANT_ID)");
      const user = await gateways.forTenant(operatorTenantId).graph.getUser(oid);
      if (!user) throw new Error(`the operators' directory has no user ${oid}`);
      return [user.userPrincipalName, ...smtpAddressesOf(user.proxyAddresses ?? [])].map((a) => a.toLowerCase());
    },
  };
}
