import { describe, expect, it } from 'vitest';
import { describeQueryError } from './errorText';

describe('describeQueryError', () => {
  it('says the position once', () => {
    expect(describeQueryError({ message: 'Syntax error (line 2, column 29): syntax error at or near "x"', line: 2, column: 29 }))
      .toBe('The query failed at line 2, column 29: Syntax error: syntax error at or near "x"');
    expect(describeQueryError({ message: 'Parser Error: syntax error at or near "x"\nLINE 2: FROM t WHER x\n                    ^', line: 2, column: 14 }))
      .toBe('The query failed at line 2, column 14: Parser Error: syntax error at or near "x"');
  });

  it('keeps a message without a position as it is', () => {
    expect(describeQueryError({ message: "Unknown dataset 'x'." })).toBe("The query failed: Unknown dataset 'x'.");
    expect(describeQueryError(null)).toBe('The query failed: no reason given.');
  });
});
