import { z } from "zod";
import { readCredentialFile, type SourceResult } from "./credential-source.js";
import { Credentials } from "./credentials.js";

const profileSchema = z.object({
  name: z.string(),
  mode: z.string().optional(),
  access_key_id: z.string().optional(),
  access_key_secret: z.string().optional(),
  sts_token: z.string().optional(),
});

const configSchema = z.object({
  current: z.string().optional(),
  profiles: z.array(profileSchema).optional(),
});

/**
 * A profile of the aliyun CLI's `config.json`. Only the modes that carry keys in the file
 * are read (`AK`, `StsToken`); the others fetch credentials from a service at run time.
 */
export async function readAliyunCliProfile(
  path: string,
  requestedProfile: string | undefined,
): Promise<SourceResult> {
  const file = await readCredentialFile(path);
  if ("missing" in file) return file;

  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch {
    return { missing: `${path}: not valid JSON` };
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) return { missing: `${path}: not in the aliyun CLI's config format` };

  const name = requestedProfile ?? (parsed.data.current || "default");
  const where = `${path} (profile "${name}")`;
  const profile = parsed.data.profiles?.find((candidate) => candidate.name === name);
  if (!profile) return { missing: `${where}: no such profile` };

  const mode = profile.mode || "AK";
  if (mode !== "AK" && mode !== "StsToken") {
    return { missing: `${where}: mode ${mode} is not supported (only AK and StsToken)` };
  }
  if (!profile.access_key_id || !profile.access_key_secret) {
    return { missing: `${where}: access_key_id or access_key_secret is empty` };
  }
  if (mode === "StsToken" && !profile.sts_token) {
    return { missing: `${where}: mode StsToken but sts_token is empty` };
  }
  return {
    credentials: new Credentials({
      accessKeyId: profile.access_key_id,
      accessKeySecret: profile.access_key_secret,
      securityToken: mode === "StsToken" ? profile.sts_token : undefined,
      source: "aliyun-cli-config",
      profile: name,
    }),
  };
}
