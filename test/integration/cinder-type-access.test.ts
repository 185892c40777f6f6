/** The real `cinder` client managing access to a private volume type, and a member using it. */
import test from 'ava';
import { startTestNode, tempDir } from '../helpers/node.js';
import { findBinary, table, cinderRunner } from '../rest/cli.js';

const cinder = await findBinary('cinder');
const serial = cinder ? test.serial : test.skip;
const title = (t: string) => (cinder ? t : `${t} (skipped: apt-get install python3-cinderclient)`);

// cinderclient's noauth sends type-access-add's --project-id as the caller's project too, so the
// admin grants access to its own project; a member of another project must not see the type.
const memberProject = 'b0000000000000000000000000000002';
const adminProject = memberProject;
const otherProject = 'c0000000000000000000000000000003';
let node: Awaited<ReturnType<typeof startTestNode>>;
let home: Awaited<ReturnType<typeof tempDir>>;

test.before(async () => {
  if (!cinder) return;
  home = await tempDir('kiln-cinder-home-');
  node = await startTestNode({ authStrategy: 'noauth' });
});
test.after.always(async () => { await node?.cleanup(); await home?.remove(); });

const cli = cinderRunner(cinder, { port: () => node.port, home: () => home.path, defaultCaller: { user: 'admin', project: adminProject } });
const run = (args: string[], user: string, project: string) => cli.run(args, { user, project });

serial(title('type-access-add lets a member project see and use a private type; type-access-remove takes it away'), async (t) => {
  const asAdmin = (...args: string[]) => run(args, 'admin', adminProject);
  const asMember = (...args: string[]) => run(args, 'bob', memberProject);
  t.is((await asAdmin('type-create', 'secret-gold', '--is-public', 'false')).exitCode, 0);
  const typeId = table((await asAdmin('type-show', 'secret-gold')).stdout).rows.find((r) => r.Property === 'id')?.Value ?? '';
  t.regex(typeId, /^[0-9a-f-]{36}$/);
  t.false((await asMember('type-list')).stdout.includes('secret-gold'));
  const asOther = (...args: string[]) => run(args, 'carol', otherProject);
  const add = await asAdmin('type-access-add', '--volume-type', typeId, '--project-id', memberProject);
  t.is(add.exitCode, 0, add.stderr);
  const access = table((await asAdmin('type-access-list', '--volume-type', typeId)).stdout);
  t.deepEqual(access.headers, ['Volume_type_ID', 'Project_ID']);
  t.deepEqual(access.rows, [{ Volume_type_ID: typeId, Project_ID: memberProject }]);
  t.true((await asMember('type-list')).stdout.includes('secret-gold'));
  t.false((await asOther('type-list')).stdout.includes('secret-gold'), 'a project without access still cannot see it');
  const created = await asMember('create', '1', '--volume-type', typeId, '--name', 'bobs');
  t.is(created.exitCode, 0, created.stderr);
  t.is(node.readModel.list({ projectId: memberProject })[0]?.volumeTypeName, 'secret-gold');
  t.is((await asAdmin('type-access-remove', '--volume-type', typeId, '--project-id', memberProject)).exitCode, 0);
  t.false((await asMember('type-list')).stdout.includes('secret-gold'));
  const refused = await asMember('create', '1', '--volume-type', typeId);
  t.not(refused.exitCode, 0);
});
