import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveRegion } from "./resolve-region.js";

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "promptmill-region-"));
  await mkdir(join(home, ".aliyun"));
  await writeFile(
    join(home, ".aliyun", "config.json"),
    JSON.stringify({
      current: "intl",
      profiles: [
        {
          name: "intl",
          mode: "AK",
          access_key_id: "a",
          access_key_secret: "b",
          region_id: "ap-southeast-1",
        },
        {
          name: "cn",
          mode: "AK",
          access_key_id: "a",
          access_key_secret: "b",
          region_id: "cn-beijing",
        },
        { name: "none", mode: "AK", access_key_id: "a", access_key_secret: "b" },
      ],
    }),
  );
});

afterEach(() => rm(home, { recursive: true, force: true }));

describe("resolveRegion", () => {
  it("takes the caller's region first, then ALIBABA_CLOUD_REGION_ID, then the profile's region_id", async () => {
    const env = { ALIBABA_CLOUD_REGION_ID: "cn-beijing" };
    expect(await resolveRegion({ region: "ap-southeast-1", env, homeDir: home })).toEqual({
      region: "ap-southeast-1",
      from: "the region option",
    });
    expect(await resolveRegion({ env, homeDir: home })).toEqual({
      region: "cn-beijing",
      from: "ALIBABA_CLOUD_REGION_ID",
    });
    expect(await resolveRegion({ env: {}, homeDir: home })).toEqual({
      region: "ap-southeast-1",
      from: 'aliyun CLI profile "intl"',
    });
  });

  it("reads the profile asked for, by option or ALIBABA_CLOUD_PROFILE", async () => {
    expect((await resolveRegion({ env: {}, homeDir: home, profile: "cn" })).region).toBe(
      "cn-beijing",
    );
    expect(
      (await resolveRegion({ env: { ALIBABA_CLOUD_PROFILE: "cn" }, homeDir: home })).region,
    ).toBe("cn-beijing");
  });

  it("falls back to cn-beijing without a region anywhere", async () => {
    expect(await resolveRegion({ env: {}, homeDir: home, profile: "none" })).toEqual({
      region: "cn-beijing",
      from: "the default",
    });
    expect(await resolveRegion({ env: {}, homeDir: join(home, "nowhere") })).toEqual({
      region: "cn-beijing",
      from: "the default",
    });
  });
});
