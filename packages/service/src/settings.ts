import { z } from "zod";

/**
 * Everything the real service does not document is a setting here, with our defaults.
 * The README lists each one under "Where we chose".
 */
export const faultKindSchema = z.enum(["error500", "throttle", "cut-after-commit"]);
export type FaultKind = z.infer<typeof faultKindSchema>;

export const faultSettingsSchema = z.strictObject({
  /** Share of API requests (0..1) that get a fault instead of the normal answer. */
  rate: z.number().min(0).max(1),
  /** The faults to pick from, evenly. */
  kinds: z.array(faultKindSchema).min(1),
  /** Makes the sequence of faults repeatable; without it faults are random. */
  seed: z.number().int().optional(),
  /** The `x-acs-retry-after` (ms) sent with an injected throttle. */
  retryAfterMs: z.number().int().min(0),
  /** Delay added before every API response, to let clients test timeouts. */
  latencyMs: z.number().int().min(0),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const DEFAULT_FAULTS: FaultSettings = {
  rate: 0,
  kinds: ["error500", "throttle", "cut-after-commit"],
  retryAfterMs: 1000,
  latencyMs: 0,
};

export const serviceSettingsSchema = z.strictObject({
  /** Longest template name, in Unicode code points. */
  nameMaxLength: z.number().int().min(1),
  /** Longest template content, in Unicode code points. */
  contentMaxLength: z.number().int().min(1),
  /** Page size when a List sends no `maxResults`. */
  defaultMaxResults: z.number().int().min(1),
  /** Largest `maxResults` a List accepts. */
  maxResultsLimit: z.number().int().min(1),
  /** When true, a second template with the same name in a workspace is refused. */
  uniqueNames: z.boolean(),
  /** How far `x-acs-date` may be from the service's clock. */
  timestampToleranceSeconds: z.number().int().min(1),
  /** Shifts the service's own clock, to reproduce a client whose clock is off. */
  clockOffsetSeconds: z.number().int(),
  /**
   * Live signature nonces one AccessKey may have (each is kept until its request's x-acs-date
   * is `timestampToleranceSeconds` past). None is ever forgotten early to make room: at the
   * bound, the key's new requests are throttled until its oldest nonce expires.
   */
  maxLiveNoncesPerKey: z.number().int().min(1),
  /** Largest request line plus headers (long templates travel in the URL). */
  maxHeaderBytes: z
    .number()
    .int()
    .min(16 * 1024),
  /** Largest request body; bodies are ignored, but not read without a bound. */
  maxBodyBytes: z.number().int().min(0),
  /** Seed each new workspace with read-only System templates. */
  systemTemplates: z.boolean(),
  /** How long `close()` waits for in-flight requests before cutting their connections. */
  shutdownTimeoutMs: z.number().int().min(0),
  faults: faultSettingsSchema,
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

export const DEFAULT_SETTINGS: ServiceSettings = {
  nameMaxLength: 128,
  contentMaxLength: 20_000,
  defaultMaxResults: 20,
  maxResultsLimit: 100,
  uniqueNames: false,
  timestampToleranceSeconds: 15 * 60,
  clockOffsetSeconds: 0,
  // A bulk import sends one signed request per row; 1M live nonces allow ~1,100 rows/s for
  // 15 minutes (at 100k, a 100k-row import was throttled to 111 rows/s).
  maxLiveNoncesPerKey: 1_000_000,
  maxHeaderBytes: 1024 * 1024,
  maxBodyBytes: 1024 * 1024,
  systemTemplates: true,
  shutdownTimeoutMs: 10_000,
  faults: DEFAULT_FAULTS,
};

/** What callers pass: any subset, faults included. */
export type ServiceSettingsInput = Partial<Omit<ServiceSettings, "faults">> & {
  faults?: Partial<FaultSettings> | undefined;
};

export const serviceSettingsInputSchema = serviceSettingsSchema
  .extend({ faults: faultSettingsSchema.partial() })
  .partial();

export const faultSettingsInputSchema = faultSettingsSchema.partial();

/** Fills in defaults and checks the result, so a bad config file fails at start, not mid-request. */
export function resolveSettings(input: ServiceSettingsInput = {}): ServiceSettings {
  const faults = resolveFaults(input.faults);
  return serviceSettingsSchema.parse({ ...DEFAULT_SETTINGS, ...definedOnly(input), faults });
}

export function resolveFaults(
  input: Partial<FaultSettings> | undefined,
  base: FaultSettings = DEFAULT_FAULTS,
): FaultSettings {
  return faultSettingsSchema.parse({ ...base, ...definedOnly(input ?? {}) });
}

/** Drops keys set to undefined, so `{port: undefined}`-style input keeps the default. */
function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
