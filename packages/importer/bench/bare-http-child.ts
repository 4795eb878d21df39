import { Agent, request } from "node:http";
import { acsPercentEncode, createSignedHeaders, OPERATIONS } from "@promptmill/core";
import { runCreateLoop } from "./create-loop.js";
import { rowContent, rowName } from "./rows.js";

/**
 * The floor under the client: the same signed Creates as bench/baseline-child.ts, sent with
 * node:http on a keep-alive agent and nothing else — no ky, no input or response schema, no
 * retry loop, no error mapping. What the client spends beyond this is what its layers cost;
 * what this spends (signing, node's HTTP machinery, the kernel's loopback) no client on
 * node:http can avoid. Same arguments and output as baseline-child.ts.
 */
const [endpoint = "", workspaceId = "", creates = "0", concurrency = "8"] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, scheduling: "lifo" });
const credentials = {
  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "",
  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? "",
};
const { method, path } = OPERATIONS.CreatePromptTemplate;
const base = `${endpoint}${path.replace("{workspaceId}", acsPercentEncode(workspaceId))}`;

function create(i: number): Promise<void> {
  const url = new URL(
    `${base}?name=${acsPercentEncode(rowName(i))}&content=${acsPercentEncode(rowContent(i))}`,
  );
  const headers = createSignedHeaders({ method, url, action: "CreatePromptTemplate", credentials });
  const flat: string[] = ["content-length", "0"];
  for (const name in headers) flat.push(name, headers[name] as string);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers: flat,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            promptTemplateId?: string;
          };
          if (typeof body.promptTemplateId === "string") resolve();
          else reject(new Error(`Create ${i} failed: ${JSON.stringify(body)}`));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

await runCreateLoop(Number(creates), Number(concurrency), create);
