import type { IncomingMessage } from "node:http";
import {
  createHttpTestServer,
  type ReceivedRequest,
  sendJson,
} from "../../__test__/http-test-server.js";
import { verifySignature } from "../../__test__/verify-signature.js";
import { parseAuthorization } from "../../signing/sign-request.js";

export interface StsCall {
  action: string;
  /** The AccessKey that signed it (AssumeRole), or undefined (the anonymous AssumeRoleWithOIDC). */
  signedBy: string | undefined;
  query: Record<string, string>;
  form: Record<string, string>;
  rawUrl: string;
}

export interface StsStandIn {
  readonly url: string;
  readonly calls: StsCall[];
  /** How long the credentials it hands out last (seconds from its clock). */
  lifetimeSeconds: number;
  /** The clock the Expiration is computed from; tests move it. */
  now: () => number;
  /** While set, every call is refused with this STS error code. */
  refuseWith: string | undefined;
  close(): Promise<void>;
}

/**
 * A small stand-in for Alibaba Cloud STS on 127.0.0.1: AssumeRole (ACS3-signed by a known RAM
 * user's AccessKey, verified as a server verifies it) and AssumeRoleWithOIDC (anonymous, the
 * token in the form body, checked against the one expected). Each answer carries new
 * credentials that expire `lifetimeSeconds` later.
 */
export async function startStsStandIn(options: {
  /** AccessKey ID → secret of the RAM users allowed to call AssumeRole. */
  ramUsers: Record<string, string>;
  /** The OIDC tokens AssumeRoleWithOIDC accepts. */
  oidcTokens?: readonly string[];
  lifetimeSeconds?: number;
}): Promise<StsStandIn> {
  const server = await createHttpTestServer();
  let issued = 0;
  const standIn: StsStandIn = {
    url: server.url,
    calls: [],
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    now: Date.now,
    refuseWith: undefined,
    close: () => server.close(),
  };

  server.handle(async (request: ReceivedRequest, response, incoming: IncomingMessage) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(incoming)));
    const action = String(request.headers["x-acs-action"] ?? "");
    const signedBy = parseAuthorization(
      typeof request.headers.authorization === "string" ? request.headers.authorization : undefined,
    )?.accessKeyId;
    standIn.calls.push({ action, signedBy, query: request.query, form, rawUrl: request.rawUrl });
    const refuse = (status: number, code: string) =>
      sendJson(response, status, { Code: code, Message: `refused: ${code}`, RequestId: "STS-1" });

    if (request.method !== "POST" || request.headers["x-acs-version"] !== "2015-04-01") {
      return refuse(400, "InvalidVersion");
    }
    if (standIn.refuseWith) return refuse(403, standIn.refuseWith);
    if (action === "AssumeRole") {
      const secret = signedBy === undefined ? undefined : options.ramUsers[signedBy];
      if (secret === undefined) return refuse(404, "InvalidAccessKeyId.NotFound");
      if (!verifySignature(request, secret)) return refuse(400, "SignatureDoesNotMatch");
    } else if (action === "AssumeRoleWithOIDC") {
      if (!options.oidcTokens?.includes(form.OIDCToken ?? "")) {
        return refuse(400, "AuthenticationFail.OIDCToken.Invalid");
      }
    } else {
      return refuse(400, "InvalidAction.NotFound");
    }
    issued += 1;
    const expiration = new Date(standIn.now() + standIn.lifetimeSeconds * 1000);
    sendJson(response, 200, {
      RequestId: `STS-${issued}`,
      AssumedRoleUser: { Arn: `${request.query.RoleArn}/${request.query.RoleSessionName}` },
      Credentials: {
        AccessKeyId: `STS.issued-${issued}`,
        AccessKeySecret: `sts-secret-${issued}-0f1e2d3c`,
        SecurityToken: `sts-token-${issued}-9a8b7c6d`,
        Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
    });
  });
  return standIn;
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    incoming.setEncoding("utf8");
    incoming.on("data", (chunk: string) => {
      body += chunk;
    });
    incoming.on("end", () => resolve(body));
    incoming.on("error", reject);
  });
}
