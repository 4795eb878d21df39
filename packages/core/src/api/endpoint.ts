/** The public endpoints of Model Studio; the client talks HTTPS to them. */
export const REGION_ENDPOINTS = {
  "cn-beijing": "bailian.cn-beijing.aliyuncs.com",
  "ap-southeast-1": "bailian.ap-southeast-1.aliyuncs.com",
} as const;

export type Region = keyof typeof REGION_ENDPOINTS;

export const DEFAULT_REGION: Region = "cn-beijing";

/**
 * The base URL requests go to, without a trailing slash. An endpoint without a scheme is a
 * host (with an optional port) reached over HTTPS. An endpoint that is not a URL is kept as
 * written: the request then fails as a ConnectionError that was never sent, like any other
 * unreachable address, instead of the constructor throwing.
 */
export function resolveEndpoint(endpoint: string | undefined, region: string | undefined): string {
  if (endpoint === undefined || endpoint.trim() === "") {
    const chosen = region ?? DEFAULT_REGION;
    const host = Object.hasOwn(REGION_ENDPOINTS, chosen)
      ? REGION_ENDPOINTS[chosen as Region]
      : `bailian.${chosen}.aliyuncs.com`;
    return `https://${host}`;
  }
  const trimmed = endpoint.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  if (!URL.canParse(candidate)) return candidate;
  const url = new URL(candidate);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
