// Steve wire shapes: schemas, collections, resources and errors, built per request (links use the
// browser-visible origin and the caller's verbs, so a read-only user gets no update/remove links).

import type { Verb } from '../auth';
import { KubeObject, keyOf } from '../kube-object';
import { DEFAULT_COLUMNS, TypeDef } from '../type-registry';
import { summarize } from './state-summary';

export interface SteveView {
  /** e.g. http://host/v1 or http://host/k8s/clusters/c-m-x/v1 */
  base: string;
  verbs: (typeId: string) => Verb[];
}

export function steveSchema(d: TypeDef, view: SteveView) {
  const verbs = view.verbs(d.id);
  const resourceMethods = [
    verbs.includes('get') && 'GET',
    verbs.includes('delete') && 'DELETE',
    verbs.includes('update') && 'PUT',
    verbs.includes('patch') && 'PATCH',
  ].filter(Boolean);
  const collectionMethods = [verbs.includes('list') && 'GET', verbs.includes('create') && 'POST'].filter(Boolean);

  return {
    id:                d.id,
    type:              'schema',
    links:             { self: `${ view.base }/schemas/${ d.id }`, collection: `${ view.base }/${ d.plural }` },
    pluralName:        d.plural,
    resourceMethods,
    collectionMethods,
    resourceFields:    null,
    resourceActions:   Object.fromEntries((d.resourceActions || []).map((a) => [a, {}])),
    collectionActions: {},
    attributes:        {
      group: d.group, version: d.version, kind: d.kind, resource: d.resource, namespaced: d.namespaced, verbs, ...(d.virtual ? {} : { columns: d.columns || DEFAULT_COLUMNS })
    },
  };
}

/** `GET /v1/schemaDefinitions/<id>`: the dashboard only needs the definition to exist (fields are optional). */
export function steveSchemaDefinition(d: TypeDef, view: SteveView) {
  return {
    id:             d.id,
    type:           'schemaDefinition',
    links:          { self: `${ view.base }/schemaDefinitions/${ d.id }` },
    definitionType: d.id,
    definitions:    { [d.id]: { type: d.id, resourceFields: {}, description: '' } },
  };
}

function viewLink(d: TypeDef, o: KubeObject, base: string): string {
  const root = base.replace(/\/v1$/, '');
  const api = d.group ? `apis/${ d.group }/${ d.version }` : `api/${ d.version }`;
  const ns = d.namespaced && o.metadata.namespace ? `namespaces/${ o.metadata.namespace }/` : '';

  return `${ root }/${ api }/${ ns }${ d.resource }/${ o.metadata.name }`;
}

export function steveResource(d: TypeDef, o: KubeObject, view: SteveView) {
  const id = keyOf(o);
  const self = `${ view.base }/${ d.plural }/${ id }`;
  const verbs = view.verbs(d.id);
  const links: Record<string, string> = { self, view: viewLink(d, o, view.base) };

  if (verbs.includes('update')) {
    links.update = self;
    links.patch = self;
  }
  if (verbs.includes('delete')) {
    links.remove = self;
  }
  const actions: Record<string, string> = {};

  if (verbs.includes('create')) {
    for (const a of d.resourceActions || []) {
      actions[a] = `${ self }?action=${ a }`;
    }
  }

  return {
    id,
    type:       d.id,
    links,
    ...(Object.keys(actions).length ? { actions } : {}),
    ...o,
    apiVersion: o.apiVersion,
    kind:       o.kind,
    metadata:   {
      ...o.metadata,
      state:         summarize(d.id, o),
      relationships: [],
      fields:        [],
    },
  };
}

export function steveCollection(d: { id: string }, data: unknown[], view: SteveView, selfUrl: string, revision: string, createUrl?: string) {
  return {
    type:         'collection',
    links:        { self: selfUrl },
    createTypes:  createUrl ? { [d.id]: createUrl } : {},
    actions:      {},
    resourceType: d.id,
    revision,
    count:        data.length,
    data,
  };
}

export function steveError(status: number, code: string, message: string) {
  return {
    type: 'error', links: {}, code, message, status
  };
}
