import { describe, expect, it } from "vitest";
import { InvokeCommandExchangeGateway } from "../../../shared/m365/exchange-gateway";
import { ExchangeInvoker, MAX_PAGING_RESTARTS } from "../../../shared/m365/exchange-invoker";
import { fakeFetch, fixedCredential, json, never } from "./fake-fetch";
import type { Responder } from "./fake-fetch";

const TENANT = "11111111-2222-3333-4444-555555555555";

function gateway(responder: Responder, timeoutMs = 5_000) {
  const fake = fakeFetch(responder);
  const credential = fixedCredential();
  const invoker = new ExchangeInvoker({
    baseUrl: "https://outlook.office365.com",
    tenantId: TENANT,
    credential,
    timeoutMs,
    fetch: fake.fetch,
    policy: { sleep: async () => {} },
  });
  return { gw: new InvokeCommandExchangeGateway(invoker), seen: fake.seen, credential };
}

const mbx = (n: number) => ({
  Identity: `user${n}`,
  PrimarySmtpAddress: `user${n}@contoso.com`,
  ExternalDirectoryObjectId: `id-${n}`,
  EmailAddresses: [`SMTP:user${n}@contoso.com`, `smtp:alias${n}@contoso.com`],
  SmtpClientAuthenticationDisabled: null,
});

