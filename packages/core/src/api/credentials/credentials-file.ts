import { parse } from "ini";
import { readCredentialFile, type SourceResult } from "./credential-source.js";
import { Credentials } from "./credentials.js";

/** A section of the Alibaba Cloud credentials file (INI). Only `type = access_key` is read. */
export async function readCredentialsFileSection(
  path: string,
  sectionName: string,
): Promise<SourceResult> {
  const file = await readCredentialFile(path);
  if ("missing" in file) return file;

  const where = `${path} [${sectionName}]`;
  const section = findSection(parse(file.text), sectionName);
  if (!section) return { missing: `${where}: no such section` };

  const type = stringValue(section.type);
  if (type !== "access_key") {
    return {
      missing: `${where}: type ${type === undefined ? "is missing" : `${type} is not supported`} (only access_key)`,
    };
  }
  const accessKeyId = stringValue(section.access_key_id);
  const accessKeySecret = stringValue(section.access_key_secret);
  if (!accessKeyId || !accessKeySecret) {
    return { missing: `${where}: access_key_id or access_key_secret is empty` };
  }
  return {
    credentials: new Credentials({
      accessKeyId,
      accessKeySecret,
      source: "credentials-file",
      profile: sectionName,
    }),
  };
}

/** `ini` nests a section named `a.b` as `{a: {b}}`: look it up whole first, then by its parts. */
function findSection(
  document: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const whole = Object.hasOwn(document, name) ? document[name] : undefined;
  if (isRecord(whole)) return whole;
  let node: unknown = document;
  for (const part of name.split(".")) {
    if (!isRecord(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return isRecord(node) ? node : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `ini` turns `true`/`false` into booleans; a key is text whatever it looks like. */
function stringValue(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}
