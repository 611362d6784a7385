import { errorMessage } from '../api/client';

export function Loading({ what }: { what: string }) {
  return <p className="state loading" role="status">Loading {what}…</p>;
}

export function ErrorNotice({ error, what }: { error: unknown; what: string }) {
  return (
    <div className="state error" role="alert">
      <strong>Could not load {what}.</strong> {errorMessage(error)}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <p className="state empty">{children}</p>;
}
