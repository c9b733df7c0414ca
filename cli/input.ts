// Reading the cluster, management cluster and node files (JSON or YAML) and telling bad input apart.
import { readFileSync } from 'fs';
import { DEFAULT_SCHEMA, load } from 'js-yaml';
import { InputError } from './args';

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readDocument(file: string): unknown {
  let text: string;

  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${ file }: ${ (e as NodeJS.ErrnoException).code ?? (e as Error).message }`);
  }
  try {
    // YAML is a superset of JSON, so one parser reads both
    return load(text, { schema: DEFAULT_SCHEMA, filename: file });
  } catch (e) {
    throw new InputError(`malformed YAML or JSON in ${ file }: ${ String((e as Error).message).split('\n')[0] }`);
  }
}

export function isProvisioningCluster(o: unknown): o is Obj {
  return isObj(o) && o.kind === 'Cluster' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('provisioning.cattle.io/');
}

/** Steve/kubectl shape (`management.cattle.io/v3` Cluster) or Norman shape (`type: cluster`). */
export function isManagementCluster(o: unknown): o is Obj {
  return isObj(o) && ((o.kind === 'Cluster' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('management.cattle.io/')) || o.type === 'cluster');
}

function describe(o: unknown): string {
  if (!isObj(o)) {
    return Array.isArray(o) ? 'a list' : o === null || o === undefined ? 'empty' : `a ${ typeof o }`;
  }

  return o.kind ? `kind ${ o.kind }${ o.apiVersion ? ` (${ o.apiVersion })` : '' }` : 'an object without kind';
}

export function readCluster(file: string): { cluster?: Obj; management?: Obj } {
  const doc = readDocument(file);

  if (isProvisioningCluster(doc)) {
    return { cluster: doc };
  }
  if (isManagementCluster(doc)) {
    return { management: doc };
  }
  throw new InputError(`${ file } is not a Rancher cluster: found ${ describe(doc) }, expected a provisioning.cattle.io/v1 or management.cattle.io/v3 Cluster`);
}

export function readManagement(file: string): Obj {
  const doc = readDocument(file);

  if (!isManagementCluster(doc)) {
    throw new InputError(`${ file } is not a management cluster: found ${ describe(doc) }, expected a management.cattle.io/v3 Cluster`);
  }

  return doc;
}

export function readNodes(file: string): Obj[] {
  const doc = readDocument(file);
  const items = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.items) ? doc.items : undefined;

  if (!items) {
    throw new InputError(`${ file } is not a node list: found ${ describe(doc) }, expected a list of Node objects or a Kubernetes List`);
  }
  const bad = items.findIndex((n) => !isObj(n) || (n.kind !== undefined && n.kind !== 'Node') || !isObj(n.metadata) || typeof n.metadata.name !== 'string');

  if (bad >= 0) {
    throw new InputError(`${ file } is not a node list: item ${ bad } is not a Node`);
  }

  return items;
}
