import { randomBytes } from "node:crypto";
import { CallLog } from "./call-log";
import { SimTenant } from "./sim-tenant";
import { FaultInjector } from "../faults/fault-injector";
import { AuthorizationCodes } from "../identity/authorization-codes";
import { OperatorDirectory } from "../identity/operator-directory";
import { OperatorTokenIssuer } from "../identity/operator-tokens";

/** Everything the simulator holds: tenants, the call counters, the faults and the token keys. */
export class SimulatorState {
  private readonly tenants = new Map<string, SimTenant>();
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  /** Signs the simulator's access tokens; new on every start, so old tokens stop working. */
  readonly tokenKey = randomBytes(32);
  /** Signs operators' access tokens for the product's own API (RS256, published as a JWKS). */
  readonly operatorTokens = new OperatorTokenIssuer();
  /** The operators the sign-in page offers, and the codes and refresh tokens of their sign-ins. */
  readonly operators = new OperatorDirectory();
  readonly authorizationCodes = new AuthorizationCodes();

  /** Creates or replaces a tenant. */
  putTenant(tenant: SimTenant): SimTenant {
    this.tenants.set(tenant.tenantId.toLowerCase(), tenant);
    return tenant;
  }

  deleteTenant(tenantId: string): boolean {
    return this.tenants.delete(tenantId.toLowerCase());
  }

  /** The tenant by id (or by one of its domains), with due writes made visible. */
  tenant(tenantIdOrDomain: string): SimTenant | undefined {
    const key = tenantIdOrDomain.toLowerCase();
    const tenant = this.tenants.get(key) ?? [...this.tenants.values()].find((t) => t.domain.toLowerCase() === key);
    return tenant?.settle();
  }

  /** The tenant that owns a UPN's domain, or that holds the UPN as an added mailbox. */
  tenantOfUser(userPrincipalName: string): SimTenant | undefined {
    const domain = userPrincipalName.split("@")[1] ?? "";
    const byDomain = this.tenant(domain);
    if (byDomain) return byDomain;
    return [...this.tenants.values()].find((t) => t.settle().mailboxes.find(userPrincipalName) !== undefined);
  }

  /** Tenant ids, for the control API's listing. */
  tenantIds(): string[] {
    return [...this.tenants.values()].map((t) => t.tenantId);
  }
}
