import { GraphQLRequestError } from '../api/client';

/** What the server's error codes mean to someone editing metadata. */
const CODE_MESSAGES: Record<string, string> = {
  FORBIDDEN: 'You are not allowed to change this.',
  UNAUTHENTICATED: 'Sign in to change this.',
  NOT_FOUND: 'It no longer exists; reload the page.',
};

/**
 * An error as a sentence a user knows: "Could not add tag “pii”: …". The server's message is kept when it is already
 * meant for people (BAD_USER_INPUT and the like), and GraphQL field names (addTags, removeOwners) never show.
 */
export function friendlyError(action: string, error: unknown): string {
  let detail = error instanceof Error ? error.message : String(error);
  if (error instanceof GraphQLRequestError) {
    const known = error.codes.map((c) => CODE_MESSAGES[c]).find(Boolean);
    detail = known ?? error.messages.join(' ');
  }
  detail = detail.replace(/\b(?:add|remove|update|create|set|delete)[A-Z]\w*\b/g, 'the change').replace(/\s+/g, ' ').trim();
  return `Could not ${action}: ${detail}`;
}
