/**
 * Alibaba Cloud's canonical encoding of a query value: RFC 3986 unreserved characters are
 * kept, everything else is percent-encoded. encodeURIComponent leaves `! ' ( ) *` alone, so
 * they are encoded here by hand (space is `%20`, `~` stays).
 */
export function acsPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
