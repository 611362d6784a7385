import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from '../api/client';
import { friendlyError } from './friendlyError';

describe('friendlyError', () => {
  it('says what failed in words and keeps a message meant for people', () => {
    expect(friendlyError('add tag “pii”', new GraphQLRequestError(['Tag names are at most 100 characters.'], ['BAD_USER_INPUT'])))
      .toBe('Could not add tag “pii”: Tag names are at most 100 characters.');
  });

  it('explains error codes instead of repeating the server', () => {
    expect(friendlyError('remove owner bob', new GraphQLRequestError(['Access denied for removeOwners'], ['FORBIDDEN'])))
      .toBe('Could not remove owner bob: You are not allowed to change this.');
  });

  it('never shows mutation names', () => {
    expect(friendlyError('add term', new Error('addGlossaryTerms failed: unknown term'))).toBe('Could not add term: the change failed: unknown term');
  });
});
