/**
 * Registers the custom search attributes on a server that does not know them yet (the test
 * server, or a cluster set up without docker-compose). The dev-server launcher passes them as flags.
 */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributeRegistrations } from '../workflows/search-attributes';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const typeByName: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<void> {
  const searchAttributes = Object.fromEntries(
    searchAttributeRegistrations.map(({ name, type }) => {
      const indexed = typeByName[type];
      if (indexed === undefined) throw new Error(`no indexed value type for ${type}`);
      return [name, indexed];
    }),
  );
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

/**
 * Registers those of the custom search attributes a cluster does not know yet. Used by the API
 * when it starts against a cluster, so a fresh docker-compose cluster needs no set-up step.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string[]> {
  const known = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = searchAttributeRegistrations.filter(
    ({ name }) => !Object.hasOwn(known.customAttributes, name),
  );
  if (missing.length === 0) return [];
  const searchAttributes = Object.fromEntries(
    missing.map(({ name, type }) => {
      const indexed = typeByName[type];
      if (indexed === undefined) throw new Error(`no indexed value type for ${type}`);
      return [name, indexed];
    }),
  );
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  return missing.map(({ name }) => name);
}
