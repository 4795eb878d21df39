// biome-ignore-all lint/suspicious/noTemplateCurlyInString: prompt templates are written in the ${var} syntax on purpose.
import { createRequire } from "node:module";
import {
  API_VERSION,
  acsPercentEncode,
  computeSignature,
  createNonce,
  EMPTY_PAYLOAD_HASH,
  formatAcsDate,
} from "@promptmill/core";

/**
 * The service's own Create capacity, measured by the load tool (autocannon, the service
 * benchmark's): signed Creates, each with its own nonce, signed before the run so that the
 * load generator is not what sets the pace (see the service's bench/presigned-requests.ts).
 * autocannon is a development dependency of @promptmill/service; it is loaded from there.
 * Usage: service-capacity.ts <endpoint> <workspace> <seconds> <connections>, the key in
 * ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET. Prints one JSON line.
 */
const [endpoint = "", workspaceId = "", secondsText = "5", connectionsText = "10"] =
  process.argv.slice(2);
const seconds = Number(secondsText);
const connections = Number(connectionsText);
const key = {
  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "",
  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "",
};
/** The part of autocannon's API used here (its types belong to the service package). */
interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number };
  non2xx: number;
  errors: number;
}
type LoadTool = (
  options: {
    url: string;
    connections: number;
    duration: number;
    maxConnectionRequests: number;
    setupClient: (client: { setRequests(requests: LoadRequest[]): void }) => void;
  },
  done: (error: Error | null, result: LoadResult) => void,
) => unknown;

const requireFromService = createRequire(
  createRequire(import.meta.url).resolve("@promptmill/service/package.json"),
);
const load = requireFromService("autocannon") as LoadTool;

const url = new URL(endpoint);
const path = `/${workspaceId}/promptTemplates`;
let serial = 0;
function signedCreate(): LoadRequest {
  const i = serial++;
  const query = {
    content: `请为\${product}写一段第${i}号产品介绍，语气\${tone}。Write about \${product}, number ${i}.`,
    name: `capacity ${i}`,
  };
  const headers: Record<string, string> = {
    host: url.host,
    "x-acs-action": "CreatePromptTemplate",
    "x-acs-version": API_VERSION,
    "x-acs-date": formatAcsDate(new Date()),
    "x-acs-signature-nonce": createNonce(),
    "x-acs-content-sha256": EMPTY_PAYLOAD_HASH,
  };
  const { authorization } = computeSignature(
    { method: "POST", path, query, headers, payloadHash: EMPTY_PAYLOAD_HASH },
    key,
  );
  const search = Object.entries(query)
    .map(([name, value]) => `${name}=${acsPercentEncode(value)}`)
    .join("&");
  return {
    method: "POST",
    path: `${path}?${search}`,
    headers: { ...headers, authorization, accept: "application/json" },
  };
}

// Far more than the service answers in the run: no connection may run out and start over
// (that would resend nonces).
const perConnection = Math.ceil((seconds * 12_000) / connections);
const lists = Array.from({ length: connections }, () =>
  Array.from({ length: perConnection }, signedCreate),
);
let handedOut = 0;
const result = await new Promise<LoadResult>((resolve, reject) => {
  load(
    {
      url: endpoint,
      connections,
      duration: seconds,
      maxConnectionRequests: perConnection,
      setupClient: (client) => {
        client.setRequests(lists[handedOut++] ?? []);
      },
    },
    (error, finished) => (error ? reject(error) : resolve(finished)),
  );
});
process.stdout.write(
  `${JSON.stringify({
    createsPerSecond: Math.round(result.requests.average),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    latencyP50Ms: result.latency.p50,
  })}\n`,
);
