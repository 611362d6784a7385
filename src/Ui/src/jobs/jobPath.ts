/** The job page of a job URN (a query parameter: URNs hold colons, slashes and dots). */
export function jobPath(urn: string): string {
  return `/job?${new URLSearchParams({ urn }).toString()}`;
}
