// The one way the UI talks to the Catalog: POST /graphql on the same origin.

/** A GraphQL response carried errors (or the HTTP call failed); `messages` are shown to people. */
export class GraphQLRequestError extends Error {
  readonly messages: string[];
  readonly codes: string[];

  constructor(messages: string[], codes: string[] = []) {
    super(messages.join('; '));
    this.name = 'GraphQLRequestError';
    this.messages = messages;
    this.codes = codes;
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let endpoint = '/graphql';

/** Points the client at another server; the browser app always uses its own origin. */
export function setGraphQLEndpoint(url: string): void {
  endpoint = url;
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphQLRequestError(['The catalog service could not be reached.']);
  }
  let body: GraphQLResponse<T> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new GraphQLRequestError([`The catalog service answered ${response.status} ${response.statusText} without a GraphQL body.`]);
  }
  if (body.errors && body.errors.length > 0) {
    throw new GraphQLRequestError(
      body.errors.map((e) => e.message),
      body.errors.map((e) => e.extensions?.code ?? ''),
    );
  }
  if (!response.ok || body.data == null) {
    throw new GraphQLRequestError([`The catalog service answered ${response.status} ${response.statusText}.`]);
  }
  return body.data;
}

export function errorMessage(error: unknown): string {
  if (error instanceof GraphQLRequestError) return error.messages.join(' ');
  if (error instanceof Error) return error.message;
  return String(error);
}
