import type { TokenCredential } from "@azure/identity";
import { networkError, withCallPolicy } from "./call-policy";
import type { CallIdentity, CallPolicyOptions } from "./call-policy";
import { defaultScopeFor, EXCHANGE_RESOURCE } from "./credentials";
import { errorFromHttp } from "./http-error";
import { identityError, isIdentityErrorName } from "./identity-error";
import { isM365Error } from "./m365-error";
import type { M365Error } from "./m365-error";
import type { M365Operation } from "./m365-permissions";

/** Restarts of a paged read after Exchange called its link expired, before giving up. */
export const MAX_PAGING_RESTARTS = 2;
/** Error code given to an expired or invalid @odata.nextLink (Exchange answers a plain 400). */
export const PAGING_EXPIRED_CODE = "PagingLinkExpired";
/** The system mailbox Exchange routes app-only InvokeCommand calls through (reference/m365.md §4). */
const ANCHOR_MAILBOX = "APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}";

/** One cmdlet run through InvokeCommand. */
export interface CmdletCall {
  operation: M365Operation;
  cmdlet: string;
  parameters: Record<string, unknown>;
  /** Properties to return ($select); everything when absent. */
  select?: readonly string[];
}

/** What the Exchange invoker needs. */
export interface ExchangeInvokerOptions {
  baseUrl: string;
  tenantId: string;
  credential: TokenCredential;
  timeoutMs: number;
  fetch?: typeof fetch;
  policy?: CallPolicyOptions;
}

interface InvokeReply {
  value?: Array<Record<string, unknown>>;
  "@odata.nextLink"?: string;
}

interface ExchangeErrorBody {
  error?: {
    code?: string;
    message?: string;
    type?: string;
    details?: Array<{ message?: string }>;
    innererror?: { internalexception?: { message?: string; type?: string }; type?: string };
  };
}

/** Exchange Online's InvokeCommand endpoint for one tenant: headers, token, errors, paging. */
export class ExchangeInvoker {
  private readonly fetchImpl: typeof fetch;
  private readonly scope: string;
  private readonly url: string;

  constructor(private readonly options: ExchangeInvokerOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.scope = defaultScopeFor(options.baseUrl, EXCHANGE_RESOURCE);
    const base = new URL(options.baseUrl).origin;
    this.url = `${base}/adminapi/beta/${encodeURIComponent(options.tenantId)}/InvokeCommand`;
  }

  /** The objects a single-page cmdlet returned. */
  async invoke(call: CmdletCall): Promise<Array<Record<string, unknown>>> {
    return (await this.post(call, this.firstUrl(call))).value ?? [];
  }

  /**
   * Every page, re-POSTing the body to each @odata.nextLink. An expired link restarts from the
   * first page (a bounded number of times); the caller drops what it has already seen.
   */
  async *invokePaged(call: CmdletCall): AsyncIterable<Array<Record<string, unknown>>> {
    for (let restarts = 0; ; restarts++) {
      let url: string | undefined = this.firstUrl(call);
      try {
        while (url) {
          const reply: InvokeReply = await this.post(call, url);
          yield reply.value ?? [];
          url = reply["@odata.nextLink"];
        }
        return;
      } catch (e) {
        if (!(isM365Error(e) && e.code === PAGING_EXPIRED_CODE) || restarts >= MAX_PAGING_RESTARTS) throw e;
      }
    }
  }

  private firstUrl(call: CmdletCall): string {
    return call.select?.length ? `${this.url}?$select=${call.select.join(",")}` : this.url;
  }

  private post(call: CmdletCall, url: string): Promise<InvokeReply> {
    const id: CallIdentity = { service: "exchange", operation: call.operation };
    return withCallPolicy(id, (attempt) => this.postOnce(attempt, call, url), this.options.policy);
  }

  private async postOnce(id: CallIdentity, call: CmdletCall, url: string): Promise<InvokeReply> {
    const token = await this.token(id);
    // The call passed the gate before its token was fetched; a 429 read meanwhile closed it again.
    await this.options.policy?.gate?.pass(id);
    const body = JSON.stringify({ CmdletInput: { CmdletName: call.cmdlet, Parameters: call.parameters } });
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json; charset=utf-8",
          "X-AnchorMailbox": `${ANCHOR_MAILBOX}@${this.options.tenantId}`,
          Prefer: "odata.maxpagesize=1000",
          "client-request-id": id.clientRequestId ?? "",
          "return-client-request-id": "true",
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (e) {
      throw networkError(id, e);
    }
    const text = await response.text().catch(() => "");
    if (response.ok) return text ? (JSON.parse(text) as InvokeReply) : {};
    throw exchangeError(id, response, text);
  }

  private async token(id: CallIdentity): Promise<string> {
    try {
      const token = await this.options.credential.getToken(this.scope, {
        abortSignal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (token) return token.token;
    } catch (e) {
      const { name, message } = e as { name?: string; message?: string };
      if (isIdentityErrorName(name)) throw identityError(id, name ?? "", message ?? "", e);
      throw networkError(id, e);
    }
    throw identityError(id, "CredentialUnavailableError", "no token", undefined);
  }
}

/** The exception Exchange throws for an identity it cannot resolve (Get-CASMailbox, Get-User, Get-AuthenticationPolicy). */
const NOT_FOUND_TYPE = /\bManagementObjectNotFoundException\b/;

/** Reads an Exchange error: details[0].message, then the inner exception, then message. */
export function exchangeError(id: CallIdentity, response: Response, text: string): M365Error {
  let parsed: ExchangeErrorBody = {};
  try {
    parsed = JSON.parse(text) as ExchangeErrorBody;
  } catch {
    // Non-JSON bodies (gateways, HTML) carry nothing we classify on; the status decides.
  }
  const err = parsed.error ?? {};
  const message = err.details?.[0]?.message ?? err.innererror?.internalexception?.message ?? err.message ?? text.slice(0, 200);
  const status = response.status;
  let code = err.code;
  let kind: M365Error["kind"] | undefined;
  if (status === 400 && /expired or invalid pagination request/i.test(message + " " + (err.message ?? ""))) {
    code = PAGING_EXPIRED_CODE;
    kind = "permanent";
  } else if ((status === 400 || status === 404) && NOT_FOUND_TYPE.test(`${err.type ?? ""} ${err.innererror?.type ?? ""} ${err.innererror?.internalexception?.type ?? ""}`)) {
    // By the exception type, never by the words "not found": a missing database or policy must not read as "no such mailbox".
    kind = "not-found";
  } else if (/ADTransientException/i.test(`${err.type ?? ""} ${err.innererror?.type ?? ""} ${text}`)) {
    kind = "transient";
  }
  return errorFromHttp(id, { status, code, message, retryAfter: response.headers.get("retry-after"), kind });
}
