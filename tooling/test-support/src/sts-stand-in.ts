import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The parts of @promptmill/core's ACS3 signer the stand-in verifies AssumeRole with. They are
 * passed in (core's own tests hand over their modules, others `@promptmill/core`) because this
 * package cannot depend on core: core's tests depend on this package.
 */
export interface StsSigning {
  parseAuthorization(
    header: string | undefined,
  ): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined;
  computeSignature(
    input: {
      method: string;
      path: string;
      query: Record<string, string | undefined>;
      headers: Record<string, string | readonly string[] | undefined>;
      payloadHash: string;
      signedHeaders?: readonly string[];
    },
    key: { accessKeyId: string; accessKeySecret: string },
  ): { signature: string };
  signaturesEqual(expected: string, actual: string): boolean;
}

export interface StsCall {
  action: string;
  /** The AccessKey that signed it (AssumeRole), or undefined (the anonymous AssumeRoleWithOIDC). */
  signedBy: string | undefined;
  query: Record<string, string>;
  form: Record<string, string>;
  rawUrl: string;
}

export interface StsStandIn {
  /** `http://127.0.0.1:<port>`: what `stsEndpoint` / ALIBABA_CLOUD_STS_ENDPOINT takes. */
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

export interface StsStandInOptions {
  /** AccessKey ID → secret of the RAM users allowed to call AssumeRole. */
  ramUsers: Record<string, string>;
  /** The OIDC tokens AssumeRoleWithOIDC accepts. */
  oidcTokens?: readonly string[];
  lifetimeSeconds?: number;
  signing: StsSigning;
}

/** The credentials the n-th successful call (from 1) hands out: tests can give a service these keys. */
export function issuedStsCredentials(n: number): {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
} {
  return {
    accessKeyId: `STS.issued-${n}`,
    accessKeySecret: `sts-secret-${n}-0f1e2d3c`,
    securityToken: `sts-token-${n}-9a8b7c6d`,
  };
}

/**
 * A small stand-in for Alibaba Cloud STS on 127.0.0.1: AssumeRole (ACS3-signed by a known RAM
 * user's AccessKey, verified as a server verifies it: the path as received, the query decoded,
 * exactly the headers named in SignedHeaders) and AssumeRoleWithOIDC (anonymous, the token in
 * the form body, checked against the ones expected). Each answer carries new credentials
 * (`issuedStsCredentials(n)`) that expire `lifetimeSeconds` later.
 */
export async function startStsStandIn(options: StsStandInOptions): Promise<StsStandIn> {
  let issued = 0;
  const calls: StsCall[] = [];
  const server = createServer((incoming, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    readBody(incoming)
      .then((body) => {
        const rawUrl = incoming.url ?? "/";
        const queryStart = rawUrl.indexOf("?");
        const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
        const query = Object.fromEntries(new URL(rawUrl, "http://sts.invalid").searchParams);
        const form = Object.fromEntries(new URLSearchParams(body));
        const headers = incoming.headers;
        const action = String(headers["x-acs-action"] ?? "");
        const authorization = options.signing.parseAuthorization(
          typeof headers.authorization === "string" ? headers.authorization : undefined,
        );
        calls.push({ action, signedBy: authorization?.accessKeyId, query, form, rawUrl });
        const refuse = (status: number, code: string) =>
          send(status, { Code: code, Message: `refused: ${code}`, RequestId: "STS-1" });

        if (incoming.method !== "POST" || headers["x-acs-version"] !== "2015-04-01") {
          return refuse(400, "InvalidVersion");
        }
        if (standIn.refuseWith) return refuse(403, standIn.refuseWith);
        if (action === "AssumeRole") {
          const secret =
            authorization === undefined ? undefined : options.ramUsers[authorization.accessKeyId];
          if (authorization === undefined || secret === undefined) {
            return refuse(404, "InvalidAccessKeyId.NotFound");
          }
          const expected = options.signing.computeSignature(
            {
              method: incoming.method,
              path,
              query,
              headers: headers as IncomingHttpHeaders,
              payloadHash: String(headers["x-acs-content-sha256"]),
              signedHeaders: authorization.signedHeaders,
            },
            { accessKeyId: authorization.accessKeyId, accessKeySecret: secret },
          );
          if (!options.signing.signaturesEqual(expected.signature, authorization.signature)) {
            return refuse(400, "SignatureDoesNotMatch");
          }
        } else if (action === "AssumeRoleWithOIDC") {
          if (!options.oidcTokens?.includes(form.OIDCToken ?? "")) {
            return refuse(400, "AuthenticationFail.OIDCToken.Invalid");
          }
        } else {
          return refuse(400, "InvalidAction.NotFound");
        }
        issued += 1;
        const credentials = issuedStsCredentials(issued);
        const expiration = new Date(standIn.now() + standIn.lifetimeSeconds * 1000);
        send(200, {
          RequestId: `STS-${issued}`,
          AssumedRoleUser: { Arn: `${query.RoleArn}/${query.RoleSessionName}` },
          Credentials: {
            AccessKeyId: credentials.accessKeyId,
            AccessKeySecret: credentials.accessKeySecret,
            SecurityToken: credentials.securityToken,
            Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
          },
        });
      })
      .catch(() => send(500, { Code: "InternalError", RequestId: "STS-0" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const standIn: StsStandIn = {
    url: `http://127.0.0.1:${port}`,
    calls,
    lifetimeSeconds: options.lifetimeSeconds ?? 3600,
    now: Date.now,
    refuseWith: undefined,
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
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
