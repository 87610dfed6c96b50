import { json } from "../http/sim-http";
import type { SimResponse } from "../http/sim-http";

/** Exchange's OData error envelope; the reason sits in details[0] and innererror.internalexception. */
export function exchangeError(status: number, code: string, message: string, reason: string, reasonType: string, headers?: Record<string, string>): SimResponse {
  return json(status, {
    error: {
      code,
      message,
      details: [{ code: "Context", target: "", message: reason }],
      innererror: {
        message: reason,
        type: reasonType,
        internalexception: { message: reason, type: reasonType, stacktrace: "" },
      },
    },
  }, headers);
}

/** 400 "Invalid Operation" for an identity Exchange cannot find. */
export function objectNotFound(identity: string, domain: string): SimResponse {
  return exchangeError(400, "BadRequest", "Invalid Operation",
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${serverFor(domain)}'.`,
    "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException");
}

/** 400 for a cmdlet call with a bad parameter. */
export function invalidParameter(reason: string): SimResponse {
  return exchangeError(400, "BadRequest", "Invalid Operation", reason, "System.Management.Automation.ParameterBindingException");
}

/** 400 for an expired or tampered @odata.nextLink. */
export function invalidPagination(): SimResponse {
  return exchangeError(400, "BadRequest", "Expired or Invalid pagination request. Default Expiry time is 00:30:00",
    "Expired or Invalid pagination request. Default Expiry time is 00:30:00", "Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
}

/** 500 with an ADTransientException: retry later. */
export function transientFailure(domain: string): SimResponse {
  return exchangeError(500, "InternalServerError", "An internal server error occurred. The operation failed.",
    `Active Directory operation failed on ${serverFor(domain)}. This error is not retriable. Additional information: The server is not operational.`,
    "Microsoft.Exchange.Data.Directory.ADTransientException");
}

/** 401 for an app without the RBAC role or permission to run a cmdlet. */
export function notAllowed(cmdlet: string): SimResponse {
  return exchangeError(401, "Unauthorized", `User is not allowed to call ${cmdlet}`, `User is not allowed to call ${cmdlet}`,
    "Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
}

/** 401 without a usable token: empty body and a Bearer challenge, as Exchange answers. */
export function unauthenticated(reason: string): SimResponse {
  return {
    status: 401,
    headers: {
      "WWW-Authenticate": `Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"`,
      "x-ms-diagnostics": `2000001;reason="${reason}";error_category="invalid_token"`,
    },
    body: "",
  };
}

function serverFor(domain: string): string {
  return `SIM${domain.replace(/[^a-z0-9]/gi, "").slice(0, 6).toUpperCase()}A001.PROD.OUTLOOK.COM`;
}

/** 400 for a cmdlet Exchange ran and refused (an object that exists already, a value it does not take). */
export function taskFailed(reason: string, reasonType: string): SimResponse {
  return exchangeError(400, "BadRequest", "Invalid Operation", reason, reasonType);
}
