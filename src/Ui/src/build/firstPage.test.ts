import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, firstPageChunks, withBootScript, withCompileHint } from './firstPage';

describe('firstPageChunks', () => {
  it('follows the entries\' static imports, transitively, and leaves lazily loaded chunks out', () => {
    const chunks = [
      { fileName: 'assets/index.js', isEntry: true, imports: ['assets/react.js', 'assets/queryClient.js'] },
      { fileName: 'assets/boot.js', isEntry: true, imports: ['assets/queryClient.js'] },
      { fileName: 'assets/queryClient.js', isEntry: false, imports: ['assets/client.js'] },
      { fileName: 'assets/client.js', isEntry: false, imports: [] },
      { fileName: 'assets/react.js', isEntry: false, imports: [] },
      { fileName: 'assets/LineagePanel.js', isEntry: false, imports: ['assets/react.js', 'assets/xyflow.js'] },
      { fileName: 'assets/xyflow.js', isEntry: false, imports: [] },
    ];
    expect(firstPageChunks(chunks).sort()).toEqual(['assets/boot.js', 'assets/client.js', 'assets/index.js', 'assets/queryClient.js', 'assets/react.js']);
  });

  it('survives an import cycle', () => {
    const chunks = [
      { fileName: 'a.js', isEntry: true, imports: ['b.js'] },
      { fileName: 'b.js', isEntry: false, imports: ['a.js'] },
    ];
    expect(firstPageChunks(chunks).sort()).toEqual(['a.js', 'b.js']);
  });
});

describe('withCompileHint', () => {
  it('puts the hint on the first line, once', () => {
    const hinted = withCompileHint('const __vite__mapDeps=1;export{}');
    expect(hinted).toBe(`${COMPILE_HINT}const __vite__mapDeps=1;export{}`);
    expect(hinted.split('\n')[0]).toBe('//# allFunctionsCalledOnLoad');
    expect(withCompileHint(hinted)).toBe(hinted);
  });
});

describe('withBootScript', () => {
  const page = '<head>\n    <title>TownLake</title>\n    <script type="module" crossorigin src="/ui/assets/index-1.js"></script>\n    <link rel="modulepreload" href="/ui/assets/a.js">\n</head>';

  it('adds the boot script, async, right before the app\'s script', () => {
    const html = withBootScript(page, '/ui/assets/boot-2.js');
    const boot = html.indexOf('<script type="module" async crossorigin src="/ui/assets/boot-2.js"></script>');
    expect(boot).toBeGreaterThan(html.indexOf('<title>'));
    expect(boot).toBeLessThan(html.indexOf('/ui/assets/index-1.js'));
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('refuses a page without the app\'s script rather than build a page that never starts', () => {
    expect(() => withBootScript('<head></head>', '/ui/assets/boot-2.js')).toThrow(/no module script/);
  });
});
