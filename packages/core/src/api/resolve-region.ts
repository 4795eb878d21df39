import { homedir } from "node:os";
import { join } from "node:path";
import { findAliyunCliProfile } from "./credentials/aliyun-cli-config.js";
import { DEFAULT_REGION } from "./endpoint.js";

export interface ResolveRegionOptions {
  /** The caller's choice (a CLI's `--region`): wins over everything else. */
  region?: string | undefined;
  /** The aliyun CLI profile whose `region_id` counts (default: as the credential chain picks it). */
  profile?: string | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  homeDir?: string | undefined;
}

export interface ResolvedRegion {
  readonly region: string;
  /** Where it came from, for `--verbose`: `--region`, `ALIBABA_CLOUD_REGION_ID`, a profile, or the default. */
  readonly from: string;
}

/**
 * The region to talk to when no endpoint is given, the way Alibaba Cloud's tools pick it: the
 * caller's choice, then ALIBABA_CLOUD_REGION_ID, then the aliyun CLI profile's `region_id`,
 * then cn-beijing.
 */
export async function resolveRegion(options: ResolveRegionOptions = {}): Promise<ResolvedRegion> {
  if (options.region) return { region: options.region, from: "the region option" };
  const env = options.env ?? process.env;
  const fromEnv = env.ALIBABA_CLOUD_REGION_ID?.trim();
  if (fromEnv) return { region: fromEnv, from: "ALIBABA_CLOUD_REGION_ID" };
  const found = await findAliyunCliProfile(
    join(options.homeDir ?? homedir(), ".aliyun", "config.json"),
    options.profile || env.ALIBABA_CLOUD_PROFILE || undefined,
  );
  const fromProfile = "profile" in found ? found.profile.region_id?.trim() : undefined;
  if ("profile" in found && fromProfile) {
    return { region: fromProfile, from: `aliyun CLI profile "${found.profile.name}"` };
  }
  return { region: DEFAULT_REGION, from: "the default" };
}
