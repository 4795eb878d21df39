import { InvalidArgumentError } from "commander";

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a whole number of 1 or more");
  }
  return number;
}

export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError("expected a number greater than 0");
  }
  return number;
}

/** Collects a repeatable option (`--var a=1 --var b=2`) into a list. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parsePortNumber(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number > 65_535) {
    throw new InvalidArgumentError("expected a port number from 0 to 65535");
  }
  return number;
}
