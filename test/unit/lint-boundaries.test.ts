import { ESLint } from 'eslint';
import path from 'path';

const root = path.join(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });

  return result.messages.filter((m: { ruleId: string }) => m.ruleId === 'no-restricted-imports').map((m: { message: string }) => m.message);
}

describe('layer boundaries', () => {
  it.each([
    ["import { ref } from 'vue';"],
    ["import Vuex from 'vuex';"],
    ["import { useRouter } from 'vue-router';"],
    ["import Loading from '@shell/components/Loading.vue';"],
    ["import { Banner } from '@components/Banner';"],
    ["import { findProvisioningCluster } from '../api/clusters';"],
    ["import { useThing } from '../composables/useThing';"],
    ["import Thing from '../components/Thing.vue';"],
    ["import fs from 'fs';"],
  ])('rejects %s in the migration engine', async(code) => {
    expect(await restrictedImports('pkg/aws-oot-migration/migration/example.ts', code)).toHaveLength(1);
  });

  it('lets the engine import its own modules and js-yaml', async() => {
    const code = "import yaml from 'js-yaml';\nimport { x } from './effective-config';\nexport const y = [yaml, x];\n";

    expect(await restrictedImports('pkg/aws-oot-migration/migration/example.ts', code)).toStrictEqual([]);
  });

  it('keeps components away from the api layer', async() => {
    expect(await restrictedImports('pkg/aws-oot-migration/components/Thing.vue', "<script lang=\"ts\">\nimport { findProvisioningCluster } from '../api/clusters';\nexport default {};\n</script>\n")).toHaveLength(1);
  });

  it('keeps the simulator from importing the extension', async() => {
    expect(await restrictedImports('simulator/engine/example.ts', "import { x } from '../../pkg/aws-oot-migration/migration/classify';\n")).toHaveLength(1);
  });
});
