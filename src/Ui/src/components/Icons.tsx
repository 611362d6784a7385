// Small inline SVG icons: no icon font to load, they take the text colour, and they are decorative (aria-hidden): the
// words next to them say the same.

export function PrincipalIcon({ kind }: { kind: 'USER' | 'GROUP' }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      {kind === 'GROUP' ? (
        <path fill="currentColor" d="M5 7a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5Zm6 0a2 2 0 1 1 0-4 2 2 0 0 1 0 4ZM0 13c0-2.2 2.2-4 5-4s5 1.8 5 4v1H0v-1Zm11 1v-1c0-1.2-.4-2.3-1.1-3.1.4-.1.7-.1 1.1-.1 2.2 0 4 1.3 4 3v1.2h-4Z" />
      ) : (
        <path fill="currentColor" d="M8 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6Zm-6 6c0-2.8 2.7-5 6-5s6 2.2 6 5v1H2v-1Z" />
      )}
    </svg>
  );
}

/** Brand-ish colours for the platforms TownLake connects to; others get a neutral badge. */
const PLATFORMS: Record<string, { label: string; colour: string }> = {
  duckdb: { label: 'Dk', colour: '#8a6d00' },
  postgres: { label: 'Pg', colour: '#336791' },
  postgresql: { label: 'Pg', colour: '#336791' },
  trino: { label: 'Tr', colour: '#b0115b' },
  dbt: { label: 'db', colour: '#c4411e' },
  snowflake: { label: 'Sf', colour: '#1a6fa3' },
  bigquery: { label: 'BQ', colour: '#2f6bd0' },
  mysql: { label: 'My', colour: '#00667a' },
  kafka: { label: 'Kf', colour: '#333333' },
  s3: { label: 'S3', colour: '#7a4a00' },
};

/** A platform's badge before its name ("duckdb"), so datasets from different sources tell apart at a glance. */
export function PlatformIcon({ platform }: { platform: string }) {
  const known = PLATFORMS[platform.toLowerCase()];
  const label = known?.label ?? platform.slice(0, 2);
  return (
    <svg className="icon platform-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect width="16" height="16" rx="4" fill={known?.colour ?? '#57606a'} />
      <text x="8" y="11.5" textAnchor="middle" fontSize="8" fontWeight="700" fill="#ffffff" fontFamily="system-ui, sans-serif">{label}</text>
    </svg>
  );
}
