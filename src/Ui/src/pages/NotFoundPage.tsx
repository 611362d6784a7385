import { Link } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>Nothing lives at this address. <Link to="/">Back to the catalog home</Link>.</p>
    </section>
  );
}
