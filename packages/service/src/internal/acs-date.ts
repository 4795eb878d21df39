import { formatAcsDate } from "@promptmill/core";

const ACS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * The time an x-acs-date names, in ms since the epoch, or undefined unless it is a real UTC
 * time written exactly `YYYY-MM-DDTHH:mm:ssZ`, as the official SDK writes it. Date.parse
 * alone rolls `2024-11-31` over to December 1st and reads `24:00:00` as the next midnight, so
 * only a time that formats back to the same text is a real one.
 */
export function parseAcsDate(value: string): number | undefined {
  if (!ACS_DATE.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || formatAcsDate(new Date(time)) !== value) return undefined;
  return time;
}