describe("InvokeCommandExchangeGateway", () => {
  it("lists role groups (no members only when Exchange says so) and a role group's members by Entra object id", async () => {
    const { gw, seen } = gateway((req) =>
      String(req.body).includes("Get-RoleGroupMember")
        ? json(200, { value: [{ Name: "alice", ExternalDirectoryObjectId: "u1" }, { Name: "TenantAdmins_1", ExternalDirectoryObjectId: "" }] })
        : json(200, { value: [{ Name: "Organization Management", Members: ["alice"] }, { Name: "Help Desk", Members: [] }, { Name: "Recipient Management" }] }),
    );
    expect(await gw.listRoleGroups()).toEqual([
      { name: "Organization Management", hasMembers: true },
      { name: "Help Desk", hasMembers: false },
      { name: "Recipient Management", hasMembers: true },
    ]);
    expect(await gw.listRoleGroupMemberIds("Organization Management")).toEqual(["u1"]);
    expect(JSON.parse(String(seen[1]!.body))).toEqual({ CmdletInput: { CmdletName: "Get-RoleGroupMember", Parameters: { Identity: "Organization Management", ResultSize: "Unlimited" } } });
  });

  it("sends Get-CASMailbox with the Exchange headers, token scope and $select", async () => {
    const { gw, seen, credential } = gateway(() => json(200, { value: [{ ...mbx(1), SmtpClientAuthenticationDisabled: false }] }));
    const mailbox = await gw.getCasMailbox("user1@contoso.com");
    expect(mailbox).toEqual({
      identity: "user1",
      primarySmtpAddress: "user1@contoso.com",
      externalDirectoryObjectId: "id-1",
      emailAddresses: ["SMTP:user1@contoso.com", "smtp:alias1@contoso.com"],
      smtpClientAuthenticationDisabled: false,
    });
    const req = seen[0]!;
    expect(req.url).toBe(
      `https://outlook.office365.com/adminapi/beta/${TENANT}/InvokeCommand?$select=Identity,PrimarySmtpAddress,ExternalDirectoryObjectId,SmtpClientAuthenticationDisabled,EmailAddresses`,
    );
    expect(req.headers["authorization"]).toBe("Bearer test-token");
    expect(req.headers["x-anchormailbox"]).toBe(`APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${TENANT}`);
    expect(req.headers["prefer"]).toBe("odata.maxpagesize=1000");
    expect(req.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(req.body)).toEqual({
      CmdletInput: { CmdletName: "Get-CASMailbox", Parameters: { Identity: "user1@contoso.com" } },
    });
    expect(credential.scopes).toEqual(["https://outlook.office365.com/.default"]);
  });

  it("returns null for a mailbox Exchange cannot find (a 400 whose exception type says so)", async () => {
    const type = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";
    const { gw } = gateway(() =>
      json(400, {
        error: {
          code: "BadRequest",
          message: "Invalid Operation",
          innererror: { type, internalexception: { type, message: "The operation couldn't be performed because object 'ghost@contoso.com' couldn't be found." } },
        },
      }),
    );
    expect(await gw.getCasMailbox("ghost@contoso.com")).toBeNull();
  });

  it("does not take any 400 that mentions 'not found' for a missing mailbox", async () => {
    const { gw } = gateway(() =>
      json(400, { error: { code: "BadRequest", message: "Invalid Operation", innererror: { type: "Microsoft.Exchange.Data.Storage.DatabaseNotFoundException", internalexception: { message: "Mailbox database not found." } } } }),
    );
    await expect(gw.getCasMailbox("a@contoso.com")).rejects.toMatchObject({ kind: "permanent", status: 400 });
  });

  it("reads details[0].message first and names the missing permission on a 401", async () => {
    const { gw } = gateway(() =>
      json(401, { error: { code: "Unauthorized", message: "outer", details: [{ message: "User is not allowed to call Get-CASMailbox" }] } }),
    );
    await expect(gw.getCasMailbox("a@contoso.com")).rejects.toMatchObject({
      kind: "permanent",
      status: 401,
      permission: "Exchange.ManageAsApp",
      message: expect.stringContaining("User is not allowed to call Get-CASMailbox"),
    });
  });

  it("treats ADTransientException as transient after the bounded in-call retries", async () => {
    const { gw, seen } = gateway(() =>
      json(500, { error: { code: "InternalServerError", message: "Active Directory error", type: "Microsoft.Exchange.Data.Directory.ADTransientException" } }),
    );
    await expect(gw.getOrgSmtpAuthDisabled()).rejects.toMatchObject({ kind: "transient", status: 500 });
    expect(seen.length).toBe(3);
  });

  it("re-POSTs the same body to each nextLink and yields every page", async () => {
    const { gw, seen } = gateway((req) => {
      const page = req.url.includes("page=2") ? 2 : 1;
      const next = page === 1 ? { "@odata.nextLink": `https://outlook.office365.com/adminapi/beta/${TENANT}/InvokeCommand?page=2` } : {};
      return json(200, { value: [mbx(page * 10), mbx(page * 10 + 1)], ...next });
    });
    const pages = [];
    for await (const page of gw.listCasMailboxes()) pages.push(page.map((m) => m.identity));
    expect(pages).toEqual([["user10", "user11"], ["user20", "user21"]]);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(JSON.parse(seen[0]!.body).CmdletInput.Parameters).toEqual({ ResultSize: "Unlimited" });
  });

  it("restarts paging on an expired link and yields each mailbox once", async () => {
    let expiredOnce = false;
    const { gw, seen } = gateway((req) => {
      if (req.url.includes("page=2") && !expiredOnce) {
        expiredOnce = true;
        return json(400, { error: { code: "BadRequest", message: "Expired or Invalid pagination request. Default Expiry time is 00:30:00" } });
      }
      if (req.url.includes("page=2")) return json(200, { value: [mbx(3)] });
      return json(200, { value: [mbx(1), mbx(2)], "@odata.nextLink": `https://outlook.office365.com/x?page=2` });
    });
    const all: string[] = [];
    for await (const page of gw.listCasMailboxes()) all.push(...page.map((m) => m.identity));
    expect(all).toEqual(["user1", "user2", "user3"]);
    expect(seen.length).toBe(4);
  });

  it("gives up after the bounded number of paging restarts", async () => {
    const { gw, seen } = gateway((req) =>
      req.url.includes("page=2")
        ? json(400, { error: { code: "BadRequest", message: "Expired or Invalid pagination request." } })
        : json(200, { value: [mbx(1)], "@odata.nextLink": "https://outlook.office365.com/x?page=2" }),
    );
    const run = async () => {
      for await (const page of gw.listCasMailboxes()) void page;
    };
    await expect(run()).rejects.toMatchObject({ code: "PagingLinkExpired" });
    expect(seen.length).toBe(2 * (MAX_PAGING_RESTARTS + 1));
  });

  it("times out a call that never answers as a transient error", async () => {
    const { gw, seen } = gateway((_req, _i, signal) => never(signal), 30);
    await expect(gw.getOrgSmtpAuthDisabled()).rejects.toMatchObject({ kind: "transient", code: "Timeout" });
    expect(seen.length).toBe(3);
  });
});
