import { describe, expect, it } from 'vitest';
import { datasetOf, splitSubjects } from './notesApi';

describe('note subjects', () => {
  it('links a column subject to its dataset and column', () =>
    expect(datasetOf('demo.fct.billings_allocated.alloc_amount')).toEqual({ dataset: 'demo.fct.billings_allocated', column: 'alloc_amount' }));
  it('links a dataset subject to the dataset', () =>
    expect(datasetOf('demo.dim.accounts')).toEqual({ dataset: 'demo.dim.accounts', column: null }));
  it('splits subjects typed with commas or one per line, dropping blanks', () =>
    expect(splitSubjects('demo.dim.accounts,\n demo.dim.zones ,, \n')).toEqual(['demo.dim.accounts', 'demo.dim.zones']));
});
