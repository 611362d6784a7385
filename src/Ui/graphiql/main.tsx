import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Same origin as the page: the Catalog host serves this explorer at GET /graphql and
// answers POST /graphql, so the fetcher needs no configuration.
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.origin).toString() });

const defaultQuery = `# Welcome to the TownLake GraphQL explorer.
query Example {
  me { user { name } canEdit }
  dataset(name: "demo.dim.accounts") {
    name
    description
    columns { name type description }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    {/* The server answers the spec's full introspection (deprecated arguments and input fields, schema description),
        so the explorer asks for it and shows deprecated arguments too. */}
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} inputValueDeprecation schemaDescription>
      <GraphiQL.Logo>
        <a href="/" className="townlake-back" data-testid="graphiql-back-to-app" title="Back to the TownLake catalog">
          ← TownLake
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
