import { describe, expect, it } from "vitest";
import { parseAcsDate } from "./acs-date.js";

describe("parseAcsDate", () => {
  it("reads the form the SDK sends", () => {
    expect(parseAcsDate("2023-10-26T10:22:32Z")).toBe(Date.UTC(2023, 9, 26, 10, 22, 32));
    expect(parseAcsDate("2024-02-29T23:59:59Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
  });

  it("refuses times that are not on the calendar", () => {
    for (const date of [
      "2024-11-31T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-00-10T00:00:00Z",
      "2024-12-01T24:00:00Z",
      "2024-12-01T23:60:00Z",
      "2016-12-31T23:59:60Z",
    ]) {
      expect(parseAcsDate(date), date).toBeUndefined();
    }
  });

  it("refuses other forms of a time", () => {
    for (const date of [
      "2024-12-01T10:00:00.000Z",
      "2024-12-01T10:00:00+00:00",
      "2024-12-01T10:00:00",
      "2024-12-01 10:00:00Z",
      "Sun, 01 Dec 2024 10:00:00 GMT",
      " 2024-12-01T10:00:00Z",
      "+02024-12-01T10:00:00Z",
      "",
    ]) {
      expect(parseAcsDate(date), date).toBeUndefined();
    }
  });
});
