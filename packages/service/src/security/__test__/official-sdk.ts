import bailianModule from "@alicloud/bailian20231229";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { startCaptureProxy } from "./capture-proxy.js";

// A CommonJS package: Node's default import is module.exports (the class is its `default`),
// while vitest's interop already unwraps it to the class.
const Client = (
  "default" in bailianModule ? bailianModule.default : bailianModule
) as typeof bailianModule.default;
export type SdkClient = InstanceType<typeof Client>;
export { CreatePromptTemplateRequest, ListPromptTemplatesRequest } from "@alicloud/bailian20231229";

export interface Key {
  accessKeyId: string;
  accessKeySecret: string;
}

/** The official SDK client, talking plain HTTP to 127.0.0.1:port. */
export function sdkClient(port: number, key: Key): SdkClient {
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
    }),
  );
}

/**
 * Runs calls of the official SDK through a recording proxy to the service: they reach the
 * service and are answered as usual, and the bytes of each signed request are kept, as an
 * attacker on the path would keep them.
 */
export async function captureSdkRequests<T>(
  servicePort: number,
  key: Key,
  calls: (client: SdkClient) => Promise<T>,
): Promise<{ result: T; requests: Buffer[] }> {
  const proxy = await startCaptureProxy(servicePort);
  try {
    const result = await calls(sdkClient(proxy.port, key));
    return { result, requests: [...proxy.requests] };
  } finally {
    await proxy.close();
  }
}

/** A captured request with one header's value replaced, byte for byte otherwise. */
export function withHeader(request: Buffer, name: string, value: string): Buffer {
  const text = request.toString("latin1");
  const pattern = new RegExp(`\\r\\n${name}:[^\\r]*`, "i");
  if (!pattern.test(text)) throw new Error(`no ${name} header in the captured request`);
  return Buffer.from(
    text.replace(pattern, () => `\r\n${name}: ${value}`),
    "latin1",
  );
}

/** The value of a header of a captured request. */
export function headerOf(request: Buffer, name: string): string {
  const match = new RegExp(`\\r\\n${name}:\\s*([^\\r]*)`, "i").exec(request.toString("latin1"));
  if (!match?.[1]) throw new Error(`no ${name} header in the captured request`);
  return match[1];
}
