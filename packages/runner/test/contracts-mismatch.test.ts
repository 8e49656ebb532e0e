import { describe, expect, it } from 'vitest';
import { columnsMatch, contractErrorMessage, contractMismatches, mismatchTable } from '../src/materialize/contract-mismatch.js';

const cols = (...pairs: [string, string][]) => pairs.map(([name, dataType]) => ({ name, dataType }));

// dbt's assert_columns_equivalent and ContractError's table, without a database.
describe('contract mismatches', () => {
  const contract = cols(['id', 'INTEGER'], ['name', 'VARCHAR'], ['amount', 'DECIMAL(10,2)']);

  it('matches names case-insensitively and in any order; types must be equal', () => {
    expect(columnsMatch(contract, cols(['AMOUNT', 'DECIMAL(10,2)'], ['Id', 'INTEGER'], ['name', 'VARCHAR']))).toBe(true);
    expect(columnsMatch(contract, cols(['id', 'BIGINT'], ['name', 'VARCHAR'], ['amount', 'DECIMAL(10,2)']))).toBe(false);
    expect(columnsMatch(contract, cols(['id', 'INTEGER'], ['name', 'VARCHAR']))).toBe(false);
  });

  it('lists type mismatches, columns missing from the contract and from the definition, sorted by name', () => {
    expect(contractMismatches(contract, cols(['id', 'VARCHAR'], ['name', 'VARCHAR'], ['extra', 'INTEGER']))).toEqual([
      { column_name: 'amount', definition_type: '', contract_type: 'DECIMAL(10,2)', mismatch_reason: 'missing in definition' },
      { column_name: 'extra', definition_type: 'INTEGER', contract_type: '', mismatch_reason: 'missing in contract' },
      { column_name: 'id', definition_type: 'VARCHAR', contract_type: 'INTEGER', mismatch_reason: 'data type mismatch' },
    ]);
  });

  it('prints the table as agate does, clipping values over 50 characters', () => {
    const long = `STRUCT(${'a'.repeat(60)} INTEGER)`;
    expect(mismatchTable([{ column_name: 's', definition_type: long, contract_type: 'INTEGER', mismatch_reason: 'data type mismatch' }])).toBe(
      [
        '| column_name | definition_type                                    | contract_type | mismatch_reason    |',
        '| ----------- | -------------------------------------------------- | ------------- | ------------------ |',
        `| s           | ${long.slice(0, 47)}... | INTEGER       | data type mismatch |`,
      ].join('\n'),
    );
  });

  it('a contract without columns has dbt’s own message', () => {
    expect(contractErrorMessage([], cols(['id', 'INTEGER']))).toBe("This model has an enforced contract, and its 'columns' specification is missing");
    expect(contractErrorMessage(contract, contract.slice(1))).toMatch(/^This model has an enforced contract that failed\.\nPlease ensure/u);
  });
});
